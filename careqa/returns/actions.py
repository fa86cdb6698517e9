"""Writing data returns. Each action takes the acting user as `by=`, runs in one
transaction and writes its audit events inside it (ADR 0003). Values are checked by the
pure rules (rules.validate) the same way whether they come from a form or a file."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from careqa.accounts.roles import PROVIDER_ROLES
from careqa.audit.actions import build_event, record_event
from careqa.audit.models import AuditEvent
from careqa.returns import rules
from careqa.returns.models import (
    Clock,
    Participant,
    Programme,
    ProgrammeEvent,
    ReturnTemplate,
    ReturnValue,
    Source,
    Submission,
)

CREATED, CHANGED = AuditEvent.Action.CREATED, AuditEvent.Action.CHANGED
TEMPLATE_FIELDS = (
    "name",
    "description",
    "service_types",
    "period",
    "window_opens",
    "window_closes",
    "opens_on",
    "closes_on",
    "switched_on",
)


def _user(by):
    """The acting user to keep on a record; None for a named process (a string)."""
    return None if by is None or isinstance(by, str) else by


# ---- Templates -----------------------------------------------------------------------------


def _template_values(
    *,
    name,
    service_types,
    period,
    fields_text,
    rules_text="",
    description="",
    window_opens=1,
    window_closes=1,
    opens_on=None,
    closes_on=None,
    switched_on=True,
):
    errors = {}
    if not str(name).strip():
        errors["name"] = "Enter the return's name"
    types = " ".join(str(service_types).split())
    if not types:
        errors["service_types"] = "Choose the types of service the return is for"
    if period not in rules.PERIODS:
        errors["period"] = "Choose how often the return is asked for"
    if period == rules.ONE_OFF:
        if opens_on is None:
            errors["opens_on"] = "Enter the date the return opens"
        if closes_on is None:
            errors["closes_on"] = "Enter the date the return closes"
        elif opens_on and closes_on < opens_on:
            errors["closes_on"] = "The closing date must be on or after the opening date"
    else:
        most = {rules.MONTHLY: 28, rules.WEEKLY: 7, rules.DAILY: 2}.get(period, 28)
        for key, value in (("window_opens", window_opens), ("window_closes", window_closes)):
            if value is None or not 1 <= int(value) <= most:
                errors[key] = f"Enter a day from 1 to {most}"
        if not errors.get("window_closes") and not errors.get("window_opens"):
            if int(window_closes) < int(window_opens):
                errors["window_closes"] = "The window must close on or after the day it opens"
    specs, cross = (), ()
    try:
        specs = rules.parse_fields(fields_text)
    except rules.SpecError as error:
        errors["fields_text"] = error.errors
    if specs:
        try:
            cross = rules.parse_rules(rules_text or "", specs)
        except rules.SpecError as error:
            errors["rules_text"] = error.errors
    if errors:
        raise ValidationError(errors)
    return {
        "name": str(name).strip(),
        "description": str(description).strip(),
        "service_types": f" {types} ",
        "period": period,
        "window_opens": int(window_opens or 1),
        "window_closes": int(window_closes or 1),
        "opens_on": opens_on if period == rules.ONE_OFF else None,
        "closes_on": closes_on if period == rules.ONE_OFF else None,
        "switched_on": bool(switched_on),
        "fields": [rules.spec_to_json(s) for s in specs],
        "cross_rules": [rules.rule_to_json(r) for r in cross],
    }


def create_template(*, by, key, **values) -> ReturnTemplate:
    values = _template_values(**values)
    with transaction.atomic():
        if ReturnTemplate.objects.filter(key=key).exists():
            raise ValidationError({"name": "A return with this name exists already"})
        template = ReturnTemplate.objects.create(key=key, version=1, created_by=_user(by), **values)
        record_event(
            obj=template,
            action=CREATED,
            changes={f: (None, getattr(template, f)) for f in TEMPLATE_FIELDS},
            by=by,
        )
    return template


def revise_template(*, template, by, **values) -> ReturnTemplate:
    """A new version of `template`; returns already sent keep the version they answered."""
    values = _template_values(**values)
    with transaction.atomic():
        old = ReturnTemplate.objects.select_for_update().get(pk=template.pk)
        if not old.current:
            raise ValidationError("This is not the current version of the return")
        old.current = False
        old.save(update_fields=["current"])
        new = ReturnTemplate.objects.create(
            key=old.key, version=old.version + 1, created_by=_user(by), **values
        )
        changes = {
            f: (getattr(old, f), getattr(new, f))
            for f in (*TEMPLATE_FIELDS, "fields", "cross_rules")
            if getattr(old, f) != getattr(new, f)
        }
        record_event(
            obj=new,
            action=CREATED,
            changes=changes,
            by=by,
            note=f"Version {new.version}, replacing version {old.version}",
        )
    return new


def switch_template(*, template, by, on: bool) -> ReturnTemplate:
    """Ask for a return (the situation return in a crisis) or stop asking."""
    with transaction.atomic():
        template = ReturnTemplate.objects.select_for_update().get(pk=template.pk)
        if template.switched_on != on:
            record_event(
                obj=template,
                action=CHANGED,
                changes={"switched_on": (template.switched_on, on)},
                by=by,
            )
            template.switched_on = on
            template.save(update_fields=["switched_on"])
    return template


def load_default_templates(*, by=None) -> int:
    """Add the shipped returns that are missing (by key); idempotent."""
    from careqa.returns.defaults import DEFAULTS

    added = 0
    for default in DEFAULTS:
        values = dict(default)
        key = values.pop("key")
        if not ReturnTemplate.objects.filter(key=key).exists():
            create_template(by=by, key=key, **values)
            added += 1
    return added


# ---- Returns -------------------------------------------------------------------------------


def _check_period(template, period_start, today):
    schedule = template.schedule
    if rules.period_start(schedule, period_start) != period_start:
        raise ValidationError("That is not the start of one of this return's periods")
    if not rules.may_submit(schedule, period_start, today=today):
        opens = rules.window(schedule, period_start)[0]
        raise ValidationError(
            f"The return for {rules.period_words(schedule, period_start)} opens on "
            f"{opens.day} {opens:%B %Y}"
        )


def _applies(template, service):
    return bool(set(template.type_codes) & set(service.type_codes))


def insert_values(submissions, template):
    """The numbers of `submissions` as ReturnValue rows, in one statement a batch: through
    the cursor, since 500 returns hold about 9,000 numbers and the ORM's per-object work
    would be most of an upload's time."""
    numeric = {s.code for s in template.specs if s.kind in rules.NUMERIC}
    yes_no = {s.code for s in template.specs if s.kind == rules.YES_NO}
    rows = []
    for sub in submissions:
        for code, value in sub.values.items():
            if code in numeric:
                number = float(value)
            elif code in yes_no:
                number = 1.0 if value == "yes" else 0.0
            else:
                continue
            day = sub.period_start.isoformat()
            rows.append((sub.pk, sub.service_id, sub.template_key, code, day, number))
    if not rows:
        return
    table = ReturnValue._meta.db_table
    head = (
        f'INSERT INTO "{table}" (submission_id, service_id, template_key, code, '
        "period_start, number) VALUES "
    )
    with connection.cursor() as cursor:
        # Many rows a statement (executemany costs a round trip a row on PostgreSQL);
        # 1,000 rows are 6,000 parameters, within SQLite's limit.
        for at in range(0, len(rows), 1000):
            batch = rows[at : at + 1000]
            cursor.execute(
                head + ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(batch)),
                [value for row in batch for value in row],
            )


