"""check --dialect mysql: a mysqldump --no-data baseline, MySQL migrations and MySQL app queries
(backticks, names in any case, %s and ? placeholders) resolved on every schema state."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from expandcontract.check import check_paths
from expandcontract.cli import main
from expandcontract.config import Config
from expandcontract.core.mysql.queries import to_postgres_query

HISTORY = Path(__file__).parent / "data" / "mysql_history"


def test_a_mysql_query_is_read_with_mysql_name_rules():
    assert to_postgres_query("SELECT `Email` FROM Customers WHERE ID = ?") == \
        'SELECT "email" FROM "customers" WHERE "id" = %s'


def _app(tmp_path: Path, sql: str) -> str:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "queries.sql").write_text(sql)
    return str(tmp_path / "app")


def test_the_old_app_breaks_where_a_column_is_dropped(tmp_path):
    migration = tmp_path / "V6__drop_notes.sql"
    migration.write_text("ALTER TABLE `customers` DROP COLUMN `Notes`;\n")
    app = _app(tmp_path, "-- name: customer\nSELECT `ID`, Email, notes FROM Customers WHERE id = %s;\n"
                         "-- name: add\nINSERT INTO customers (email) VALUES (?);\n")
    result = check_paths([migration], schema=str(HISTORY / "schema.sql"), old_app=[app],
                         config=Config(dialect="mysql"))
    assert {f.query.name for f in result.failures} == {"customer"}, [f.detail for f in result.failures]
    assert all(f.app == "old" and f.states == (1,) for f in result.failures)


def test_the_cli_reads_mysql_for_check(tmp_path):
    migration = tmp_path / "V6__add.sql"
    migration.write_text("ALTER TABLE customers ADD COLUMN phone VARCHAR(20) NULL;\n")
    app = _app(tmp_path, "SELECT `Email`, `Status` FROM `Customers` WHERE vip = 1;\n")
    result = CliRunner().invoke(main, ["check", "--dialect", "mysql", "--schema", str(HISTORY / "schema.sql"),
                                       "--old-app", app, str(migration)])
    assert result.exit_code == 1, result.output  # vip does not exist in the baseline: the query fails
    assert "vip" in result.output
    app_ok = tmp_path / "ok.sql"
    app_ok.write_text("SELECT `Email`, `Status` FROM `Customers`;\n")
    result = CliRunner().invoke(main, ["check", "--dialect", "mysql", "--schema", str(HISTORY / "schema.sql"),
                                       "--old-app", str(app_ok), str(migration)])
    assert result.exit_code == 0, result.output
