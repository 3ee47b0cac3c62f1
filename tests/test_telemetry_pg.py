"""The runner's events as OpenTelemetry spans, on a real run: run > phase > step, a span per
backfill batch and gate decision, errors marked, and no password in any attribute."""

from __future__ import annotations

import sys

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from expandcontract.runner import api
from expandcontract.runner.events import CollectingEvents
from expandcontract.runner.telemetry import Traced, traced

from .runner_helpers import FAST, sql, write_migration

pytestmark = pytest.mark.postgres


@pytest.fixture
def spans():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter, provider.get_tracer("test")


def test_a_run_is_a_tree_of_spans(pg_url, tmp_path, spans):
    exporter, tracer = spans
    sql(pg_url, "CREATE TABLE users (id bigint PRIMARY KEY, name text);"
                "INSERT INTO users SELECT g, 'n' || g FROM generate_series(1, 3000) g;")
    folder = write_migration(tmp_path, "0001_full_name", expand="ALTER TABLE users ADD COLUMN full_name text;",
                             migrate="UPDATE users SET full_name = name;")
    events = Traced(CollectingEvents(), tracer)
    api.apply([str(folder)], url=pg_url, target="migrate", settings=FAST, events=events)
    events.close()
    finished = exporter.get_finished_spans()
    by_name: dict[str, list] = {}
    for span in finished:
        by_name.setdefault(span.name, []).append(span)
    [run] = by_name["expandcontract.run"]
    phases = by_name["expandcontract.phase"]
    assert sorted(p.attributes["expandcontract.phase"] for p in phases) == ["expand", "migrate"]
    assert all(p.parent.span_id == run.context.span_id for p in phases)
    steps = by_name["expandcontract.step"]
    assert steps and all(s.parent.span_id in {p.context.span_id for p in phases} for s in steps)
    batches = by_name["expandcontract.backfill_batch"]
    assert len(batches) >= 2 and all(b.attributes["expandcontract.table"] == "users" for b in batches)
    assert "expandcontract.consumer_gate_off" in by_name  # the gate's decision is a span too
    assert run.attributes["expandcontract.phases_run"] == 2


def test_a_failed_run_marks_its_spans_as_errors(pg_url, tmp_path, spans):
    exporter, tracer = spans
    folder = write_migration(tmp_path, "0001_bad", expand="ALTER TABLE nope ADD COLUMN x text;")
    events = Traced(CollectingEvents(), tracer)
    with pytest.raises(Exception) as error:
        api.apply([str(folder)], url=pg_url, target="expand", settings=FAST, events=events, allow_unsafe=True)
    events.emit("run_failed", message=str(error.value), error=type(error.value).__name__)
    events.close()
    finished = {s.name: s for s in exporter.get_finished_spans()}
    assert finished["expandcontract.run"].status.status_code is StatusCode.ERROR
    assert finished["expandcontract.phase"].status.status_code is StatusCode.ERROR


def test_passwords_are_scrubbed_from_attributes(spans):
    exporter, tracer = spans
    url = "postgresql://app:hunter22@db/prod"
    events = Traced(CollectingEvents(scrub=lambda s: s.replace("hunter22", "***")), tracer)
    events.emit("run_started", command="apply", database=url, target="expand")
    events.emit("run_failed", message=f"cannot connect to {url}")
    events.close()
    for span in exporter.get_finished_spans():
        assert all("hunter22" not in str(v) for v in span.attributes.values())
        assert "hunter22" not in (span.status.description or "")


def test_without_opentelemetry_the_events_are_unchanged(monkeypatch):
    inner = CollectingEvents()
    assert isinstance(traced(inner), Traced)
    monkeypatch.setitem(sys.modules, "opentelemetry.trace", None)
    assert traced(inner) is inner
