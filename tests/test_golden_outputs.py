"""lint, check, split, plan and rules print exactly the committed golden outputs (tests/golden/).

A refactoring must leave every byte of them as it is. A change of output that is meant (a fix, a
better message) regenerates them with ``python tests/golden/update.py`` and says so in its commit.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
ROOT = GOLDEN.parent.parent


def _files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def test_outputs_are_the_golden_ones(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(GOLDEN / "update.py"), "--out", str(tmp_path / "now")],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    want, got = _files(GOLDEN / "outputs"), _files(tmp_path / "now")
    assert want, "no golden outputs committed: run python tests/golden/update.py"
    problems = [f"missing output {name}" for name in sorted(set(want) - set(got))]
    problems += [f"new output {name}" for name in sorted(set(got) - set(want))]
    for name in sorted(set(want) & set(got)):
        old, new = want[name].read_bytes(), got[name].read_bytes()
        if old != new:
            diff = difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(),
                                        f"golden/{name}", f"now/{name}", lineterm="", n=2)
            problems.append("\n".join(list(diff)[:60]))
    assert not problems, (
        "lint/check/split output changed (if on purpose: python tests/golden/update.py, and say so "
        "in the commit):\n" + "\n\n".join(problems[:10]))