def submit_return(
    *, template, service, period_start, values, by, today, source=Source.FORM
) -> Submission:
    """A service's return for one period. Outside its window it is accepted as late, and
    says so; a second return for the period supersedes the first."""
    if not _applies(template, service):
        raise ValidationError(f"{template.name} is not asked of this type of service")
    _check_period(template, period_start, today)
    cleaned, errors = rules.validate(template.specs, template.rules, values)
    if errors:
        raise ValidationError(errors)
    return submit_many(
        template=template,
        period_start=period_start,
        rows=[(service, cleaned)],
        by=by,
        today=today,
        source=source,
    )[0]


def submit_many(*, template, period_start, rows, by, today, source) -> list[Submission]:
    """Save already-validated returns ([(service, cleaned values)]) in one transaction, in
    bulk: every row or none. Callers check the values first (rules.validate)."""
    _check_period(template, period_start, today)
    schedule = template.schedule
    late = rules.is_late(schedule, period_start, today)
    # Staff entering a provider's return do so on its behalf; a provider user or a named
    # process (the demo's generated returns) does not.
    role = getattr(by, "role", None)
    on_behalf = role is not None and role not in PROVIDER_ROLES
    service_ids = [service.pk for service, _ in rows]
    with transaction.atomic():
        replaced = list(
            Submission.objects.select_for_update().filter(
                template_key=template.key,
                period_start=period_start,
                service_id__in=service_ids,
                superseded=False,
            )
        )
        if replaced:
            Submission.objects.filter(pk__in=[s.pk for s in replaced]).update(superseded=True)
            ReturnValue.objects.filter(submission__in=[s.pk for s in replaced]).delete()
        made = Submission.objects.bulk_create(
            Submission(
                template=template,
                template_key=template.key,
                service=service,
                period_start=period_start,
                submitted_on=today,
                late=late,
                values=cleaned,
                source=source,
                on_behalf=on_behalf,
                entered_by=_user(by),
            )
            for service, cleaned in rows
        )
        insert_values(made, template)
        replaced_ids = {s.service_id for s in replaced}
        words = rules.period_words(schedule, period_start)
        AuditEvent.objects.bulk_create(
            build_event(
                obj=submission,
                action=CREATED,
                changes={
                    "template": (None, str(template)),
                    "period_start": (None, period_start),
                    "late": (None, late),
                    "source": (None, source),
                    "on_behalf": (None, on_behalf),
                },
                by=by,
                subject=service,
                note=(
                    f"{template.name}, {words}"
                    + (" (replacing the return sent before)" if service.pk in replaced_ids else "")
                ),
            )
            for submission, (service, _) in zip(made, rows, strict=True)
        )
        _raise_alerts(template, period_start, rows, today)
    return made


