"""Building small Alembic projects on disk for the Alembic tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

INI = """\
[alembic]
script_location = migrations
prepend_sys_path = .
path_separator = os
sqlalchemy.url = {url}
"""

# env.py as `alembic init` writes it, reduced to what the tests run (online upgrades)
ENV_PY = '''\
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
target_metadata = None


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline mode is not used by these tests")
run_migrations_online()
'''


def revision(rev: str, down: str | tuple[str, ...] | None, upgrade: str, *, labels: tuple[str, ...] = (),
             depends_on: str | None = None, header: str = "") -> str:
    """The text of a revision module; ``upgrade`` is the body of ``upgrade()``."""
    body = textwrap.indent(textwrap.dedent(upgrade).strip("\n"), "    ")
    return (
        f'"""revision {rev}"""\n'
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        f"{textwrap.dedent(header)}\n"
        f"revision = {rev!r}\n"
        f"down_revision = {down!r}\n"
        f"branch_labels = {labels or None!r}\n"
        f"depends_on = {depends_on!r}\n"
        "\n\n"
        "def upgrade():\n"
        f"{body}\n"
        "\n\n"
        "def downgrade():\n"
        "    pass\n"
    )


def make_project(root: Path, revisions: dict[str, str], url: str = "postgresql://localhost/unused") -> Path:
    """``root/alembic.ini`` with ``migrations/versions/<name>.py`` for each revision; returns the ini."""
    versions = root / "migrations" / "versions"
    versions.mkdir(parents=True)
    (root / "migrations" / "env.py").write_text(ENV_PY)
    (root / "migrations" / "script.py.mako").write_text("")
    for name, text in revisions.items():
        (versions / f"{name}.py").write_text(text)
    ini = root / "alembic.ini"
    ini.write_text(INI.format(url=url))
    return ini


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
