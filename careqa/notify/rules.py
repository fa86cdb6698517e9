"""When to try a notice again after the mail server refused it: a pure rule."""

import datetime

# Minutes before attempt 2, 3, 4 …: a mail server that is down for a restart is back in
# a minute; one down for an hour still gets the message the same morning.
RETRY_MINUTES = (1, 5, 30, 120)


def retry_delay(attempts_made: int) -> datetime.timedelta:
    """How long to wait after `attempts_made` failed attempts (1 or more)."""
    index = min(max(attempts_made, 1), len(RETRY_MINUTES)) - 1
    return datetime.timedelta(minutes=RETRY_MINUTES[index])


def gives_up(attempts_made: int, limit: int) -> bool:
    return attempts_made >= limit
