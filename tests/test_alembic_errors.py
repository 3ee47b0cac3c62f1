"""Every command that opens an Alembic project says a missing one in one line (exit 2), the way
lint says any missing path, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract.alembic.project import AlembicError, open_project
from expandcontract.cli import main
from expandcontract.core.errors import InputError

NOWHERE = "postgresql://nobody@127.0.0.1:1/unused"  # never reached: the project is opened first

MISSING = ["nosuch.ini", "nosuchdir", "nosuchdir/alembic.ini"]


def invocations(tmp_path: Path, missing: Path) -> dict[str, list[str]]:
    migration = tmp_path / "m.sql"
    migration.write_text("ALTER TABLE t ADD COLUMN x int;\n")
    schema = tmp_path / "schema.sql"
    schema.write_text("CREATE TABLE t (id int PRIMARY KEY);\n")
    split = ["split", str(migration), "--schema", str(schema), "--format", "alembic", "--alembic", str(missing)]
    return {
        "lint": ["lint", str(missing)],
        "apply": ["apply", "--alembic", str(missing), "--phase", "expand", "--database-url", NOWHERE],
        "apply --dry-run": ["apply", "--alembic", str(missing), "--phase", "all", "--database-url", NOWHERE,
                            "--dry-run"],
        "split": split,
        "split --out": [*split, "--out", str(tmp_path / "out")],
        "split --dry-run": [*split, "--dry-run"],
    }


@pytest.mark.parametrize("name", MISSING)
@pytest.mark.parametrize("command", ["lint", "apply", "apply --dry-run", "split", "split --out", "split --dry-run"])
def test_a_missing_alembic_project_is_one_line_naming_it(tmp_path, command, name):
    missing = tmp_path / name
    args = invocations(tmp_path, missing)[command]
    before = sorted(tmp_path.rglob("*"))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"expandcontract: error: {missing}: no such file or directory\n"
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert sorted(tmp_path.rglob("*")) == before  # nothing written


@pytest.mark.parametrize("name", MISSING)
def test_open_project_raises_the_input_error_not_file_not_found(tmp_path, name):
    with pytest.raises(AlembicError) as error:
        open_project(tmp_path / name)
    assert isinstance(error.value, InputError)
    assert str(error.value) == f"{tmp_path / name}: no such file or directory"
