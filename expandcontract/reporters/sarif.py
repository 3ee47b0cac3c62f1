"""SARIF 2.1.0, with rule metadata (name, short description, help text, default level)."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from .._version import __version__
from ..core.findings import Severity
from ..docs import load_doc
from ..result import LintResult
from ..rules import all_rules
from . import indented_json
from .fingerprint import fingerprints

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_descriptor(rule) -> dict:
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


def render(result: LintResult) -> str:
    rules = list(all_rules())
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f, digest in zip(result.findings, fingerprints(result.findings), strict=True):
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index.get(f.code, 0),
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message}. Fix: {f.help}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(f.file)},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": max(f.end_line, f.line),
                            },
                        }
                    }
                ],
                "partialFingerprints": {"expandcontract/v1": digest},
                "properties": {"phase": f.phase},
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "expandcontract",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/expandcontract/",
                        "rules": [_rule_descriptor(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return indented_json.dumps(log) + "\n"
