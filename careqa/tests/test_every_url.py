"""Every URL in the URL configuration, for every persona, against each view's declared
permission: a page that declares none fails here, so no page ships without a rule.

A persona who holds the permission gets the page (or a redirect, or 405 for POST-only
views); one who does not gets 403 and changes nothing; anonymous is sent to sign in; a
provider user asking for another provider's record gets 404, as if it did not exist.
"""

import datetime

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from careqa.accounts.authz import has_permission
from careqa.accounts.roles import Role
from careqa.audit.models import AuditEvent
from careqa.factories import ContractFactory, ServiceFactory
from careqa.tests.personas import PROVIDER_A, PROVIDER_B

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
NOT_FOUND_OR_REFUSED = (403, 404)


def every_url_pattern(patterns=None, namespace=""):
    """(name, pattern, view) for every route, namespaced names as reverse() takes them."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from every_url_pattern(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", entry, entry.callback


def is_public(view):
    return getattr(view, "login_required", True) is False


def declared(view):
    """(has a rule, the permission it needs or None for 'anyone signed in')."""
    return hasattr(view, "required_permission"), getattr(view, "required_permission", None)


@pytest.fixture
def world(personas, settings, tmp_path):
    """The records the URLs name: a service of provider A with a contract, and the rest."""
    from careqa.insights.models import ComparatorGroup
    from careqa.regulators.models import ImportRun

    provider_a = personas[PROVIDER_A].scope_provider
    service = ServiceFactory(provider=provider_a, name="Amber Court")
    ServiceFactory(provider=personas[PROVIDER_B].scope_provider, name="Birch Lodge")
    contract = ContractFactory(service=service)
    run = ImportRun.objects.create(
        regulator="cqc",
        file_name="ratings.csv",
        started_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        by_name="Morgan Patel",
        status=ImportRun.Status.SUCCEEDED,
    )
    group = ComparatorGroup.objects.create(name="Neighbours")
    settings.MEDIA_ROOT = tmp_path  # stored files (a plan's document, a report) go here
    report_build = _report_build(service, group, personas)
    visits = _visits(service, personas)
    settings.MEDIA_ROOT = tmp_path  # the plan's document is stored here, not in var/
    plans = _plans(service, personas)
    escalation = _escalation(service, personas)
    meetings = _meetings(service, personas)
    accounts = _accounts(personas)
    risk = _risk(service, personas)
    notices = _notices(service, personas)
    portal = _portal(personas, visits["report"])
    returns = _returns(service, personas)
    return {
        **notices,
        **returns,
        **accounts,
        **portal,
        **visits,
        **risk,
        **plans,
        **escalation,
        **meetings,
        "service": service,
        "provider": provider_a,
        "contract": contract,
        "run": run,
        "group": group,
        "report_build": report_build,
        "user": personas["qa_officer"],
    }


def _report_build(service, group, personas):
    """A scrutiny report the worker has built, its PDF in storage."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from careqa.insights.models import ReportBuild

    stored = default_storage.save("reports/1/report.pdf", ContentFile(b"%PDF-1.7 built"))
    return ReportBuild.objects.create(
        requested_by=personas["qa_manager"],
        council=service.council,
        group=group,
        as_at=datetime.date(2026, 11, 1),
        convention="publication",
        status=ReportBuild.Status.DONE,
        stored_file=stored,
        file_name="report.pdf",
        size=14,
    )


COUNT_QUERY = "area=england&type=care_homes&group=england&rating=good"


def _visits(service, personas):
    """A visit with its report issued, and one still planned, both to provider A's service."""
    from careqa.visits import actions
    from careqa.visits.models import OfficerProfile

    officer, manager = personas["qa_officer"], personas["qa_manager"]
    done = actions.add_visit(
        service=service,
        by=manager,
        planned_on=datetime.date(2026, 3, 2),
        lead_officer=officer,
        visit_type="contract_review",
    )
    done = actions.record_visit(
        visit=done, by=officer, today=datetime.date(2026, 3, 3), carried_out_on=done.planned_on
    )
    areas = ("safe", "effective", "caring", "responsive", "well_led")
    actions.judge_visit(visit=done, by=officer, judgements={a: ("good", "x", "") for a in areas})
    report = actions.draft_report(visit=done, by=officer)
    report = actions.issue_report(report=report, by=manager, today=datetime.date(2026, 3, 4))
    planned = actions.add_visit(
        service=service,
        by=manager,
        planned_on=datetime.date(2026, 6, 1),
        lead_officer=officer,
        visit_type="routine_monitoring",
    )
    profile, _ = OfficerProfile.objects.get_or_create(officer=officer)
    return {"visit": done, "planned": planned, "report": report, "profile": profile}


