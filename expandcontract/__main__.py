"""``python -m expandcontract`` and the ``expandcontract`` command: a ``lint`` run whose inputs
did not change since the same run last printed its report is served by the run cache
(``runcache``) before the command line is even imported; the common ``lint`` command lines
are read without click (``commands._fast``); every other run goes to ``cli``."""

import sys


def main() -> None:
    from .runcache import serve

    serve(sys.argv[1:])  # (exits when the run is served)
    from .commands._fast import serve as fast

    fast(sys.argv[1:])  # (exits when it ran the command line)
    from .cli import main as cli

    cli(prog_name="expandcontract")


if __name__ == "__main__":
    main()
