"""The guard that keeps ``-m "not postgres"`` and ``-m "not mysql"`` from starting a server: a
test that reaches a real-server fixture (directly or through another fixture) must carry the
server's marker, or it fails before any fixture is set up."""

from __future__ import annotations

import pytest

from .mysql import MYSQL_FIXTURES
from .pg import PG_FIXTURES

# marker -> the fixtures that start its server
SERVER_FIXTURES = {"postgres": PG_FIXTURES, "mysql": MYSQL_FIXTURES}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that needs PostgreSQL or MariaDB/MySQL says so with ``@pytest.mark.postgres`` /
    ``@pytest.mark.mysql``; an unmarked one fails here, before its fixtures start a server."""
    for marker, fixtures in SERVER_FIXTURES.items():
        needs = fixtures.intersection(getattr(item, "fixturenames", ()))
        if needs and item.get_closest_marker(marker) is None:
            pytest.fail(f"{item.nodeid} uses {', '.join(sorted(needs))} but is not marked "
                        f"@pytest.mark.{marker} (or pytestmark = pytest.mark.{marker})", pytrace=False)
