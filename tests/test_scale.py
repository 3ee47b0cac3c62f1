"""Scale: linting time and memory grow linearly with a migration; running out of memory anyway
is one line naming the file (exit 2), never a traceback."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from expandcontract import lint as lint_module
from expandcontract.core.errors import InputError
from expandcontract.core.migration import text_migration

ROOT = Path(__file__).resolve().parents[1]


def generated(tables: int) -> str:
    return "".join(f"CREATE TABLE t{i} (id bigint PRIMARY KEY, name text NOT NULL);\n"
                   f"CREATE INDEX t{i}_name_idx ON t{i} (name);\n"
                   f"ALTER TABLE t{i} ADD COLUMN note text;\n" for i in range(tables))


def _lint_limited(path: Path, limit: int) -> subprocess.CompletedProcess:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, "-m", "expandcontract", "lint", "--no-cache", "--format", "json", str(path)],
                          preexec_fn=cap, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=path.parent)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS caps memory as asked on Linux only")
def test_out_of_memory_is_one_line_naming_the_file(tmp_path):
    small, big = tmp_path / "small.sql", tmp_path / "big.sql"
    small.write_text(generated(10))
    big.write_text(generated(16_000))  # about 400 MB to lint
    limit = 100 << 20
    while _lint_limited(small, limit).returncode != 0:  # what this interpreter needs to start, and a little
        limit += 25 << 20
        assert limit < 2 << 30, "cannot lint a small file under 2 GB of address space"
    done = _lint_limited(big, limit + (50 << 20))
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.splitlines() == [f"expandcontract: error: {big}: out of memory while linting it: split it "
                                        "into smaller files, or lint it with more memory"]


def test_the_linter_names_the_script_it_ran_out_of_memory_on(monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(lint_module, "analyse_script", exhausted)
    with pytest.raises(InputError, match=r"^m\.sql: out of memory while linting it"):
        lint_module.lint_migrations([text_migration("m.sql", "SELECT 1;")])


def _peak_memory_of_lint(tables: int) -> int:
    import gc
    import tracemalloc

    migration = text_migration("big.sql", generated(tables))
    gc.collect()
    tracemalloc.start()
    try:
        result = lint_module.lint_migrations([migration])
        assert result.statements == 3 * tables
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_linearly_with_the_migration():
    # every statement keeps the schema it runs on: copied maps made that n² (4x the tables took
    # 9x the memory); shared persistent maps keep it linear
    small, large = _peak_memory_of_lint(300), _peak_memory_of_lint(1200)
    assert large / small < 5, (small, large)


def test_schema_states_share_their_maps():
    from expandcontract.core.schema import Schema

    result = lint_module.lint_migrations([text_migration("m.sql", generated(50))])
    states = [s.schema_before for _, a in result.scripts for s in a.steps]
    assert len(states) == 150
    table_maps = {id(s.tables) for s in states}
    assert len(table_maps) > 50  # a new map per change …
    first, last = states[3].tables, states[-1].tables  # … sharing its entries with the one before
    assert isinstance(first, type(Schema().tables)) and first["t0"] is last["t0"]
