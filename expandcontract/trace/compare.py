"""Lint's static view against what PostgreSQL did, statement by statement. Pure.

Lint *claims* a hazard on a statement when one of its lock rules (EC2xx but EC214, which is
about a missing ``lock_timeout``, and EC203, a statement PostgreSQL refuses) reports it; each
code claims the reasons of ``labels.Reason`` it speaks of (EC218 also ``scan_under_lock`` when the
slow work reads the very table whose writes are blocked). EC213 on slow work, and EC205, also
claim ``ae_then_slow`` for the statement whose ACCESS EXCLUSIVE lock they name. EC202 (plain DROP
INDEX) and EC212 (DETACH PARTITION without CONCURRENTLY) report the lock only when their
transaction holds it across a later line's slow work (``ae_then_slow`` on their own line) or wait
for another table's lock (``lock_wait_under_ae`` on the line they name, where the trace sees the
wait): like PostgreSQL's labels, no rule of the family counts a brief ACCESS EXCLUSIVE lock alone
(its wait in the lock queue is EC214's subject).

A finding claims on the statement it names, not on its whole line: an Alembic operation can render
two statements on one revision line, and PostgreSQL labels each.

A disagreement is a statement PostgreSQL ran where one side sees a hazard and the other none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.findings import Finding, Severity
from ..lint import LintResult
from ..rules._shared.transaction import UNTIL_LINE
from ..rules.ec218_slow_work_under_write_lock import ITSELF
from .labels import Reason, TracedStatement
from .run import TraceResult

__all__ = ["CLAIMS", "CODE", "Disagreement", "Score", "claims_of", "compare", "disagreement_findings", "score",
           "statement_claims"]

CODE, NAME = "EC004", "trace-disagreement"

R = Reason
CLAIMS: dict[str, tuple[str, ...]] = {
    "EC201": (R.INDEX_BUILD,),
    "EC202": (R.AE_THEN_SLOW,),  # or LOCK_WAIT_UNDER_AE on the line it names: see claims_of
    "EC204": (R.SCAN_UNDER_LOCK,),
    "EC205": (R.SCAN_UNDER_LOCK,),
    "EC206": (R.INDEX_BUILD,),
    "EC207": (R.REWRITE,),
    "EC208": (R.REWRITE,),
    "EC209": (R.SCAN_UNDER_LOCK,),
    "EC210": (R.INDEX_BUILD,),
    "EC211": (R.REWRITE, R.INDEX_BUILD, R.SCAN_UNDER_LOCK),
    "EC212": (R.AE_THEN_SLOW,),  # as EC202
    "EC213": (R.SLOW_UNDER_AE,),  # or LOCK_WAIT_UNDER_AE: see claims_of
    "EC215": (R.INDEX_BUILD, R.SCAN_UNDER_LOCK),
    "EC216": (R.SCAN_UNDER_LOCK,),
    "EC217": (R.SLOW_UNDER_AE, R.SCAN_UNDER_LOCK, R.REWRITE),
    "EC218": (R.SLOW_UNDER_WRITE_LOCK,),
    "EC219": (R.SCAN_UNDER_LOCK,),  # or SCAN_UNDER_LOCK too: see claims_of
}
_EC213_LINE = re.compile(r"ACCESS EXCLUSIVE lock that line (\d+) took")
_EC202_LINE = re.compile(re.escape(UNTIL_LINE) + r" (\d+)")
_EC205_LINE = re.compile(r"NOT VALID ADD on line (\d+): the ACCESS EXCLUSIVE lock")


def claims_of(findings: Iterable[Finding]) -> dict[tuple[str, int], dict[str, set[str]]]:
    """(file, line) -> {claimed reason: codes claiming it}."""
    out: dict[tuple[str, int], dict[str, set[str]]] = {}
    for (file, line, _), reasons in _claims(findings).items():
        for reason, codes in reasons.items():
            out.setdefault((file, line), {}).setdefault(reason, set()).update(codes)
    return out


def statement_claims(findings: Iterable[Finding],
                     statements: Iterable[TracedStatement]) -> dict[int, dict[str, set[str]]]:
    """id(traced statement) -> {claimed reason: codes}. A finding claims on the statement it names:
    one line can hold several (an Alembic operation that renders two statements, ALTER COLUMN …
    TYPE and SET NOT NULL), and a claim on one of them is not a claim on the other. A claim made
    from another line (the ACCESS EXCLUSIVE lock EC213 and EC205 say line N took, the lock wait
    EC202 and EC212 say line N makes) goes to the first statement of line N."""
    claims = _claims(findings)
    out: dict[int, dict[str, set[str]]] = {}
    seen: set[tuple[str, int]] = set()
    for stmt in statements:
        mine: dict[str, set[str]] = {}
        keys = [(stmt.file, stmt.line, stmt.text)]
        if (stmt.file, stmt.line) not in seen:
            seen.add((stmt.file, stmt.line))
            keys.append((stmt.file, stmt.line, None))
        for key in keys:
            for reason, codes in claims.get(key, {}).items():
                mine.setdefault(reason, set()).update(codes)
        if mine:
            out[id(stmt)] = mine
    return out


def _claims(findings: Iterable[Finding]) -> dict[tuple[str, int, str | None], dict[str, set[str]]]:
    """(file, line, statement text) -> {claimed reason: codes}; text None: a claim on the first
    statement of that line, made by a finding on another one."""
    out: dict[tuple[str, int, str | None], dict[str, set[str]]] = {}

    def claim(key: tuple[str, int, str | None], reason: str, code: str) -> None:
        out.setdefault(key, {}).setdefault(str(reason), set()).add(code)

    for f in findings:
        if f.code not in CLAIMS:
            continue
        reasons = CLAIMS[f.code]
        if f.code == "EC213":
            waits = "must first get" in f.message
            reasons = (R.LOCK_WAIT_UNDER_AE,) if waits else (R.SLOW_UNDER_AE,)
            took = _EC213_LINE.search(f.message)
            if took and not waits:  # slow work follows the lock
                claim((f.file, int(took.group(1)), None), R.AE_THEN_SLOW, f.code)
        if f.code in ("EC202", "EC212") and "must first get" in f.message:  # held while a later line waits for a lock
            until = _EC202_LINE.search(f.message)
            if until:
                claim((f.file, int(until.group(1)), None), R.LOCK_WAIT_UNDER_AE, f.code)
            continue
        if f.code == "EC218" and ITSELF in f.message:  # it scans the table whose writes are blocked
            claim((f.file, f.line, f.statement), R.SCAN_UNDER_LOCK, f.code)
        if f.code == "EC205":  # the ADD … NOT VALID it names took ACCESS EXCLUSIVE; the VALIDATE is slow
            took = _EC205_LINE.search(f.message)
            if took:
                claim((f.file, int(took.group(1)), None), R.AE_THEN_SLOW, f.code)
        for reason in reasons:
            claim((f.file, f.line, f.statement), reason, f.code)
    return out


@dataclass(frozen=True)
class Disagreement:
    file: str
    line: int
    statement: str
    lint: dict[str, tuple[str, ...]]  # claimed reason -> codes
    trace: dict[str, tuple[str, ...]]  # observed reason -> tables

    @property
    def kind(self) -> str:
        return "lint-only" if self.lint else "trace-only"

    @property
    def key(self) -> str:
        return f"{self.file}:{self.line}"

    def lint_words(self) -> str:
        if not self.lint:
            return "lint reports no lock hazard"
        codes = sorted({c for cs in self.lint.values() for c in cs})
        return f"lint reports {', '.join(codes)} ({', '.join(sorted(self.lint))})"

    def trace_words(self, traced: TracedStatement | None = None) -> str:
        if not self.trace:
            locks = ""
            if traced is not None and traced.new_locks:
                locks = ": it took " + ", ".join(f"{m.label} on {r}" for r, m in sorted(traced.new_locks.items()))
            return f"PostgreSQL shows no hazard{locks}"
        return "PostgreSQL " + "; ".join(f"{Reason(r).words} ({', '.join(t)})" for r, t in self.trace.items())

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "kind": self.kind, "statement": self.statement,
                "lint": {r: list(c) for r, c in self.lint.items()},
                "trace": {r: list(t) for r, t in self.trace.items()}}


def compare(result: LintResult, traced: TraceResult, paths: set[str] | None = None) -> tuple[Disagreement, ...]:
    """Every statement PostgreSQL ran where lint and the trace disagree on whether it is a hazard
    (only statements of ``paths`` when given)."""
    claims = statement_claims(result.findings, traced.statements)
    out = []
    for stmt in traced.statements:
        if stmt.observation is None or (paths is not None and stmt.file not in paths):
            continue
        claimed = claims.get(id(stmt), {})
        if bool(claimed) == stmt.hazard:
            continue
        out.append(Disagreement(
            stmt.file, stmt.line, stmt.text,
            {r: tuple(sorted(c)) for r, c in sorted(claimed.items())},
            {str(r): t for r, t in stmt.reasons.items()},
        ))
    return tuple(out)


def disagreement_findings(disagreements: Iterable[Disagreement], traced: TraceResult) -> list[Finding]:
    """One EC004 finding per disagreement, naming both sides."""
    by_key = {(s.file, s.line): s for s in traced.statements}
    findings = []
    for d in disagreements:
        stmt = by_key.get((d.file, d.line))
        if d.lint:
            help_text = ("if PostgreSQL is right here, lint over-reports: suppress the lint finding with a "
                         "reason, and report the case so the rule learns it")
        else:
            help_text = ("lint missed what PostgreSQL did: treat it as the hazard PostgreSQL shows (commit "
                         "before the slow work, or make the change without the lock), and report the case")
        findings.append(Finding(
            code=CODE, name=NAME, severity=Severity.WARNING, phase="none", file=d.file, line=d.line, column=1,
            end_line=d.line + d.statement.count("\n"), statement=d.statement,
            message=f"{d.lint_words()}, but {d.trace_words(stmt)} when the migration ran on a scratch PostgreSQL",
            help=help_text,
        ))
    return findings


@dataclass(frozen=True)
class Score:
    """Recall and precision of lint's lock claims against the trace, overall and per reason."""

    # reason -> (statements with it, of them claimed by lint) for recall
    recall_counts: dict[str, tuple[int, int]]
    # reason -> (statements lint claims it on, of them hazards in the trace) for precision
    precision_counts: dict[str, tuple[int, int]]
    statements: int

    @staticmethod
    def ratio(pair: tuple[int, int]) -> float | None:
        total, hit = pair
        return hit / total if total else None

    def recall(self, reason: str = "all") -> float | None:
        return self.ratio(self.recall_counts.get(reason, (0, 0)))

    def precision(self, reason: str = "all") -> float | None:
        return self.ratio(self.precision_counts.get(reason, (0, 0)))


def score(result: LintResult, traced: TraceResult, paths: set[str] | None = None) -> Score:
    claims = statement_claims(result.findings, traced.statements)
    recall: dict[str, list[int]] = {}
    precision: dict[str, list[int]] = {}
    ran = 0

    def count(table: dict[str, list[int]], key: str, hit: bool) -> None:
        pair = table.setdefault(key, [0, 0])
        pair[0] += 1
        pair[1] += hit

    for stmt in traced.statements:
        if stmt.observation is None or (paths is not None and stmt.file not in paths):
            continue
        ran += 1
        claimed = claims.get(id(stmt), {})
        if stmt.hazard:
            count(recall, "all", bool(claimed))
            for reason in stmt.reasons:
                count(recall, str(reason), bool(claimed))
        if claimed:
            count(precision, "all", stmt.hazard)
            for reason in claimed:
                count(precision, reason, stmt.hazard)
    return Score({k: tuple(v) for k, v in recall.items()}, {k: tuple(v) for k, v in precision.items()}, ran)