def _plans(service, personas):
    """An action plan for provider A's service, with an item, a response and a document."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from careqa.plans import actions

    officer = personas["qa_officer"]
    today = datetime.date(2026, 3, 5)
    plan = actions.open_plan(service=service, by=officer, today=today)
    item = actions.add_item(
        plan=plan,
        by=officer,
        today=today,
        area="safe",
        remedy="Check the medicines records every week",
        priority="high",
        evidence_needed="A month of signed weekly checks",
        owner="The registered manager",
        source="desktop_monitoring",
    )
    response = actions.record_response(
        plan=plan,
        by=officer,
        received_on=today,
        today=today,
        actions=[(item, "Weekly audit", "Deputy manager", datetime.date(2026, 4, 1))],
    )
    document = actions.attach_document(
        item=item, by=officer, upload=SimpleUploadedFile("checks.pdf", b"%PDF-1.4 checks")
    )
    return {"plan": plan, "item": item, "response": response, "document": document}


def _escalation(service, personas):
    """A current suspension and an open default notice on provider A's service."""
    from careqa.escalation.actions import take_step

    manager, today = personas["qa_manager"], datetime.date.today()
    common = {"by": manager, "today": today, "decide": True, "reason": "r", "evidence": "e"}
    suspension = take_step(
        service=service,
        kind="suspension",
        placements="all",
        conditions=["A new registered manager in post"],
        review_on=today + datetime.timedelta(days=28),
        **common,
    )
    default = take_step(
        service=service,
        kind="default_notice",
        clause="14.2",
        failure="No staffing records",
        remedy="Keep staffing records",
        remedy_by=today + datetime.timedelta(days=14),
        review_on=today + datetime.timedelta(days=14),
        **common,
    )
    from careqa.escalation.actions import add_people_review

    review = add_people_review(step=suspension, by=manager, reference="PL-0042", people=1)
    return {"suspension": suspension, "default_notice": default, "people_review": review}


def _meetings(service, personas):
    """A Commissioning and Quality meeting held today, with an item on provider A's service."""
    from careqa.meetings import actions

    manager, today = personas["qa_manager"], datetime.date.today()
    meeting = actions.create_meeting(
        kind="commissioning_quality",
        held_on=today,
        council=service.council,
        chair="Alex Khan",
        attendees=[("Chair", "The council", "")],
        by=manager,
    )
    item = actions.add_item(
        meeting=meeting, service=service, topic="Medicines errors", by=manager, today=today
    )
    action = actions.add_action(
        item=item, action="Send the medicines audit", owner="The registered manager",
        due_on=today, by=manager, today=today,
    )  # fmt: skip
    return {"meeting": meeting, "agenda_item": item, "meeting_action": action}


INVITATION_TOKEN = "an-invitation-token-for-the-url-walk"


