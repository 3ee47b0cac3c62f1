"""The migration runner: ``apply``, ``plan``, ``status`` and ``abort`` on PostgreSQL.

Steps are data (``steps.py``, built by ``build.py`` from ``expandcontract.core.migration``'s
transaction groups); executors interpret them: ``RecordingExecutor`` (plans, dry runs, tests)
and ``PgExecutor`` (psycopg 3). ``run.py`` decides which phases run and in what order;
``state.py`` keeps the ``expandcontract`` schema; ``backfill_sql.py`` cuts UPDATEs into key-range
batches; ``events.py`` reports to people and machines; ``api.py`` is the edge the commands use.

Promises: a step never waits for a lock longer than ``lock_timeout`` per attempt nor retries
beyond its budget; nothing is recorded as done that is not; a rerun resumes at the first step
(or backfill batch) not recorded; passwords never reach any output.
"""
