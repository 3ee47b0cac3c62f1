"""Every test that starts PostgreSQL carries the ``postgres`` marker, so ``-m "not postgres"``
runs without a server: the guard in tests/pg.py fails an unmarked one before its fixtures start."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

CONFTEST = """
import pytest

from tests.pg import pytest_runtest_setup  # noqa: F401

STARTED = []


@pytest.fixture(scope="session")
def pg_server():
    STARTED.append(1)
    raise AssertionError("a server was started")


@pytest.fixture
def pg_url(pg_server):
    return pg_server


@pytest.fixture
def users(pg_url):  # a test reaching the server through another fixture is caught too
    return pg_url
"""


def test_an_unmarked_test_that_needs_postgresql_fails_before_the_server_starts(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_x="""
        def test_direct(pg_url):
            pass

        def test_through_a_fixture(users):
            pass

        def test_no_database():
            pass
    """)
    result = pytester.runpytest("-m", "not postgres", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines(["*test_direct uses pg_server, pg_url but is not marked @pytest.mark.postgres*",
                                 "*test_through_a_fixture uses pg_server, pg_url but is not marked*"])
    result.stdout.no_fnmatch_line("*a server was started*")


def test_a_marked_test_is_deselected_by_not_postgres(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\nmarkers =\n    postgres: needs a real PostgreSQL\n")
    pytester.makepyfile(test_x="""
        import pytest

        pytestmark = pytest.mark.postgres

        def test_marked(users):
            pass
    """)
    result = pytester.runpytest("-m", "not postgres", "-p", "no:cacheprovider")
    result.assert_outcomes(deselected=1)