def _accounts(personas):
    """An invitation waiting to be accepted, and a password reset link for a persona."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from careqa.accounts.invitations import token_hash
    from careqa.accounts.models import Invitation
    from careqa.factories import UserFactory

    invitee = UserFactory(username="invitee", password=None)
    now = timezone.now()
    Invitation.objects.create(
        user=invitee,
        token_hash=token_hash(INVITATION_TOKEN),
        created_at=now,
        expires_at=now + datetime.timedelta(days=7),
        invited_by_name="The administrator",
    )
    officer = personas["qa_officer"]
    reset = {
        "uidb64": urlsafe_base64_encode(force_bytes(officer.pk)),
        "token": default_token_generator.make_token(officer),
    }
    return {"invitee": invitee, "reset": reset}


def _risk(service, personas):
    """An intelligence entry anyone on the staff may read, and a safeguarding enquiry."""
    from careqa.risk import actions

    officer, today = personas["qa_officer"], datetime.date.today()
    entry = actions.record_intelligence(
        by=officer,
        today=today,
        service=service,
        source="complaint",
        received_on=today,
        summary="A relative says call bells go unanswered at night",
        key_question="responsive",
        severity="medium",
        sharing=1,
    )
    enquiry = actions.record_enquiry(
        service=service,
        by=officer,
        today=today,
        kind="s42",
        reference="SG-1",
        risk_types=["neglect"],
        risk_source="service_provider",
        risk_location="care_home_residential",
        opened_on=today,
        summary="",
    )
    concern = actions.open_provider_concern(
        by=personas["qa_manager"],
        today=today,
        service=service,
        triggers=["several_enquiries"],
        decision="Three section 42 enquiries in a month: a whole-service enquiry",
        decided_by="Director of Adult Social Services",
        lead_officer=officer,
    )
    return {"intelligence": entry, "enquiry": enquiry, "concern": concern}


def _notices(service, personas):
    """A notice in the QA officer's inbox: theirs alone."""
    from careqa.notify.actions import alert

    [notice] = alert(
        [personas["qa_officer"]],
        subject=f"Rating fell: {service}",
        template_name="generic",
        context={},
        link=f"/services/{service.pk}/",
        service=service,
    )
    return {"inbox_notice": notice}


def _portal(personas, report):
    """A notice (with a document) sent to provider A, and a factual-accuracy comment."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from careqa.portal.models import NoticeDocument, NoticeRecipient, ProviderNotice
    from careqa.visits.models import FactualAccuracyComment

    notice = ProviderNotice.objects.create(
        kind="local_instruction",
        title="Visiting in winter",
        body="Keep visiting open",
        service_types=["residential"],
        sent_at=timezone.now(),
        sent_by=personas["qa_officer"],
    )
    NoticeRecipient.objects.create(notice=notice, provider=personas[PROVIDER_A].scope_provider)
    name = default_storage.save("notices/guidance.pdf", ContentFile(b"%PDF-1.4 guidance"))
    document = NoticeDocument.objects.create(
        notice=notice, file=name, original_name="guidance.pdf", size=17
    )
    comment = FactualAccuracyComment.objects.create(
        report=report,
        comment="The visit was on a Tuesday",
        made_by=personas[PROVIDER_A],
        made_at=timezone.now(),
    )
    return {
        "notice": notice,
        "notice_document": document,
        "comment": comment,
        "provider_user": personas[PROVIDER_A],
    }


def _returns(service, personas):
    """The shipped returns, and a monthly return sent for provider A's service."""
    from careqa.returns import actions, rules
    from careqa.returns.models import ReturnTemplate

    actions.load_default_templates()
    kpi = ReturnTemplate.objects.get(key="care-home-kpis")
    situation = ReturnTemplate.objects.get(key="situation")
    today = datetime.date.today()
    values = {spec.code: "1" for spec in kpi.specs if spec.kind in rules.NUMERIC}
    values |= {"registered_beds": "30", "infection_outbreak": "no"}
    sent = actions.submit_return(
        template=kpi,
        service=service,
        period_start=rules.current_period(kpi.schedule, today=today),
        values=values,
        by=personas["qa_officer"],
        today=today,
    )
    programme = actions.create_programme(
        by=personas["qa_manager"],
        name="Care home safety",
        template_key=kpi.key,
        measures=["falls"],
        starts_on=today,
    )
    return {
        "return_template": kpi,
        "situation": situation,
        "return": sent,
        "programme": programme,
    }


def _on(record):
    return lambda w: ({"pk": w[record].pk}, "", w[record])


def _pk_of(record):
    """A record that is about no service (a return template): not scoped to a provider."""
    return lambda w: ({"pk": w[record].pk}, "", None)


