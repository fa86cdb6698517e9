"""The demo's data returns: the shipped templates, a year of monthly KPI returns from our
area's care homes and home-care agencies (generated from each service's ID, so every load
is the same; a few sent late, a few missed), the one-off training return half answered,
then the daily clocks run once so that the missed ones reach intelligence and risk.

Saved through the returns' own bulk action (careqa.returns.actions.submit_many), a month
and a template at a time: a few hundred rows a call, no per-row work."""

import datetime
import random

from careqa.returns import actions, queries, rules
from careqa.returns.models import ReturnTemplate, Source

MONTHS = 12


def _rng(service, start):
    return random.Random(f"{service.location_id}-{start.isoformat()}")


def care_home_values(service, start) -> dict:
    rng = _rng(service, start)
    registered = service.beds or 30
    occupied = round(registered * rng.uniform(0.78, 0.98))
    falls = rng.randint(0, 12)
    complaints = rng.choice([0, 0, 0, 1, 1, 2, 3])
    values = {
        "registered_beds": registered,
        "occupied_beds": occupied,
        "vacant_beds": max(0, registered - occupied - rng.randint(0, 1)),
        "funded_by_council": occupied // 3,
        "staff_headcount": round(registered * rng.uniform(1.1, 1.6)),
        "agency_hours": round(rng.uniform(0, 650), 1),
        "staff_vacancies": rng.randint(0, 6),
        "staff_turnover": rng.randint(12, 44),
        "falls": falls,
        "falls_with_harm": min(falls, rng.choice([0, 0, 0, 1, 1, 2, 3])),
        "pressure_ulcers": rng.choice([0, 0, 0, 0, 1, 1, 2]),
        "medication_errors": rng.randint(0, 4),
        "safeguarding_referrals": rng.choice([0, 0, 0, 1, 1, 2]),
        "complaints_received": complaints,
        "complaints_upheld": min(complaints, rng.choice([0, 0, 1])),
        "hospital_admissions": rng.randint(0, 6),
        "dols_applications": rng.randint(0, 3),
        "infection_outbreak": "yes" if rng.random() < 0.05 else "no",
    }
    if rng.random() < 0.015:  # a bad month now and then: past the council's threshold
        values["falls"] = max(falls, 9)
        values["falls_with_harm"] = 6
    if service.rating:
        values["cqc_rating"] = service.rating
    return {code: str(value) for code, value in values.items()}


def home_care_values(service, start) -> dict:
    rng = _rng(service, start)
    people = rng.randint(20, 220)
    planned = round(people * rng.uniform(30, 60), 1)
    return {
        "people_supported": str(people),
        "hours_planned": str(planned),
        "hours_delivered": str(round(planned * rng.uniform(0.93, 1.0), 1)),
        "missed_calls": str(rng.randint(0, 12)),
        "late_calls": str(rng.randint(0, 45)),
        "continuity": str(rng.randint(58, 96)),
        "staff_turnover": str(rng.randint(18, 44)),
        "complaints_received": str(rng.choice([0, 0, 1, 1, 2, 4])),
        "safeguarding_referrals": str(rng.choice([0, 0, 0, 1, 2])),
    }


GENERATORS = {"care-home-kpis": care_home_values, "home-care-kpis": home_care_values}
TRAINING_ANSWERS = ["both"] * 54 + ["first"] * 30 + ["none"] * 16


def load_returns(*, today) -> dict:
    actions.load_default_templates(by="CareQA's default returns")
    # Sent by the providers themselves (a process's name: not "entered on their behalf").
    officer = "The provider (demo return)"
    counts = {"monthly returns": 0, "sent late": 0, "missed": 0}
    for key, generate in GENERATORS.items():
        template = ReturnTemplate.objects.get(key=key, current=True)
        schedule = template.schedule
        services = list(queries.expected_services(template))
        periods = [
            p
            for p in rules.recent_periods(schedule, today=today, count=MONTHS + 1)
            if rules.window(schedule, p)[1] < today
        ][:MONTHS]
        for start in reversed(periods):
            opens, closes = rules.window(schedule, start)
            on_time, late = [], []
            for service in services:
                draw = _rng(service, start).random()
                if draw < 0.04:
                    counts["missed"] += 1
                    continue
                row = (service, generate(service, start))
                (late if draw < 0.12 else on_time).append(row)
            for rows, day in (
                (on_time, opens + datetime.timedelta(days=2)),
                (late, closes + datetime.timedelta(days=5)),
            ):
                if rows:
                    _save(template, start, rows, by=officer, today=min(day, today))
            counts["monthly returns"] += len(on_time) + len(late)
            counts["sent late"] += len(late)
    training = ReturnTemplate.objects.get(key="infection-training", current=True)
    if training.opens_on and training.opens_on <= today:
        rows = []
        for index, service in enumerate(queries.expected_services(training)):
            if index % 10 < 7:  # seven in ten have answered so far
                answer = TRAINING_ANSWERS[random.Random(service.location_id).randrange(100)]
                rows.append((service, {"infection_training": answer}))
        if rows:
            _save(training, training.opens_on, rows, by=officer, today=today)
        counts["training returns"] = len(rows)
    counts["clocks"] = actions.run_clocks(today=today)
    counts["programme services"] = _programme(today)
    return counts


def _programme(today):
    """A care-home safety programme run with the NHS, begun five months ago, a dozen homes."""
    kpi = ReturnTemplate.objects.get(key="care-home-kpis", current=True)
    starts_on = rules.recent_periods(kpi.schedule, today=today, count=6)[-1]
    manager = "The QA manager (demo)"
    programme = actions.create_programme(
        by=manager,
        name="Care home safety programme",
        description="Two years with the NHS: fewer falls, pressure ulcers and medication errors.",
        template_key=kpi.key,
        measures=["falls", "falls_with_harm", "pressure_ulcers", "medication_errors"],
        starts_on=starts_on,
        ends_on=starts_on.replace(year=starts_on.year + 2),
    )
    homes = list(queries.expected_services(kpi)[:12])
    for home in homes:
        actions.add_participant(
            programme=programme, service=home, beds=home.beds or 30, joined_on=starts_on, by=manager
        )
    actions.add_programme_event(
        programme=programme,
        held_on=starts_on + datetime.timedelta(days=120),
        title="Awards day",
        description="Three homes recognised for a year without a fall with harm.",
        by=manager,
    )
    return len(homes)


def _save(template, start, rows, *, by, today):
    """Each row's values checked by the rules, as an upload's are, then saved in bulk."""
    clean = []
    for service, raw in rows:
        cleaned, errors = rules.validate(template.specs, template.rules, raw)
        if errors:
            raise ValueError(f"demo return for {service} does not pass its rules: {errors}")
        clean.append((service, cleaned))
    actions.submit_many(
        template=template, period_start=start, rows=clean, by=by, today=today, source=Source.FORM
    )
