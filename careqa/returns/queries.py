"""Reading data returns: who is asked for which return, what they sent, and the figures.
Every read that a person's page makes goes through scope_records, so a provider user
sees only their own services, whatever the page."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections

from careqa.accounts.authz import scope_records, scoped_provider_id
from careqa.providers.models import Service
from careqa.providers.queries import our_area_council_ids
from careqa.returns import rules
from careqa.returns.models import ReturnTemplate, ReturnValue, Submission

RECENT = {rules.MONTHLY: 6, rules.WEEKLY: 4, rules.DAILY: 7, rules.ONE_OFF: 1}


def current_templates():
    return ReturnTemplate.objects.filter(current=True).order_by("name")


def asked_templates():
    """The returns being asked for now (switched on)."""
    return current_templates().filter(switched_on=True)


def expected_services(template, user=None):
    """The services asked for `template`: active services of its types in our area, or
    for a provider user their own provider's services of those types, wherever they are."""
    services = Service.objects.filter(active=True).of_type(*template.type_codes)
    if user is not None and scoped_provider_id(user) is not None:
        return scope_records(user, services).select_related("provider").order_by("name")
    return (
        services.filter(council_id__in=our_area_council_ids())
        .select_related("provider")
        .order_by("name")
    )


def submitted_set(template_key, service_ids, periods) -> set:
    """{(service id, period start)} with a live return."""
    found = set()
    ids = list(service_ids)
    for start in range(0, len(ids), 900):
        found.update(
            Submission.objects.filter(
                template_key=template_key,
                superseded=False,
                period_start__in=list(periods),
                service_id__in=ids[start : start + 900],
            ).values_list("service_id", "period_start")
        )
    return found


def live_submissions(template_key, services, periods) -> dict:
    """{(service id, period start): Submission}"""
    ids = [s.pk for s in services]
    found = {}
    for start in range(0, len(ids), 900):
        for s in Submission.objects.filter(
            template_key=template_key,
            superseded=False,
            period_start__in=list(periods),
            service_id__in=ids[start : start + 900],
        ):
            found[(s.service_id, s.period_start)] = s
    return found


@dataclass
class ClockRow:
    template: ReturnTemplate
    service: Service
    period_start: datetime.date
    status: str
    submission: Submission | None
    closes: datetime.date

    @property
    def period(self):
        return rules.period_words(self.template.schedule, self.period_start)

    @property
    def status_words(self):
        return rules.STATUS_WORDS[self.status]

    @property
    def tag(self):
        from careqa.returns.presenters import STATUS_TAGS

        return STATUS_TAGS[self.status]


def clocks(template, services, *, today, count=None) -> list[ClockRow]:
    schedule = template.schedule
    periods = rules.recent_periods(
        schedule, today=today, count=count or RECENT.get(template.period, 3)
    )
    sent = live_submissions(template.key, services, periods)
    rows = []
    for service in services:
        for start in periods:
            submission = sent.get((service.pk, start))
            rows.append(
                ClockRow(
                    template=template,
                    service=service,
                    period_start=start,
                    status=rules.status(
                        schedule,
                        start,
                        today=today,
                        submitted_on=submission.submitted_on if submission else None,
                    ),
                    submission=submission,
                    closes=rules.window(schedule, start)[1],
                )
            )
    return rows


def service_clocks(service, user, *, today) -> list[tuple]:
    """[(template, [ClockRow newest first])] for the returns asked of one service."""
    found = []
    for template in asked_templates():
        if set(template.type_codes) & set(service.type_codes):
            found.append((template, clocks(template, [service], today=today)))
    return found


def late_and_missed(user, *, today) -> list[ClockRow]:
    """The team's list: returns missed or sent late in the recent periods, by service."""
    rows = []
    for template in asked_templates():
        services = list(expected_services(template, user))
        rows += [
            r
            for r in clocks(template, services, today=today)
            if r.status in (rules.MISSED, rules.LATE)
        ]
    return sorted(rows, key=lambda r: (r.service.name, r.template.name, r.period_start))


def submissions_of(user, service):
    return scope_records(
        user,
        Submission.objects.filter(service=service).select_related("template", "entered_by"),
    )


def prefills(template, service) -> dict:
    """{code: (value, where it comes from)} for the fields already known about `service`."""
    known = {}
    for spec in template.specs:
        if spec.prefill == "beds" and service.beds is not None:
            known[spec.code] = (str(service.beds), rules.PREFILLS["beds"])
        elif spec.prefill == "rating" and service.rating:
            known[spec.code] = (service.rating, rules.PREFILLS["rating"])
    return known


# ---- Figures -------------------------------------------------------------------------------


@dataclass
class FigureRow:
    period_start: datetime.date
    value: float | None  # the chosen service's
    lower: float | None
    median: float | None
    upper: float | None
    count: int