# How to fill each URL's arguments, and the record it is then about (for scope).
SAMPLES = {
    "accounts:user-detail": lambda w: ({"pk": w["user"].pk}, "", None),
    "accounts:user-change": lambda w: ({"pk": w["user"].pk}, "", None),
    "accounts:user-password": lambda w: ({"pk": w["user"].pk}, "", None),
    "accounts:user-deactivate": lambda w: ({"pk": w["user"].pk}, "", None),
    "accounts:user-reactivate": lambda w: ({"pk": w["user"].pk}, "", None),
    "accounts:user-invite-again": lambda w: ({"pk": w["invitee"].pk}, "", None),
    "accounts:user-second-factor": lambda w: ({"pk": w["user"].pk}, "", None),
    "accounts:password-reset-confirm": lambda w: (w["reset"], "", None),
    "accounts:invitation": lambda w: ({"token": INVITATION_TOKEN}, "", None),
    "regulators:import-detail": lambda w: ({"pk": w["run"].pk}, "", None),
    "regulators:import-progress": lambda w: ({"pk": w["run"].pk}, "", None),
    "contracts:create": lambda w: ({}, f"?service={w['service'].pk}", w["service"]),
    "contracts:detail": lambda w: ({"pk": w["contract"].pk}, "", w["contract"]),
    "contracts:edit": lambda w: ({"pk": w["contract"].pk}, "", w["contract"]),
    "insights:download": lambda w: ({"table": "figures", "fmt": "csv"}, "", None),
    "insights:services": lambda w: ({}, f"?{COUNT_QUERY}", None),
    "insights:group-edit": lambda w: ({"pk": w["group"].pk}, "", None),
    "insights:group-retire": lambda w: ({"pk": w["group"].pk}, "", None),
    "insights:group-restore": lambda w: ({"pk": w["group"].pk}, "", None),
    "insights:report-build": lambda w: ({"pk": w["report_build"].pk}, "", None),
    "insights:report-build-progress": lambda w: ({"pk": w["report_build"].pk}, "", None),
    "insights:report-build-download": lambda w: ({"pk": w["report_build"].pk}, "", None),
    "providers:service-detail": lambda w: ({"pk": w["service"].pk}, "", w["service"]),
    "providers:service-audit": _on("service"),
    "visits:add": lambda w: ({}, f"?service={w['service'].pk}", w["service"]),
    "visits:detail": _on("visit"),
    "visits:record": _on("visit"),
    "visits:findings": lambda w: ({"pk": w["visit"].pk, "area": "safe"}, "", w["visit"]),
    "visits:judgements": _on("visit"),
    "visits:add-view": _on("visit"),
    "visits:add-action": _on("visit"),
    "visits:add-concern": _on("visit"),
    "visits:move": _on("planned"),
    "visits:reassign": _on("planned"),
    "visits:cancel": _on("planned"),
    "visits:report-draft": _on("visit"),
    "visits:report": _on("report"),
    "visits:report-pdf": _on("report"),
    "visits:report-issue": _on("report"),
    "visits:report-correct": _on("report"),
    "visits:programme": lambda w: ({"year": 2026}, "", None),
    "visits:programme-month": lambda w: ({"year": 2026, "month": 3}, "", None),
    "visits:programme-officer": lambda w: ({"year": 2026, "pk": w["user"].pk}, "", None),
    "visits:programme-services": lambda w: ({"year": 2026}, "", None),
    "visits:programme-plan": lambda w: ({"year": 2026}, "", None),
    "visits:programme-csv": lambda w: ({"year": 2026}, "", None),
    "visits:officer-edit": lambda w: ({"pk": w["user"].pk}, "", None),
    "visits:question-set": lambda w: ({"pk": w["visit"].question_set_id}, "", None),
    "visits:question-add": lambda w: ({"pk": w["visit"].question_set_id}, "", None),
    "visits:question-edit": lambda w: (
        {"pk": w["visit"].question_set.questions.first().pk},
        "",
        None,
    ),
    "visits:question-remove": lambda w: (
        {"pk": w["visit"].question_set.questions.first().pk},
        "",
        None,
    ),
    "visits:calendar-feed": lambda w: ({"token": w["profile"].calendar_token}, "", None),
    "plans:detail": _on("plan"),
    "plans:response-add": _on("plan"),
    "plans:response-accept": _on("response"),
    "plans:item-add": _on("service"),
    "plans:item-move": lambda w: ({"pk": w["item"].pk, "move": "agree"}, "", w["item"]),
    "plans:note-add": _on("item"),
    "plans:attachment-add": _on("item"),
    "plans:follow-up": _on("item"),
    "plans:attachment": _on("document"),
    "providers:service-local-name": lambda w: ({"pk": w["service"].pk}, "", w["service"]),
    "providers:provider-detail": lambda w: ({"pk": w["provider"].pk}, "", w["provider"]),
    "escalation:service": lambda w: ({"pk": w["service"].pk}, "", w["service"]),
    "escalation:take-step": lambda w: (
        {"pk": w["service"].pk, "kind": "suspension"},
        "",
        w["service"],
    ),
    "escalation:suspension": _on("suspension"),
    "escalation:step": _on("default_notice"),
    "escalation:decide": _on("suspension"),
    "escalation:end": _on("suspension"),
    "escalation:review": _on("suspension"),
    "escalation:conditions": _on("suspension"),
    "escalation:outcome": _on("default_notice"),
    "escalation:add-notification": _on("suspension"),
    "escalation:add-people-review": _on("suspension"),
    "escalation:people-review-done": _on("people_review"),
    "meetings:detail": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:build": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:add-item": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:add-attendee": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:held": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:approve": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:pack-pdf": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:minutes-pdf": lambda w: ({"pk": w["meeting"].pk}, "", None),
    "meetings:decide": _on("agenda_item"),
    "meetings:add-action": _on("agenda_item"),
    "meetings:action-done": _on("meeting_action"),
    "risk:intelligence-add": lambda w: ({}, f"?service={w['service'].pk}", w["service"]),
    "risk:intelligence-detail": _on("intelligence"),
    "risk:intelligence-status": _on("intelligence"),
    "risk:enquiry-add": lambda w: ({}, f"?service={w['service'].pk}", w["service"]),
    "risk:enquiry": _on("enquiry"),
    "risk:enquiry-close": _on("enquiry"),
    "risk:concern-open": lambda w: ({}, f"?service={w['service'].pk}", w["service"]),
    "risk:concern": _on("concern"),
    "risk:concern-meeting": _on("concern"),
    "risk:concern-plan": _on("concern"),
    "risk:concern-close": _on("concern"),
    "notify:open": lambda w: ({"pk": w["inbox_notice"].pk}, "", None),
    "portal:service": _on("service"),
    "portal:report": _on("report"),
    "portal:report-pdf": _on("report"),
    "portal:plan": _on("plan"),
    "portal:plan-respond": _on("plan"),
    "portal:item": _on("item"),
    "portal:item-progress": _on("item"),
    "portal:item-evidence": _on("item"),
    "portal:item-done": _on("item"),
    "portal:attachment": _on("document"),
    "portal:notice": _on("notice"),
    "portal:notice-document": _on("notice_document"),
    "portal:team-user-suspend": lambda w: ({"pk": w["provider_user"].pk}, "", None),
    "portal:team-user-restore": lambda w: ({"pk": w["provider_user"].pk}, "", None),
    "portal:team-comment": lambda w: ({"pk": w["comment"].pk}, "", None),
    "portal:team-notice": lambda w: ({"pk": w["notice"].pk}, "", None),
    "portal:team-share-entry": _on("intelligence"),
    "returns:template": _pk_of("return_template"),
    "returns:template-edit": _pk_of("return_template"),
    "returns:template-switch": _pk_of("return_template"),
    "returns:layout": lambda w: ({"pk": w["return_template"].pk, "fmt": "csv"}, "", None),
    "returns:upload": _pk_of("return_template"),
    "returns:tracker-upload": _pk_of("situation"),
    "returns:figures": _pk_of("return_template"),
    "returns:figures-download": lambda w: ({"pk": w["return_template"].pk, "fmt": "csv"}, "", None),
    "returns:submit": lambda w: (
        {"pk": w["return_template"].pk, "service_pk": w["service"].pk},
        "",
        w["service"],
    ),
    "returns:service": _on("service"),
    "returns:submission": _on("return"),
    "returns:programme": _pk_of("programme"),
    "returns:participant-add": _pk_of("programme"),
    "returns:event-add": _pk_of("programme"),
}
# Records that are one person's own: anyone else is answered 404, as if none existed.
OWNED_BY = {"notify:open": lambda w: w["inbox_notice"].user_id}


