"""How the MySQL history in this folder was assembled (run by hand, not by the tests).

airflow/: Apache Airflow 2.10.5's Alembic history (Apache License 2.0) as a real server ran it:
``alembic -c airflow/alembic.ini upgrade head`` in the unpacked wheel (its dependencies
installed, ``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=mysql+pymysql://…``) against MariaDB 10.11 with
the general query log on; this script cuts the log into one file per revision at each
``alembic_version`` write, keeping what changes the schema or the data (no SELECT, SHOW, session
set-up or transaction control). MariaDB runs the history up to 0141; 0142 on is MySQL-only SQL
(a prepared statement in one query), so those revisions are Alembic's offline rendering for the
MySQL dialect (``alembic upgrade --sql``), as are all of mlflow/: MLflow 2.19.0's tracking-store
history (Apache License 2.0), each revision that renders offline.

superset/: Apache Superset 4.1.1's Alembic history (Apache License 2.0) as ``superset db upgrade``
ran it on MariaDB 10.11 (a utf8mb4 database), cut from the general query log like Airflow's
(``--number``: its file names are dates, the files are numbered in the order the server ran them;
revisions that changed nothing on the empty database have no file).

    python assemble.py log GENERAL_LOG DATABASE VERSIONS_DIR OUT_DIR [--number]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_HEAD = re.compile(r"^(?:\d{6}\s+\d{1,2}:\d\d:\d\d)?\s+(\d+) (Connect|Query|Quit|Init DB|Prepare|Execute|Close stmt)\t?(.*)$")
_KEEP = re.compile(r"^\s*(CREATE|ALTER|DROP|RENAME|INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|SET\s+(?:SESSION\s+)?"
                   r"(?:FOREIGN_KEY_CHECKS|foreign_key_checks|@@)|CALL|PREPARE|EXECUTE|DEALLOCATE)\b", re.I)
_NOISE = re.compile(r"^\s*SET\s+(NAMES|AUTOCOMMIT|SESSION TRANSACTION|time_zone)\b", re.I)
_VERSION = re.compile(r"alembic_version.*?version_num\s*=\s*'(\w+)'|INSERT INTO alembic_version.*VALUES\s*\('(\w+)'\)",
                      re.I | re.S)


def queries(log: str, database: str):
    """The text of each Query in a MariaDB general log, of the connections made to ``database``."""
    thread, command, lines, ours = None, None, [], set()
    for line in [*log.splitlines(), "\t\t0 Quit\t"]:
        m = _HEAD.match(line)
        if m:
            if command == "Query" and thread in ours:
                yield "\n".join(lines)
            thread, command, lines = m.group(1), m.group(2), [m.group(3)]
            if command == "Connect" and m.group(3).split(" using ")[0].endswith(f" on {database}"):
                ours.add(thread)
        elif command is not None:
            lines.append(line)


def revision_files(versions: Path) -> dict[str, str]:
    out = {}
    for path in versions.glob("*.py"):
        m = re.search(r'^revision\s*=\s*["\'](\w+)["\']', path.read_text(), re.M)
        if m:
            out[m.group(1)] = path.stem
    return out


def from_log(log: Path, database: str, versions: Path, out: Path, number: bool = False) -> None:
    """One file per revision, named after the revision file (``number``: prefixed with the order
    the server ran them in, for histories whose file names do not sort that way)."""
    names = revision_files(versions)
    done = 0
    out.mkdir(parents=True, exist_ok=True)
    pending: list[str] = []
    for text in queries(log.read_text(errors="replace"), database):
        text = text.strip()
        if "alembic_version" in text:
            m = _VERSION.search(text)
            if m and text.upper().startswith(("UPDATE", "INSERT")):
                stem = names[m.group(1) or m.group(2)]
                if pending:
                    done += 1
                    name = f"{done:04d}_{stem}" if number else stem
                    (out / f"{name}.sql").write_text("".join(f"{s.rstrip(';')};\n\n" for s in pending))
                pending = []
            continue
        if _KEEP.match(text) and not _NOISE.match(text):
            pending.append(text)


if __name__ == "__main__":
    if sys.argv[1] == "log":
        from_log(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]), Path(sys.argv[5]), "--number" in sys.argv)
