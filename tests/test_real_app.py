"""A real public application's whole Alembic history, with no patches to it: Prefect 3.1's server
(98 PostgreSQL revisions, data migrations that read rows, models on one declarative Base spread
over a large module). lint and check run on it as an adopting team would, and never exit 2.

Prefect 3.0.0's head revision (97429116795e) is the last one production has before 3.1.0: the
release pair is checked with the 3.0.0 models as the old app and the 3.1.0 models as the new (two
additive revisions: both apps run on every state).
"""

from __future__ import annotations

import json

import pytest

from .real_app import real_app

PREFECT = "3.1.0"
VERSIONS = "prefect/server/database/migrations/versions/postgresql"
MODELS = "prefect.server.database.orm_models:Base"

pytestmark = pytest.mark.real_app


@pytest.fixture(scope="module")
def prefect():
    return real_app("prefect", PREFECT)


@pytest.mark.postgres
def test_lint_renders_the_whole_prefect_history_and_reports_it(prefect, pg_server):
    done = prefect.run("lint", VERSIONS, "--format", "json", "--scratch-url", pg_server)
    assert done.returncode == 1, done.stderr[-2000:]  # findings; never 2
    report = json.loads(done.stdout)
    assert report["summary"]["files"] == 98
    # the data migration that counts rows cannot render offline: the history is rendered online
    notices = [line for line in done.stderr.splitlines() if line.startswith("expandcontract:")]
    assert len(notices) == 1
    assert "14dc68cc5853_backfill_state_name.py:51 cannot be rendered offline" in notices[0]
    codes = {f["code"] for f in report["findings"]}
    assert {"EC301", "EC302", "EC303"} <= codes  # drops and renames of the real history
    assert "EC005" not in codes and "EC001" not in codes


def test_lint_offline_marks_the_unrenderable_revisions_and_goes_on(prefect):
    done = prefect.run("lint", VERSIONS, "--render", "offline", "--format", "json")
    assert done.returncode == 1, done.stderr[-2000:]
    report = json.loads(done.stdout)
    unrendered = [f for f in report["findings"] if f["code"] == "EC005"]
    assert unrendered and all(f["severity"] == "warning" for f in unrendered)
    assert any(f["file"].endswith("14dc68cc5853_backfill_state_name.py") and f["line"] == 51 for f in unrendered)
    assert report["summary"]["files"] == 98


@pytest.mark.postgres
def test_check_the_release_pair_with_the_old_and_new_models(prefect, pg_server, tmp_path):
    old = real_app("prefect", "3.0.0", environment=False)
    done = prefect.run("check", VERSIONS, "--since", "97429116795e", "--scratch-url", pg_server,
                       "--old-app", f"{old.checkout}/prefect/server/database/orm_models.py:Base",
                       "--new-app", MODELS, "--format", "json")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert len(report["states"]) == 3  # the baseline and the two revisions of 3.1.0
    assert report["ok"] and not report["failures"]
    assert "imported prefect from prefect (the source tree), not the installed" in done.stderr