def _url(name, pattern, world):
    if name not in SAMPLES:
        return reverse(name), None
    kwargs, query, record = SAMPLES[name](world)
    return reverse(name, kwargs=kwargs or None) + query, (world if record is not None else None)


def test_every_view_declares_who_may_use_it():
    missing = [
        name or str(pattern.pattern)
        for name, pattern, view in every_url_pattern()
        if not is_public(view) and not declared(view)[0]
    ]
    assert not missing, f"views without a declared permission: {missing}"


# Open without signing in: the steps of signing in (the password, the second factor and
# setting one up before the sign-in completes), a forgotten password and an invitation
# (their one-time links are the key), the calendar feed (its secret address is the key) and
# /healthz, the one page that needs no credential of any kind.
PUBLIC = {
    "accounts:login",
    "accounts:second-factor",
    "accounts:second-factor-setup",
    "accounts:password-reset",
    "accounts:password-reset-sent",
    "accounts:password-reset-confirm",
    "accounts:password-reset-done",
    "accounts:invitation",
    "visits:calendar-feed",
    "healthz",
}


def test_only_these_urls_are_open_without_signing_in():
    assert {name for name, _, view in every_url_pattern() if is_public(view)} == PUBLIC


def test_every_url_with_arguments_has_a_sample():
    missing = [
        name
        for name, pattern, _ in every_url_pattern()
        if pattern.pattern.converters and name not in SAMPLES
    ]
    assert not missing, f"add these to SAMPLES in {__file__}: {missing}"