def _raise_alerts(template, period_start, rows, today):
    """Values outside the council's thresholds become intelligence, once a field and period."""
    found = []
    for service, cleaned in rows:
        for code, sentence in rules.alerts(template.specs, cleaned):
            found.append((service, code, sentence))
    if not found:
        return
    already = set(
        Clock.objects.filter(
            kind=Clock.Kind.ALERT,
            template_key=template.key,
            period_start=period_start,
            service_id__in=[s.pk for s, _, _ in found],
        ).values_list("service_id", "code")
    )
    words = rules.period_words(template.schedule, period_start)
    items = [
        (service, code, f"{template.name}, {words}: {sentence}.")
        for service, code, sentence in found
        if (service.pk, code) not in already
    ]
    _record_intelligence(
        items,
        kind=Clock.Kind.ALERT,
        template=template,
        period_start=period_start,
        today=today,
        source="provider_notification",
        severity="medium",
    )


def _record_intelligence(items, *, kind, template, period_start, today, source, severity):
    """An intelligence entry and a Clock row for each (service, code, summary), in bulk,
    then the services' risk scores recomputed once."""
    from careqa.risk import listeners
    from careqa.risk.actions import ENTRY_FIELDS, recompute
    from careqa.risk.models import IntelligenceEntry
    from careqa.risk.vocab import SharingLevel

    if not items:
        return []
    entries = IntelligenceEntry.objects.bulk_create(
        IntelligenceEntry(
            service=service,
            source=source,
            received_on=today,
            summary=summary,
            key_question="well_led",
            severity=severity,
            sharing=SharingLevel.COUNCIL,
        )
        for service, _, summary in items
    )
    Clock.objects.bulk_create(
        Clock(
            kind=kind,
            template_key=template.key,
            service=service,
            period_start=period_start,
            code=code,
            intelligence=entry,
            on=today,
        )
        for (service, code, _), entry in zip(items, entries, strict=True)
    )
    AuditEvent.objects.bulk_create(
        build_event(
            obj=entry,
            action=CREATED,
            changes={f: (None, getattr(entry, f)) for f in ENTRY_FIELDS if getattr(entry, f)},
            by="Data returns",
            subject=service,
        )
        for (service, _, _), entry in zip(items, entries, strict=True)
    )
    ids = sorted({service.pk for service, _, _ in items})
    # Not while the demo loads (the risk listeners paused): it scores every service at the end.
    if not listeners._paused[0]:
        transaction.on_commit(lambda: recompute(service_ids=ids, today=today))
    return entries


# ---- The daily clocks ----------------------------------------------------------------------

REMIND_DAYS = 2  # before the window closes
LOOK_BACK = {rules.MONTHLY: 3, rules.WEEKLY: 4, rules.DAILY: 7, rules.ONE_OFF: 1}


def run_clocks(*, today) -> str:
    """Reminders for returns whose window closes within REMIND_DAYS, and missed returns
    raised as intelligence (and so the risk score): each once, however often it runs."""
    from careqa.returns import queries

    reminded = missed = 0
    for template in queries.asked_templates():
        schedule = template.schedule
        services = list(queries.expected_services(template))
        periods = rules.recent_periods(schedule, today=today, count=LOOK_BACK[template.period])
        sent = queries.submitted_set(template.key, [s.pk for s in services], periods)
        with transaction.atomic():
            for start in periods:
                unsent = [s for s in services if (s.pk, start) not in sent]
                if rules.closes_within(schedule, start, today=today, days=REMIND_DAYS):
                    reminded += _remind(template, start, unsent, today)
                if rules.status(schedule, start, today=today) == rules.MISSED:
                    missed += _flag_missed(template, start, unsent, today)
    return f"{reminded} reminders sent, {missed} missed returns raised as intelligence"


