"""Backing up the whole database and restoring it, on SQLite and on PostgreSQL.

SQLite is copied with its online backup API (sqlite3.Connection.backup), which gives a
consistent copy while the app keeps serving; PostgreSQL with pg_dump's custom format, from
the same snapshot that the manifest's row counts are taken in. Each backup file has a
manifest beside it (FILE.manifest.json): the kind of database, the migrations applied, the
rows in every table and the file's SHA-256. A restore checks the manifest against the file
and against this installation before it changes anything, then checks the row counts after.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader

MANIFEST_SUFFIX = ".manifest.json"
MANIFEST_FORMAT = 1
EXTENSIONS = {"sqlite": "sqlite3", "postgresql": "dump"}
# Tables whose rows mean the database already holds a council's records: every change to a
# record writes an audit event, and nobody works without an account. (Migrations alone
# write neither; they do write question sets, content types and permissions.)
RECORD_TABLES = ("accounts_user", "audit_auditevent")


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with the reason in words."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest_path: Path
    manifest: dict


def database_kind(using="default") -> str:
    vendor = connections[using].vendor
    if vendor not in EXTENSIONS:
        raise BackupError(f"CareQA backs up SQLite and PostgreSQL only, not {vendor}")
    return vendor


def manifest_path_of(path) -> Path:
    return Path(f"{path}{MANIFEST_SUFFIX}")


def sha256_of(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- what a database holds


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def table_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor, tables) -> dict[str, list[str]]:
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _sqlite_tables(cursor):
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {row[0] for row in cursor.fetchall()}


def _postgres_tables(cursor):
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = ANY(current_schemas(false))")
    return {row[0] for row in cursor.fetchall()}


def records_held(using="default") -> dict[str, int]:
    """Rows in RECORD_TABLES of the live database (a table not there yet counts none)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        return table_counts(cursor, [t for t in RECORD_TABLES if t in tables])


def live_counts(using="default") -> dict[str, int]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return table_counts(cursor, connection.introspection.table_names(cursor))


# ---------------------------------------------------------------- backing up


def backup_database(directory, *, using="default", now=None) -> Backup:
    """Write a timestamped backup of the whole database and its manifest into `directory`."""
    kind = database_kind(using)
    now = now or datetime.datetime.now(datetime.UTC)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"careqa-{kind}-{stamp}.{EXTENSIONS[kind]}"
    if path.exists() or manifest_path_of(path).exists():
        raise BackupError(f"{path} already exists: CareQA never overwrites a backup")
    # Written under a temporary name and renamed once complete: a backup that stopped
    # half-way never has the name of a real one.
    partial = directory / f".{path.name}.partial"
    try:
        if kind == "sqlite":
            tables, migrations = _backup_sqlite(partial, using)
        else:
            tables, migrations = _backup_postgres(partial, using)
        # It holds personal details: readable by whoever runs CareQA, nobody else.
        partial.chmod(0o600)
        manifest = {
            "format": MANIFEST_FORMAT,
            "kind": kind,
            "file": path.name,
            "created_at": now.isoformat(timespec="seconds"),
            "size": partial.stat().st_size,
            "sha256": sha256_of(partial),
            "migrations": migrations,
            "tables": tables,
        }
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    manifest_file = manifest_path_of(path)
    manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    manifest_file.chmod(0o600)
    return Backup(path=path, manifest_path=manifest_file, manifest=manifest)


def _backup_sqlite(target, using):
    connection = connections[using]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be taken inside a transaction")
    destination = sqlite3.connect(target)
    try:
        # One step (pages=-1): the copy is of one moment, whatever the app writes meanwhile.
        connection.connection.backup(destination)
        # A single self-contained file: no -wal beside it to lose when it is copied.
        destination.execute("PRAGMA journal_mode=DELETE")
        cursor = destination.cursor()
        tables = _sqlite_tables(cursor)
        return table_counts(cursor, tables), applied_migrations(cursor, tables)
    finally:
        destination.close()


