"""Edge: SQLAlchemy models loaded in a subprocess of their own (``worker``).

Each app source gets a fresh interpreter with its source tree first on ``sys.path``, and comes
back as data (tables, mapped columns, places): two versions of one package, process-global
registries (protobuf's descriptor pool: "duplicate file name") and the modules the Alembic
revisions imported in this process never meet. When the source tree shadows an installed copy
of the same package, one line on stderr says which was imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..core.errors import InputError
from ..paths import display_path

__all__ = ["load_models"]

TIMEOUT = 600


def load_models(source: str, root: str | None, modules: list[str], attr: str, *, ddl: str | None = None) -> dict:
    """The tables of the models (or, with ``ddl`` a dialect, their ``CREATE`` statements)."""
    from .worker import MARK

    request = {"root": root, "modules": modules, "attr": attr, "source": source, "ddl": ddl}
    ours = str(Path(__file__).resolve().parents[2])  # where expandcontract itself is importable from
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (ours, env.get("PYTHONPATH", "")) if p)
    try:
        done = subprocess.run([sys.executable, "-m", "expandcontract.appmodels.worker", json.dumps(request)],
                              capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False,
                              cwd=root or None)
    except subprocess.TimeoutExpired:
        raise InputError(source, f"loading the models took more than {TIMEOUT} s") from None
    answer = None
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(MARK):
            answer = json.loads(line[len(MARK):])
            break
    if answer is None:
        tail = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise InputError(source, f"cannot load the models: {tail}")
    if "error" in answer:
        raise InputError(source, f"cannot import {','.join(modules)}: {answer['error']}")
    shadowed = answer.get("installed")
    if shadowed:
        print(f"expandcontract: {source}: imported {shadowed['package']} from {display_path(shadowed['imported'])} "
              f"(the source tree), not the installed {display_path(shadowed['installed'])}", file=sys.stderr)
    return answer
