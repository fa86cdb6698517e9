"""A bounded load on a CareQA server on 127.0.0.1: simulated people signed in, each reading
a mixed set of pages with a pause between them, and what it measured.

Used by `make load` (scripts/load-test) and by the database-fault test. No third-party load
tool: threads with keep-alive HTTP connections, as a browser keeps one per tab. The client
stands in for the council's HTTPS proxy: it sends X-Forwarded-Proto: https, which the
production settings trust (SECURE_PROXY_SSL_HEADER), so the server runs with its real
HTTPS-only settings (secure cookies, HSTS, the redirect) and no switch to weaken them.
"""

import http.client
import os
import random
import re
import shlex
import signal
import socket
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# The one place the server is started from ({port} is filled in): the production server,
# `careqa serve`, as a council runs it. Point it at another with CAREQA_LOAD_SERVER.
SERVER_COMMAND = os.environ.get(
    "CAREQA_LOAD_SERVER",
    ".venv/bin/careqa serve --bind 127.0.0.1:{port} --workers 2 --threads 4",
)
SIGN_IN_PATH = "/accounts/sign-in/"
DEMO_PASSWORD = "demo-password-2026"
# The demo's sign-ins the simulated people share (each person has a session of their own):
# the roles that read every page of the mix (a partner may not download exports) and sign
# in with a password alone (a manager's sign-in needs a second factor).
DEMO_USERNAMES = ("officer", "sam", "jo", "commissioner")
TRACEBACK_SIGNS = ("Traceback (most recent call last)", 'File "/', "django.db.utils")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_env: dict, port: int) -> dict:
    """The production settings' environment for a server on 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CAREQA_SQLITE_PATH")}
    env.update(
        DJANGO_SETTINGS_MODULE="careqa.production",
        DJANGO_SECRET_KEY=os.urandom(32).hex(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        **database_env,
    )
    return env


class Server:
    """The server started from SERVER_COMMAND, in its own process group."""

    def __init__(self, database_env: dict, *, port=None, log_path=None, command=SERVER_COMMAND):
        self.port = port or free_port()
        self.command = shlex.split(command.format(port=self.port))
        self.env = server_env(database_env, self.port)
        self.log_path = Path(log_path) if log_path else None
        self.process = None
        self.log = None

    def start(self, timeout=60):
        self.log = open(self.log_path, "wb") if self.log_path else None
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server stopped on starting: {' '.join(self.command)}")
            probe = Client(self.port)
            try:
                status, _, _ = probe.get(SIGN_IN_PATH)
                if status == 200:
                    return self
            except OSError:
                pass
            finally:
                probe.close()
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"The server did not answer within {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.log is not None:
            self.log.close()
            self.log = None

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server and its workers (Linux /proc): how much work
        the pages cost, whatever else the machine is doing."""
        ticks = os.sysconf("SC_CLK_TCK")
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids += [int(pid) for pid in children.read_text().split()]
            total = 0
            for pid in pids:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            return float("nan")
        return total / ticks

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Client:
    """One person's browser tab: a keep-alive connection and their cookies."""

    def __init__(self, port, timeout=30):
        self.port = port
        self.timeout = timeout
        self.host = f"127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.connection = None

    def _headers(self, extra=None):
        headers = {
            "Host": self.host,
            # What the council's HTTPS proxy adds (SECURE_PROXY_SSL_HEADER).
            "X-Forwarded-Proto": "https",
            "User-Agent": "careqa-load",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def request(self, method, path, body=None, headers=None):
        """(status, body text, seconds); a dropped connection is opened again once."""
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout
                )
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=self._headers(headers))
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
                continue
            except BaseException:
                self.close()  # a timeout leaves the connection mid-request: never reuse it
                raise
            seconds = time.perf_counter() - started
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie = value.split(";", 1)[0]
                    key, _, val = cookie.partition("=")
                    self.cookies[key.strip()] = val.strip()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, data.decode("utf-8", "replace"), seconds
        raise AssertionError("unreachable")

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields: dict):
        from urllib.parse import urlencode

        return self.request(
            "POST",
            path,
            body=urlencode(fields, doseq=True),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{self.host}",
                "Referer": f"https://{self.host}{path}",
            },
        )

    def csrf_token(self, page):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not match:
            raise RuntimeError("No CSRF token on the page")
        return match.group(1)

    def sign_in(self, username, password=DEMO_PASSWORD):
        status, page, _ = self.get(SIGN_IN_PATH)
        if status != 200:
            raise RuntimeError(f"The sign-in page answered {status}")
        status, _, _ = self.post(
            SIGN_IN_PATH,
            {
                "csrfmiddlewaretoken": self.csrf_token(page),
                "username": username,
                "password": password,
            },
        )
        if status != 302:
            raise RuntimeError(f"Signing in as {username} answered {status}, not a redirect")
        return self

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


