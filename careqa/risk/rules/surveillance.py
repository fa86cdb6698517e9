"""What the quality surveillance meeting's agenda takes from risk: the highest scores, and
the services whose risk rose since the last meeting. Pure."""

from careqa.risk.rules.alerts import band_rose

# How many of the highest scores the agenda lists.
HIGHEST_COUNT = 10


def risk_rose(before: tuple[int, str] | None, now: tuple[int, str]) -> bool:
    """(score, band) then and now: rising when the band rose or the score went up. A
    service with no score then (new to the register since) is not "rising"; its score
    shows under the highest if it is high."""
    if before is None:
        return False
    return band_rose(before[1], now[1]) or now[0] > before[0]


def highest(scores: list[tuple[int, int]], count: int = HIGHEST_COUNT) -> list[int]:
    """The ids of the `count` highest (service id, score) pairs, highest first, ties by id."""
    return [sid for sid, _ in sorted(scores, key=lambda p: (-p[1], p[0]))[:count]]
