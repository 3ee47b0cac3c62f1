import psycopg
import pytest

pytestmark = pytest.mark.postgres


def test_the_database_is_real(pg_url):
    with psycopg.connect(pg_url) as conn:
        version = conn.execute("show server_version_num").fetchone()[0]
        conn.execute("create table t (id int)")
    assert int(version) >= 120000
