"""The lint result cache: the same output as without it, never a stale finding, the earlier
migrations not replayed again when one is appended, safe with two runs at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from expandcontract import lint as lint_module
from expandcontract.api import lint_paths
from expandcontract.cache import LintCache, default_cache_dir
from expandcontract.cli import main
from expandcontract.config import Config

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "migrations"


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "expandcontract", "lint", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)


def _write(folder: Path, **files: str) -> None:
    for name, text in files.items():
        (folder / f"{name}.sql").write_text(text)


def test_warm_runs_print_exactly_what_an_uncached_run_prints(tmp_path):
    cache = str(tmp_path / "cache")
    for fmt in ("text", "json", "sarif"):
        plain = _cli("--no-cache", "--format", fmt, str(EXAMPLES))
        cold = _cli("--cache-dir", cache, "--format", fmt, str(EXAMPLES))
        warm = _cli("--cache-dir", cache, "--format", fmt, str(EXAMPLES))
        assert plain.returncode == cold.returncode == warm.returncode == 1
        assert plain.stdout == cold.stdout == warm.stdout
    assert any(Path(cache).rglob("*.pack"))


def test_a_changed_earlier_file_changes_the_later_findings(tmp_path):
    # b.sql widens a varchar (free) until a.sql makes the column an integer (a rewrite: EC207)
    _write(tmp_path, a="CREATE TABLE t (c varchar(10));", b="ALTER TABLE t ALTER COLUMN c TYPE varchar(20);")
    cache = LintCache(tmp_path / "cache")
    paths = [tmp_path / "a.sql", tmp_path / "b.sql"]
    before = lint_paths(paths, cache=cache)
    assert "EC207" not in {f.code for f in before.findings}
    _write(tmp_path, a="CREATE TABLE t (c integer);")
    after = lint_paths(paths, cache=cache)
    assert "EC207" in {f.code for f in after.findings if f.file.endswith("b.sql")}
    assert after.findings == lint_paths(paths).findings


def test_configuration_and_baseline_are_part_of_the_key(tmp_path):
    _write(tmp_path, b="ALTER TABLE t ALTER COLUMN c TYPE varchar(20);")
    (tmp_path / "schema.sql").write_text("CREATE TABLE t (c varchar(10));")
    cache = LintCache(tmp_path / "cache")
    paths = [tmp_path / "b.sql"]
    assert "EC207" not in {f.code for f in lint_paths(paths, schema=str(tmp_path / "schema.sql"), cache=cache).findings}
    (tmp_path / "schema.sql").write_text("CREATE TABLE t (c integer);")
    assert "EC207" in {f.code for f in lint_paths(paths, schema=str(tmp_path / "schema.sql"), cache=cache).findings}
    ignoring = Config(ignore=("EC207",))
    assert "EC207" not in {f.code for f in lint_paths(paths, schema=str(tmp_path / "schema.sql"), config=ignoring,
                                                       cache=cache).findings}


def test_appending_a_migration_lints_only_the_new_one(tmp_path, monkeypatch):
    _write(tmp_path, **{f"{n:03d}_m": f"CREATE TABLE t{n} (id int);" for n in range(5)})
    cache = LintCache(tmp_path / "cache")
    first = lint_paths([tmp_path], cache=cache)
    linted = []
    real = lint_module._lint_migration
    monkeypatch.setattr(lint_module, "_lint_migration",
                        lambda migration, *args: linted.append(migration.name) or real(migration, *args))
    assert lint_paths([tmp_path], cache=cache).findings == first.findings
    assert linted == []  # every migration from the cache
    _write(tmp_path, **{"005_m": "CREATE INDEX i ON t0 (id);"})
    appended = lint_paths([tmp_path], cache=cache)
    assert linted == ["005_m"]  # replayed from the schema the cache kept, not from the baseline
    monkeypatch.undo()
    uncached = lint_paths([tmp_path])
    assert appended.findings == uncached.findings and "EC201" in {f.code for f in appended.findings}
    assert appended.summary() == uncached.summary()


def test_since_counts_only_the_reported_files_from_the_cache(tmp_path):
    _write(tmp_path, **{"001_a": "CREATE TABLE a (id int);", "002_b": "CREATE INDEX i ON a (id);"})
    cache = LintCache(tmp_path / "cache")
    for _ in range(2):  # cold, then warm
        result = lint_paths([tmp_path], since="001_a", cache=cache)
        assert result.summary() == lint_paths([tmp_path], since="001_a").summary()
        assert (result.files, result.statements) == (1, 1)


def test_an_unreadable_pack_is_a_miss(tmp_path):
    cache = tmp_path / "cache"
    expected = _cli("--no-cache", str(EXAMPLES)).stdout
    _cli("--cache-dir", str(cache), str(EXAMPLES))
    for pack in [*cache.rglob("*.pack"), *(p for p in (cache / "v1" / "reports").rglob("*") if p.is_file())]:
        pack.write_bytes(b"\x80\x05garbage")
    assert _cli("--cache-dir", str(cache), str(EXAMPLES)).stdout == expected


def test_two_runs_at_once_on_one_cache(tmp_path):
    cache = tmp_path / "cache"
    expected = _cli("--no-cache", "--format", "json", str(EXAMPLES)).stdout
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "expandcontract", "lint", "--cache-dir", str(cache), "--format", "json",
               str(EXAMPLES)]
    for _ in range(3):
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) for _ in range(2)]
        assert [run.communicate()[0] for run in runs] == [expected, expected]
    assert not [p for p in cache.rglob(".tmp-*")]  # no temporary file left behind


def test_no_cache_writes_nothing_and_the_default_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "expandcontract"
    runner = CliRunner()
    runner.invoke(main, ["lint", "--no-cache", str(EXAMPLES)])
    assert not (tmp_path / "xdg").exists()
    runner.invoke(main, ["lint", str(EXAMPLES)])
    assert any((tmp_path / "xdg" / "expandcontract").rglob("*.pack"))