# ---------------------------------------------------------------- the pages people read


@dataclass(frozen=True)
class Page:
    label: str
    paths: tuple[str, ...]
    weight: int


def discover_pages(port, username=DEMO_USERNAMES[0]) -> list[Page]:
    """The mix, with real ids and links read from the demo's own pages."""
    client = Client(port).sign_in(username)
    _, listing, _ = client.get("/services/?our_area=on")
    service_ids = sorted(set(re.findall(r'href="/services/(\d+)/"', listing)))
    _, insights, _ = client.get("/insights/")
    downloads = sorted(set(re.findall(r'href="(/insights/download/[^"]+\.csv[^"]*)"', insights)))
    client.close()
    if not service_ids:
        raise RuntimeError("No services listed in our area: is the demo loaded?")
    unescape = [d.replace("&amp;", "&") for d in downloads[:3]]
    return [
        Page("home (My work)", ("/",), 3),
        Page(
            "service list, filtered",
            (
                "/services/",
                "/services/?our_area=on",
                "/services/?rating=inadequate&rating=requires_improvement",
                "/services/?type=care_homes&rating=good&page=2",
                "/services/?q=care",
                "/services/?our_area=on&sort=rating",
            ),
            3,
        ),
        Page("service page", tuple(f"/services/{pk}/" for pk in service_ids[:40]), 3),
        Page(
            "insights",
            (
                "/insights/",
                "/insights/?service_type=care_homes&areas=england",
                "/insights/change/",
            ),
            2,
        ),
        Page(
            "CSV export",
            ("/services/export.csv?our_area=on", *unescape),
            1,
        ),
    ]


# ---------------------------------------------------------------- running and measuring


@dataclass
class Sample:
    label: str
    path: str
    status: int
    seconds: float
    error: str = ""
    # When it was answered (time.monotonic()).
    at: float = 0.0


@dataclass
class Result:
    seconds: float
    users: int
    samples: list[Sample] = field(default_factory=list)

    @property
    def errors(self):
        return [s for s in self.samples if s.error]

    def summary(self, samples=None) -> dict:
        samples = self.samples if samples is None else samples
        times = sorted(s.seconds * 1000 for s in samples)
        if not times:
            return {"requests": 0}
        return {
            "requests": len(times),
            "rps": len(times) / self.seconds,
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "p99": percentile(times, 99),
            "max": times[-1],
            "mean": statistics.fmean(times),
            "errors": sum(1 for s in samples if s.error),
        }

    def by_label(self):
        labels = sorted({s.label for s in self.samples})
        return {
            label: self.summary([s for s in self.samples if s.label == label]) for label in labels
        }


