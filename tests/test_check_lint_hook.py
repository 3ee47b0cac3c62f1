"""lint + old_app: drops and renames checked against the old app's queries."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from expandcontract.check.lint_hook import verify_findings
from expandcontract.check.queries import queries_from_sql
from expandcontract.cli import main
from expandcontract.core.findings import Severity
from expandcontract.core.migration import text_migration
from expandcontract.core.schema import Schema
from expandcontract.lint import lint_migrations

SCHEMA = """
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, legacy_flag boolean,
                    email text NOT NULL);
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);
CREATE TABLE old_reports (id bigint PRIMARY KEY);
"""
OLD_APP = """-- name: get_user
SELECT id, name, email FROM users WHERE id = $1;
-- name: user_sessions
SELECT s.id FROM sessions s WHERE s.user_id = $1;
"""
MIGRATION = """ALTER TABLE users DROP COLUMN legacy_flag;
ALTER TABLE users RENAME COLUMN name TO full_name;
DROP TABLE old_reports;
ALTER TABLE sessions RENAME TO user_sessions;
"""


def compat(findings) -> list[tuple[int, str, Severity]]:
    return [(f.line, f.code, f.severity) for f in findings if f.code in ("EC301", "EC302", "EC303", "EC304")]


def test_unused_drops_are_verified_and_breakages_name_the_query() -> None:
    baseline = Schema.from_sql(SCHEMA)
    linted = lint_migrations([text_migration("m.sql", MIGRATION)], baseline=baseline)
    assert compat(linted.findings) == [(1, "EC301", Severity.ERROR), (2, "EC303", Severity.ERROR),
                                       (3, "EC302", Severity.ERROR), (4, "EC304", Severity.ERROR)]
    verified = verify_findings(linted, queries_from_sql(OLD_APP, "app/queries.sql"), baseline=baseline)
    assert compat(verified.findings) == [(1, "EC301", Severity.INFO), (2, "EC303", Severity.ERROR),
                                         (3, "EC302", Severity.INFO), (4, "EC304", Severity.ERROR)]
    by_line = {f.line: f for f in verified.findings if f.code.startswith("EC30")}
    assert by_line[1].message.startswith("verified against 2 old-app queries: none of them uses what this")
    assert by_line[2].message.endswith("; it breaks old-app query app/queries.sql:2 (get_user)")
    # without an app source lint says what may break; the old app's query makes it a fact
    unverified = {f.line: f for f in linted.findings if f.code.startswith("EC30")}
    assert unverified[2].message.startswith("if the old app still reads or writes ")
    assert by_line[2].message.startswith("the old app reads or writes ")
    assert by_line[4].message.startswith("the old app queries the ")
    assert by_line[4].message.endswith("; it breaks old-app query app/queries.sql:4 (user_sessions)")
    # the other findings are untouched
    others = [f for f in linted.findings if f.code not in ("EC301", "EC302", "EC303", "EC304")]
    assert [f for f in verified.findings if f.code not in ("EC301", "EC302", "EC303", "EC304")] == others


def test_nothing_is_verified_while_a_query_is_unchecked() -> None:
    baseline = Schema.from_sql(SCHEMA)
    linted = lint_migrations([text_migration("m.sql", "ALTER TABLE users DROP COLUMN legacy_flag;")],
                             baseline=baseline)
    old = queries_from_sql(OLD_APP + "COPY users (name) FROM STDIN;\n", "q.sql")
    [finding] = [f for f in verify_findings(linted, old, baseline=baseline).findings if f.code == "EC301"]
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith("; not verified: 1 old-app query could not be analysed")


def test_lint_command_uses_old_app_from_config(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # paths inside the working directory are shown relative to it, from anywhere
    (tmp_path / "schema.sql").write_text(SCHEMA)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "queries.sql").write_text(OLD_APP)
    (tmp_path / "expandcontract.toml").write_text('schema = "schema.sql"\nold_app = ["app"]\n')
    (tmp_path / "m.sql").write_text("ALTER TABLE users DROP COLUMN legacy_flag;\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "m.sql"), "--format", "json", "--select", "EC301"])
    assert result.exit_code == 0, result.output
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["code"], finding["severity"]) == ("EC301", "info")
    (tmp_path / "m.sql").write_text("ALTER TABLE users DROP COLUMN email;\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "m.sql"), "--format", "json", "--select", "EC301"])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["message"].endswith(f"it breaks old-app query {Path('app', 'queries.sql')}:2 (get_user)")


def test_a_select_star_on_the_table_keeps_a_drop_or_rename_unverified() -> None:
    # SELECT * still runs once the column is gone, but the app may read the column by name
    baseline = Schema.from_sql(SCHEMA)
    migration = "ALTER TABLE users DROP COLUMN legacy_flag;\nALTER TABLE users RENAME COLUMN email TO mail;\n"
    linted = lint_migrations([text_migration("m.sql", migration)], baseline=baseline)
    assert compat(linted.findings) == [(1, "EC301", Severity.ERROR), (2, "EC303", Severity.ERROR)]
    starred = "-- name: all_users\nSELECT * FROM users WHERE id = $1;\n-- name: upsert\n" \
              "UPDATE users SET name = $1 WHERE id = $2 RETURNING users.*;\n"
    verified = verify_findings(linted, queries_from_sql(starred, "app/q.sql"), baseline=baseline)
    assert compat(verified.findings) == compat(linted.findings)  # the severity stays
    drop = next(f for f in verified.findings if f.code == "EC301")
    assert drop.message.endswith("; not verified: old-app queries app/q.sql:2 (all_users), app/q.sql:4 (upsert) "
                                 "select * from users, so the app may read legacy_flag by name although the query "
                                 "still runs")
    # a whole-row reference hands every column to the app too
    verified = verify_findings(linted, queries_from_sql("SELECT row_to_json(u) FROM users u;\n", "app/q.sql"),
                               baseline=baseline)
    drop = next(f for f in verified.findings if f.code == "EC301")
    assert "not verified: old-app query app/q.sql:1 selects * from users" in drop.message
    # a star on another table, or inside EXISTS, hands nothing of users to the app: verified
    elsewhere = "SELECT * FROM sessions;\nSELECT id FROM sessions s WHERE EXISTS (SELECT * FROM users u WHERE " \
                "u.id = s.user_id);\n"
    verified = verify_findings(linted, queries_from_sql(elsewhere, "app/q.sql"), baseline=baseline)
    assert compat(verified.findings) == [(1, "EC301", Severity.INFO), (2, "EC303", Severity.INFO)]
