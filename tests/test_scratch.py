"""The shared scratch-database helper: a fresh database on a given server, dropped afterwards."""

from __future__ import annotations

from urllib.parse import urlsplit

import psycopg
import pytest

from expandcontract.scratch import ScratchError, scratch_database


@pytest.mark.postgres
def test_a_scratch_database_is_fresh_and_dropped_afterwards(pg_server):
    with scratch_database(pg_server) as url:
        name = urlsplit(url).path.lstrip("/")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE t (id int)")
            assert conn.execute("select current_database()").fetchone()[0] == name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        assert conn.execute("select count(*) from pg_database where datname = %s", (name,)).fetchone()[0] == 0


@pytest.mark.postgres
def test_a_scratch_database_is_dropped_when_the_work_fails(pg_server):
    with pytest.raises(RuntimeError), scratch_database(pg_server) as url:
        name = urlsplit(url).path.lstrip("/")
        raise RuntimeError("boom")
    with psycopg.connect(pg_server, autocommit=True) as conn:
        assert conn.execute("select count(*) from pg_database where datname = %s", (name,)).fetchone()[0] == 0


def test_an_unreachable_server_is_one_line():
    with pytest.raises(ScratchError, match="cannot create a scratch database"), \
            scratch_database("postgresql://nobody@127.0.0.1:1/postgres?connect_timeout=1"):
        pass
