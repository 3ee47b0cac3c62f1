"""Suppression directives, through the CLI: ours, squawk's, file-wide, and the reports on
directives that suppress nothing (EC002) or name no rule (EC003)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from expandcontract.cli import main

BASELINE = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text, bio json);\n"
INDEX = "CREATE INDEX users_email_idx ON users (email);"  # EC201 (error)
DROP = "ALTER TABLE users DROP COLUMN nickname;"  # EC301 (error)


@pytest.fixture
def lint(tmp_path):
    (tmp_path / "schema.sql").write_text(BASELINE)

    def run(sql: str, *args: str, name: str = "m.sql") -> tuple[int, list[tuple[str, int]], list[dict]]:
        path = tmp_path / name
        path.write_text(sql)
        # EC214 (lock_timeout) would add a warning to every example here: not what these test
        result = CliRunner().invoke(main, ["lint", "--schema", str(tmp_path / "schema.sql"), "--format", "json",
                                           "--ignore", "EC214", *args, str(path)])
        assert result.exit_code in (0, 1), result.output
        findings = json.loads(result.output)["findings"]
        return result.exit_code, [(f["code"], f["line"]) for f in findings], findings

    return run


def test_without_directives_the_examples_fire(lint):
    code, found, _ = lint(f"{INDEX}\n{DROP}\n")
    assert code == 1 and found == [("EC201", 1), ("EC301", 2)]


def test_ignore_with_a_reason_on_the_line_before(lint):
    code, found, _ = lint(f"-- expandcontract: ignore EC201 -- built off-peak, table is tiny\n{INDEX}\n{DROP}\n")
    assert found == [("EC301", 3)] and code == 1


def test_ignore_several_codes_and_several_comment_lines(lint):
    sql = (f"-- expandcontract: ignore EC201\n-- (the index is small)\n-- expandcontract: ignore EC402, EC301\n"
           f"{INDEX}\n{DROP}\n")
    # EC301 is not on the index statement: its ignore is unused there, and the DROP still fires
    _, found, findings = lint(sql)
    assert found == [("EC002", 3), ("EC002", 3), ("EC301", 5)]
    assert findings[0]["statement"] == "-- expandcontract: ignore EC402, EC301"
    assert sorted(f["message"] for f in findings[:2]) == [
        "ignore directive for EC301 (drop-column) suppresses nothing here",
        "ignore directive for EC402 (prefer-timestamptz) suppresses nothing here",
    ]


def test_a_directive_covers_only_the_next_statement(lint):
    _, found, _ = lint(f"-- expandcontract: ignore EC201\n{INDEX}\n{INDEX.replace('users_email_idx', 'i2')}\n")
    assert found == [("EC201", 3)]


@pytest.mark.parametrize("name", ["EC201", "ec201", "require-concurrent-index", "require-concurrent-index-creation"])
def test_ignore_by_code_name_or_squawk_name(lint, name):
    code, found, _ = lint(f"-- expandcontract: ignore {name}\n{INDEX}\n")
    assert found == [] and code == 0


def test_ignore_file_covers_every_statement_of_the_file_only(lint, tmp_path):
    sql = f"{INDEX}\n-- expandcontract: ignore-file EC201 -- legacy file\n{INDEX.replace('users_email_idx', 'i2')}\n"
    _, found, _ = lint(sql)
    assert found == []
    other = tmp_path / "other.sql"
    other.write_text(INDEX + "\n")
    both = CliRunner().invoke(main, ["lint", "--schema", str(tmp_path / "schema.sql"), "--format", "json",
                                     "--ignore", "EC214", str(tmp_path / "m.sql"), str(other)])
    assert [(f["file"].endswith("other.sql"), f["code"]) for f in json.loads(both.output)["findings"]] == [
        (True, "EC201")]


def test_ignore_file_in_a_phased_file_covers_every_phase(lint):
    # contract: the index build is EC201 and (an addition in contract) EC104
    sql = ("-- expandcontract: ignore-file EC201, EC104\n"
           "-- expandcontract: phase expand\n"
           f"{INDEX}\n"
           "-- expandcontract: phase contract\n"
           f"CREATE INDEX i2 ON users (nickname);\n{DROP}\n")
    code, found, _ = lint(sql)
    assert found == [] and code == 0


def test_ignore_file_written_in_a_later_phase_covers_earlier_ones(lint):
    sql = ("-- expandcontract: phase expand\n"
           f"{INDEX}\n"
           "-- expandcontract: phase contract\n"
           "-- expandcontract: ignore-file EC201\n"
           f"{DROP}\n")
    _, found, _ = lint(sql)
    assert found == []


def test_squawk_ignore_uses_the_squawk_rule_names(lint):
    sql = f"-- squawk-ignore require-concurrent-index-creation\n{INDEX}\n-- squawk-ignore ban-drop-column\n{DROP}\n"
    code, found, _ = lint(sql)
    assert found == [] and code == 0


def test_every_squawk_name_of_a_rule_reaches_it(lint):
    fk = "ALTER TABLE users ADD CONSTRAINT users_self_fk FOREIGN KEY (id) REFERENCES users (id);"
    for name in ("constraint-missing-not-valid", "adding-foreign-key-constraint"):
        code, found, _ = lint(f"-- squawk-ignore {name}\n{fk}\n")
        assert found == [] and code == 0, name


# the rule names of squawk-cli 2.70 (`strings $(which squawk)`) that ours claim as equivalents
SQUAWK_2_70 = frozenset("""
    adding-field-with-default adding-foreign-key-constraint adding-not-nullable-field adding-required-field
    adding-serial-primary-key-field ban-alter-domain-with-add-constraint ban-char-field
    ban-concurrent-index-creation-in-transaction ban-drop-column ban-drop-not-null ban-drop-table
    ban-truncate-cascade changing-column-type constraint-missing-not-valid disallowed-unique-constraint
    identifier-too-long prefer-bigint-over-int prefer-bigint-over-smallint prefer-identity prefer-robust-stmts
    prefer-text-field prefer-timestamp-tz renaming-column renaming-table require-concurrent-index-creation
    require-concurrent-index-deletion require-concurrent-partition-detach require-concurrent-reindex
    require-enum-value-ordering require-lock-timeout require-timeout-settings
