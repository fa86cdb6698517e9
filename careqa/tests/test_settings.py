"""The settings a newcomer's first `make run` depends on."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def test_sqlite_database_folder_is_created_on_a_fresh_clone(tmp_path):
    # A fresh clone has no var/ folder: the first migrate must still open the database.
    database = tmp_path / "not-yet" / "careqa.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"CAREQA_SQLITE_PATH": str(database), "DJANGO_SETTINGS_MODULE": "careqa.development"}
    code = (
        "import django; django.setup();"
        "from django.db import connection; connection.ensure_connection();"
        "print(connection.settings_dict['NAME'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert database.parent.is_dir()
    assert done.stdout.strip() == str(database)
