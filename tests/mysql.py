"""A real MariaDB (or MySQL) for tests, never skipped.

``EXPANDCONTRACT_TEST_MYSQL_URL`` (``mysql://user:password@host:port/``) if set; else a private
``mariadbd`` started from the Debian packages (``mariadb-server``): a data directory made once by
``mariadb-install-db``, a server on a free local port, stopped at the end of the session. If
neither works the test fails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pymysql
import pytest

ENV = "EXPANDCONTRACT_TEST_MYSQL_URL"
MYSQL_FIXTURES = frozenset({"mysql_server", "mysql_db"})


@dataclass(frozen=True)
class MySQLServer:
    host: str
    port: int
    user: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> MySQLServer:
        """The server a ``mysql://user:password@host:port/`` URL names.

        >>> MySQLServer.from_url("mysql://root:p%40ss@127.0.0.1:3307/")
        MySQLServer(host='127.0.0.1', port=3307, user='root', password='p@ss')
        """
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port or 3306, unquote(parts.username or "root"),
                   unquote(parts.password or ""))

    def url(self, database: str = "") -> str:
        return f"mysql://{self.user}:{self.password}@{self.host}:{self.port}/{database}"

    def connect(self, database: str | None = None, **kwargs) -> pymysql.connections.Connection:
        return pymysql.connect(host=self.host, port=self.port, user=self.user, password=self.password,
                               database=database, autocommit=True, connect_timeout=10, **kwargs)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _binary(*names: str) -> str:
    for name in names:
        found = shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}")
                                            if os.path.exists(p)), None)
        if found:
            return found
    raise RuntimeError(f"none of {', '.join(names)} is installed (apt-get install mariadb-server)")


@contextlib.contextmanager
def mariadb_server() -> Iterator[MySQLServer]:
    """A throwaway mariadbd: its own data directory and port, no systemd."""
    root = tempfile.mkdtemp(prefix="ec-mariadb-")
    data = os.path.join(root, "data")
    user = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run([_binary("mariadb-install-db", "mysql_install_db"), "--no-defaults", *user, f"--datadir={data}",
                    "--auth-root-authentication-method=normal", "--skip-test-db"],
                   check=True, capture_output=True, timeout=120)
    port = _free_port()
    log = open(os.path.join(root, "server.log"), "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [_binary("mariadbd", "mysqld"), "--no-defaults", *user, f"--datadir={data}", f"--port={port}",
         "--bind-address=127.0.0.1", f"--socket={data}/sock", "--skip-log-bin", "--innodb-buffer-pool-size=64M",
         f"--pid-file={root}/pid", "--innodb-log-file-size=16M", "--skip-name-resolve",
         "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = MySQLServer("127.0.0.1", port, "root", "")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                server.connect().close()
                break
            except pymysql.err.OperationalError:
                if process.poll() is not None or time.monotonic() > deadline:
                    with open(os.path.join(root, "server.log"), errors="replace") as f:
                        raise RuntimeError("mariadbd did not start: " + f.read()[-2000:]) from None
                time.sleep(0.1)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def mysql_server_for_tests() -> Iterator[MySQLServer]:
    if os.environ.get(ENV):
        yield MySQLServer.from_url(os.environ[ENV])
        return
    with mariadb_server() as server:
        yield server


@pytest.fixture(scope="session")
def mysql_server() -> Iterator[MySQLServer]:
    try:
        cm = mysql_server_for_tests()
        server = cm.__enter__()
    except Exception as exc:  # a missing database is a failure, never a skip
        pytest.fail(f"no MariaDB/MySQL for the tests: set {ENV} or install mariadb-server ({exc})")
    try:
        yield server
    finally:
        cm.__exit__(None, None, None)


@pytest.fixture
def mysql_db(mysql_server: MySQLServer) -> Iterator[pymysql.connections.Connection]:
    """A connection to a fresh, empty database for one test; dropped afterwards."""
    name = "ec_test_" + uuid.uuid4().hex[:12]
    with mysql_server.connect() as admin:
        admin.cursor().execute(f"CREATE DATABASE `{name}`")
    conn = mysql_server.connect(name)
    try:
        yield conn
    finally:
        conn.close()
        with mysql_server.connect() as admin:
            admin.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")


# asking the server about a script's ALTER TABLEs (tests/test_mysql_history.py, test_mysql_real_history.py)

def script_statements(path):
    """(line, text) of each statement of a MySQL script, cut as the ``mysql`` client cuts it."""
    from expandcontract.core.mysql.split import skip_comments, split_mysql

    text = path.read_text()
    for chunk in split_mysql(text):
        start = skip_comments(text, chunk.start, chunk.end)
        if start < chunk.end:
            yield text.count("\n", 0, start) + 1, text[start:chunk.end].strip()


def run_online(cursor, alter: str) -> str | None:
    """Run ``alter`` with the weakest online clause the server accepts (``ALGORITHM=INSTANT``, else
    ``ALGORITHM=INPLACE, LOCK=NONE``) and return that clause; None when it accepts neither (ERROR
    1845/1846: not supported) or fails otherwise, and nothing ran: the caller runs it as written."""
    import pymysql

    for clause in ("ALGORITHM=INSTANT", "ALGORITHM=INPLACE, LOCK=NONE"):
        try:
            cursor.execute(f"{alter}, {clause}")
        except pymysql.MySQLError as exc:
            if exc.args[0] in (1845, 1846):
                continue
            return None
        return clause
    return None
