"""Human text. Lint: ``file:line:col CODE message``, the statement with a marker, the fix, a
summary. Check: its states x apps matrix (``check_text``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.findings import Finding, Severity
from ..result import LintResult

if TYPE_CHECKING:
    from ..check.result import CheckResult

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_MAX_LINES = 6  # statement lines shown around the marked one


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _excerpt(f: Finding) -> list[str]:
    """The statement's lines, numbered as in the file, ``>`` on the finding's line, a caret under
    its column when the finding points inside the line (syntax errors)."""
    lines = f.statement.splitlines() or [""]
    first = f.end_line - len(lines) + 1
    if not first <= f.line <= f.end_line:  # text that is not the file's (generated SQL)
        first = f.line
    marked = f.line - first
    start = max(0, min(marked - _MAX_LINES // 2, len(lines) - _MAX_LINES))
    shown = range(start, min(len(lines), start + _MAX_LINES))
    width = len(str(first + shown[-1]))
    body = []
    if start > 0:
        body.append(f"    {'':>{width}} | … ({_plural(start, 'line')} above)")
    for index in shown:
        marker = ">" if index == marked else " "
        body.append(f"  {marker} {first + index:>{width}} | {lines[index]}")
        # (the first line is shown from where the statement starts, so its columns do not line up)
        if index == marked and index > 0 and 1 < f.column <= len(lines[index]) + 1:
            body.append(f"    {'':>{width}} | {' ' * (f.column - 1)}^")
    hidden = len(lines) - shown[-1] - 1
    if hidden > 0:
        body.append(f"    {'':>{width}} | … ({_plural(hidden, 'more line')})")
    return body


def render_finding(f: Finding, *, color: bool = False) -> str:
    head = f"{f.file}:{f.line}:{f.column}: {_paint(f.code, _COLORS[f.severity] + ';1', color)} " \
           f"[{f.severity}] {f.message}"
    fix = _paint("  help:", "32;1", color) + " " + f.help
    return "\n".join([head, *_excerpt(f), fix])


# findings whose statement `expandcontract split` can rewrite into a safe phased plan
SPLITTABLE = frozenset({"EC201", "EC202", "EC204", "EC206", "EC207", "EC208", "EC209", "EC301", "EC302",
                        "EC303", "EC304", "EC310"})
_PHASE_FILES = ("expand.sql", "migrate.sql", "contract.sql")


def split_hint(result: LintResult) -> str | None:
    """Point at ``split`` for unphased files whose errors it knows how to rewrite.

    >>> from expandcontract.core.findings import Finding, Severity
    >>> from expandcontract.core.schema import Schema
    >>> f = Finding("EC303", "rename-column", Severity.ERROR, "contract", "m/0002.sql", 1, 1, 1, "", "", "")
    >>> split_hint(LintResult((f,), 1, 1, 0, Schema()))
    'hint: `expandcontract split m/0002.sql --out DIR` writes the safe expand/migrate/contract form of 1 finding (or explains why it cannot)'
    """
    files = sorted({f.file for f in result.findings
                    if f.code in SPLITTABLE and f.severity is Severity.ERROR and f.file.endswith(".sql")
                    and not f.file.endswith(_PHASE_FILES)})
    if not files:
        return None
    count = sum(f.file in files and f.code in SPLITTABLE and f.severity is Severity.ERROR for f in result.findings)
    target = files[0] if len(files) == 1 else "FILE"
    return (f"hint: `expandcontract split {target} --out DIR` writes the safe "
            f"expand/migrate/contract form of {_plural(count, 'finding')} (or explains why it cannot)")


def render(result: LintResult | CheckResult, *, color: bool = False, **options) -> str:
    """``options``: check's ``width`` (its tables fill the terminal)."""
    if not isinstance(result, LintResult):
        from . import check_text

        return check_text.render(result, color=color, **options)
    return _render_lint(result, color=color)


def _render_lint(result: LintResult, *, color: bool) -> str:
    parts = [render_finding(f, color=color) for f in result.findings]
    s = result.summary()
    verdict = "no findings" if not result.findings else (
        f"{_plural(s['findings'], 'finding')} ({_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')})"
    )
    summary = f"{verdict} in {_plural(s['statements'], 'statement')} across {_plural(s['files'], 'file')}"
    if s["unparsed"]:
        summary += f"; {_plural(s['unparsed'], 'statement')} could not be parsed"
    hint = split_hint(result)
    if hint:
        parts.append(hint)
    parts.append(_paint(summary, "1", color))  # last: tools read the final line
    return "\n\n".join(parts) + "\n"
