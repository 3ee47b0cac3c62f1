"""``python -m expandcontract`` and the ``expandcontract`` command: a ``lint`` run whose inputs
did not change since the same run last printed its report is served by the run cache
(``runcache``) before the command line is even imported; every other run goes to ``cli``."""

import sys


def main() -> None:
    from .runcache import serve

    serve(sys.argv[1:])  # (exits when the run is served)
    from .cli import main as cli

    cli(prog_name="expandcontract")


if __name__ == "__main__":
    main()