def field_values(template_key, code, *, first, last, service_ids=None):
    """(service id, period start, number) of one field of the live returns."""
    rows = ReturnValue.objects.filter(
        template_key=template_key,
        code=code,
        period_start__gte=first,
        period_start__lte=last,
    )
    if service_ids is not None and len(service_ids) < 900:
        rows = rows.filter(service_id__in=list(service_ids))
    query = rows.values_list("service_id", "period_start", "number")
    # Read through the cursor: a figure reads tens of thousands of rows, and the ORM's
    # per-row work would be most of its time.
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:  # no services to read (a programme without participants)
        return
    days = {}
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            for service_id, start, number in batch:
                if service_ids is not None and service_id not in service_ids:
                    continue
                if not isinstance(start, datetime.date):
                    start = days.get(start) or days.setdefault(
                        start, datetime.date.fromisoformat(str(start)[:10])
                    )
                yield service_id, start, number


def area_ids(template, service=None) -> set:
    """Our area's services asked for `template`; beside a service, those of its own type
    (nursing beside nursing)."""
    area = expected_services(template)
    if service is not None:
        types = set(service.type_codes) & set(template.type_codes)
        area = area.of_type(*types) if types else area
    return set(area.values_list("pk", flat=True))


def field_figures(template, code, *, service=None, first, last, ids=None) -> list[FigureRow]:
    """Period by period: the figure for `service` beside the lower quartile, median and
    upper quartile of our area's services asked for the return."""
    ids = area_ids(template, service) if ids is None else ids
    by_period, own = {}, {}
    for service_id, start, number in field_values(template.key, code, first=first, last=last):
        if service is not None and service_id == service.pk:
            own[start] = number
        if service_id in ids:
            by_period.setdefault(start, []).append(number)
    rows = []
    for start in rules.periods_between(template.schedule, first, last):
        numbers = by_period.get(start, [])
        q = rules.quartiles(numbers)
        rows.append(
            FigureRow(start, own.get(start), *(q if q else (None, None, None)), len(numbers))
        )
    return rows


def share_submitted(template, periods, *, ids=None) -> dict:
    """{period start: (services that sent a return, services asked)} for our area."""
    ids = area_ids(template) if ids is None else ids
    counts = {p: 0 for p in periods}
    rows = Submission.objects.filter(
        template_key=template.key, superseded=False, period_start__in=list(periods)
    ).values_list("service_id", "period_start")
    sent = [(sid, start) for sid, start in rows if sid in ids]
    for _, start in sent:
        counts[start] = counts.get(start, 0) + 1
    return {p: (counts[p], len(ids)) for p in periods}


def summary(template, period_start, *, ids=None) -> list[dict]:
    """The council's summary of one period across our area's services: for a choice or
    yes/no field the share giving each answer, for a number its total and median."""
    ids = area_ids(template) if ids is None else ids
    rows = list(
        Submission.objects.filter(
            template_key=template.key, superseded=False, period_start=period_start
        ).values_list("service_id", "values")
    )
    values = [v for sid, v in rows if sid in ids]
    result = []
    for spec in template.specs:
        answers = [v[spec.code] for v in values if v.get(spec.code) is not None]
        line = {"spec": spec, "answered": len(answers), "asked": len(ids)}
        if spec.kind in (rules.CHOICE, rules.YES_NO):
            line["shares"] = [
                {
                    "label": label,
                    "count": sum(1 for a in answers if a == code),
                    "percent": round(100 * sum(1 for a in answers if a == code) / len(answers))
                    if answers
                    else 0,
                }
                for code, label in spec.options
            ]
        elif spec.kind in rules.NUMERIC:
            numbers = [float(a) for a in answers]
            q = rules.quartiles(numbers)
            line["total"] = sum(numbers) if spec.kind == rules.INTEGER else None
            line["median"] = q[1] if q else None
        result.append(line)
    return result


# ---- Quality-improvement programmes -------------------------------------------------------


def programme_measures(programme, *, today) -> list[dict]:
    """Each measure per period as a rate per 10 of the participants' beds (of those that sent
    the return that period), and the rate against the baseline (rules.against_baseline)."""
    template = ReturnTemplate.objects.filter(key=programme.template_key, current=True).first()
    if template is None:
        return []
    schedule = template.schedule
    beds = dict(programme.participants.values_list("service_id", "beds"))
    first = programme.starts_on
    for _ in range(rules.BASELINE_PERIODS):
        first = rules.previous_period(schedule, rules.period_start(schedule, first)) or first
    last = min(programme.ends_on or today, today)
    periods = [
        p
        for p in rules.periods_between(schedule, first, last)
        if rules.window(schedule, p)[0] <= today
    ]
    totals = {}
    for code in programme.measures:
        for service_id, start, number in field_values(
            template.key, code, first=first, last=last, service_ids=set(beds)
        ):
            total, counted = totals.get((code, start), (0.0, 0))
            totals[(code, start)] = (total + number, counted + beds[service_id])
    specs = {s.code: s for s in template.specs}
    result = []
    for code in programme.measures:
        series = []
        for start in periods:
            total, counted = totals.get((code, start), (0.0, 0))
            series.append((start, rules.rate_per_ten_beds(total, counted)))
        spec = specs.get(code)
        result.append(
            {
                "label": spec.label if spec else code,
                "series": [
                    {"period": rules.period_words(schedule, p), "rate": r} for p, r in series
                ],
                **rules.against_baseline(series, programme.starts_on),
            }
        )
    return result
