import os
import sqlite3

import pytest
from django.db import connection


class OutsideDatabase:
    """The test database, for processes started by a test (a real worker, a real server).

    PostgreSQL: the test database itself (committed rows, so tests use transactional_db).
    SQLite: the test database is in memory, so it is copied to a file for them, and their
    changes copied back with `pull()` before the test looks.
    """

    def __init__(self, tmp_path):
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        self.env["DJANGO_SETTINGS_MODULE"] = "careqa.development"
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.file = tmp_path / "outside.sqlite3"
            self.env["CAREQA_SQLITE_PATH"] = str(self.file)
        else:
            s = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
            )

    def push(self):
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
            target.close()

    def pull(self):
        if self.sqlite:
            source = sqlite3.connect(self.file)
            source.backup(connection.connection)
            source.close()


@pytest.fixture
def outside_db(transactional_db, tmp_path):
    return OutsideDatabase(tmp_path)