def test_every_role_has_a_persona(personas):
    held = {user.role for user in personas.everyone().values()}
    assert held == set(Role)


def _expected(user, view, record, *, name="", world=None):
    """'allowed', 'refused' (403) or 'hidden' (404: another provider's record, or
    another person's own)."""
    if is_public(view):
        return "allowed"
    if user is None:
        return "sign-in"
    _, permission = declared(view)
    if permission is not None and not has_permission(user, permission):
        return "refused"
    if name in OWNED_BY and OWNED_BY[name](world) != user.pk:
        return "hidden"
    # Scope from what the test knows, not from the code under test: every sample record
    # belongs to provider A, so a provider user of another provider must not reach it.
    if record is not None and user.role == Role.PROVIDER:
        if user.scope_provider_id != record["provider"].pk:
            return "hidden"
    return "allowed"


def _check(response, expected, where):
    status = response.status_code
    if expected == "sign-in":
        assert status == 302, where
        assert response["Location"].startswith(redirect_to_login("/").url.split("?")[0]), where
    elif expected == "refused":
        assert status == 403, where
    elif expected == "hidden":
        assert status in NOT_FOUND_OR_REFUSED, where
    else:
        assert status not in (403, 404, 500), where
        if status == 302:
            assert "/accounts/sign-in/" not in response["Location"], where


PERSONA_KEYS = [
    ANONYMOUS,
    *(role.value for role in Role if role != Role.PROVIDER),
    PROVIDER_A,
    PROVIDER_B,
]


@pytest.mark.parametrize("who", PERSONA_KEYS)
def test_every_url_answers_each_persona_by_its_rule(client, personas, world, who):
    user = None if who == ANONYMOUS else personas[who]
    if user is not None:
        client.force_login(user)
    for name, pattern, view in every_url_pattern():
        if name == "accounts:logout":
            continue  # signing out would end this persona's session for the next URL
        url, record = _url(name, pattern, world)
        expected = _expected(user, view, record, name=name, world=world)
        _check(client.get(url), expected, f"GET {url} as {who}: expected {expected}")


@pytest.mark.parametrize("who", PERSONA_KEYS)
def test_a_refused_post_changes_nothing(client, personas, world, who):
    user = None if who == ANONYMOUS else personas[who]
    if user is not None:
        client.force_login(user)
    before = AuditEvent.objects.count()
    for name, pattern, view in every_url_pattern():
        url, record = _url(name, pattern, world)
        expected = _expected(user, view, record, name=name, world=world)
        if expected == "allowed":
            continue
        response = client.post(url, {"name": "Changed", "status": "terminated"})
        if expected == "sign-in":
            assert response.status_code in (302, 403), f"POST {url} as {who}"
        else:
            _check(response, expected, f"POST {url} as {who}: expected {expected}")
    assert AuditEvent.objects.count() == before
