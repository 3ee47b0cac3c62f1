"""Human text: ``file:line:col CODE message``, the statement with a marker, the fix, a summary."""

from __future__ import annotations

from ..findings import Finding, Severity
from ..lint import LintResult

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_MAX_LINES = 6


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def render_finding(f: Finding, *, color: bool = False) -> str:
    head = f"{f.file}:{f.line}:{f.column}: {_paint(f.code, _COLORS[f.severity] + ';1', color)} " \
           f"[{f.severity}] {f.message}"
    lines = f.statement.splitlines() or [""]
    shown = lines[:_MAX_LINES]
    width = len(str(f.line + len(shown)))
    body = []
    for offset, line in enumerate(shown):
        marker = ">" if offset == 0 else " "
        body.append(f"  {marker} {f.line + offset:>{width}} | {line}")
    if len(lines) > _MAX_LINES:
        body.append(f"    {'':>{width}} | … ({len(lines) - _MAX_LINES} more lines)")
    fix = _paint("  help:", "32;1", color) + " " + f.help
    return "\n".join([head, *body, fix])


def render(result: LintResult, *, color: bool = False) -> str:
    parts = [render_finding(f, color=color) for f in result.findings]
    s = result.summary()
    verdict = "no findings" if not result.findings else (
        f"{s['findings']} finding{'s' if s['findings'] != 1 else ''} "
        f"({s['errors']} error{'s' if s['errors'] != 1 else ''}, "
        f"{s['warnings']} warning{'s' if s['warnings'] != 1 else ''})"
    )
    summary = (f"{verdict} in {s['statements']} statements across {s['files']} "
               f"file{'s' if s['files'] != 1 else ''}")
    if s["unparsed"]:
        summary += f"; {s['unparsed']} statement{'s' if s['unparsed'] != 1 else ''} could not be parsed"
    parts.append(_paint(summary, "1", color))
    return "\n\n".join(parts) + "\n"
