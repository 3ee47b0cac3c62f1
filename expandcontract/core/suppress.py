"""Suppression directives in SQL comments.

``-- expandcontract: ignore EC201, EC213 -- reason`` on the comment lines right before a
statement; ``-- expandcontract: ignore-file EC401`` anywhere in a file; squawk's
``-- squawk-ignore rule-name`` and ``-- squawk-ignore-file rule-name`` are honoured through each
rule's squawk equivalent, so squawk users can switch without editing files.
"""

from __future__ import annotations

import re

from .lazyre import LazyPattern
from .record import field, record

__all__ = ["Directive", "all_directives", "file_directives", "statement_directives", "unrendered_markers"]

# codes may be missing: ours is then reported (EC003), squawk's bare ignore-file means every rule
_OURS = LazyPattern(r"^\s*expandcontract:\s*(ignore-file|ignore)\b\s*(.*?)(?:\s*--\s*(.*?))?\s*$", re.I)
_SQUAWK = LazyPattern(r"^\s*squawk-(ignore-file|ignore)\b\s*(.*?)\s*$", re.I)
_FILE_LINE = re.compile(r"--([^\n]*)")
# any other word after ``expandcontract:`` is a typo that would silently do nothing
_ANY_OURS = LazyPattern(r"^\s*expandcontract:\s*([\w-]*)", re.I)
KNOWN_VERBS = frozenset({"ignore", "ignore-file", "phase", "backfill", "unrendered"})
# written by the Alembic loader where a revision could not be rendered as SQL (EC005)
_UNRENDERED = LazyPattern(r"^[ \t]*--[ \t]*expandcontract:[ \t]*unrendered\b[ \t]*(.*?)[ \t]*$", re.I | re.M)


def unrendered_markers(text: str) -> list[tuple[int, str]]:
    r"""``-- expandcontract: unrendered REASON`` lines: (line, reason).

    >>> unrendered_markers("SELECT 1;\n-- expandcontract: unrendered it fails: KeyError: 'x'\n")
    [(2, "it fails: KeyError: 'x'")]
    """
    if "unrendered" not in text:
        return []
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _UNRENDERED.finditer(text)]


@record(frozen=True)
class Directive:
    """One suppression comment of a script (ours, or squawk's)."""

    line: int
    codes: tuple[str, ...]  # as written: our codes, or squawk rule names
    whole_file: bool
    squawk: bool
    reason: str | None = None
    text: str = field(default="", repr=False, compare=False)  # the comment as written, for reports
    # ``expandcontract: ignor EC201``: reported, suppresses nothing
    unknown_verb: str | None = field(default=None, repr=False)

    @property
    def every_squawk_rule(self) -> bool:
        """squawk's bare ``-- squawk-ignore-file``: every rule squawk has an equivalent of."""
        return self.squawk and self.whole_file and not self.codes


def parse_directive(line: int, comment: str) -> Directive | None:
    """Read one comment (the text after ``--``).

    >>> parse_directive(3, " expandcontract: ignore EC201, EC213 -- built off-peak")
    Directive(line=3, codes=('EC201', 'EC213'), whole_file=False, squawk=False, reason='built off-peak')
    >>> parse_directive(1, " squawk-ignore ban-drop-column").codes
    ('ban-drop-column',)
    >>> parse_directive(1, " squawk-ignore-file").every_squawk_rule
    True
    >>> parse_directive(1, " expandcontract: ignore -- no codes").codes
    ()
    >>> parse_directive(1, " expandcontract: ignor EC201").unknown_verb
    'ignor'
    >>> parse_directive(1, " expandcontract: phase expand") is None
    True
    """
    m = _OURS.match(comment)
    squawk = False
    if not m:
        verb = _ANY_OURS.match(comment)
        if verb and verb.group(1).lower() not in KNOWN_VERBS:
            return Directive(line, (), False, False, None, "--" + comment.rstrip(), unknown_verb=verb.group(1))
        m = _SQUAWK.match(comment)
        squawk = True
        if not m:
            return None
    codes = tuple(c.strip() for c in re.split(r"[,\s]+", m.group(2)) if c.strip())
    reason = m.group(3) if not squawk else None
    return Directive(line, codes, m.group(1).lower() == "ignore-file", squawk, reason, "--" + comment.rstrip())


def statement_directives(comments: tuple[tuple[int, str], ...]) -> list[Directive]:
    """Statement-level directives among the comment lines before a statement."""
    found = (parse_directive(line, text) for line, text in comments)
    return [d for d in found if d and not d.whole_file]


def file_directives(text: str, first_line: int = 1) -> list[Directive]:
    """``ignore-file`` directives anywhere in a script."""
    return [d for d in all_directives(text, first_line) if d.whole_file]


def all_directives(text: str, first_line: int = 1) -> list[Directive]:
    """Every directive in a script, wherever it stands (to find the ones before no statement)."""
    result = []
    line, counted = first_line, 0  # lines are counted on from the previous comment: no rescans
    for m in _FILE_LINE.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        directive = parse_directive(line, m.group(1))
        if directive:
            result.append(directive)
    return result
