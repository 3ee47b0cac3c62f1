"""Fast start: a command imports only what it needs (the package lazily, one reporter, click
only on the command line). Each run is a fresh interpreter, so earlier tests cannot hide an import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_REPORT = "import json, sys; print(json.dumps(sorted(sys.modules)), file=sys.__stderr__)"


def _modules_after(code: str, tmp_path: Path) -> set[str]:
    done = subprocess.run([sys.executable, "-c", f"{code}\n{_REPORT}"], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                                                     "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _cli_lint(*args: str) -> str:
    return ("import sys\nfrom expandcontract.cli import main\n"
            f"try:\n    main({['lint', *args]!r})\nexcept SystemExit:\n    pass")


def test_importing_the_package_imports_nothing_else(tmp_path):
    loaded = _modules_after("import expandcontract", tmp_path)
    assert {m for m in loaded if m.startswith("expandcontract")} == {"expandcontract", "expandcontract._version"}


def test_the_package_names_still_resolve():
    import expandcontract
    from expandcontract.core.ops.registry import classify
    from expandcontract.core.schema import Schema

    assert expandcontract.Schema is Schema
    assert expandcontract.classify is classify  # the function, not the submodule of that name
    assert set(expandcontract.__all__) == {*expandcontract._LAZY, "__version__"}
    with pytest.raises(AttributeError):
        _ = expandcontract.no_such_name


def test_lint_imports_one_reporter_and_nothing_of_the_other_commands(tmp_path):
    (tmp_path / "one.sql").write_text("CREATE TABLE t (id bigint);\n")
    loaded = _modules_after(_cli_lint("one.sql", "--no-cache"), tmp_path)
    assert "expandcontract.reporters.text" in loaded
    unwanted = {"expandcontract.reporters.sarif", "expandcontract.reporters.gitlab", "expandcontract.reporters.json",
                "expandcontract.docs", "expandcontract.check", "expandcontract.runner", "expandcontract.split",
                "sqlglot", "psycopg", "sqlalchemy", "hashlib", "difflib", "tomllib"}
    assert not unwanted & loaded, unwanted & loaded


def test_the_library_does_not_import_click(tmp_path):
    (tmp_path / "one.sql").write_text("CREATE TABLE t (id bigint);\n")
    loaded = _modules_after("from expandcontract.api import lint_paths\nlint_paths(['one.sql'])", tmp_path)
    assert "click" not in loaded


def test_a_run_served_from_the_cache_loads_neither_the_parser_nor_the_linter(tmp_path):
    (tmp_path / "one.sql").write_text("CREATE TABLE t (id int);\n")
    code = _cli_lint("one.sql", "--cache-dir", str(tmp_path / "cache"))
    first = _modules_after(code, tmp_path)
    assert {"expandcontract.lint", "expandcontract.core.parse"} <= first
    served = _modules_after(code, tmp_path)
    assert not {m for m in served if m.startswith(("expandcontract.lint", "expandcontract.rules",
                                                  "expandcontract.core.parse", "expandcontract.core.schema",
                                                  "expandcontract.core.ops", "pgparse"))}


def test_a_lint_imports_only_the_rules_its_statements_reach(tmp_path):
    (tmp_path / "one.sql").write_text("CREATE TABLE u (id int);\n")
    for code in (_cli_lint("one.sql", "--no-cache"), _cli_lint("one.sql", "--cache-dir", str(tmp_path / "c")),
                 _main_lint("one.sql", "--no-cache")):
        loaded = _modules_after(code, tmp_path)
        assert "expandcontract.rules.ec202_require_concurrent_index_drop" not in loaded  # DROP INDEX only
        assert "expandcontract.rules.ec401_prefer_bigint_ids" in loaded  # reached: a column of type int
        assert not {m for m in loaded if "mysql" in m}  # a PostgreSQL lint: no MySQL rule, no MySQL model


def _main_lint(*args: str) -> str:
    return ("import sys\nfrom expandcontract.__main__ import main\n"
            f"sys.argv = {['expandcontract', 'lint', *args]!r}\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")


def test_the_common_lint_command_lines_do_not_import_click(tmp_path):
    (tmp_path / "one.sql").write_text("CREATE TABLE t (id bigint);\n")
    for args in (("one.sql",), ("--no-cache", "one.sql", "--format", "json"), ("--format=sarif", "."),
                 ("--cache-dir", str(tmp_path / "c"), "one.sql")):
        loaded = _modules_after(_main_lint(*args), tmp_path)
        assert "click" not in loaded, args
        assert "expandcontract.commands._lint_run" in loaded, args
    loaded = _modules_after(_main_lint("--select", "EC1", "one.sql"), tmp_path)  # any other option: click
    assert "click" in loaded
