"""``python -m expandcontract`` and the ``expandcontract`` command: a ``lint`` run whose inputs
did not change since the same run last printed its report is served by the run cache
(``runcache``) before the command line is even imported; the common ``lint`` command lines
are read without click (``commands._fast``); every other run goes to ``cli``.

The cyclic garbage collector is off until then: a start imports some 170 modules whose objects
(functions, classes, constants) all live until the process ends, and the collector went over
them again and again for nothing (some 25 collections freeing a hundred objects, a tenth of a
one-file ``lint``). The lint itself runs with it paused anyway (``lint.lint_each``); the loading
of Alembic revisions before it is the one other work done with it off. ``cli`` gets it back,
with what was made so far handed to its oldest generation (``gc.freeze()`` then
``gc.unfreeze()``, O(1)), as ``lint`` does after linting."""

import gc
import sys


def main() -> None:
    gc.disable()
    from .runcache import serve

    serve(sys.argv[1:])  # (exits when the run is served)
    from .commands._fast import serve as fast

    fast(sys.argv[1:])  # (exits when it ran the command line)
    gc.freeze()
    gc.unfreeze()
    gc.enable()
    from .cli import main as cli

    cli(prog_name="expandcontract")


if __name__ == "__main__":
    main()
