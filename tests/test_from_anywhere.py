"""The suite passes wherever pytest is started (``cd /tmp && python -m pytest REPO/tests``)."""

from __future__ import annotations

from pathlib import Path

from expandcontract.paths import display_path

ROOT = Path(__file__).resolve().parents[1]


def test_a_test_starts_in_the_repository_root(tmp_path):
    assert Path.cwd() == ROOT
    # so a path under the temporary folder is shown whole, as the tests expect, even when pytest
    # was started from a folder above it
    assert display_path(tmp_path / "m.sql") == str(tmp_path / "m.sql")
