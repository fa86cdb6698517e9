"""`careqa backup` and `careqa restore`, end to end through the command line, on the kind of
database this test run uses (SQLite, or PostgreSQL with DATABASE_URL): a scratch database
is migrated and filled, backed up, changed and wiped, restored, and compared table by table.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from careqa.operations.backup import BackupError, manifest_path_of, restore_database, sha256_of

ROOT = Path(settings.BASE_DIR)


class Scratch:
    """A database of the test run's kind that only this test uses, and how to read it."""

    def __init__(self, kind, env, sqlite_path=None, pg=None):
        self.kind, self.env, self.sqlite_path, self.pg = kind, env, sqlite_path, pg

    def careqa(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, "-m", "careqa.cli", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"careqa {' '.join(args)} failed:\n{result.stderr}")
        return result

    def connect(self):
        if self.kind == "sqlite":
            return sqlite3.connect(self.sqlite_path, isolation_level=None)
        import psycopg

        return psycopg.connect(**self.pg, autocommit=True)

    def execute(self, *statements):
        connection = self.connect()
        try:
            for statement in statements:
                connection.execute(statement)
        finally:
            connection.close()

    def every_row(self) -> dict[str, list[str]]:
        """Every table's rows, each as text, in a stable order."""
        connection = self.connect()
        try:
            if self.kind == "sqlite":
                query = (
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            else:
                query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            tables = sorted(row[0] for row in connection.execute(query).fetchall())
            return {
                table: sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
                for table in tables
            }
        finally:
            connection.close()


@pytest.fixture
def scratch(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "careqa.settings"}
    default = settings.DATABASES["default"]
    if default["ENGINE"].endswith("sqlite3"):
        env.pop("DATABASE_URL", None)
        env["CAREQA_SQLITE_PATH"] = str(tmp_path / "scratch.sqlite3")
        yield Scratch("sqlite", env, sqlite_path=env["CAREQA_SQLITE_PATH"])
        return
    import psycopg

    server = {
        "host": default["HOST"] or "127.0.0.1",
        "port": default["PORT"] or 5432,
        "user": default["USER"],
        "password": default["PASSWORD"] or None,
    }
    name = f"careqa_scratch_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    env["DATABASE_URL"] = (
        f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    )
    try:
        yield Scratch("postgresql", env, pg={**server, "dbname": name})
    finally:
        with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SEED = "from careqa.operations.tests.seed import seed_records; seed_records()"


def _backup(scratch, directory):
    out = scratch.careqa("backup", str(directory)).stdout
    assert f"Backed up the {scratch.kind} database to " in out
    (path,) = [p for p in directory.iterdir() if not p.name.endswith(".manifest.json")]
    return path


def test_a_backup_restores_every_table_as_it_was(scratch, tmp_path):
    scratch.careqa("migrate", "--noinput", "-v0")
    scratch.careqa("shell", "-c", SEED)
    original = scratch.every_row()
    assert len(original["visits_personview"]) == 4

    path = _backup(scratch, tmp_path / "backups")
    manifest = json.loads(manifest_path_of(path).read_text())
    assert manifest["kind"] == scratch.kind
    assert manifest["sha256"] == sha256_of(path)
    assert manifest["tables"] == {table: len(rows) for table, rows in original.items()}
    assert "0001_initial" in manifest["migrations"]["visits"]
    assert path.name.startswith(f"careqa-{scratch.kind}-")
    assert oct(path.stat().st_mode & 0o777) == "0o600"

    # Changed after the backup: a restore over it is refused without --force.
    scratch.execute(
        "UPDATE visits_personview SET said = 'changed'",
        "DELETE FROM audit_auditevent WHERE id = (SELECT MIN(id) FROM audit_auditevent)",
    )
    changed = scratch.every_row()
    assert changed != original
    refused = scratch.careqa("restore", str(path), check=False)
    assert refused.returncode != 0
    assert "already holds records" in refused.stderr and "--force" in refused.stderr
    assert scratch.every_row() == changed

    out = scratch.careqa("restore", "--force", str(path)).stdout
    assert "each table's count checked" in out
    assert scratch.every_row() == original

    # Wiped (every row gone): restored without --force.
    scratch.careqa("flush", "--noinput")
    assert not any(scratch.every_row()[t] for t in ("accounts_user", "visits_personview"))
    scratch.careqa("restore", str(path))
    assert scratch.every_row() == original


