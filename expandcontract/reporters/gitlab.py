"""GitLab Code Quality report: a JSON array of issues (the CodeClimate subset GitLab reads),
each with a fingerprint that stays the same across runs."""

from __future__ import annotations

from ..core.findings import Severity
from ..result import LintResult
from . import indented_json
from .fingerprint import fingerprints

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: LintResult) -> str:
    issues = []
    for f, digest in zip(result.findings, fingerprints(result.findings), strict=True):
        issues.append(
            {
                "type": "issue",
                "check_name": f"{f.code} {f.name}",
                "description": f"{f.code} {f.message}. Fix: {f.help}",
                "categories": ["Bug Risk"] if f.severity is Severity.ERROR else ["Style"],
                "severity": _SEVERITY[f.severity],
                "fingerprint": digest,
                "location": {"path": f.file, "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
            }
        )
    return indented_json.dumps(issues) + "\n"
