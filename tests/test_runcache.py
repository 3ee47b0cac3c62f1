"""The run cache (``runcache``) and the code fingerprint both caches are keyed by: a run is served
its earlier report only when none of its inputs changed, and before the command line is imported;
an edited rule doc, file, folder or configuration is never answered with the report from before."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from expandcontract import runcache

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


def _cache_files(cache: Path) -> dict[Path, float]:
    return {p: p.stat().st_mtime for p in cache.rglob("*") if p.is_file() and p.name != "swept"}


def test_the_cache_is_bounded_and_the_least_recently_used_entries_go_first(tmp_path):
    cache = tmp_path / "cache"
    for n in range(6):
        (tmp_path / f"{n}.sql").write_text(f"CREATE TABLE t{n} (id int);\nCREATE INDEX i{n} ON t{n} (id);\n" * 50)
        _run("--cache-dir", str(cache), f"{n}.sql", cwd=tmp_path)
    files = _cache_files(cache)
    hour = 3600
    for age, path in enumerate(sorted(files, key=str)):  # each entry used a different hour ago
        os.utime(path, (files[path] - (age + 2) * hour, files[path] - (age + 2) * hour))
    files = _cache_files(cache)
    (cache / "v1" / "old.pack").write_bytes(b"x" * 100)
    os.utime(cache / "v1" / "old.pack", (0, 0))  # unused for longer than MAX_AGE: goes whatever the size
    total = sum(p.stat().st_size for p in files)
    deleted = runcache.sweep(cache, max_bytes=total // 2)
    kept = _cache_files(cache)
    assert not (cache / "v1" / "old.pack").exists()
    assert sum(p.stat().st_size for p in kept) <= total // 2 * 0.8 and deleted >= total - total // 2 * 0.8
    assert min(files[p] for p in kept) >= max(files[p] for p in files if p not in kept)  # the oldest went
    # a run served whole keeps its entry in use: the sweep spares it over older ones
    served = _run("--cache-dir", str(cache), "--format", "json", "5.sql", cwd=tmp_path)
    assert served.stdout == _run("--no-cache", "--format", "json", "5.sql", cwd=tmp_path).stdout
    runs = [p for p in _cache_files(cache) if "runs" in p.parts]
    assert any(time.time() - p.stat().st_mtime < 60 for p in runs)


def test_sweeping_while_runs_use_the_cache_never_changes_what_they_print(tmp_path):
    cache = tmp_path / "cache"
    examples = str(ROOT / "examples" / "migrations")
    expected = _run("--no-cache", "--format", "json", examples, cwd=tmp_path).stdout
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXPANDCONTRACT_CACHE_MAX_MB": "0"}
    command = [sys.executable, "-m", "expandcontract", "lint", "--cache-dir", str(cache), "--format", "json", examples]
    for _ in range(4):
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path) for _ in range(2)]
        while any(run.poll() is None for run in runs):
            runcache.sweep(cache, max_bytes=0)  # every entry, as the runs write and read them
        assert [run.communicate()[0] for run in runs] == [expected, expected]
        assert [run.returncode for run in runs] == [1, 1]
    (cache / "swept").unlink(missing_ok=True)  # due: the next run that writes sweeps, down to the limit of 0
    (tmp_path / "new.sql").write_text("CREATE TABLE n (id int);\n")
    assert subprocess.run([*command[:-1], "new.sql"], env=env, cwd=tmp_path, capture_output=True).returncode == 0
    # what is left is what that run wrote after its sweep: its report and its run entry
    assert sorted(p.parent.parent.name for p in _cache_files(cache)) == ["reports", "runs"]
    assert subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True).stdout == expected
