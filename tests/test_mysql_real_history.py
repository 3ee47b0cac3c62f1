"""A real MySQL history (tests/data/mysql_real, see assemble.py there): Apache Airflow 2.10.5's
Alembic history as MariaDB 10.11 ran it (its general query log, one file per revision) and as
Alembic renders it offline for MySQL, and MLflow 2.19.0's. Linted for MariaDB 10.11 and MySQL 8.0:
nearly every statement must parse and the findings stay what they are; then the Airflow revisions
MariaDB ran are replayed on a real server, which is asked about every ALTER TABLE in them (the
weakest ALGORITHM/LOCK it accepts), and EC501 must say the same."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pymysql
import pytest

from expandcontract.api import lint_paths
from expandcontract.config import Config
from expandcontract.core.mysql.parse import parse_mysql_statement
from expandcontract.core.mysql.split import skip_comments, split_mysql

HISTORY = Path(__file__).parent / "data" / "mysql_real"
MARIADB = Config(dialect="mysql", mariadb_version="10.11")
MYSQL = Config(dialect="mysql", mysql_version="8.0")
RAN_ON_MARIADB = 141  # revisions 0001-0141 come from the server's log; later ones are MySQL-only


def _lint(app: str, config: Config):
    return lint_paths([HISTORY / app], config=config)


def _statements(path: Path):
    text = path.read_text()
    for chunk in split_mysql(text):
        start = skip_comments(text, chunk.start, chunk.end)
        if start < chunk.end:
            yield text.count("\n", 0, start) + 1, text[start:chunk.end].strip()


@pytest.mark.parametrize("config", [MARIADB, MYSQL], ids=["mariadb-10.11", "mysql-8.0"])
def test_the_real_history_is_read_and_its_hazards_found(config):
    airflow, mlflow = _lint("airflow", config), _lint("mlflow", config)
    assert (airflow.statements, mlflow.statements) == (760, 105)
    assert airflow.unparsed + mlflow.unparsed <= (airflow.statements + mlflow.statements) // 100
    by_rule = Counter(f.code for f in (*airflow.findings, *mlflow.findings))
    blocking = 105 if config is MARIADB else 101
    assert {code: by_rule[code] for code in ("EC501", "EC502", "EC503", "EC504", "EC505")} == {
        "EC501": blocking, "EC502": 0, "EC503": 132, "EC504": 1, "EC505": 134}
    # DATETIME -> DATETIME(6) is no narrowing; DATETIME(6) -> TIMESTAMP(6), TEXT -> VARCHAR(2000) are
    assert by_rule["EC308"] == 33


@pytest.mark.mysql
def test_mariadb_agrees_with_ec501_on_every_alter_of_the_airflow_history(mysql_db):
    flagged = {(Path(f.file).name, f.line) for f in _lint("airflow", MARIADB).findings if f.code == "EC501"}
    cursor = mysql_db.cursor()
    # the default charset lint assumes for a table that names none (Airflow asks for utf8mb3/utf8mb4)
    cursor.execute("ALTER DATABASE CHARACTER SET utf8mb4")
    checked, disagreements = 0, []
    for path in sorted((HISTORY / "airflow").glob("*.sql")):
        if int(path.name[:4]) > RAN_ON_MARIADB:
            break
        made_here = set()  # EC501 leaves alone a table this migration made: no app uses it yet
        for line, statement in _statements(path):
            model = parse_mysql_statement(statement)
            if model.kind == "create_table" or (model.kind == "alter_table" and any(
                    s.op == "rename_table" for s in model.specs) and (model.table or "").lower() in made_here):
                made_here |= {(model.table or "").lower(), *((s.value or "").lower() for s in model.specs)}
            if (model.kind != "alter_table" or model.algorithm or model.from_create_index
                    or (model.table or "").lower() in made_here):
                cursor.execute(statement)
                continue
            online = None
            for clause in ("ALGORITHM=INSTANT", "ALGORITHM=INPLACE, LOCK=NONE"):
                try:
                    cursor.execute(f"{statement}, {clause}")
                except pymysql.MySQLError as exc:
                    assert exc.args[0] in (1845, 1846), exc  # not supported (for this algorithm / lock)
                    continue
                online = clause
                break
            if online is None:
                cursor.execute(statement)
            checked += 1
            if ((path.name, line) in flagged) != (online is None):
                disagreements.append((path.name, line, online, statement[:120]))
    assert checked == 229
    assert not disagreements
    assert not disagreements