def pg_environment(using="default") -> dict[str, str]:
    """libpq's variables for the configured database: the password stays out of `ps`."""
    settings_dict = connections[using].settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for variable, key in (("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert")):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def _pg_tool(name):
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return tool


def _backup_postgres(target, using):
    connection = connections[using]
    pg_dump = _pg_tool("pg_dump")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # The counts and pg_dump read the same snapshot, so the manifest is of the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = _postgres_tables(cursor)
        counts = table_counts(cursor, tables)
        migrations = applied_migrations(cursor, tables)
        result = subprocess.run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            env=pg_environment(using),
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return counts, migrations


# ---------------------------------------------------------------- restoring


def read_manifest(path) -> dict:
    """The manifest of the backup at `path`, checked against the file itself."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    manifest_file = manifest_path_of(path)
    if not manifest_file.is_file():
        raise BackupError(
            f"{path}: its manifest {manifest_file.name} is missing, so nothing can show "
            "what the file holds; CareQA restores only backups it made"
        )
    try:
        manifest = json.loads(manifest_file.read_text())
    except ValueError as error:
        raise BackupError(f"{manifest_file}: not a CareQA manifest ({error})") from error
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"{manifest_file}: not a CareQA manifest (format {MANIFEST_FORMAT})")
    missing = {"kind", "file", "sha256", "migrations", "tables"} - set(manifest)
    if missing:
        raise BackupError(f"{manifest_file}: the manifest lacks {', '.join(sorted(missing))}")
    if manifest["file"] != path.name:
        raise BackupError(
            f"{manifest_file}: the manifest is of {manifest['file']}, not of {path.name}"
        )
    actual = sha256_of(path)
    if actual != manifest["sha256"]:
        raise BackupError(
            f"{path}: the file's checksum ({actual[:12]}…) is not the manifest's "
            f"({manifest['sha256'][:12]}…): it changed or was damaged after the backup"
        )
    return manifest


def unknown_migrations(manifest) -> list[str]:
    """Migrations the backup has applied that this CareQA does not have (a newer CareQA's)."""
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in on_disk
    )


def restore_database(path, *, using="default", force=False) -> dict:
    """Replace the database's contents with the backup at `path`; returns its manifest.

    Refuses, changing nothing, a file whose manifest does not match it, a backup of the
    other kind of database or from a newer CareQA, and a database that already holds
    records unless `force`.
    """
    manifest = read_manifest(path)
    kind = database_kind(using)
    if manifest["kind"] != kind:
        raise BackupError(
            f"{Path(path).name} is a backup of a {manifest['kind']} database; this CareQA "
            f"uses {kind}"
        )
    newer = unknown_migrations(manifest)
    if newer:
        raise BackupError(
            f"{Path(path).name} was made by a newer CareQA (migrations this one lacks: "
            f"{', '.join(newer[:5])}{'…' if len(newer) > 5 else ''}); upgrade first"
        )
    held = {table: rows for table, rows in records_held(using).items() if rows}
    if held and not force:
        words = ", ".join(f"{rows} rows in {table}" for table, rows in held.items())
        raise BackupError(
            f"The database already holds records ({words}); restoring replaces them all. "
            "Run again with --force to do so"
        )
    if kind == "sqlite":
        _restore_sqlite(path, using)
    else:
        _restore_postgres(path, using)
    counts = live_counts(using)
    differ = sorted(
        table for table, rows in manifest["tables"].items() if counts.get(table) != rows
    )
    if differ:
        raise BackupError(
            "The restored database does not match the manifest in "
            + ", ".join(f"{t} ({counts.get(t)} rows, not {manifest['tables'][t]})" for t in differ)
        )
    return manifest


def _restore_sqlite(path, using):
    connection = connections[using]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction")
    source = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        # Page by page into the live file, under its lock: other connections see the old
        # database or the restored one, never a mixture.
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # the next query reconnects, with the settings' PRAGMAs


def _restore_postgres(path, using):
    connections[using].close()
    env = pg_environment(using)
    result = subprocess.run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            # All or nothing: a failure leaves the database as it was.
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env.get('PGDATABASE', '')}",
            str(path),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
