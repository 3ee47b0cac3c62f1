"""OpenTelemetry spans from the runner's events, when ``opentelemetry-api`` is importable.

Every event still goes to its sink (JSON lines or text) unchanged; ``Traced`` also turns them
into spans, so a deploy can be followed in the tracing tools a team already runs (whatever
``TracerProvider`` the process configured; with the API alone the spans are no-ops):

* ``expandcontract.fleet`` > ``expandcontract.stage`` > ``expandcontract.run`` (one database)
  > ``expandcontract.phase`` > ``expandcontract.step``, opened and closed by their
  started/finished (or failed) events;
* every other event (a backfill batch, a gate decision, a health reading, an abort …) is a
  short span of its own, named ``expandcontract.<event>``, under the innermost open one.

Attributes are the event's fields (already scrubbed of passwords), prefixed ``expandcontract.``.
"""

from __future__ import annotations

import contextlib
import json
import threading
from typing import Any

from .events import Events

__all__ = ["Traced", "traced"]

# event -> (level, "start" | "end" | "fail")
_SPANS = {
    "fleet_started": ("fleet", "start"), "fleet_finished": ("fleet", "end"),
    "stage_started": ("stage", "start"), "stage_promoted": ("stage", "end"), "stage_failed": ("stage", "fail"),
    "run_started": ("run", "start"), "run_finished": ("run", "end"), "run_failed": ("run", "fail"),
    "phase_started": ("phase", "start"), "phase_finished": ("phase", "end"),
    "step_started": ("step", "start"), "step_finished": ("step", "end"),
}
_LEVELS = ("fleet", "stage", "run", "phase", "step")
_PER_DATABASE = {"run", "phase", "step"}


def _attributes(fields: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in fields.items():
        if key in ("event", "time") or value is None:
            continue
        if not isinstance(value, (str, bool, int, float)):
            value = json.dumps(value, default=str)
        out[f"expandcontract.{key}"] = value
    return out


class Traced(Events):
    """Forwards every event to ``inner`` and mirrors it as OpenTelemetry spans."""

    def __init__(self, inner: Events, tracer=None) -> None:
        super().__init__()
        from opentelemetry import trace

        self.inner = inner
        self._trace = trace
        self._tracer = tracer or trace.get_tracer("expandcontract")
        self._open: dict[tuple[str, str | None], Any] = {}  # (level, db) -> span
        self._lock = threading.Lock()

    def emit(self, event: str, **fields: Any) -> None:
        self.inner.emit(event, **fields)
        with contextlib.suppress(Exception):  # telemetry must never stop a migration
            self._span(event, self.inner._clean(fields))

    def handle(self, event: dict[str, Any]) -> None:  # pragma: no cover - emit forwards instead
        self.inner.handle(event)

    def close(self) -> None:
        with self._lock:
            for span in reversed(list(self._open.values())):
                span.end()
            self._open.clear()
        self.inner.close()

    def _parent(self, level_index: int, db: str | None):
        for level in reversed(_LEVELS[:level_index]):
            span = self._open.get((level, db if level in _PER_DATABASE else None))
            if span is not None:
                return span
        return None

    def _span(self, event: str, fields: dict[str, Any]) -> None:
        db = fields.get("db")
        level, kind = _SPANS.get(event, (None, None))
        if event == "database_finished" and ("run", db) in self._open:  # a fleet's failed database
            level, kind = "run", "fail" if fields.get("outcome") == "failed" else "end"
        with self._lock:
            if level is None:  # a point event: a short span under the innermost open one
                parent = self._parent(len(_LEVELS), db)
                context = self._trace.set_span_in_context(parent) if parent is not None else None
                span = self._tracer.start_span(f"expandcontract.{event}", context=context,
                                               attributes=_attributes(fields))
                if event in ("verify_failed", "consumer_breaks", "canary_abort_failed"):
                    span.set_status(self._trace.Status(self._trace.StatusCode.ERROR))
                span.end()
                return
            key = (level, db if level in _PER_DATABASE else None)
            if kind == "start":
                stale = self._open.pop(key, None)  # a start without its end: close it, never leak it
                if stale is not None:
                    stale.end()
                parent = self._parent(_LEVELS.index(level), db)
                context = self._trace.set_span_in_context(parent) if parent is not None else None
                self._open[key] = self._tracer.start_span(f"expandcontract.{level}", context=context,
                                                          attributes=_attributes(fields))
                return
            # closing a level closes anything still open below it (a failure skips their ends)
            for below in _LEVELS[_LEVELS.index(level):][::-1]:
                span = self._open.pop((below, db if below in _PER_DATABASE else None), None)
                if span is None:
                    continue
                span.set_attributes(_attributes(fields) if below == level else {})
                if kind == "fail":
                    span.set_status(self._trace.Status(self._trace.StatusCode.ERROR,
                                                       str(fields.get("message", ""))[:200]))
                span.end()


def traced(events: Events) -> Events:
    """``events`` mirrored as spans when opentelemetry-api is importable, else ``events``."""
    try:
        import opentelemetry.trace  # noqa: F401
    except ImportError:
        return events
    return Traced(events)
