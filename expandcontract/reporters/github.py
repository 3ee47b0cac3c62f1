"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per
report item, for lint and check results alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.findings import Severity
from .items import items

if TYPE_CHECKING:
    from ..check.result import CheckResult
    from ..result import LintResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's toolkit rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (file, title): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult | CheckResult) -> str:
    lines = []
    for item in items(result):
        props = [f"file={escape_property(item.file)}", f"line={item.line}"]
        if item.end_line is not None:
            props.append(f"endLine={item.end_line}")
        if item.column is not None:
            props.append(f"col={item.column}")
        props.append(f"title={escape_property(item.title)}")
        lines.append(f"::{_LEVEL[item.level]} {','.join(props)}::{escape_data(item.annotation)}")
    return "".join(line + "\n" for line in lines)
