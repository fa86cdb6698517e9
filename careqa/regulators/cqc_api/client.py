"""CQC's public API over HTTP: the key header, a rate limit, retries with backoff.

Plain urllib (no HTTP library to pin). Every failure is a CqcApiError whose message names
the URL, so that a sync that stops says exactly which request it could not make.
"""

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

KEY_HEADER = "Ocp-Apim-Subscription-Key"
# Waits are capped so that a wild Retry-After cannot hang a nightly job for hours.
MAX_WAIT_SECONDS = 300.0


class CqcApiError(Exception):
    """A request to CQC's API that failed for good; the message names the URL."""

    def __init__(self, url, message):
        self.url = url
        super().__init__(f"{url}: {message}")


class CqcApiNotFound(CqcApiError):
    """CQC answered 404: it no longer knows the location or provider."""


class RateLimit:
    """At most `per_minute` request starts a minute, evenly spaced."""

    def __init__(self, per_minute, *, clock=time.monotonic, sleep=time.sleep):
        self.interval = 60.0 / per_minute if per_minute and per_minute > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self._next = None

    def wait(self):
        now = self.clock()
        if self._next is not None and now < self._next:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


def retry_after_seconds(value, *, now=None):
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date); None if unread."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def backoff_seconds(attempt, base):
    """The wait before try `attempt + 1`: base, 2 x base, 4 x base … capped."""
    return min(MAX_WAIT_SECONDS, base * (2 ** (attempt - 1)))


@dataclass
class Client:
    base_url: str
    key: str
    per_minute: float = 600
    timeout: float = 30
    tries: int = 5
    backoff: float = 2
    sleep: object = time.sleep
    clock: object = time.monotonic
    requests: int = 0
    retries: int = 0
    waits: list = field(default_factory=list)

    def __post_init__(self):
        self.base_url = self.base_url.rstrip("/")
        self.limit = RateLimit(self.per_minute, clock=self.clock, sleep=self.sleep)

    def url(self, path, params=None):
        url = f"{self.base_url}/{path.lstrip('/')}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        return url

    def get(self, path, params=None):
        """The decoded JSON of GET path; CqcApiNotFound on 404, CqcApiError otherwise."""
        url = self.url(path, params)
        body = self._fetch(url)
        try:
            return json.loads(body)
        except UnicodeDecodeError as error:
            raise CqcApiError(url, f"the answer is not UTF-8 text (byte {error.start})") from None
        except json.JSONDecodeError as error:
            raise CqcApiError(
                url,
                f"the answer is malformed JSON at line {error.lineno}, column {error.colno} "
                f"(character {error.pos}): {error.msg}",
            ) from None

    def _fetch(self, url):
        request = urllib.request.Request(
            url, headers={KEY_HEADER: self.key, "Accept": "application/json"}
        )
        attempt = 0
        while True:
            attempt += 1
            self.limit.wait()
            self.requests += 1
            wait = None
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                status = error.code
                error.close()
                if status == 404:
                    raise CqcApiNotFound(url, "CQC answered 404 Not Found") from None
                if status in (401, 403):
                    raise CqcApiError(
                        url,
                        f"CQC refused the subscription key (HTTP {status}); check CQC_API_KEY",
                    ) from None
                if status != 429 and status < 500:
                    raise CqcApiError(url, f"CQC answered HTTP {status} {error.reason}") from None
                problem = f"HTTP {status} {error.reason}"
                if status == 429:
                    wait = retry_after_seconds(error.headers.get("Retry-After"))
            except TimeoutError:
                problem = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                if isinstance(error.reason, TimeoutError):
                    problem = f"no answer within {self.timeout:g} s"
                else:
                    problem = f"could not connect ({error.reason})"
            except (ConnectionError, OSError) as error:
                problem = f"the connection failed ({error})"
            if attempt >= self.tries:
                raise CqcApiError(url, f"gave up after {attempt} tries; the last: {problem}")
            if wait is None:
                wait = backoff_seconds(attempt, self.backoff)
            wait = min(wait, MAX_WAIT_SECONDS)
            self.retries += 1
            self.waits.append(wait)
            self.sleep(wait)
