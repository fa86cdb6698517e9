"""The year's programme: spread the visits services need over officers and working days.

A greedy planner, deterministic (the same input always gives the same plan):

1. Each service's needs come from `needs.visit_needs`. Visits already carried out or
   moved by hand (`FixedVisit`) are never moved or removed: each meets one need, first a
   need of the same visit type whose window holds its day, else any need whose window
   holds it; every fixed visit also counts against its officer's week and day.
2. The other needs are placed in turn: those whose window has already passed (before
   `not_before`, today when re-planning) first, then the tightest windows, then the
   earliest deadlines (service id breaks ties).
3. For each need, the officers who cover the service's patch (its council and its
   service types) are tried in this order: the service's lead officer; officers who
   already have this service's other visits this year; then the least loaded (visits
   in the year for each visit a week they can do). The first with a free day takes it.
4. The day is in the need's window and never before `not_before`; a need whose window
   has passed goes on the first free day after `not_before`, saying so. Within the
   window the officer's least booked ISO week is chosen (the earliest among equals), so
   that each officer's load spreads evenly over the weeks; within the week the first free
   day is sought from a weekday that moves on with each booking, so visits spread over
   the days of the week too.
5. A free day is a working day (never a weekend nor one of England's bank holidays), one
   of the officer's weekdays, not on leave, with no other visit for that officer that
   day nor for the service that day, in a week where the officer has fewer visits than
   `visits_per_week`.
6. A need no officer can take is reported as `Unplaced`, with the reason in words: no
   officer covers the patch; no working day in the window; every officer who covers the
   service is fully booked or away; or the plan starts after the year's end.

A lead officer is preferred only when they cover the service's patch: the patch is kept
even against the lead, so that a change of patch shows up as work to reassign.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from careqa.providers.vocab import ServiceType
from careqa.visits.rules.calendar import is_working_day, long_date, week_key, working_days
from careqa.visits.rules.needs import ServiceFacts, VisitNeed, visit_needs


@dataclass(frozen=True)
class OfficerCapacity:
    """What one QA officer can take on: visits a week, working days, patch, leave."""

    officer_id: int
    visits_per_week: int
    weekdays: frozenset[int]  # Monday = 0
    councils: frozenset[int] | None = None  # council ids covered; None: any
    service_types: frozenset[str] | None = None  # ServiceType values covered; None: any
    unavailable: frozenset[date] = frozenset()  # leave, training, other days away


@dataclass(frozen=True)
class ServiceToPlan:
    """A service to put in the programme, with what decides who visits it."""

    facts: ServiceFacts
    council_id: int | None
    service_types: frozenset[str]
    lead_officer_id: int | None
    joint_partner: str = ""  # e.g. "NHS quality nurse": the visit is joint

    @property
    def service_id(self) -> int:
        return self.facts.service_id


@dataclass(frozen=True)
class FixedVisit:
    """A visit carried out or moved by hand: re-planning keeps it as it is."""

    service_id: int
    officer_id: int
    day: date
    visit_type: str


@dataclass(frozen=True)
class PlannedVisit:
    """A visit the planner proposes."""

    service_id: int
    officer_id: int
    day: date
    visit_type: str
    reasons: tuple[str, ...]
    joint_partner: str
    need: VisitNeed | None = None  # the need it meets


@dataclass(frozen=True)
class Unplaced:
    """A need the planner could not place, and why, in words."""

    service_id: int
    need: VisitNeed
    why: str


@dataclass(frozen=True)
class MetByFixed:
    """A need that a fixed visit already meets."""

    service_id: int
    need: VisitNeed
    fixed: FixedVisit


@dataclass(frozen=True)
class PlanResult:
    visits: list[PlannedVisit]  # the new visits only, by day, then officer, then service
    unplaced: list[Unplaced]  # by service, then window
    met: list[MetByFixed] = field(default_factory=list)  # by service, then window


def covers(officer: OfficerCapacity, service: ServiceToPlan) -> bool:
    """Whether the service is in the officer's patch (council and service type)."""
    if officer.councils is not None and service.council_id not in officer.councils:
        return False
    if officer.service_types is not None and not (officer.service_types & service.service_types):
        return False
    return True