def _clocked(kind, template, start, services):
    return set(
        Clock.objects.filter(
            kind=kind,
            template_key=template.key,
            period_start=start,
            service_id__in=[s.pk for s in services],
        ).values_list("service_id", flat=True)
    )


def _remind(template, start, services, today):
    from careqa.accounts.models import User
    from careqa.notify.actions import send_notice

    done = _clocked(Clock.Kind.REMINDER, template, start, services)
    todo = [s for s in services if s.pk not in done]
    if not todo:
        return 0
    people = {}
    for user in User.objects.filter(
        role__in=PROVIDER_ROLES,
        is_active=True,
        scope_provider_id__in={s.provider_id for s in todo},
    ):
        people.setdefault(user.scope_provider_id, []).append(user)
    schedule = template.schedule
    closes = rules.window(schedule, start)[1]
    for service in todo:
        to = people.get(service.provider_id, [])
        if to:
            send_notice(
                to=to,
                subject=f"{template.name} for {service}: due by {closes.day} {closes:%B}",
                template_name="return_reminder",
                context={
                    "template": template,
                    "service": service,
                    "period": rules.period_words(schedule, start),
                    "closes": closes,
                },
            )
    Clock.objects.bulk_create(
        Clock(
            kind=Clock.Kind.REMINDER,
            template_key=template.key,
            service=s,
            period_start=start,
            on=today,
        )
        for s in todo
    )
    return len(todo)


def _flag_missed(template, start, services, today):
    done = _clocked(Clock.Kind.MISSED, template, start, services)
    words = rules.period_words(template.schedule, start)
    items = [
        (s, "", f"{template.name} for {words} not returned by the end of its window.")
        for s in services
        if s.pk not in done
    ]
    _record_intelligence(
        items,
        kind=Clock.Kind.MISSED,
        template=template,
        period_start=start,
        today=today,
        source="missed_return",
        severity="low",
    )
    return len(items)


# ---- Quality-improvement programmes -------------------------------------------------------


def create_programme(
    *, by, name, template_key, measures, starts_on, ends_on=None, description=""
) -> Programme:
    template = ReturnTemplate.objects.filter(key=template_key, current=True).first()
    errors = {}
    if not str(name).strip():
        errors["name"] = "Enter the programme's name"
    if template is None:
        errors["template_key"] = "Choose the return the programme follows"
    else:
        numeric = {s.code for s in template.specs if s.kind in rules.NUMERIC}
        wrong = [m for m in measures if m not in numeric]
        if not measures or wrong:
            errors["measures"] = f"Choose one or more number fields of {template.name}"
    if ends_on and starts_on and ends_on < starts_on:
        errors["ends_on"] = "The end must be on or after the start"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        programme = Programme.objects.create(
            name=str(name).strip(),
            description=str(description).strip(),
            template_key=template_key,
            measures=list(measures),
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=_user(by),
        )
        record_event(
            obj=programme,
            action=CREATED,
            changes={
                f: (None, getattr(programme, f))
                for f in ("name", "template_key", "measures", "starts_on", "ends_on")
            },
            by=by,
        )
    return programme


def add_participant(*, programme, service, beds, joined_on, by) -> Participant:
    if Participant.objects.filter(programme=programme, service=service).exists():
        raise ValidationError({"service": f"{service} already takes part"})
    if beds is None or beds < 1:
        raise ValidationError({"beds": "Enter the beds taking part, 1 or more"})
    with transaction.atomic():
        participant = Participant.objects.create(
            programme=programme, service=service, beds=beds, joined_on=joined_on
        )
        record_event(
            obj=participant,
            action=CREATED,
            changes={"programme": (None, str(programme)), "beds": (None, beds)},
            by=by,
            subject=service,
        )
    return participant


def add_programme_event(*, programme, held_on, title, description="", by) -> ProgrammeEvent:
    if not str(title).strip():
        raise ValidationError({"title": "Enter what the event is"})
    with transaction.atomic():
        event = ProgrammeEvent.objects.create(
            programme=programme, held_on=held_on, title=str(title).strip(), description=description
        )
        record_event(
            obj=event,
            action=CREATED,
            changes={"held_on": (None, held_on), "title": (None, event.title)},
            by=by,
            subject=programme,
        )
    return event
