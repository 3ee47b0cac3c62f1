"""Stable finding identities for CI systems that track findings across runs (GitLab, SARIF).

Built from what a finding is about — rule, file, statement text, message — not from line
numbers, so adding a migration above does not make every old finding look new. Identical
findings in one file get an occurrence number, so no two share an identity.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from ..core.findings import Finding

__all__ = ["fingerprints"]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One hex digest per finding, unique within the list.

    >>> from expandcontract.core.findings import Severity
    >>> f = Finding("EC201", "x", Severity.ERROR, "expand", "m.sql", 1, 1, 1, "CREATE INDEX i ON t (a)", "m", "h")
    >>> a, b = fingerprints([f, f])
    >>> a != b and len(a) == 64
    True
    """
    seen: Counter[str] = Counter()
    result = []
    for f in findings:
        key = "\0".join((f.code, f.file, " ".join(f.statement.split()), f.message))
        seen[key] += 1
        result.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest())
    return result
