"""The MySQL examples of the rule docs (```sql mysql fail``` / ```sql mysql pass```): linted with
--dialect mysql, and run as written on a real MariaDB. A fail example of EC502 must be refused by
the server exactly as the rule says; every other example must run."""

from __future__ import annotations

import re

import pymysql
import pytest

from expandcontract.api import baseline_from_text
from expandcontract.config import Config
from expandcontract.core.findings import Severity
from expandcontract.core.migration import ScriptKind, text_migration
from expandcontract.core.mysql.ddl import parse_server, row_server
from expandcontract.core.mysql.split import split_mysql
from expandcontract.docs import load_docs
from expandcontract.lint import lint_migrations
from expandcontract.rules import all_rules

DOCS = load_docs()
EXAMPLES = [
    pytest.param(code, index, id=f"{code}-{ex.kind}-line{ex.line}")
    for code, doc in sorted(DOCS.items())
    for index, ex in enumerate(doc.mysql_examples)
]
_ALG_LOCK = re.compile(r",?\s*\b(ALGORITHM|LOCK)\s*=\s*\w+", re.I)
MYSQL_RULES = [r.code for r in all_rules() if r.mysql_only]


def lint_mysql(sql: str, schema: str = "", phase: str = "unphased", **config) -> list:
    migration = text_migration("migration.sql", sql, ScriptKind(phase))
    baseline = baseline_from_text(schema, dialect="mysql") if schema else None
    return list(lint_migrations([migration], config=Config(dialect="mysql", **config), baseline=baseline).findings)


def _config(options: dict[str, str]) -> dict:
    return {k: options[k] for k in ("mysql_version", "mariadb_version") if k in options}


def test_every_mysql_rule_has_mysql_examples_both_ways():
    assert MYSQL_RULES
    for code in MYSQL_RULES:
        assert {ex.kind for ex in DOCS[code].mysql_examples} == {"fail", "pass"}, code


def test_every_compatibility_rule_but_ec311_has_mysql_examples():
    for code in (f"EC3{n:02}" for n in range(1, 11)):
        assert {ex.kind for ex in DOCS[code].mysql_examples} == {"fail", "pass"}, code


@pytest.mark.parametrize(("code", "index"), EXAMPLES)
def test_mysql_doc_example_lints(code, index):
    doc = DOCS[code]
    example = doc.mysql_examples[index]
    findings = lint_mysql(example.sql, doc.mysql_schema, example.options.get("phase", "unphased"),
                          **_config(example.options))
    own = [f for f in findings if f.code == code]
    if example.kind == "fail":
        assert own, f"{code} did not fire on its own MySQL fail example:\n{example.sql}"
        assert all(f.message and f.help for f in own)
    else:
        assert not own, f"{code} fired on its MySQL pass example: {own[0].message}"
        errors = [(f.code, f.message) for f in findings if f.severity is Severity.ERROR]
        assert not errors, f"the MySQL pass example of {code} has errors: {errors}"


def _statements(sql: str) -> list[str]:
    return [sql[c.start:c.end].strip() for c in split_mysql(sql) if sql[c.start:c.end].strip()]


@pytest.mark.mysql
@pytest.mark.parametrize(("code", "index"), EXAMPLES)
def test_mysql_doc_example_runs_on_mariadb(mysql_db, code, index):
    doc = DOCS[code]
    example = doc.mysql_examples[index]
    cursor = mysql_db.cursor()
    cursor.execute("SELECT VERSION()")
    server = row_server(parse_server("mariadb", cursor.fetchone()[0]))
    target = Config(dialect="mysql", **_config(example.options)).mysql_server
    sql = example.sql
    if row_server(target) != server:  # written for another server: run it without its ALGORITHM/LOCK
        sql = _ALG_LOCK.sub("", sql)
    for statement in _statements(doc.mysql_schema):
        cursor.execute(statement)
    refused = None
    for statement in _statements(sql):
        try:
            cursor.execute(statement)
        except pymysql.MySQLError as exc:
            refused = exc.args[0]
            break
    if code == "EC502" and example.kind == "fail":
        assert refused in (1064, 1846), f"the server accepted an EC502 fail example: {example.sql}"
    else:
        assert refused is None, f"the server refused {code}'s example (error {refused}): {example.sql}"


