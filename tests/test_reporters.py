"""Reporters: the text layout, the documented JSON shape, GitHub annotations, SARIF valid against
the official 2.1.0 schema, GitLab Code Quality; and the pre-commit hook manifest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator, FormatChecker

from expandcontract.cli import main
from expandcontract.config import Config
from expandcontract.core.findings import Finding, Severity
from expandcontract.core.migration import Migration, Script, ScriptKind
from expandcontract.core.record import replace
from expandcontract.core.schema import Schema
from expandcontract.lint import LintResult, lint_migrations
from expandcontract.reporters import FORMATS, render
from expandcontract.rules import all_rules

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent

BASELINE = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text);"
SQL = """\
-- expandcontract: ignore EC301 -- reviewed, nothing reads it
CREATE INDEX users_email_idx ON users (email);
CREATE TABLE events (id serial PRIMARY KEY, at timestamp);
CREATE TABLE broken (
    a int,
    b intt x
);
"""


def lint(sql: str = SQL, path: str = "migrations/001 add events.sql", **config) -> LintResult:
    migration = Migration("001", path, (Script(path, ScriptKind.UNPHASED, sql),))
    config = Config(**{"severity": {"EC402": Severity.INFO}, **config})
    return lint_migrations([migration], config=config, baseline=Schema.from_sql(BASELINE))


@pytest.fixture(scope="module")
def result() -> LintResult:
    found = lint()
    # the fixture covers every severity and a syntax error, or the tests below prove less
    assert {f.severity for f in found.findings} == set(Severity)
    assert {"EC001", "EC002", "EC201", "EC401", "EC402", "EC404"} <= {f.code for f in found.findings}
    return found


def test_every_format_is_registered():
    assert set(FORMATS) == {"text", "json", "github", "sarif", "gitlab"}


# text ---------------------------------------------------------------------------------------


def test_text_head_statement_marker_help(result):
    text = render(result, "text")
    blocks = text.strip().split("\n\n")
    assert len(blocks) == len(result.findings) + 2  # the findings, the split hint, the summary
    assert blocks[-2].startswith("hint: `expandcontract split ")
    for f, block in zip(result.findings, blocks, strict=False):
        lines = block.splitlines()
        assert lines[0] == f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
        assert re.fullmatch(rf"  > +{f.line} \| .*", next(x for x in lines if x.startswith("  >")))
        assert lines[-1] == f"  help: {f.help}"
    assert "\x1b[" not in text


def test_the_split_hint_only_names_unphased_files_with_errors_split_can_rewrite(result):
    from expandcontract.reporters.text import SPLITTABLE, split_hint

    hint = split_hint(result)
    splittable = [f for f in result.findings if f.code in SPLITTABLE and f.severity.name == "ERROR"]
    assert splittable and hint is not None
    assert f"form of {len(splittable)} finding" in hint
    phased_only = type(result)(tuple(f for f in result.findings if f.code not in SPLITTABLE), 1, 1, 0,
                               result.schema)
    assert split_hint(phased_only) is None


def test_text_numbers_a_statement_as_in_the_file_and_points_at_the_error(result):
    syntax = next(f for f in result.findings if f.code == "EC001")
    block = render(result, "text").split("\n\n")[result.findings.index(syntax)]
    assert "    5 |     a int," in block
    assert "  > 6 |     b intt x" in block
    caret = block.splitlines()[block.splitlines().index("  > 6 |     b intt x") + 1]
    assert caret.index("^") == len("  > 6 | ") + syntax.column - 1


def test_text_summary_line(result):
    s = result.summary()
    last = render(result, "text").rstrip().splitlines()[-1]
    assert last == (f"{s['findings']} findings ({s['errors']} errors, {s['warnings']} warnings) in "
                    f"{s['statements']} statements across 1 file; 1 statement could not be parsed")
    assert render(lint("SELECT 1;"), "text") == "no findings in 1 statement across 1 file\n"


def test_text_color_only_when_asked(result):
    assert "\x1b[31;1mEC201\x1b[0m" in render(result, "text", color=True)


def test_text_long_statement_is_cut_around_the_marked_line():
    finding = Finding("EC001", "syntax-error", Severity.ERROR, "none", "m.sql", 15, 3, 20,
                      "\n".join(f"line {n}" for n in range(1, 21)), "m", "h")
    lines = render(LintResult((finding,), 1, 1, 1, Schema()), "text").splitlines()
    assert lines[1] == "       | … (11 lines above)"
    assert lines[2:9] == [f"    {n} | line {n}" for n in (12, 13, 14)] + ["  > 15 | line 15", "       |   ^"] + [
        f"    {n} | line {n}" for n in (16, 17)]
    assert lines[9] == "       | … (3 more lines)"


# json ---------------------------------------------------------------------------------------

FINDING_KEYS = ["code", "name", "severity", "phase", "file", "line", "column", "end_line", "statement",
                "message", "help"]


def test_json_has_the_documented_stable_shape(result):
    data = json.loads(render(result, "json"))
    assert list(data) == ["version", "summary", "findings"]
    assert data["version"] == 1
    assert list(data["summary"]) == ["files", "statements", "unparsed", "findings", "errors", "warnings"]
    assert data["summary"] == result.summary()
    assert len(data["findings"]) == data["summary"]["findings"]
    for item, f in zip(data["findings"], result.findings, strict=True):
        assert list(item) == FINDING_KEYS
        assert item["severity"] in ("error", "warning", "info")
        assert item == {**f.to_dict(), "severity": str(f.severity)}
        assert all(isinstance(item[k], int) for k in ("line", "column", "end_line"))


# github -------------------------------------------------------------------------------------

_ANNOTATION = re.compile(r"::(error|warning|notice) file=([^,]*),line=(\d+),endLine=(\d+),col=(\d+),title=([^,:]*)::(.*)")


def test_github_one_annotation_per_finding(result):
    lines = render(result, "github").splitlines()
    assert len(lines) == len(result.findings)
    for line, f in zip(lines, result.findings, strict=True):
        m = _ANNOTATION.fullmatch(line)
        assert m, line
        level = {"error": Severity.ERROR, "warning": Severity.WARNING, "notice": Severity.INFO}[m.group(1)]
        assert level is f.severity
        assert (int(m.group(3)), int(m.group(5))) == (f.line, f.column)
        assert m.group(6) == f"{f.code} {f.name}"


def test_github_escapes_what_would_end_a_property_or_the_message():
    f = Finding("EC201", "x", Severity.ERROR, "expand", "dir,a:b/m.sql", 2, 1, 3, "s", "50% slower\nreally",
                "use: a, b")
    [line] = render(LintResult((f,), 1, 1, 0, Schema()), "github").splitlines()
    assert line.startswith("::error file=dir%2Ca%3Ab/m.sql,line=2,endLine=3,col=1,title=EC201 x::")
    assert line.endswith("::50%25 slower%0Areally. Fix: use: a, b")


# sarif --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())


def test_sarif_is_valid_against_the_official_schema(result, sarif_validator):
    log = json.loads(render(result, "sarif"))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[0]


def test_the_schema_check_is_real(result, sarif_validator):
    log = json.loads(render(result, "sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    log["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri"
    assert len(list(sarif_validator.iter_errors(log))) == 3


def test_sarif_rule_metadata_and_results(result):
    run = json.loads(render(result, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    ec201 = next(r for r in rules if r["id"] == "EC201")
    assert ec201["name"] == "require-concurrent-index"
    assert ec201["defaultConfiguration"]["level"] == "error"
    assert ec201["properties"]["squawk"] == ["require-concurrent-index-creation"]
    assert "## Why is this bad?" in ec201["help"]["markdown"]
    assert len(run["results"]) == len(result.findings)
    for item, f in zip(run["results"], result.findings, strict=True):
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"] == f.code
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[str(f.severity)]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "migrations/001%20add%20events.sql"
        assert location["region"]["startLine"] == f.line
    fingerprints = [r["partialFingerprints"]["expandcontract/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_absolute_paths_become_file_uris(sarif_validator, tmp_path):
    path = str(tmp_path / "a b.sql")
    log = json.loads(render(lint(path=path), "sarif"))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        == Path(path).as_uri()
    assert not list(sarif_validator.iter_errors(log))


def test_sarif_with_no_findings_is_valid(sarif_validator):
    log = json.loads(render(lint("SELECT 1;"), "sarif"))
    assert log["runs"][0]["results"] == []
    assert not list(sarif_validator.iter_errors(log))


# gitlab -------------------------------------------------------------------------------------


def test_gitlab_code_quality_issues(result):
    issues = json.loads(render(result, "gitlab"))
    assert len(issues) == len(result.findings)
    for issue, f in zip(issues, result.findings, strict=True):
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"] == {"path": f.file, "lines": {"begin": f.line, "end": max(f.end_line, f.line)}}
        assert issue["description"].startswith(f.code)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_line_shifts():
    before = json.loads(render(lint(), "gitlab"))
    after = json.loads(render(lint("SELECT 1;\n\n" + SQL), "gitlab"))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in before] != [i["location"]["lines"]["begin"] for i in after]


def test_two_identical_findings_get_distinct_fingerprints():
    sql = "CREATE INDEX i1 ON users (email);\nCREATE INDEX i1 ON users (email);\n"
    issues = [i for i in json.loads(render(lint(sql), "gitlab")) if i["check_name"].startswith("EC201")]
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]


# through the CLI ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_every_format_to_a_file(fmt, tmp_path, sarif_validator):
    (tmp_path / "schema.sql").write_text(BASELINE)
    (tmp_path / "m.sql").write_text(SQL)
    out = tmp_path / f"report.{fmt}"
    run = CliRunner().invoke(main, ["lint", "--schema", str(tmp_path / "schema.sql"), "--format", fmt,
                                    "-o", str(out), str(tmp_path / "m.sql")])
    assert run.exit_code == 1, run.output  # EC201 and EC001 are errors
    assert run.output == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "sarif":
        assert not list(sarif_validator.iter_errors(json.loads(text)))
    elif fmt in ("json", "gitlab"):
        json.loads(text)
    assert "EC201" in text


# the pre-commit hook ------------------------------------------------------------------------


def test_pre_commit_manifest_is_valid_for_pre_commit():
    from identify.identify import tags_from_filename
    from pre_commit.clientlib import load_manifest

    hook, alembic = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "expandcontract-lint"
    assert hook["language"] == "python"
    assert hook["entry"] == "expandcontract lint"
    assert "sql" in hook["types"] and "sql" in tags_from_filename("0001_add.sql")
    assert hook["pass_filenames"] is True
    assert alembic["id"] == "expandcontract-lint-alembic" and alembic["entry"] == "expandcontract lint"
    files, exclude = re.compile(alembic["files"]), re.compile(alembic["exclude"])
    picked = [p for p in ("db/versions/0002_add_email.py", "versions/__init__.py", "app/models.py",
                          "db/versions/sub/helper.py") if files.search(p) and not exclude.search(p)]
    assert picked == ["db/versions/0002_add_email.py"]


def test_pre_commit_alembic_hook_lints_the_revisions_it_is_given():
    from pre_commit.clientlib import load_manifest

    _, hook = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    versions = REPO / "examples" / "alembic_app" / "versions"
    revisions = [str(versions / "0002_expand_display_name.py"), str(versions / "0004_contract_drop_name.py")]
    result = CliRunner().invoke(main, [*hook["entry"].split()[1:], *hook["args"], *revisions])
    assert result.exit_code == 0, result.output
    assert "0002_expand_display_name.py:37:5: EC307" in result.output and "across 2 files" in result.output


def test_pre_commit_entry_runs_on_the_files_it_is_given(tmp_path):
    from pre_commit.clientlib import load_manifest

    hook, _ = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    good, bad = tmp_path / "1_good.sql", tmp_path / "2_bad.sql"
    good.write_text("CREATE TABLE t (id bigint PRIMARY KEY);\n")
    bad.write_text("ALTER TABLE users DROP COLUMN email;\n")
    args = hook["entry"].split()[1:] + hook["args"]
    assert CliRunner().invoke(main, [*args, str(good)]).exit_code == 0
    failing = CliRunner().invoke(main, [*args, str(good), str(bad)])
    assert failing.exit_code == 1 and "EC301" in failing.output


def test_severity_override_is_what_reporters_show():
    found = lint(severity={"EC201": Severity.WARNING})
    ec201 = next(f for f in found.findings if f.code == "EC201")
    assert ec201.severity is Severity.WARNING
    assert json.loads(render(LintResult((replace(ec201),), 1, 1, 0, Schema()), "sarif"))[
        "runs"][0]["results"][0]["level"] == "warning"


# -- one writer per format for lint and check results -------------------------------------------


def _check_result(migration_path: str):
    from expandcontract.check.api import check_migrations
    from expandcontract.check.queries import queries_from_sql
    from expandcontract.core.migration import text_migration

    sql = ("-- expandcontract: phase contract\n"
           "DO $$ BEGIN EXECUTE 'ALTER TABLE users DROP COLUMN nickname'; END $$;\n"
           "ALTER TABLE users DROP COLUMN email;\n")
    app = "SELECT id, email FROM users WHERE id = $1;\nCOPY users (email) FROM STDIN;\n"
    return check_migrations([text_migration(migration_path, sql)], baseline=Schema.from_sql(BASELINE),
                            old_app=queries_from_sql(app, "app/q.sql"), new_app=queries_from_sql(app, "app/q.sql"))


def test_check_annotations_cover_failures_unchecked_queries_and_unmodelled_statements():
    result = _check_result("m.sql")
    assert result.failures and result.unchecked and result.unmodelled
    lines = render(result, "github").splitlines()
    assert len(lines) == len(result.failures) + len(result.unchecked) + len(result.unmodelled)
    assert re.match(r"::error file=app/q\.sql,line=1,title=expandcontract check%3A (old|new) app breaks::", lines[0])
    assert any(line.startswith("::warning file=app/q.sql,line=2,title=expandcontract check%3A query not checked::")
               for line in lines)
    assert lines[-1].startswith("::warning file=m.sql,line=2,title=expandcontract check%3A statement not modelled::")


def test_check_sarif_is_valid_and_its_paths_are_uris_as_lint_writes_them(tmp_path):
    absolute = str(tmp_path / "my migrations" / "m.sql")
    result = _check_result(absolute)
    log = json.loads(render(result, "sarif"))
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = list(Draft4Validator(schema, format_checker=FormatChecker()).iter_errors(log))
    assert not errors, errors[0]
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in run["results"])
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"] for loc in (*r["locations"], *r.get("relatedLocations", ()))}
    assert uris == {"app/q.sql", Path(absolute).as_uri()}
    assert "%20" in Path(absolute).as_uri()


def test_gitlab_stays_a_lint_format():
    with pytest.raises(KeyError):
        render(_check_result("m.sql"), "gitlab")
