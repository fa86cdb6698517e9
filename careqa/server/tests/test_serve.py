"""`careqa serve` for real (gunicorn on 127.0.0.1 with the production settings), and the
production settings' refusal to start without what they need."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.utils import timezone

from careqa.jobs.models import WorkerHeartbeat

BASE_DIR = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "careqa.production",
    "DJANGO_SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-the-checks-0123456789",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_careqa_serve_answers_with_the_production_settings(outside_db):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w", host="h", pid=1, started_at=now, beat_at=now)
    outside_db.push()
    port = free_port()
    env = outside_db.env | PRODUCTION | {"CAREQA_WORKERS": "1", "CAREQA_THREADS": "2"}
    server = subprocess.Popen(
        [sys.executable, "-m", "careqa.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = fetch(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.3)
        assert (status, body) == (200, "ok")  # plain HTTP allowed for the proxy's check only

        status, headers, _ = fetch(f"{base}/")
        assert status == 301 and headers["Location"].startswith("https://")

        # As the council's HTTPS proxy passes it on.
        status, headers, _ = fetch(f"{base}/", **{"X-Forwarded-Proto": "https"})
        assert status == 302 and "/accounts/sign-in/" in headers["Location"]
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        status, headers, body = fetch(f"{base}/static/careqa.css", **{"X-Forwarded-Proto": "https"})
        assert status == 200 and ".careqa-progress" in body  # whitenoise
        status, headers, body = fetch(
            f"{base}/accounts/sign-in/",
            **{"X-Forwarded-Proto": "https", "X-Request-ID": "from-the-proxy-42"},
        )
        assert status == 200 and "govuk-template" in body
        assert headers["X-Request-ID"] == "from-the-proxy-42"
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    signed_in = [entry for entry in lines if entry.get("request_id") == "from-the-proxy-42"]
    assert len(signed_in) == 1, out + err
    entry = signed_in[0]
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/accounts/sign-in/", 200)
    assert entry["user_id"] is None and entry["duration_ms"] > 0


def test_production_settings_name_every_missing_setting_at_once(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "CAREQA_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "careqa.production",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "DJANGO_SECRET_KEY (a long random secret" in done.stderr
    assert "DJANGO_ALLOWED_HOSTS (the host names" in done.stderr
    assert "KeyError" not in done.stderr


def test_manage_py_and_wsgi_default_to_the_production_settings():
    for name in ("manage.py", "careqa/wsgi.py", "careqa/cli.py"):
        text = (BASE_DIR / name).read_text()
        assert 'setdefault("DJANGO_SETTINGS_MODULE", "careqa.production")' in text, name
