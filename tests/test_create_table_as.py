"""CREATE TABLE … AS SELECT gives the table the query's output columns, typed as the columns they
copy: Airflow 2.2 rebuilds task_instance this way (CREATE TABLE new_task_instance AS SELECT ti.…
FROM task_instance ti JOIN dag_run …; DROP TABLE task_instance; ALTER TABLE … RENAME), and every
later revision and both apps' models use the rebuilt table's columns."""

from __future__ import annotations

import json

from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.core.schema import Schema

SCHEMA = """
CREATE TABLE task_instance (task_id text NOT NULL, dag_id text NOT NULL, execution_date timestamptz NOT NULL,
                            pool varchar(50), try_number integer);
CREATE TABLE dag_run (id serial PRIMARY KEY, dag_id text NOT NULL, execution_date timestamptz NOT NULL,
                      run_id varchar(250) NOT NULL);
"""
REBUILD = """
CREATE TABLE new_task_instance AS SELECT ti.task_id, ti.dag_id, dag_run.run_id, ti.pool, ti.try_number
FROM task_instance ti INNER JOIN dag_run ON dag_run.dag_id = ti.dag_id AND dag_run.execution_date = ti.execution_date;
DROP TABLE task_instance;
ALTER TABLE new_task_instance RENAME TO task_instance;
ALTER TABLE task_instance ALTER COLUMN pool SET NOT NULL;
ALTER TABLE task_instance ADD COLUMN executor varchar(1000);
"""


def test_the_rebuilt_table_has_the_query_columns_and_their_types():
    schema = Schema.from_sql(SCHEMA + REBUILD)
    columns = schema.table("task_instance").columns
    assert list(columns) == ["task_id", "dag_id", "run_id", "pool", "try_number", "executor"]
    assert [columns[c].type.name for c in columns] == ["text", "text", "varchar", "varchar", "integer", "varchar"]
    assert columns["pool"].not_null and not columns["task_id"].not_null  # CTAS copies no NOT NULL
    star = Schema.from_sql(SCHEMA + "CREATE TABLE copy AS SELECT * FROM dag_run;")
    assert list(star.table("copy").columns) == ["id", "dag_id", "execution_date", "run_id"]


def test_check_sees_the_new_apps_columns_on_the_rebuilt_table(tmp_path):
    (tmp_path / "schema.sql").write_text(SCHEMA)
    (tmp_path / "m.sql").write_text(REBUILD)
    (tmp_path / "new.sql").write_text("SELECT task_id, dag_id, run_id, pool, executor FROM task_instance WHERE try_number = 1;\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"),
                                       "--new-app", str(tmp_path / "new.sql"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ok"]
