"""Runner trust on a real PostgreSQL: no data-loss path, no leaked secret, no state a rerun
cannot leave. Each test here failed before the fix it covers."""

from __future__ import annotations

import shutil

import pytest

from expandcontract.runner.errors import Refused

from .runner_helpers import run_apply, sql, write_migration

pytestmark = pytest.mark.postgres

COPY = dict(
    expand="""ALTER TABLE people ADD COLUMN full_name text;
CREATE FUNCTION people_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.full_name := COALESCE(NEW.full_name, NEW.name); RETURN NEW; END $$;
CREATE TRIGGER people_sync BEFORE INSERT OR UPDATE ON people FOR EACH ROW EXECUTE FUNCTION people_sync();
""",
    migrate="UPDATE people SET full_name = name WHERE full_name IS NULL;\n",
)
DROP_NAME = dict(contract="DROP TRIGGER people_sync ON people;\nDROP FUNCTION people_sync();\n"
                          "ALTER TABLE people DROP COLUMN name;\n")


@pytest.fixture
def people(pg_url):
    sql(pg_url, "CREATE TABLE people (id bigint PRIMARY KEY, name text)")
    sql(pg_url, "INSERT INTO people (id, name) SELECT g, 'p' || g FROM generate_series(1, 3000) g")
    return pg_url


def _name_column(url):
    return sql(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'people' "
                    "AND column_name = 'name'")[0][0]


# -- 1: contract and migrate honour every unfinished migration the database knows ---------------------


@pytest.mark.parametrize("deleted", [False, True])
def test_contract_is_refused_while_an_earlier_recorded_migration_is_unfinished(people, tmp_path, deleted):
    copy = write_migration(tmp_path / "migrations", "01_copy", **COPY)
    drop = write_migration(tmp_path / "migrations", "02_drop_name", **DROP_NAME)
    assert run_apply(people, [copy], "expand")[1] is None
    if deleted:
        shutil.rmtree(copy)
    _events, error = run_apply(people, [drop], "contract")
    assert isinstance(error, Refused), error
    message = str(error)
    assert "01_copy" in message and "migrate phase has not finished" in message
    assert f"expandcontract apply {copy} --phase migrate" in message and f"expandcontract abort {copy}" in message
    assert _name_column(people) == 1
    # migrate of a later migration is refused too, and --phase all
    write_migration(tmp_path / "migrations", "03_more", expand="ALTER TABLE people ADD x int;",
                    migrate="UPDATE people SET x = 1;")
    for target in ("migrate", "all"):
        _events, error = run_apply(people, [tmp_path / "migrations" / "03_more"], target)
        assert isinstance(error, Refused) and "01_copy" in str(error), error
    assert sql(people, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'x'") == [(0,)]
    if not deleted:
        # once 01_copy is migrated, the contract runs and no value is lost
        assert run_apply(people, [copy], "migrate")[1] is None
        assert run_apply(people, [drop], "contract")[1] is None
        assert _name_column(people) == 0
        assert sql(people, "SELECT count(*) FROM people WHERE full_name IS NULL") == [(0,)]


def test_a_later_unfinished_migration_does_not_block_an_earlier_ones_migrate(people, tmp_path):
    first = write_migration(tmp_path, "01_copy", **COPY)
    later = write_migration(tmp_path, "02_x", expand="ALTER TABLE people ADD x int;", migrate="UPDATE people SET x = 1;")
    assert run_apply(people, [tmp_path], "expand")[1] is None
    assert run_apply(people, [first], "migrate")[1] is None
    assert run_apply(people, [later], "migrate")[1] is None
