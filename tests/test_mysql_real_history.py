"""A real MySQL history (tests/data/mysql_real, see assemble.py there): the Alembic histories of
Apache Airflow 2.10.5 and Apache Superset 4.1.1 as MariaDB 10.11 ran them (its general query log,
one file per revision; Airflow's last revisions as Alembic renders them offline for MySQL), and
MLflow 2.19.0's rendered offline. Linted for MariaDB 10.11 and MySQL 8.0: nearly every statement
must parse and the findings stay what they are; then the revisions MariaDB ran are replayed on a
real server, which is asked about every ALTER TABLE in them (the weakest ALGORITHM/LOCK it
accepts), and EC501 must say the same."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pymysql
import pytest

from expandcontract.api import lint_paths
from expandcontract.config import Config
from expandcontract.core.mysql.parse import parse_mysql_statement

from .mysql import run_online, script_statements

HISTORY = Path(__file__).parent / "data" / "mysql_real"
MARIADB = Config(dialect="mysql", mariadb_version="10.11")
MYSQL = Config(dialect="mysql", mysql_version="8.0")
RAN_ON_MARIADB = 141  # revisions 0001-0141 come from the server's log; later ones are MySQL-only


def _lint(app: str, config: Config):
    return lint_paths([HISTORY / app], config=config)


@pytest.mark.parametrize("config", [MARIADB, MYSQL], ids=["mariadb-10.11", "mysql-8.0"])
def test_the_real_history_is_read_and_its_hazards_found(config):
    results = [_lint(app, config) for app in ("airflow", "mlflow", "superset")]
    assert [r.statements for r in results] == [760, 105, 602]
    assert sum(r.unparsed for r in results) <= sum(r.statements for r in results) // 100
    by_rule = Counter(f.code for r in results for f in r.findings)
    blocking = 173 if config is MARIADB else 169
    assert {code: by_rule[code] for code in ("EC501", "EC502", "EC503", "EC504", "EC505")} == {
        "EC501": blocking, "EC502": 0, "EC503": 298, "EC504": 2, "EC505": 229}
    # DATETIME -> DATETIME(6) is no narrowing; DATETIME(6) -> TIMESTAMP(6), TEXT -> VARCHAR(2000) are
    assert by_rule["EC308"] == 37


@pytest.mark.mysql
@pytest.mark.parametrize(("app", "alters", "failing"), [("airflow", 229, 0), ("superset", 400, 2)])
def test_mariadb_agrees_with_ec501_on_every_alter_it_ran(app, alters, failing, mysql_db):
    """The log holds the statements that failed when the app ran them too (Superset drops
    constraints that may not exist and goes on): they fail here again, and are counted."""
    flagged = {(Path(f.file).name, f.line) for f in _lint(app, MARIADB).findings if f.code == "EC501"}
    cursor = mysql_db.cursor()
    # the default charset lint assumes for a table that names none (both apps ask for utf8mb4 or utf8mb3)
    cursor.execute("ALTER DATABASE CHARACTER SET utf8mb4")
    checked, disagreements, failed = 0, [], 0
    for path in sorted((HISTORY / app).glob("*.sql")):
        if app == "airflow" and int(path.name[:4]) > RAN_ON_MARIADB:
            break
        made_here = set()  # EC501 leaves alone a table this migration made: no app uses it yet
        for line, statement in script_statements(path):
            model = parse_mysql_statement(statement)
            if model.kind == "create_table" or (model.kind == "alter_table" and any(
                    s.op == "rename_table" for s in model.specs) and (model.table or "").lower() in made_here):
                made_here |= {(model.table or "").lower(), *((s.value or "").lower() for s in model.specs)}
            if (model.kind != "alter_table" or model.algorithm or model.from_create_index
                    or (model.table or "").lower() in made_here):
                try:
                    cursor.execute(statement)
                except pymysql.MySQLError:
                    failed += 1
                continue
            online = run_online(cursor, statement)
            if online is None:
                try:
                    cursor.execute(statement)
                except pymysql.MySQLError:
                    failed += 1  # as when the app ran it: no answer about its cost
                    continue
            checked += 1
            if ((path.name, line) in flagged) != (online is None):
                disagreements.append((path.name, line, online, statement[:120]))
    assert (checked, failed) == (alters, failing), (checked, failed, len(disagreements))
    assert not disagreements
