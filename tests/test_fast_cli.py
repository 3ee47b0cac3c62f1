"""The fast path of ``lint`` (``commands/_fast.py``) reads only command lines that click reads
the same way, and prints byte for byte what the click command prints, errors included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from expandcontract.commands._fast import lint_args

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "migrations"


@pytest.mark.parametrize(("argv", "expected"), [
    (["lint"], {"paths": ()}),
    (["lint", "a.sql", "b"], {"paths": ("a.sql", "b")}),
    (["lint", "--no-cache", "a.sql", "--format", "json"], {"no_cache": True, "fmt": "json", "paths": ("a.sql",)}),
    (["lint", "--format=gitlab", "--cache-dir=c", "--config", "x.toml", "a"],
     {"fmt": "gitlab", "cache_dir": "c", "config_path": "x.toml", "paths": ("a",)}),
])
def test_the_common_forms_are_read(argv, expected):
    assert lint_args(argv) == expected


@pytest.mark.parametrize("argv", [
    [], ["check"], ["lint", "--select", "EC1", "a"], ["lint", "-h"], ["lint", "--help"], ["lint", "-o", "x"],
    ["lint", "--format", "xml", "a"], ["lint", "--format"], ["lint", "--format", "--no-cache"],
    ["lint", "--format", "", "a"], ["lint", "--no-cache", "--no-cache", "a"], ["lint", "--format", "json", "--format=text"],
    ["lint", "--no-cache=1", "a"], ["lint", "--", "a"], ["lint", "-"], ["lint", "--no-cach", "a"],
    ["--version"], ["lint", "--cache-dir", "-x", "a"],
])
def test_anything_else_is_left_to_click(argv):
    assert lint_args(argv) is None


def test_shell_completion_is_left_to_click(monkeypatch):
    monkeypatch.setenv("_EXPANDCONTRACT_COMPLETE", "bash_complete")
    assert lint_args(["lint", "a.sql"]) is None


def _run(code: str, args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, env=env)
    return done.returncode, done.stdout, done.stderr


FAST = "from expandcontract.__main__ import main; main()"
CLICK = "from expandcontract.cli import main; main(prog_name='expandcontract')"


def test_the_fast_path_prints_what_click_prints(tmp_path):
    (tmp_path / "bad.sql").write_bytes(b"CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN \xff int;\n")
    (tmp_path / "syntax.sql").write_text("CREATE TABLE (;\n")
    (tmp_path / "bad.toml").write_text("[tool.expandcontract]\nno_such_key = 1\n")
    (tmp_path / "empty").mkdir()
    cache = str(tmp_path / "cache")
    forms = [
        ["lint", "--no-cache", str(EXAMPLES)],
        ["lint", str(EXAMPLES), "--no-cache", "--format", "json"],
        ["lint", "--format=sarif", "--no-cache", str(EXAMPLES)],
        ["lint", "--format", "github", "--no-cache", "syntax.sql"],
        ["lint", "--no-cache", "bad.sql"],
        ["lint", "--no-cache", "missing.sql"],
        ["lint", "--no-cache", "empty"],
        ["lint", "--no-cache", "--config", "bad.toml", "syntax.sql"],
        ["lint", "--no-cache", "--config", "missing.toml", "syntax.sql"],
        ["lint", "--cache-dir", cache, "--format", "gitlab", str(EXAMPLES)],
    ]
    for argv in forms:
        assert lint_args(argv) is not None, argv
        assert _run(FAST, argv, tmp_path) == _run(CLICK, argv, tmp_path), argv
