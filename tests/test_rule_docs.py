"""Docs that cannot rot: every rule has a doc with the right front matter and headings, and
every ```sql fail``` / ```sql pass``` block in it is linted here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.core.findings import Severity
from expandcontract.docs import HEADINGS, load_docs
from expandcontract.rules import all_rules, loaded

from .conftest import lint_sql

RULES = {r.code: loaded(r) for r in all_rules()}
DOCS = load_docs()
EXAMPLES = [
    pytest.param(code, ex, id=f"{code}-{ex.kind}-line{ex.line}")
    for code, doc in sorted(DOCS.items())
    for ex in doc.examples
]


def test_every_rule_has_a_doc_and_every_doc_a_rule():
    assert set(RULES) == set(DOCS)


@pytest.mark.parametrize("code", sorted(RULES))
def test_front_matter_matches_the_rule(code):
    rule, doc = RULES[code], DOCS[code]
    assert doc.meta["name"] == rule.name
    assert Severity.parse(doc.meta["severity"]) is rule.severity
    assert doc.meta["phase"] in ("expand", "migrate", "contract", "none")
    assert doc.meta.get("squawk") == (", ".join(rule.squawk) or None)
    assert doc.headings == list(HEADINGS)


@pytest.mark.parametrize("code", sorted(RULES))
def test_code_and_name_are_the_same_wherever_they_are_written(code):
    """The class holds the metadata (code, name, severity, family, squawk); the doc's front matter
    repeats code, name, severity and squawk (compared above) and alone holds the phase its fix
    belongs to. The file names and the module's docstring repeat code and name: compared here."""
    rule, doc = RULES[code], DOCS[code]
    module = sys.modules[type(rule).__module__]
    assert Path(module.__file__).stem == f"{code.lower()}_{rule.name.replace('-', '_')}"
    assert (module.__doc__ or "").startswith(f"{code} {rule.name}: ")
    assert Path(doc.path).name == f"{code}.md" and doc.meta["code"] == code


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_doc_has_examples_both_ways(code):
    kinds = {ex.kind for ex in DOCS[code].examples + DOCS[code].mysql_examples}
    assert "fail" in kinds
    assert "pass" in kinds


def _config(options: dict[str, str]) -> dict:
    config = {}
    if "pg_version" in options:
        config["pg_version"] = int(options["pg_version"])
    if "assume_in_transaction" in options:
        config["assume_in_transaction"] = options["assume_in_transaction"] == "true"
    if "runner" in options:
        config["runner"] = options["runner"]
    if "dialect" in options:
        config["dialect"] = options["dialect"]
    return config


@pytest.mark.parametrize(("code", "example"), EXAMPLES)
def test_doc_example(code, example):
    doc = DOCS[code]
    findings = lint_sql(
        example.sql,
        schema=doc.schema,
        phase=example.options.get("phase", "unphased"),
        **_config(example.options),
    )
    own = [f for f in findings if f.code == code]
    if example.kind == "fail":
        assert own, f"{code} did not fire on its own fail example:\n{example.sql}"
        for f in own:
            assert f.message and f.help
    else:
        assert not own, f"{code} fired on its pass example: {own[0].message}"
        errors = [f for f in findings if f.severity is Severity.ERROR]
        assert not errors, f"the pass example of {code} has errors: {[(f.code, f.message) for f in errors]}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_prints_the_doc(code):
    result = CliRunner().invoke(main, ["explain", code])
    assert result.exit_code == 0
    assert result.output.strip() == DOCS[code].text.strip()


def test_explain_accepts_names_and_squawk_names():
    runner = CliRunner()
    assert "EC201" in runner.invoke(main, ["explain", "require-concurrent-index"]).output
    assert "EC201" in runner.invoke(main, ["explain", "require-concurrent-index-creation"]).output
    bad = runner.invoke(main, ["explain", "EC999"])
    assert bad.exit_code == 2
