"""Small-number suppression for published safeguarding tables, as the Safeguarding
Adults Collection does: a count of 1 to 4 could identify someone, so it is shown as "*".
Zero identifies nobody and is shown. Pure."""

SUPPRESS_BELOW = 5
SUPPRESSED = "*"


def published_count(count: int) -> str:
    if 0 < count < SUPPRESS_BELOW:
        return SUPPRESSED
    return str(count)
