"""GitLab Code Quality report (a JSON array of issues with a stable fingerprint)."""

from __future__ import annotations

import hashlib
import json

from ..findings import Severity
from ..lint import LintResult

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: LintResult) -> str:
    issues = []
    for f in result.findings:
        # stable across runs and line shifts: the rule, the file and the statement text
        digest = hashlib.sha256(f"{f.code}\0{f.file}\0{f.statement}".encode()).hexdigest()
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
    return json.dumps(issues, indent=2) + "\n"
