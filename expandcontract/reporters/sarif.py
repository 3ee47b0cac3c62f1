"""SARIF 2.1.0 for lint and check results: one result per report item, with the rule metadata of
the command that made them (lint: each rule's name, description, documentation and default
level; check: each kind of problem)."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from .._version import __version__
from ..core.findings import Severity
from ..result import LintResult
from . import indented_json
from .items import ReportItem, items

if TYPE_CHECKING:
    from ..check.result import CheckResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/expandcontract/"

# check's kinds of problem, in the order of its rules table
CHECK_RULES = {
    "missing-relation": "the query names a table or view that does not exist on a state its app runs on",
    "missing-column": "the query uses a column that does not exist on a state its app runs on",
    "ambiguous-column": "an unqualified column is in more than one joined relation",
    "rebound-column": "an unqualified column now resolves to another relation or query level: it reads something else",
    "missing-required-column": "an INSERT leaves out a NOT NULL column that has no default",
    "value-count": "an INSERT supplies more values than there are columns",
    "no-conflict-target": "ON CONFLICT names columns or a constraint with no matching unique index",
    "not-updatable": "the query writes to a view PostgreSQL cannot write through",
    "generated-column": "the query writes to a generated column",
    "unknown-alias": "the query qualifies a column with a name that is not in its FROM clause",
    "unchecked": "the query could not be analysed",
    "unmodelled": "a migration statement whose effect on the schema the check does not replay",
}


def artifact_uri(path: str) -> str:
    """A path as a SARIF URI: relative paths stay relative (code scanning resolves them against
    the checkout), absolute ones become ``file://`` URIs; both percent-encoded.

    >>> artifact_uri("migrations/001 init.sql"), artifact_uri("/srv/app/m.sql")
    ('migrations/001%20init.sql', 'file:///srv/app/m.sql')
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())


def render(result: LintResult | CheckResult) -> str:
    if isinstance(result, LintResult):
        tool, rules, columns = "expandcontract", _lint_rules(), True
    else:
        tool, rules, columns = "expandcontract check", _check_rules(), False
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    run: dict = {"tool": {"driver": {"name": tool, "version": __version__, "informationUri": INFORMATION_URI,
                                     "rules": rules}}}
    if columns:
        run["columnKind"] = "unicodeCodePoints"
    run["results"] = [_result(item, index) for item in items(result, fingerprints=True)]
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return indented_json.dumps(log) + "\n"


def _result(item: ReportItem, index: dict[str, int]) -> dict:
    entry = {
        "ruleId": item.rule,
        "ruleIndex": index.get(item.rule, 0),
        "level": _LEVEL[item.level],
        "message": {"text": item.message},
        "locations": [_location(item.file, item.line, item.column, item.end_line)],
    }
    if item.fingerprint is not None:
        entry["partialFingerprints"] = {"expandcontract/v1": item.fingerprint}
    if item.properties is not None:
        entry["properties"] = dict(item.properties)
    if item.related:
        entry["relatedLocations"] = [{**_location(file, line), "id": number, "message": {"text": what}}
                                     for number, (file, line, what) in enumerate(item.related, 1)]
    return entry


def _location(file: str, line: int, column: int | None = None, end_line: int | None = None) -> dict:
    region = {"startLine": max(line, 1)}
    if column is not None:
        region["startColumn"] = column
    if end_line is not None:
        region["endLine"] = end_line
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file)}, "region": region}}


def _lint_rules() -> list[dict]:
    from ..rules import all_rules

    return [_rule_descriptor(rule) for rule in all_rules()]


def _rule_descriptor(rule) -> dict:
    from ..docs import load_doc

    doc = load_doc(rule.code)
    summary = rule.name.replace("-", " ")
    full = summary
    if doc is not None:
        section = doc.body.split("## What it does", 1)[-1].split("##", 1)[0].strip()
        if section:
            full = " ".join(section.split())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": doc.body.strip() if doc else full, "markdown": doc.body.strip() if doc else full},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"family": rule.family, **({"squawk": list(rule.squawk)} if rule.squawk else {})},
    }


def _check_rules() -> list[dict]:
    return [{"id": f"check/{kind}", "name": kind, "shortDescription": {"text": text},
             "defaultConfiguration": {"level": "warning" if kind in ("unchecked", "unmodelled") else "error"}}
            for kind, text in CHECK_RULES.items()]