def percentile(sorted_values, p):
    """The nearest-rank percentile of values already in order."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def check(status, body, expect=(200,)):
    """An error in words, or "" for a good answer."""
    if any(sign in body for sign in TRACEBACK_SIGNS):
        return f"{status} with a traceback in the page"
    if status not in expect:
        return f"status {status}"
    return ""


def warm_up(port, pages, *, username=DEMO_USERNAMES[0], password=DEMO_PASSWORD, rounds=2):
    """Each page a few times before measuring, so both workers have loaded what they keep
    (templates, the register as at today): a server that has run a while, not a cold one."""
    client = Client(port).sign_in(username, password)
    for _ in range(rounds):
        for page in pages:
            for path in page.paths[:3]:
                client.get(path)
    client.close()


def sign_in_people(port, users, *, usernames=DEMO_USERNAMES, password=DEMO_PASSWORD):
    return [Client(port).sign_in(usernames[n % len(usernames)], password) for n in range(users)]


def run_load(
    port,
    pages,
    *,
    users=50,
    seconds=60,
    think=(1.0, 3.0),
    usernames=DEMO_USERNAMES,
    password=DEMO_PASSWORD,
    seed=2026,
    expect=(200,),
    on_sample=None,
    clients=None,
    stop=None,
) -> Result:
    """`users` people, each signed in first (not measured; or `clients` already signed in),
    then reading pages chosen by weight with a pause of `think` seconds (uniform) between
    them, for `seconds`."""
    rng = random.Random(seed)
    if clients is None:
        clients = sign_in_people(port, users, usernames=usernames, password=password)
    users = len(clients)
    weighted = [page for page in pages for _ in range(page.weight)]
    result = Result(seconds=seconds, users=users)
    lock = threading.Lock()
    start = time.monotonic() + 0.5
    stop_at = start + seconds

    def person(client, person_rng):
        # Staggered starts, as people do not all click at once.
        time.sleep(max(0.0, start - time.monotonic()) + person_rng.uniform(0, think[1]))
        while time.monotonic() < stop_at and not (stop is not None and stop.is_set()):
            page = person_rng.choice(weighted)
            path = person_rng.choice(page.paths)
            asked = time.perf_counter()
            try:
                status, body, taken = client.get(path)
                error = check(status, body, expect)
            except (OSError, http.client.HTTPException) as exc:
                status, taken, error = (
                    0,
                    time.perf_counter() - asked,
                    f"{type(exc).__name__}: {exc}",
                )
            sample = Sample(page.label, path, status, taken, error, time.monotonic())
            with lock:
                result.samples.append(sample)
            if on_sample is not None:
                on_sample(sample)
            time.sleep(person_rng.uniform(*think))
        client.close()

    threads = [
        threading.Thread(target=person, args=(c, random.Random(rng.random())), daemon=True)
        for c in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    result.seconds = min(seconds, time.monotonic() - start)
    return result


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"


def report(title, result: Result, *, target_p95_ms=300.0, cpu_seconds=None) -> list[str]:
    total = result.summary()
    lines = [
        f"== {title}: {result.users} users for {result.seconds:.0f} s",
        f"   {total['requests']} requests, {total['rps']:.1f} requests/s, "
        f"p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms, "
        f"max {total['max']:.0f} ms, errors {total['errors']}",
    ]
    for label, figures in result.by_label().items():
        lines.append(
            f"   {label:<24} {figures['requests']:>5} req  p50 {figures['p50']:>5.0f}  "
            f"p95 {figures['p95']:>5.0f}  p99 {figures['p99']:>5.0f} ms  errors {figures['errors']}"
        )
    if cpu_seconds and total["requests"]:
        per_request = cpu_seconds * 1000 / total["requests"]
        lines.append(
            f"   server CPU {cpu_seconds:.1f} s: {per_request:.0f} ms a request, so about "
            f"{2000 / per_request:.0f} requests/s would fill two idle cores"
        )
    for sample in result.errors[:10]:
        lines.append(f"   error: {sample.path}: {sample.error}")
    met = total["errors"] == 0 and total["p95"] <= target_p95_ms
    lines.append(
        f"   target 0 errors and p95 <= {target_p95_ms:.0f} ms: {'met' if met else 'NOT MET'}"
    )
    return lines
