"""Every test that starts PostgreSQL or MariaDB/MySQL carries the ``postgres`` / ``mysql`` marker,
so ``-m "not postgres and not mysql"`` runs without a server: the guard in tests/markers.py fails an
unmarked one before its fixtures start."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

CONFTEST = """
import pytest

from tests.markers import pytest_runtest_setup  # noqa: F401

STARTED = []


@pytest.fixture(scope="session")
def pg_server():
    STARTED.append(1)
    raise AssertionError("a server was started")


@pytest.fixture
def pg_url(pg_server):
    return pg_server


@pytest.fixture(scope="session")
def mysql_server():
    STARTED.append(1)
    raise AssertionError("a server was started")


@pytest.fixture
def mysql_db(mysql_server):
    return mysql_server


@pytest.fixture
def users(pg_url):  # a test reaching the server through another fixture is caught too
    return pg_url


@pytest.fixture
def probe(mysql_server):
    return mysql_server
"""

SERVERS = [("postgres", "pg_url", "users", "pg_server, pg_url"),
           ("mysql", "mysql_db", "probe", "mysql_server")]


@pytest.mark.parametrize(("marker", "fixture", "through", "named"), SERVERS, ids=["postgres", "mysql"])
def test_an_unmarked_test_that_needs_a_server_fails_before_the_server_starts(
        pytester: pytest.Pytester, marker, fixture, through, named) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_x=f"""
        def test_direct({fixture}):
            pass

        def test_through_a_fixture({through}):
            pass

        def test_no_database():
            pass
    """)
    result = pytester.runpytest("-m", f"not {marker}", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines([f"*test_direct uses * but is not marked @pytest.mark.{marker}*",
                                 f"*test_through_a_fixture uses {named} but is not marked*"])
    result.stdout.no_fnmatch_line("*a server was started*")


def test_the_other_servers_marker_does_not_do(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_x="""
        import pytest

        @pytest.mark.postgres
        def test_wrong_marker(mysql_db):
            pass
    """)
    result = pytester.runpytest("-m", "not mysql", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*test_wrong_marker uses mysql_db, mysql_server but is not marked @pytest.mark.mysql*"])


@pytest.mark.parametrize(("marker", "fixture", "through", "named"), SERVERS, ids=["postgres", "mysql"])
def test_a_marked_test_is_deselected_by_not_its_marker(pytester: pytest.Pytester, marker, fixture, through,
                                                       named) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makeini(f"[pytest]\nmarkers =\n    {marker}: needs a real server\n")
    pytester.makepyfile(test_x=f"""
        import pytest

        pytestmark = pytest.mark.{marker}

        def test_marked({through}):
            pass
    """)
    result = pytester.runpytest("-m", f"not {marker}", "-p", "no:cacheprovider")
    result.assert_outcomes(deselected=1)
