"""The run cache (``runcache``) and the code fingerprint both caches are keyed by: a run is served
its earlier report only when none of its inputs changed, and before the command line is imported;
an edited rule doc, file, folder or configuration is never answered with the report from before."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path, pythonpath: Path = ROOT, importtime: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run([sys.executable, *flags, "-m", "expandcontract", "lint", *args], capture_output=True,
                          text=True, cwd=cwd, env=env)


def _codes(done: subprocess.CompletedProcess) -> list[str]:
    return [f["code"] for f in json.loads(done.stdout)["findings"]]


def test_a_served_run_prints_the_same_and_imports_neither_click_nor_the_linter(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "001.sql").write_text("ALTER TABLE t RENAME COLUMN a TO b;\n")
    args = ("--cache-dir", str(tmp_path / "cache"), "--format", "json", "m")
    first = _run(*args, cwd=tmp_path)
    served = _run(*args, cwd=tmp_path, importtime=True)
    assert (served.returncode, served.stdout) == (first.returncode, first.stdout) == (1, first.stdout)
    imported = {line.split("|")[-1].strip() for line in served.stderr.splitlines() if line.startswith("import time")}
    assert "expandcontract.runcache" in imported
    assert not {m for m in imported if m.split(".")[0] == "click" or m.startswith(
        ("expandcontract.cli", "expandcontract.config", "expandcontract.sources", "expandcontract.core"))}
    assert _run("--no-cache", "--format", "json", "m", cwd=tmp_path).stdout == first.stdout


def test_every_input_that_changes_the_report_is_a_miss(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    first_file = folder / "001.sql"
    first_file.write_text("CREATE TABLE t (c varchar(10));\n")
    (folder / "002.sql").write_text("ALTER TABLE t ALTER COLUMN c TYPE varchar(20);\n")
    for path in folder.iterdir():  # written an hour ago: their stat alone vouches for them
        os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))
    args = ("--cache-dir", str(tmp_path / "cache"), "--format", "json", "m")
    assert "EC207" not in _codes(_run(*args, cwd=tmp_path))
    assert "EC207" not in _codes(_run(*args, cwd=tmp_path))  # served
    # an earlier file, rewritten to the same size with its old modification time
    stat = first_file.stat()
    first_file.write_text("CREATE TABLE t (c integer    );\n")
    assert first_file.stat().st_size == stat.st_size
    os.utime(first_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert "EC207" in _codes(_run(*args, cwd=tmp_path))
    assert "EC207" in _codes(_run(*args, cwd=tmp_path))
    # a configuration file in a folder above, where there was none
    (tmp_path / "expandcontract.toml").write_text('ignore = ["EC207"]\n')
    assert "EC207" not in _codes(_run(*args, cwd=tmp_path))
    (tmp_path / "expandcontract.toml").write_text('ignore = ["EC101"]\n')
    assert "EC207" in _codes(_run(*args, cwd=tmp_path))
    # a new migration in the folder, and a folder that becomes a phased migration
    (folder / "003.sql").write_text("DROP TABLE t;\n")
    third = _run(*args, cwd=tmp_path)
    assert third.stdout == _run("--no-cache", "--format", "json", "m", cwd=tmp_path).stdout
    assert json.loads(third.stdout)["summary"]["files"] == 3
    (folder / "sub").mkdir()
    (folder / "sub" / "expand.sql").write_text("CREATE TABLE u (id int);\n")
    assert json.loads(_run(*args, cwd=tmp_path).stdout)["summary"]["files"] == 4


def test_an_edited_rule_doc_changes_the_sarif_report_of_a_warm_cache(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "expandcontract", copy / "expandcontract",
                    ignore=shutil.ignore_patterns("__pycache__", "_rule_docs"))
    shutil.copytree(ROOT / "rules", copy / "rules")
    (tmp_path / "one.sql").write_text("ALTER TABLE t RENAME COLUMN a TO b;\n")
    args = ("--cache-dir", str(tmp_path / "cache"), "--format", "sarif", "one.sql")
    before = _run(*args, cwd=tmp_path, pythonpath=copy)
    assert _run(*args, cwd=tmp_path, pythonpath=copy).stdout == before.stdout  # served
    doc = copy / "rules" / "EC001.md"
    doc.write_text(doc.read_text().replace("## What it does\n", "## What it does\n\nEdited help text.\n", 1))
    after = _run(*args, cwd=tmp_path, pythonpath=copy)  # (both caches: the run's and the report's)
    assert "Edited help text." in after.stdout and "Edited help text." not in before.stdout