""".split())


def test_squawk_equivalents_are_real_squawk_rule_names():
    from expandcontract.lint import _squawk_key
    from expandcontract.rules import all_rules

    known = {_squawk_key(n) for n in SQUAWK_2_70}
    claimed = {name for rule in all_rules() for name in rule.squawk}
    assert {n for n in claimed if _squawk_key(n) not in known} == set()
    assert len(claimed) >= 28


def test_squawk_ignore_file_with_a_rule(lint):
    _, found, _ = lint(f"-- squawk-ignore-file ban-drop-column\n{INDEX}\n{DROP}\n")
    assert found == [("EC201", 2)]


def test_bare_squawk_ignore_file_silences_every_rule_squawk_has(lint):
    sql = f"-- squawk-ignore-file\n{INDEX}\n{DROP}\nALTER TABLE users ADD COLUMN extra json;\n"
    code, found, _ = lint(sql)
    # EC405 prefer-jsonb has no squawk equivalent, so squawk's blanket ignore does not reach it
    assert found == [("EC405", 4)] and code == 0


def test_unused_ignore_file_is_reported_once_at_its_line(lint):
    sql = f"-- expandcontract: ignore-file EC402\n{INDEX}\n"
    _, found, findings = lint(sql, "--ignore", "EC201")
    assert found == [("EC002", 1)]
    assert findings[0]["message"] == "ignore directive for EC402 (prefer-timestamptz) suppresses nothing in this file"
    assert findings[0]["end_line"] == 1


def test_unused_ignore_of_a_rule_that_is_switched_off_is_not_blamed(lint):
    _, found, _ = lint(f"-- expandcontract: ignore EC201\n{INDEX}\n", "--ignore", "EC201")
    assert found == []


def test_a_directive_after_the_last_statement(lint):
    _, found, findings = lint(f"{DROP}\n-- expandcontract: ignore EC301\n")
    assert found == [("EC301", 1), ("EC002", 2)]
    assert "stands after the last statement" in findings[1]["message"]


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        ("-- expandcontract: ignore EC999", "unknown rule 'EC999'"),
        ("-- expandcontract: ignore drop-colum", "unknown rule 'drop-colum'"),
        ("-- squawk-ignore no-such-squawk-rule", "unknown squawk rule 'no-such-squawk-rule'"),
        ("-- expandcontract: ignore -- forgot the code", "names no rule"),
    ],
)
def test_unknown_rules_are_ec003(lint, directive, expected):
    _, found, findings = lint(f"{directive}\n{DROP}\n")
    assert ("EC003", 1) in found and ("EC301", 2) in found
    ec003 = next(f for f in findings if f["code"] == "EC003")
    assert expected in ec003["message"] and ec003["statement"] == directive


def test_syntax_errors_cannot_be_ignored(lint):
    _, found, _ = lint("-- expandcontract: ignore EC001\nALTER TABLEX users;\n")
    assert ("EC001", 2) in found and ("EC002", 1) in found


def test_meta_findings_follow_select_ignore_and_severity(lint, tmp_path):
    sql = f"-- expandcontract: ignore EC201\n{DROP}\n"
    assert ("EC002", 1) not in lint(sql, "--ignore", "EC002")[1]
    (tmp_path / "expandcontract.toml").write_text('[severity]\nEC002 = "error"\n')
    code, found, findings = lint(sql, "--config", str(tmp_path / "expandcontract.toml"))
    assert code == 1  # EC301 and now EC002 are errors
    assert ("EC002", 1) in found
    assert next(f for f in findings if f["code"] == "EC002")["severity"] == "error"


def test_text_output_shows_the_directive_itself(tmp_path):
    (tmp_path / "m.sql").write_text(f"{INDEX}\n\n-- expandcontract: ignore EC201\n{DROP}\n")
    out = CliRunner().invoke(main, ["lint", "--select", "EC2", "--select", "EC002", str(tmp_path / "m.sql")]).output
    assert f"{tmp_path / 'm.sql'}:3:1: EC002 [warning]" in out
    assert "  > 3 | -- expandcontract: ignore EC201" in out


@pytest.mark.parametrize("spelling", ["prefer-timestamptz", "prefer-timestamp-tz"])
def test_both_spellings_of_a_renamed_squawk_rule(lint, spelling):
    # squawk 2 calls it prefer-timestamp-tz and still accepts the old prefer-timestamptz
    code, found, _ = lint(f"-- squawk-ignore {spelling}\nALTER TABLE users ADD COLUMN seen timestamp;\n")
    assert found == [] and code == 0


def test_a_mistyped_directive_is_reported_not_ignored(lint):
    code, found, findings = lint(f"-- expandcontract: ignor EC201\n{INDEX}\n")
    assert found == [("EC003", 1), ("EC201", 2)] and code == 1
    assert "unknown expandcontract directive 'ignor'" in findings[0]["message"]
    assert "expandcontract: ignore" in findings[0]["help"]