class _Diary:
    """One officer's year: the days they could visit, week by week, and their bookings."""

    def __init__(self, officer: OfficerCapacity, year_weeks: list[list[date]]):
        self.officer = officer
        self.capacity = officer.visits_per_week
        self.weeks = [
            [
                day
                for day in days
                if day.weekday() in officer.weekdays and day not in officer.unavailable
            ]
            for days in year_weeks
        ]
        self.booked: set[date] = set()
        self.per_week: Counter[tuple[int, int]] = Counter()
        self.total = 0

    def book(self, day: date) -> None:
        self.booked.add(day)
        self.per_week[week_key(day)] += 1
        self.total += 1

    def load(self) -> float:
        return self.total / self.capacity if self.capacity > 0 else float("inf")

    def free_day(self, first_week, last_week, earliest, latest, taken, soonest):
        """The best free day from `earliest` to `latest`, or None.

        The earliest free day if `soonest`; else one in the least booked week.
        """
        best_day, best_count = None, None
        for index in range(first_week, last_week + 1):
            days = self.weeks[index]
            if not days:
                continue
            count = self.per_week[week_key(days[0])]
            if count >= self.capacity or (best_count is not None and count >= best_count):
                continue
            # Start the week on a different weekday each booking, so that an officer's
            # visits do not all fall on a Monday.
            turn = 0 if soonest else self.total % len(days)
            for day in days[turn:] + days[:turn]:
                if earliest <= day <= latest and day not in self.booked and day not in taken:
                    break
            else:
                continue
            if soonest or count == 0:
                return day
            best_day, best_count = day, count
        return best_day