def test_a_backup_taken_while_the_database_is_written_is_of_one_moment(scratch, tmp_path):
    scratch.careqa("migrate", "--noinput", "-v0")
    scratch.execute("CREATE TABLE pairs (id INTEGER PRIMARY KEY, half INTEGER NOT NULL)")
    stop = threading.Event()

    def write_pairs():
        # Two rows in each transaction: a copy of one moment never holds half a pair.
        connection = scratch.connect()
        number = 0
        while not stop.is_set():
            connection.execute("BEGIN")
            for half in (0, 1):
                number += 1
                connection.execute(f"INSERT INTO pairs (id, half) VALUES ({number}, {half})")
            connection.execute("COMMIT")
        connection.close()

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        path = _backup(scratch, tmp_path / "backups")
    finally:
        stop.set()
        writer.join()
    pairs = json.loads(manifest_path_of(path).read_text())["tables"]["pairs"]
    assert pairs > 0 and pairs % 2 == 0
    if scratch.kind == "sqlite":
        copy = sqlite3.connect(path)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT COUNT(*) FROM pairs").fetchone() == (pairs,)
        copy.close()
    else:
        data = subprocess.run(
            ["pg_restore", "--data-only", "--table=pairs", "--file=-", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows = data.split("FROM stdin;\n", 1)[1].split("\n\\.\n", 1)[0].splitlines()
        assert len(rows) == pairs


# ---------------------------------------------------------------- refusals, before any change


def _fake_backup(tmp_path, *, kind, content=b"not a database", **manifest):
    path = tmp_path / f"careqa-{kind}-20261202T120000Z.{'sqlite3' if kind == 'sqlite' else 'dump'}"
    path.write_bytes(content)
    fields = {
        "format": 1,
        "kind": kind,
        "file": path.name,
        "sha256": sha256_of(path),
        "migrations": {},
        "tables": {},
        **manifest,
    }
    manifest_path_of(path).write_text(json.dumps(fields))
    return path


def _our_kind():
    return "sqlite" if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") else "postgresql"


@pytest.mark.django_db
def test_a_file_without_its_manifest_is_refused(tmp_path):
    path = _fake_backup(tmp_path, kind=_our_kind())
    manifest_path_of(path).unlink()
    with pytest.raises(BackupError, match="manifest .* is missing"):
        restore_database(path)


@pytest.mark.django_db
def test_a_file_changed_after_the_backup_is_refused(tmp_path):
    path = _fake_backup(tmp_path, kind=_our_kind())
    path.write_bytes(b"not a database either")
    with pytest.raises(BackupError, match="checksum .* is not the manifest's"):
        restore_database(path)


@pytest.mark.django_db
def test_a_manifest_of_another_file_is_refused(tmp_path):
    path = _fake_backup(tmp_path, kind=_our_kind(), file="careqa-other.sqlite3")
    with pytest.raises(BackupError, match="the manifest is of careqa-other.sqlite3"):
        restore_database(path)


@pytest.mark.django_db
def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path):
    other = "postgresql" if _our_kind() == "sqlite" else "sqlite"
    with pytest.raises(BackupError, match=f"is a backup of a {other} database"):
        restore_database(_fake_backup(tmp_path, kind=other))


@pytest.mark.django_db
def test_a_backup_from_a_newer_careqa_is_refused(tmp_path):
    path = _fake_backup(
        tmp_path, kind=_our_kind(), migrations={"visits": ["0001_initial", "9999_from_later"]}
    )
    with pytest.raises(BackupError, match="newer CareQA .*visits.9999_from_later"):
        restore_database(path)


@pytest.mark.django_db
def test_a_database_holding_records_is_refused_without_force(tmp_path, personas):
    path = _fake_backup(tmp_path, kind=_our_kind())
    with pytest.raises(BackupError, match=r"already holds records \(\d+ rows in accounts_user"):
        restore_database(path)
