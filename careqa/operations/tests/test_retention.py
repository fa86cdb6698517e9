"""Applying the retention policy: what is due is redacted, rows, counts and dates stay, the
audit trail keeps the redaction and loses the details, and a second run changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command

from careqa.audit.models import AuditEvent
from careqa.operations import retention
from careqa.operations.actions import POLICY_ACTOR, apply_retention
from careqa.operations.rules import is_redacted, redaction_text
from careqa.operations.tests.seed import HEARD_AWAY_ON, REPORTED_ON, seed_records
from careqa.visits.models import ImmediateConcern, PersonView, Report

pytestmark = pytest.mark.django_db

TWO_YEARS = {"people_views": 730, "safeguarding": 2190}
VISIT_VIEWS_DUE = REPORTED_ON + datetime.timedelta(days=730)  # 20 March 2026
AWAY_VIEW_DUE = HEARD_AWAY_ON + datetime.timedelta(days=730)  # 3 June 2026


@pytest.fixture
def seeded(settings):
    settings.CAREQA_RETENTION_DAYS = TWO_YEARS
    return seed_records()


def _said(view):
    return PersonView.objects.get(pk=view.pk).said


def test_nothing_is_redacted_before_it_is_due(seeded):
    run = apply_retention(today=VISIT_VIEWS_DUE - datetime.timedelta(days=1))
    assert run.redactions == [] and run.copies == []
    assert not any(is_redacted(v.said) for v in PersonView.objects.all())


def test_a_dry_run_lists_what_is_due_and_changes_nothing(seeded):
    events_before = AuditEvent.objects.count()
    run = apply_retention(today=AWAY_VIEW_DUE, dry_run=True)
    due = {r.record.pk: r for r in run.redactions}
    assert set(due) == {v.pk for v in seeded["said_at_visit"]} | {seeded["away"].pk}
    assert due[seeded["away"].pk].closed_on == HEARD_AWAY_ON
    assert due[seeded["said_at_visit"][0].pk].closed_on == REPORTED_ON
    assert due[seeded["said_at_visit"][0].pk].due_on == VISIT_VIEWS_DUE
    assert len(run.copies) == 1  # the issued report's copy of the shared view
    assert AuditEvent.objects.count() == events_before
    assert not any(is_redacted(v.said) for v in PersonView.objects.all())


def test_what_is_due_is_redacted_and_the_rest_kept(seeded):
    views_before = list(
        PersonView.objects.order_by("pk").values_list("pk", "heard_on", "role", "sentiment")
    )
    run = apply_retention(today=VISIT_VIEWS_DUE)
    words = redaction_text(VISIT_VIEWS_DUE)
    assert {r.record.pk for r in run.redactions} == {v.pk for v in seeded["said_at_visit"]}
    for view in seeded["said_at_visit"]:
        assert _said(view) == words
    # Not due yet (heard away from a visit later), and still open (no report yet).
    assert "Ann Lee" in _said(seeded["away"])
    assert "Tom" in _said(seeded["open_view"])
    # No row goes; who spoke, when and how they felt stay.
    assert views_before == list(
        PersonView.objects.order_by("pk").values_list("pk", "heard_on", "role", "sentiment")
    )
    report = Report.objects.get(pk=seeded["report"].pk)
    assert [v["said"] for v in report.content["views"]] == [words]
    assert report.content["views"][0]["who"] == "Relative or friend"
    assert report.content["views_not_shared"] == 1


def test_the_audit_trail_keeps_the_redaction_and_loses_the_details(seeded):
    view = seeded["said_at_visit"][0]
    apply_retention(today=VISIT_VIEWS_DUE)
    events = AuditEvent.objects.filter(record_type="visits.personview", record_id=view.pk)
    created = events.get(action=AuditEvent.Action.CREATED)
    assert created.changes["said"] == [None, redaction_text(VISIT_VIEWS_DUE)]
    assert created.changes["role"] == [None, "relative"]
    redaction = events.get(action=AuditEvent.Action.CHANGED)
    assert redaction.actor_name == POLICY_ACTOR
    assert redaction.note.startswith("Redacted under the retention policy: people's views")
    assert redaction.service_id == seeded["service"].pk
    assert redaction.changes["said"][1] == redaction_text(VISIT_VIEWS_DUE)
    assert not any("Jones" in str(e.changes) for e in AuditEvent.objects.all())
    assert AuditEvent.objects.filter(
        record_type="visits.report", record_id=seeded["report"].pk, note=redaction.note
    ).exists()


def test_a_second_run_changes_nothing(seeded):
    apply_retention(today=AWAY_VIEW_DUE)
    events = AuditEvent.objects.count()
    said = list(PersonView.objects.order_by("pk").values_list("said", flat=True))
    run = apply_retention(today=AWAY_VIEW_DUE + datetime.timedelta(days=400))
    assert run.redactions == [] and run.copies == []
    assert AuditEvent.objects.count() == events
    assert said == list(PersonView.objects.order_by("pk").values_list("said", flat=True))


def test_the_period_comes_from_the_setting(seeded, settings):
    settings.CAREQA_RETENTION_DAYS = {**TWO_YEARS, "people_views": 3650}
    assert apply_retention(today=AWAY_VIEW_DUE).redactions == []
    settings.CAREQA_RETENTION_DAYS = {"safeguarding": 10}
    with pytest.raises(LookupError, match="people_views"):
        apply_retention(today=AWAY_VIEW_DUE)


@pytest.fixture
def safeguarding_registered():
    """What the app that keeps safeguarding records registers (here: concerns raised at a
    visit that became a safeguarding referral, closed the day the visit was carried out)."""
    from django.db.models import F

    entry = retention.register(
        retention.Retained(
            key="test.concern",
            category="safeguarding",
            label="safeguarding concerns",
            fields=("concern", "raised_with"),
            records=lambda: ImmediateConcern.objects.filter(safeguarding_referral=True).annotate(
                closed_on=F("visit__carried_out_on")
            ),
        )
    )
    yield entry
    del retention.REGISTRY[entry.key]


def test_another_app_registers_its_records(seeded, safeguarding_registered):
    from careqa.visits import actions

    visit = seeded["unreported"]
    concern = actions.add_concern(
        visit=visit,
        by=seeded["officer"],
        concern="Bruising seen on Mr Patel's arm",
        raised_with="The registered manager, Jo Smith",
        safeguarding_referral=True,
    )
    due = visit.carried_out_on + datetime.timedelta(days=2190)
    run = apply_retention(today=due)
    assert [r.record.pk for r in run.redactions if r.retained.key == "test.concern"] == [concern.pk]
    concern.refresh_from_db()
    assert concern.concern == concern.raised_with == redaction_text(due)
    assert concern.safeguarding_referral is True


def test_the_command_lists_then_redacts(seeded):
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", "--today", "2026-06-03", stdout=out)
    text = out.getvalue()
    assert text.count("Would redact said of people's views #") == 3
    assert "closed 20 March 2024, due 20 March 2026" in text
    assert "Nothing was changed (dry run)." in text
    assert not any(is_redacted(v.said) for v in PersonView.objects.all())
    out = io.StringIO()
    call_command("apply_retention", "--today", "2026-06-03", stdout=out)
    assert "Redacted 3 records and 1 copy as at 3 June 2026." in out.getvalue()
    out = io.StringIO()
    call_command("apply_retention", "--today", "2026-06-03", stdout=out)
    assert out.getvalue().strip() == "Nothing is due for redaction on 3 June 2026."
