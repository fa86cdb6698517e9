"""Writing visits: the programme, the visit record and the report. Each action runs in
one transaction with its audit event (ADR 0003); rules come from careqa.visits.rules.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent
from careqa.visits.models import (
    AreaJudgement,
    Finding,
    ImmediateConcern,
    LeadOfficer,
    OfficerProfile,
    PersonView,
    Report,
    RequiredAction,
    Visit,
)
from careqa.visits.rules.calendar import is_working_day
from careqa.visits.vocab import HAPPENED, ReportStatus, VisitStatus

CREATED, CHANGED = AuditEvent.Action.CREATED, AuditEvent.Action.CHANGED
PLAN_FIELDS = (
    "service",
    "year",
    "visit_type",
    "theme",
    "announced",
    "mode",
    "planned_on",
    "lead_officer",
    "joint_with",
    "reasons",
    "fixed_by_hand",
)


# Called as hook(report=, by=, today=) inside issue_report's transaction: other apps (the
# action plans) act on an issued report without the visits knowing them.
REPORT_ISSUED_HOOKS: list = []


def _created(obj, fields):
    return {field: (None, value) for field, value in snapshot(obj, fields).items()}


def _changed(before: dict, obj) -> dict:
    return {f: (old, getattr(obj, f)) for f, old in before.items() if old != getattr(obj, f)}


def _save_changed(obj, before, *, by, note=""):
    changes = _changed(before, obj)
    if changes:
        obj.save(update_fields=[*(f for f in changes), *_stamps(obj)])
        record_event(obj=obj, action=CHANGED, changes=changes, by=by, note=note)
    return changes


def _stamps(obj):
    return ["updated_at"] if any(f.name == "updated_at" for f in obj._meta.fields) else []


# ---- Lead officers and capacity ----------------------------------------------------------


def assign_lead_officer(*, service, officer, by, today) -> LeadOfficer:
    """Make `officer` the lead (the provider's single point of contact) for `service`."""
    with transaction.atomic():
        lead = LeadOfficer.objects.select_for_update().filter(service=service).first()
        if lead is None:
            lead = LeadOfficer.objects.create(service=service, officer=officer, assigned_on=today)
            record_event(obj=lead, action=CREATED, changes=_created(lead, ["officer"]), by=by)
        elif lead.officer_id != officer.pk:
            before = {"officer": lead.officer, "assigned_on": lead.assigned_on}
            lead.officer, lead.assigned_on = officer, today
            _save_changed(lead, before, by=by)
    return lead


def save_officer_profile(*, officer, by, councils=None, **fields) -> OfficerProfile:
    """An officer's capacity and patch: visits a week, working days, councils, types."""
    allowed = {"visits_per_week", "working_days", "service_types", "plans_visits"}
    if set(fields) - allowed:
        raise TypeError(f"not profile fields: {sorted(set(fields) - allowed)}")
    if "working_days" in fields:
        fields["working_days"] = sorted({int(d) for d in fields["working_days"]})
        if not fields["working_days"] or any(d < 0 or d > 4 for d in fields["working_days"]):
            raise ValidationError({"working_days": "Choose at least one day, Monday to Friday"})
    with transaction.atomic():
        profile, created = OfficerProfile.objects.select_for_update().get_or_create(
            officer=officer, defaults={"working_days": [0, 1, 2, 3, 4]}
        )
        before = snapshot(profile, fields)
        before_councils = sorted(c.name for c in profile.councils.all())
        for field, value in fields.items():
            setattr(profile, field, value)
        changes = {} if created else _changed(before, profile)
        if created:
            changes = _created(profile, ["visits_per_week", "working_days", *fields])
        profile.save()
        if councils is not None:
            profile.councils.set(councils)
            after = sorted(c.name for c in councils)
            if after != before_councils:
                changes["councils"] = (before_councils, after)
        if changes:
            record_event(
                obj=profile, action=CREATED if created else CHANGED, changes=changes, by=by
            )
    return profile


def reset_calendar_token(*, officer, by) -> OfficerProfile:
    """A new secret address for the officer's calendar feed: the old one stops working."""
    from careqa.visits.models import new_calendar_token

    with transaction.atomic():
        profile = save_officer_profile(officer=officer, by=by)
        profile.calendar_token = new_calendar_token()
        profile.save(update_fields=["calendar_token"])
        # The token itself never enters the trail.
        record_event(obj=profile, action=CHANGED, changes={}, by=by, note="Calendar address reset")
    return profile


# ---- Planning ----------------------------------------------------------------------------


def _check_day(*, officer, day, visit=None):
    """A planned day must be a working day and the officer free that day."""
    if not is_working_day(day):
        raise ValidationError(
            {
                "planned_on": f"{day.day} {day:%B %Y} is a weekend or a bank holiday: choose a "
                "working day"
            }
        )
    clash = Visit.objects.filter(lead_officer=officer, planned_on=day).exclude(
        status=VisitStatus.CANCELLED
    )
    if visit is not None:
        clash = clash.exclude(pk=visit.pk)
    other = clash.select_related("service").first()
    if other is not None:
        raise ValidationError(
            {
                "planned_on": f"{officer.display_name} already has a visit that day, to "
                f"{other.service}: choose another day or officer"
            }
        )


def add_visit(*, service, by, planned_on, lead_officer, visit_type, **fields) -> Visit:
    """A visit added by hand (re-planning keeps it)."""
    with transaction.atomic():
        _check_day(officer=lead_officer, day=planned_on)
        visit = Visit(
            service=service,
            year=fields.pop("year", planned_on.year),
            planned_on=planned_on,
            lead_officer=lead_officer,
            visit_type=visit_type,
            fixed_by_hand=fields.pop("fixed_by_hand", True),
            **{k: v for k, v in fields.items() if k != "partners"},
        )
        visit.full_clean(exclude=["service", "lead_officer", "question_set"])
        visit.save()
        if fields.get("partners"):
            visit.partners.set(fields["partners"])
        record_event(obj=visit, action=CREATED, changes=_created(visit, PLAN_FIELDS), by=by)
    return visit


def _planned(visit):
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError(
            f"This visit is {visit.get_status_display().lower()}: only a planned visit "
            "can be moved, reassigned or cancelled"
        )


def move_visit(*, visit, planned_on, by) -> Visit:
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        _planned(visit)
        _check_day(officer=visit.lead_officer, day=planned_on, visit=visit)
        before = snapshot(visit, ["planned_on", "fixed_by_hand"])
        visit.planned_on, visit.fixed_by_hand = planned_on, True
        _save_changed(visit, before, by=by)
    return visit


def reassign_visit(*, visit, lead_officer, by) -> Visit:
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        _planned(visit)
        _check_day(officer=lead_officer, day=visit.planned_on, visit=visit)
        before = snapshot(visit, ["lead_officer", "fixed_by_hand"])
        visit.lead_officer, visit.fixed_by_hand = lead_officer, True
        _save_changed(visit, before, by=by)
    return visit


def cancel_visit(*, visit, reason, by) -> Visit:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the visit is cancelled"})
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        _planned(visit)
        before = snapshot(visit, ["status", "cancelled_reason"])
        visit.status, visit.cancelled_reason = VisitStatus.CANCELLED, reason
        _save_changed(visit, before, by=by)
    return visit


# ---- The record --------------------------------------------------------------------------

RECORD_FIELDS = (
    "carried_out_on",
    "starts_at",
    "ends_at",
    "mode",
    "announced",
    "theme",
    "joint_with",
    "purpose",
    "methodology",
    "interaction_observed",
    "environment_observed",
    "guidance_given",
    "verbal_feedback",
)


def record_visit(*, visit, by, today, other_officers=None, partners=None, **fields) -> Visit:
    """What happened at the visit. The first record marks it carried out."""
    if set(fields) - set(RECORD_FIELDS):
        raise TypeError(f"not record fields: {sorted(set(fields) - set(RECORD_FIELDS))}")
    carried_out_on = fields.get("carried_out_on")
    if carried_out_on and carried_out_on > today:
        raise ValidationError(
            {"carried_out_on": "The date the visit was carried out must be today or in the past"}
        )
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends <= starts:
        raise ValidationError({"ends_at": "The end time must be after the start time"})
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        if visit.status == VisitStatus.CANCELLED:
            raise ValidationError("This visit was cancelled: it cannot be recorded")
        if visit.status in (VisitStatus.REPORT_ISSUED, VisitStatus.CLOSED):
            raise ValidationError("The report has been issued: correct the report instead")
        before = snapshot(visit, [*fields, "status"])
        for field, value in fields.items():
            setattr(visit, field, value)
        if visit.status == VisitStatus.PLANNED and visit.carried_out_on:
            visit.status = VisitStatus.CARRIED_OUT
        if visit.question_set_id is None and visit.carried_out_on:
            # The visit keeps the version of the questions in use when it was carried out.
            from careqa.visits.queries import active_question_set

            visit.question_set = active_question_set(visit.service)
            before.setdefault("question_set", None)
        visit.full_clean(exclude=["service", "lead_officer", "question_set"])
        changes = _changed(before, visit)
        if changes:
            visit.save()
        for name, people in (("other_officers", other_officers), ("partners", partners)):
            if people is not None:
                related = getattr(visit, name)
                old = sorted(str(p) for p in related.all())
                related.set(people)
                new = sorted(str(p) for p in people)
                if old != new:
                    changes[name] = (old, new)
        if changes:
            record_event(obj=visit, action=CHANGED, changes=changes, by=by)
    return visit


def save_findings(*, visit, answers, by) -> list[Finding]:
    """{question: (answer, evidence, notes)} for the visit's question set, all at once.

    New findings and their audit events are inserted in one statement each: a visit has
    thirty questions, and the demo records hundreds of visits.
    """
    from careqa.audit.actions import build_event

    fields = ["answer", "evidence", "notes"]
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        _editable(visit)
        existing = {f.question_id: f for f in visit.findings.all()}
        new, saved = [], []
        for question, (answer, evidence, notes) in answers.items():
            if question.question_set_id != visit.question_set_id:
                raise ValidationError(f"‘{question}’ is not in this visit's question set")
            finding = existing.get(question.pk)
            if finding is None:
                finding = Finding(
                    visit=visit, question=question, answer=answer, evidence=evidence, notes=notes
                )
                finding.full_clean(exclude=["visit", "question"])
                new.append(finding)
            else:
                before = snapshot(finding, fields)
                finding.answer, finding.evidence, finding.notes = answer, evidence, notes
                finding.full_clean(exclude=["visit", "question"])
                _save_changed(finding, before, by=by)
            saved.append(finding)
        Finding.objects.bulk_create(new)
        if new and new[0].pk is None:  # a database that does not return ids on bulk insert
            ids = dict(visit.findings.values_list("question_id", "pk"))
            for finding in new:
                finding.pk = ids[finding.question_id]
        AuditEvent.objects.bulk_create(
            build_event(obj=f, action=CREATED, changes=_created(f, fields), by=by, subject=visit)
            for f in new
        )
    return saved


def _editable(visit):
    if visit.status in (VisitStatus.REPORT_ISSUED, VisitStatus.CLOSED, VisitStatus.CANCELLED):
        raise ValidationError(
            f"This visit is {visit.get_status_display().lower()}: its record can no longer be "
            "changed (correct the report instead)"
        )
    if visit.status not in HAPPENED:
        raise ValidationError("Record when the visit was carried out first")


def add_view(*, service, by, visit=None, **fields) -> PersonView:
    view = PersonView(service=service, visit=visit, recorded_by=by, **fields)
    with transaction.atomic():
        if visit is not None:
            # A view heard at a visit is part of its record, frozen when the report is issued.
            _editable(Visit.objects.select_for_update().get(pk=visit.pk))
        view.full_clean(exclude=["service", "visit", "recorded_by"])
        view.save()
        record_event(
            obj=view,
            action=CREATED,
            changes=_created(
                view, ["heard_on", "role", "method", "said", "sentiment", "consent_to_share"]
            ),
            by=by,
            # What someone said is for the QA team: others see that a view was heard.
            sensitive={"said": "view_visits"},
        )
    return view


def add_required_action(*, visit, by, **fields) -> RequiredAction:
    action = RequiredAction(visit=visit, **fields)
    with transaction.atomic():
        _editable(Visit.objects.select_for_update().get(pk=visit.pk))
        action.full_clean(exclude=["visit"])
        action.save()
        record_event(
            obj=action,
            action=CREATED,
            changes=_created(action, ["area", "priority", "action"]),
            by=by,
        )
    return action


def add_concern(*, visit, by, **fields) -> ImmediateConcern:
    concern = ImmediateConcern(visit=visit, **fields)
    with transaction.atomic():
        _editable(Visit.objects.select_for_update().get(pk=visit.pk))
        concern.full_clean(exclude=["visit"])
        concern.save()
        record_event(
            obj=concern,
            action=CREATED,
            changes=_created(concern, ["concern", "raised_with", "safeguarding_referral"]),
            by=by,
        )
    return concern


def judge_visit(*, visit, by, judgements, overall="", overall_departure_reason="") -> Visit:
    """The key questions' judgements and the overall one, each beside the rule's.

    `judgements` is {area: (judgement, departure_reason, evidence)}. Departing from the rule
    needs a reason; Requires improvement or Inadequate needs evidence.
    """
    from careqa.providers.vocab import KEY_QUESTION_LABELS
    from careqa.visits.queries import answers_by_area
    from careqa.visits.rules.judgements import (
        area_judgement,
        departure_needs_reason,
        evidence_required,
        overall_judgement,
    )

    errors = {}
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        _editable(visit)
        by_area = answers_by_area(visit)
        chosen = {}
        for area, (judgement, reason, evidence) in judgements.items():
            rule = area_judgement(by_area.get(area, []))
            # Five key questions on one form: each message names its own.
            label = KEY_QUESTION_LABELS.get(area, area)
            if departure_needs_reason(rule.judgement, judgement) and not reason.strip():
                errors[f"{area}-departure_reason"] = (
                    f"{label}: give a reason for departing from the rule's judgement"
                )
            if evidence_required(judgement) and not evidence.strip():
                errors[f"{area}-evidence"] = (
                    f"{label}: Requires improvement or Inadequate needs evidence"
                )
            chosen[area] = judgement or None
            row, _ = AreaJudgement.objects.get_or_create(visit=visit, area=area)
            before = snapshot(
                row, ["score", "by_rule", "judgement", "departure_reason", "evidence"]
            )
            row.score, row.by_rule = rule.score, rule.judgement or ""
            row.judgement, row.departure_reason, row.evidence = judgement, reason, evidence
            row.save()
            changes = _changed(before, row)
            if changes:
                record_event(obj=row, action=CHANGED, changes=changes, by=by)
        rule_overall = overall_judgement(chosen).judgement or ""
        if departure_needs_reason(rule_overall or None, overall or None) and not (
            overall_departure_reason.strip()
        ):
            errors["overall_departure_reason"] = (
                "Overall: give a reason for departing from the rule's judgement"
            )
        if errors:
            raise ValidationError(errors)
        before = snapshot(visit, ["overall_rule", "overall", "overall_departure_reason"])
        visit.overall_rule = rule_overall
        visit.overall = overall or rule_overall
        visit.overall_departure_reason = overall_departure_reason
        _save_changed(visit, before, by=by)
    return visit


# ---- The report --------------------------------------------------------------------------


def draft_report(*, visit, by) -> Report:
    """The visit's draft report (made once; the draft always shows the live record)."""
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        _editable(visit)
        report = visit.reports.filter(status=ReportStatus.DRAFT).first()
        if report is None:
            latest = visit.reports.order_by("-version").first()
            report = Report.objects.create(
                visit=visit, version=(latest.version + 1) if latest else 1
            )
            record_event(obj=report, action=CREATED, changes=_created(report, ["version"]), by=by)
        if visit.status == VisitStatus.CARRIED_OUT:
            before = snapshot(visit, ["status"])
            visit.status = VisitStatus.REPORT_DRAFTED
            _save_changed(visit, before, by=by)
    return report


def issue_report(*, report, by, today) -> Report:
    """Sign off and issue: the report's content is frozen as it stands."""
    from careqa.visits.presenters import report_content
    from careqa.visits.queries import unassessed_areas

    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("visit").get(pk=report.pk)
        if report.status != ReportStatus.DRAFT:
            raise ValidationError("This report has been issued already: correct it instead")
        visit = report.visit
        missing = unassessed_areas(visit)
        if missing:
            raise ValidationError(
                f"Judge every key question before issuing the report: {', '.join(missing)} "
                "not judged yet"
            )
        report.content = report_content(visit, version=report.version, issued_on=today)
        report.status, report.issued_on, report.issued_by = ReportStatus.ISSUED, today, by
        report.save()
        record_event(
            obj=report,
            action=CHANGED,
            changes={"status": ("draft", "issued"), "issued_on": (None, today)},
            by=by,
        )
        earlier = visit.reports.filter(status=ReportStatus.ISSUED).exclude(pk=report.pk)
        for old in earlier:
            old.status = ReportStatus.SUPERSEDED
            old.save(update_fields=["status"])
            record_event(
                obj=old,
                action=CHANGED,
                changes={"status": ("issued", "superseded")},
                by=by,
                note=f"Corrected by version {report.version}",
            )
        before = snapshot(visit, ["status"])
        visit.status = VisitStatus.REPORT_ISSUED
        _save_changed(visit, before, by=by)
        for hook in REPORT_ISSUED_HOOKS:
            hook(report=report, by=by, today=today)
    return report


def correct_report(*, report, by, note) -> Report:
    """Open a correction of an issued report: a new draft version; the old one stays
    issued until the correction is issued, and is then kept as superseded."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what the correction is for"})
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("visit").get(pk=report.pk)
        if report.status != ReportStatus.ISSUED:
            raise ValidationError("Only an issued report can be corrected")
        visit = report.visit
        if visit.reports.filter(status=ReportStatus.DRAFT).exists():
            raise ValidationError("A correction of this report is already in draft")
        correction = Report.objects.create(
            visit=visit, version=report.version + 1, correction_note=note
        )
        record_event(
            obj=correction,
            action=CREATED,
            changes=_created(correction, ["version", "correction_note"]),
            by=by,
        )
        before = snapshot(visit, ["status"])
        visit.status = VisitStatus.REPORT_DRAFTED
        _save_changed(visit, before, by=by)
    return correction


# ---- Factual-accuracy comments ----------------------------------------------------------


def comment_window_closes(report):
    from django.conf import settings

    from careqa.visits.rules.deadlines import factual_accuracy_closes

    return factual_accuracy_closes(
        report.issued_on, working_days=settings.CAREQA_FACTUAL_ACCURACY_WORKING_DAYS
    )


def comment_on_report(*, report, by, comment, where="", now=None):
    """The provider says a fact in an issued report is wrong, within the window."""
    from django.conf import settings
    from django.utils import timezone

    from careqa.visits.models import FactualAccuracyComment
    from careqa.visits.rules.deadlines import factual_accuracy_open

    comment, where = (comment or "").strip(), (where or "").strip()
    if not comment:
        raise ValidationError({"comment": "Enter what is not accurate, and what is"})
    now = now or timezone.now()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.ISSUED:
            raise ValidationError("Comments are taken on the current issued version only")
        days = settings.CAREQA_FACTUAL_ACCURACY_WORKING_DAYS
        if not factual_accuracy_open(
            report.issued_on, today=timezone.localdate(now), working_days=days
        ):
            closed = comment_window_closes(report)
            raise ValidationError(
                f"Comments on this report closed on {closed.day} {closed:%B %Y}, "
                f"{days} working days after it was issued. Contact your QA officer"
            )
        made = FactualAccuracyComment(
            report=report, where=where, comment=comment, made_by=by, made_at=now
        )
        made.full_clean(exclude=["report", "made_by"])
        made.save()
        record_event(obj=made, action=CREATED, changes=_created(made, ["where", "comment"]), by=by)
    return made


def answer_comment(*, comment, by, accept, answer, now=None):
    """The council's answer: accepted (the report is then corrected by a new version) or
    declined, with the reason either way."""
    from django.utils import timezone

    from careqa.visits.models import FactualAccuracyComment
    from careqa.visits.vocab import CommentStatus

    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(
            {"answer": "Enter what will be corrected" if accept else "Enter why it is declined"}
        )
    with transaction.atomic():
        current = FactualAccuracyComment.objects.select_for_update().get(pk=comment.pk)
        if current.status != CommentStatus.AWAITING:
            raise ValidationError("This comment has been answered already")
        before = snapshot(current, ["status", "answer"])
        current.status = CommentStatus.ACCEPTED if accept else CommentStatus.DECLINED
        current.answer, current.answered_by = answer, by
        current.answered_at = now or timezone.now()
        current.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        _save_changed_event(current, before, by=by)
    return current


def _save_changed_event(obj, before, *, by):
    record_event(obj=obj, action=CHANGED, changes=_changed(before, obj), by=by)


# ---- The annual programme -----------------------------------------------------------------


def apply_programme(*, year, result, by) -> dict:
    """Make the programme match a plan (rules.planning.plan_year's result).

    Visits that stay put (carried out, or moved or added by hand) are not in the plan and
    are left alone. The other planned visits of the year are moved to the plan's day and
    officer where the service still needs that kind of visit, and cancelled with a reason
    where it no longer does; the rest of the plan is added. Returns the counts.
    """
    from careqa.accounts.models import User
    from careqa.providers.models import Service

    counts = {"added": 0, "moved": 0, "cancelled": 0, "kept": 0}
    with transaction.atomic():
        open_visits = {}
        for visit in (
            Visit.objects.select_for_update()
            .filter(year=year, status=VisitStatus.PLANNED, fixed_by_hand=False)
            .order_by("planned_on", "pk")
        ):
            open_visits.setdefault((visit.service_id, visit.visit_type), []).append(visit)
        services = Service.objects.in_bulk({p.service_id for p in result.visits})
        officers = User.objects.in_bulk({p.officer_id for p in result.visits})
        for planned in sorted(result.visits, key=lambda p: (p.day, p.service_id)):
            reasons = "\n".join(planned.reasons)
            waiting = open_visits.get((planned.service_id, planned.visit_type))
            if waiting:
                visit = waiting.pop(0)
                before = snapshot(visit, ["planned_on", "lead_officer", "reasons", "joint_with"])
                visit.planned_on = planned.day
                visit.lead_officer = officers[planned.officer_id]
                visit.reasons, visit.joint_with = reasons, planned.joint_partner
                changed = _save_changed(visit, before, by=by, note="Re-planned")
                counts["moved" if changed else "kept"] += 1
                continue
            visit = Visit.objects.create(
                service=services[planned.service_id],
                year=year,
                visit_type=planned.visit_type,
                planned_on=planned.day,
                lead_officer=officers[planned.officer_id],
                reasons=reasons,
                joint_with=planned.joint_partner,
            )
            record_event(
                obj=visit,
                action=CREATED,
                changes=_created(visit, PLAN_FIELDS),
                by=by,
                note=f"Planned in the {year} programme",
            )
            counts["added"] += 1
        for leftovers in open_visits.values():
            for visit in leftovers:
                before = snapshot(visit, ["status", "cancelled_reason"])
                visit.status = VisitStatus.CANCELLED
                visit.cancelled_reason = "No longer needed when the programme was re-planned"
                _save_changed(visit, before, by=by)
                counts["cancelled"] += 1
    return counts


# ---- Question sets -------------------------------------------------------------------------

QUESTION_FIELDS = ("area", "text", "guidance", "evidence", "references")


def revise_question_set(*, question_set, by, note, change=None, add=None, remove=None):
    """A new version of a question set with one question changed, added or removed.

    `change` is (question, {field: value}); `add` is {field: value} for a new question at
    the end of its area; `remove` is a question. The old version stays (visits that used it
    keep it) and is no longer the one in use.
    """
    from django.utils.text import slugify

    from careqa.visits.models import Question, QuestionSet

    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what changed and why"})
    with transaction.atomic():
        current = QuestionSet.objects.select_for_update().get(pk=question_set.pk)
        if not current.active:
            raise ValidationError("This version is no longer in use: change the current one")
        latest = QuestionSet.objects.filter(kind=current.kind).order_by("-version").first()
        current.active = False
        current.save(update_fields=["active"])
        revised = QuestionSet.objects.create(
            kind=current.kind,
            version=latest.version + 1,
            active=True,
            note=note,
            created_by_name=actor_name(by),
        )
        questions = []
        for question in current.questions.order_by("order"):
            if remove is not None and question.pk == remove.pk:
                continue
            values = {f: getattr(question, f) for f in ("key", *QUESTION_FIELDS)}
            if change is not None and question.pk == change[0].pk:
                values.update(change[1])
            questions.append(values)
        if add is not None:
            key = slugify(add["text"])[:70] or "question"
            taken = {q["key"] for q in questions}
            suffix = 2
            while key in taken:
                key, suffix = f"{slugify(add['text'])[:66]}-{suffix}", suffix + 1
            after = max(
                (i for i, q in enumerate(questions) if q["area"] == add["area"]), default=None
            )
            position = len(questions) if after is None else after + 1
            questions.insert(position, {"key": key, **add})
        for order, values in enumerate(questions, start=1):
            question = Question(question_set=revised, order=order, **values)
            question.full_clean(exclude=["question_set"])
            question.save()
        record_event(
            obj=revised,
            action=CREATED,
            changes={"version": (None, revised.version), "note": (None, note)},
            by=by,
            note=f"Replaces version {current.version}",
        )
    return revised


def actor_name(by):
    from careqa.audit.actions import actor_of

    return actor_of(by)[1]
