"""A MySQL migration history (tests/data/mysql_history: a mysqldump --no-data baseline and five
Flyway-style migrations with the constructs real histories hold) linted, then replayed on a real
MariaDB: for every ALTER TABLE the server is asked whether it runs it online, and the linter's
EC501 must say the same."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from expandcontract.api import lint_paths
from expandcontract.config import Config
from expandcontract.core.mysql.parse import parse_mysql_statement

from .mysql import run_online, script_statements

HISTORY = Path(__file__).parent / "data" / "mysql_history"
CONFIG = Config(dialect="mysql", mariadb_version="10.11")


def _lint():
    return lint_paths([HISTORY / "migrations"], config=CONFIG, schema=str(HISTORY / "schema.sql"))


def test_history_is_read_whole_and_its_hazards_found():
    result = _lint()
    assert result.unparsed == 0
    by_rule = Counter(f.code for f in result.findings)
    assert by_rule == {"EC501": 7, "EC505": 5, "EC504": 1}
    blocking = {(Path(f.file).name, f.line) for f in result.findings if f.code == "EC501"}
    assert ("V4__procedure_and_backfill.sql", 10) not in blocking  # VARCHAR(63): 252 bytes, in place
    assert ("V4__procedure_and_backfill.sql", 11) in blocking  # VARCHAR(64): 256 bytes, a copy


@pytest.mark.mysql
def test_the_server_agrees_with_ec501_on_every_alter(mysql_db):
    flagged = {(Path(f.file).name, f.line) for f in _lint().findings if f.code == "EC501"}
    cursor = mysql_db.cursor()
    for _, statement in script_statements(HISTORY / "schema.sql"):
        cursor.execute(statement)
    checked, disagreements = 0, []
    for path in sorted((HISTORY / "migrations").glob("*.sql")):
        for line, statement in script_statements(path):
            model = parse_mysql_statement(statement)
            if model.kind != "alter_table" or model.algorithm or model.from_create_index:
                cursor.execute(statement)
                continue
            online = run_online(cursor, statement)
            if online is None:
                cursor.execute(statement)
            checked += 1
            if ((path.name, line) in flagged) != (online is None):
                disagreements.append((path.name, line, online))
    assert checked == 14
    assert not disagreements