def _year_weeks(year: int) -> tuple[date, list[list[date]]]:
    """The Monday of the year's first ISO week, and each week's working days in the year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    monday = first - timedelta(days=first.weekday())
    weeks = []
    start = monday
    while start <= last:
        days = [start + timedelta(days=i) for i in range(5)]
        weeks.append([d for d in days if first <= d <= last and is_working_day(d)])
        start += timedelta(days=7)
    return monday, weeks


def _match_fixed(needs: list[VisitNeed], fixed: list[FixedVisit]):
    """Pairs each need with a fixed visit that meets it; returns (met, the rest)."""
    order = sorted(range(len(needs)), key=lambda i: (needs[i].latest - needs[i].earliest, i))
    used: set[int] = set()
    met: dict[int, FixedVisit] = {}
    for same_type in (True, False):
        for i in order:
            if i in met:
                continue
            need = needs[i]
            for j, visit in enumerate(fixed):
                if j in used or not need.earliest <= visit.day <= need.latest:
                    continue
                if same_type and visit.visit_type != need.visit_type:
                    continue
                met[i] = visit
                used.add(j)
                break
    rest = [need for i, need in enumerate(needs) if i not in met]
    return [(needs[i], met[i]) for i in sorted(met)], rest


def _patch_words(service: ServiceToPlan, council_names: Mapping[int, str]) -> str:
    if service.council_id is None:
        council = "no council recorded"
    else:
        council = council_names.get(service.council_id, f"council {service.council_id}")
    labels = []
    for value in sorted(service.service_types):
        try:
            labels.append(ServiceType(value).label)
        except ValueError:
            labels.append(value)
    types = ", ".join(labels) if labels else "no service type recorded"
    return f"{council}; {types}"


def _why_no_day(need: VisitNeed, earliest: date, latest: date, *, passed: bool, start: date):
    """Why no officer who covers the service could take the need, in words."""
    if passed:
        return (
            f"The window between {long_date(need.earliest)} and {long_date(need.latest)} had "
            f"passed by {long_date(start)}, and every officer who covers this service is "
            f"fully booked or away from then to {long_date(latest)}"
        )
    if not working_days(earliest, latest):
        return f"There is no working day between {long_date(earliest)} and {long_date(latest)}"
    return (
        "Every officer who covers this service is fully booked or away between "
        f"{long_date(earliest)} and {long_date(latest)}"
    )


def plan_year(
    services: Iterable[ServiceToPlan],
    officers: Iterable[OfficerCapacity],
    *,
    year: int,
    fixed: Iterable[FixedVisit] = (),
    not_before: date | None = None,
    council_names: Mapping[int, str] | None = None,
) -> PlanResult:
    """The programme for `year`: the visits to make, and the needs that could not be met.

    `not_before` is today when re-planning during the year; no new visit goes before it.
    `council_names` only improves the words of the reasons.
    """
    council_names = council_names or {}
    services = sorted(services, key=lambda s: s.service_id)
    officers = sorted(officers, key=lambda o: o.officer_id)
    if len({s.service_id for s in services}) != len(services):
        raise ValueError("each service may appear only once")
    if len({o.officer_id for o in officers}) != len(officers):
        raise ValueError("each officer may appear only once")
    first, last = date(year, 1, 1), date(year, 12, 31)
    start = max(first, not_before) if not_before else first
    monday, year_weeks = _year_weeks(year)
    diaries = {o.officer_id: _Diary(o, year_weeks) for o in officers}

    fixed = sorted(fixed, key=lambda v: (v.day, v.officer_id, v.service_id, v.visit_type))
    fixed_by_service: dict[int, list[FixedVisit]] = defaultdict(list)
    # Visits to each service this year, by officer, and the days the service is visited.
    officers_of: dict[int, Counter[int]] = defaultdict(Counter)
    service_days: dict[int, set[date]] = defaultdict(set)
    for visit in fixed:
        fixed_by_service[visit.service_id].append(visit)
        service_days[visit.service_id].add(visit.day)
        if visit.officer_id in diaries:
            diary = diaries[visit.officer_id]
            if visit.day not in diary.booked:
                diary.book(visit.day)
            else:
                # A second visit the same day (set by hand) still counts against the week.
                diary.per_week[week_key(visit.day)] += 1
                diary.total += 1
        if first <= visit.day <= last:
            officers_of[visit.service_id][visit.officer_id] += 1

    met: list[MetByFixed] = []
    pending = []  # (sort key, the need's place among its service's, service, need)
    for service in services:
        met_pairs, rest = _match_fixed(
            visit_needs(service.facts, year=year), fixed_by_service.get(service.service_id, [])
        )
        met.extend(MetByFixed(service.service_id, need, visit) for need, visit in met_pairs)
        for index, need in enumerate(rest):
            passed = need.latest < start
            earliest = max(need.earliest, start)
            key = (not passed, (need.latest - earliest).days, need.latest, service.service_id)
            pending.append((key, index, service, need))
    pending.sort(key=lambda item: (item[0], item[1]))

    patches = {s.service_id: [o for o in officers if covers(o, s)] for s in services}
    visits: list[PlannedVisit] = []
    unplaced: list[Unplaced] = []
    for _key, _index, service, need in pending:
        sid = service.service_id
        if start > last:
            why = f"The plan starts on {long_date(start)}, after the end of {year}"
            unplaced.append(Unplaced(sid, need, why))
            continue
        candidates = patches[sid]
        if not candidates:
            why = f"No officer covers this service's patch ({_patch_words(service, council_names)})"
            unplaced.append(Unplaced(sid, need, why))
            continue
        passed = need.latest < start
        earliest, latest = (start, last) if passed else (max(need.earliest, start), need.latest)
        first_week = (earliest - monday).days // 7
        last_week = (latest - monday).days // 7
        already = officers_of[sid]

        def preference(officer, lead=service.lead_officer_id, already=already):
            diary = diaries[officer.officer_id]
            return (
                officer.officer_id != lead,
                -already[officer.officer_id],
                diary.load(),
                officer.officer_id,
            )

        taken = service_days[sid]
        for officer in sorted(candidates, key=preference):
            diary = diaries[officer.officer_id]
            day = diary.free_day(first_week, last_week, earliest, latest, taken, passed)
            if day is not None:
                break
        else:
            why = _why_no_day(need, earliest, latest, passed=passed, start=start)
            unplaced.append(Unplaced(sid, need, why))
            continue
        diary.book(day)
        taken.add(day)
        already[officer.officer_id] += 1
        reasons = need.reasons
        if passed:
            reasons += (
                f"Due between {long_date(need.earliest)} and {long_date(need.latest)}: "
                f"planned as soon as possible after {long_date(start)}",
            )
        visits.append(
            PlannedVisit(
                sid, officer.officer_id, day, need.visit_type, reasons, service.joint_partner, need
            )
        )
    visits.sort(key=lambda v: (v.day, v.officer_id, v.service_id))
    unplaced.sort(key=lambda u: (u.service_id, u.need.earliest, u.need.latest))
    met.sort(key=lambda m: (m.service_id, m.need.earliest, m.need.latest))
    return PlanResult(visits=visits, unplaced=unplaced, met=met)
