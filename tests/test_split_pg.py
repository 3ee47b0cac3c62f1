"""Every ``split`` recipe on a real PostgreSQL: the phases run through the expandcontract runner,
old-app and new-app writes happen between them, and the data comes out intact."""

from __future__ import annotations

import psycopg
import pytest

from expandcontract.config import Config
from expandcontract.runner.api import apply
from expandcontract.runner.events import CollectingEvents
from expandcontract.split.files import write_files

from .test_split_recipes import BASE, IDS, SCENARIOS, Expect, Fails, Write, split_files

SEED = """
INSERT INTO customers (name) VALUES ('Ada'), ('Bob');
INSERT INTO users (id, name, email) VALUES (1, 'ada', 'ada@x'), (2, 'bob', 'bob@x'), (3, 'cy', 'cy@x');
SELECT setval(pg_get_serial_sequence('users', 'id'), 100);
INSERT INTO orders (id, customer_id, total, quantity, note)
    VALUES (1, 1, 10.50, 2, 'a'), (2, 2, 3.25, 1, NULL), (3, 1, 0, 5, 'c');
SELECT setval(pg_get_serial_sequence('orders', 'id'), 100);
INSERT INTO accounts VALUES (1, 'Ada'), (2, 'bob');
INSERT INTO tags VALUES ('red', '#f00'), ('blue', '#00f');
INSERT INTO "Line Items" VALUES (1, 'one');
INSERT INTO a_table_with_a_really_long_name_that_is_close_to_the_limit_xx VALUES (1, 'long', NULL);
"""


def _run(url: str, sql: str):
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchall() if cur.description else None


@pytest.mark.postgres
@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_split_keeps_the_data_on_postgres(scenario, pg_url, tmp_path):
    files = split_files(scenario)
    plan_dir = tmp_path / scenario.id
    write_files(plan_dir, files)
    schema_file = tmp_path / "schema.sql"
    schema_file.write_text(BASE)
    _run(pg_url, BASE)
    _run(pg_url, SEED)
    config = Config(pg_version=scenario.pg_version)

    for step in scenario.pg:
        if isinstance(step, str):
            events = CollectingEvents()
            apply([str(plan_dir)], url=pg_url, target=step, config=config, schema=str(schema_file), events=events)
            assert not events.named("step_failed"), events.named("step_failed")
        elif isinstance(step, Write):
            _run(pg_url, step.sql)
        elif isinstance(step, Expect):
            assert _run(pg_url, step.sql) == step.rows, step.sql
        elif isinstance(step, Fails):
            with pytest.raises(psycopg.errors.IntegrityError):
                _run(pg_url, step.sql)

    # nothing of the split is left behind: no invalid index, no sync trigger or function
    assert _run(pg_url, "SELECT count(*) FROM pg_index WHERE NOT indisvalid") == [(0,)]
    assert _run(pg_url, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal") == [(0,)]
    assert _run(pg_url, "SELECT count(*) FROM pg_proc WHERE proname LIKE '%sync%' "
                        "AND pronamespace = 'public'::regnamespace") == [(0,)]
