"""The demo `make run` loads: generated files, imported through the real import code."""

import datetime

import pytest
from django.core.management import call_command

from careqa.accounts.models import User
from careqa.areas.models import CouncilProfile
from careqa.audit.models import AuditEvent
from careqa.insights.models import ComparatorGroup
from careqa.providers.models import Contract, PublishedRating, Service
from careqa.regulators.models import ImportRun


@pytest.mark.django_db
def test_the_council_scale_demo_loads_once(tmp_path, capsys):
    call_command("load_demo", scale="council", out=str(tmp_path), history_years=1)
    out = capsys.readouterr().out

    profile = CouncilProfile.objects.get()
    assert [c.name for c in profile.our_area.all()] == ["Wolverhampton"]
    ours = Service.objects.filter(council__in=profile.our_area.all())
    assert ours.filter(care_home=True).exists()
    assert ours.filter(regulator="ofsted").of_type("childrens_home").exists()
    assert ImportRun.objects.filter(status="succeeded").exclude(layout="cqc_api").count() == 5
    # One home we commission has the earlier reports a CQC API sync brings, and the policy
    # rule flags it (three falls from Good to Requires improvement, at least).
    from careqa.escalation.queries import flagged_services

    assert ImportRun.objects.filter(layout="cqc_api", status="succeeded").count() == 1
    flagged = flagged_services(datetime.date.today())
    assert len(flagged) == 1 and len(flagged[0][1]) >= 3
    assert "the policy rule flags 1." in out
    # Two snapshots a year apart built a history with changes between them.
    assert (
        PublishedRating.objects.values("service").distinct().count()
        < PublishedRating.objects.count()
    )
    contracts = Contract.objects.filter(service__in=ours)
    assert contracts.exists() and contracts.filter(status="suspended").exists()
    created = AuditEvent.objects.filter(record_type="providers.contract", action="created")
    assert created.count() == contracts.count()
    # Only the ladder suspends or defaults a contract: each such contract has its step.
    for contract in contracts.exclude(status="active"):
        assert contract.service.escalation_steps.filter(status="current").exists(), contract
    # Two care homes inspected since their last CQC report, as the API sync records them.
    from careqa.regulators.models import UnpublishedInspection

    awaited = UnpublishedInspection.objects.filter(service__in=ours, report_published_on=None)
    assert awaited.count() == 2
    assert "CQC inspections awaiting their report: 2." in out
    # A year of monthly returns from our care homes and home care, a few late or missed.
    from careqa.returns.models import Clock, Submission

    kpis = Submission.objects.filter(template_key="care-home-kpis", service__in=ours)
    assert kpis.values("period_start").distinct().count() == 12
    assert kpis.filter(late=True).exists()
    assert Submission.objects.filter(template_key="home-care-kpis").exists()
    assert Clock.objects.filter(kind="missed").exists()
    assert "Data returns: monthly returns: " in out
    assert set(User.objects.values_list("username", flat=True)) == {
        "manager",
        "officer",
        "commissioner",
        "partner",
        "admin",
        "sam",
        "jo",
        "provider",
    }
    assert "demo-password-2026" in out and "manager" in out
    # Users and settings were made through the actions, so they are in the audit trail.
    assert AuditEvent.objects.filter(record_type="accounts.user", action="created").count() == 8
    assert AuditEvent.objects.filter(record_type="areas.councilprofile").exists()
    assert profile.name == "Wolverhampton Council"
    # A working team: last year's visits reported, this year's programme under way.
    from careqa.visits.models import Report, Visit

    today = datetime.date.today()
    assert Visit.objects.filter(status="report_issued").count() > 50
    assert Visit.objects.filter(year=today.year).exists()
    assert Report.objects.filter(status="issued").exists()
    # Issued reports with required actions opened action plans, moved on as a team's are.
    from careqa.plans.models import PlanItem

    assert PlanItem.objects.filter(state="verified").exists()
    assert PlanItem.objects.filter(state="agreed").exists()
    assert PlanItem.objects.filter(state="in_progress", due_on__lt=today).count() == 1
    assert "Action plans:" in out
    # The team's own names for children's homes whose names Ofsted withholds.
    named = ours.exclude(local_name="")
    assert named.exists() and all(service.name_withheld for service in named)
    group = ComparatorGroup.objects.get()
    assert "Wolverhampton" in [c.name for c in group.councils.all()]
    # A current suspension and an open default notice, on contracts that say so.
    from careqa.escalation.models import Step

    suspension = Step.objects.get(kind="suspension", status="current")
    notice = Step.objects.get(kind="default_notice", status="current")
    assert suspension.contract.status == "suspended"
    assert notice.contract.status == "in_default"
    assert "Escalation: suspensions: 1; default notices: 1" in out
    # The last Commissioning and Quality meeting decided that suspension; the next one,
    # planned, looks back at it.
    from careqa.meetings.models import Meeting

    last, following = Meeting.objects.filter(kind="commissioning_quality").order_by("held_on")
    assert last.status == "approved" and following.status == "planned"
    assert suspension.meeting_decisions.get().item.meeting == last
    assert last.held_on == suspension.meeting_on
    looked_back = following.items.filter(section="decided-last-time")
    assert looked_back.filter(service=suspension.service).exists()
    assert "Meetings: meetings: 2" in out
    # Intelligence at every sharing level, enquiries (five or more at the suspended
    # service), and a score with its reasons for every active service.
    from careqa.risk.models import IntelligenceEntry, SafeguardingEnquiry, ServiceRisk

    assert set(IntelligenceEntry.objects.values_list("sharing", flat=True)) == {1, 2, 3}
    assert SafeguardingEnquiry.objects.filter(service=suspension.service).count() >= 5
    assert ServiceRisk.objects.count() == Service.objects.filter(active=True).count()
    risky = ServiceRisk.objects.get(service=suspension.service)
    assert risky.band in ("high", "very_high")
    assert sum(points for _, points in risky.reasons) == risky.score
    assert "Risk and intelligence: intelligence entries: 6" in out
    # A provider concern there, its strategy meeting held and its plan written; and our
    # services spread over the three compliance statuses.
    from careqa.risk.compliance import statuses_now
    from careqa.risk.models import ProviderConcern

    concern = ProviderConcern.objects.get()
    assert concern.service == suspension.service and concern.status == "meeting_held"
    assert concern.plan and concern.attendees.count() == 4
    assert ["Open provider concern", 25] in risky.reasons
    assert {s.status for s in statuses_now(today=today).values()} == {"green", "amber", "red"}
    # A quality surveillance meeting held with its minutes and log, the next one planned
    # with rising risk on its agenda, and unread notices for the demo's officer or manager.
    from careqa.meetings.queries import log_for
    from careqa.notify.models import Alert

    held, planned = Meeting.objects.filter(kind="quality_surveillance").order_by("held_on")
    assert held.status == "approved" and planned.status == "planned"
    assert held.attendees.filter(profession="healthwatch").exists()
    assert held.actions.filter(done_on__isnull=False).exists()
    assert held.actions.filter(done_on__isnull=True).exists()
    logged = held.items.filter(decision__isnull=False).first()
    manager = User.objects.get(role="qa_manager", username="manager")
    assert log_for(logged.service, manager)
    assert planned.items.filter(section="risk-rising").exists()
    assert Alert.objects.filter(read_at__isnull=True, user__role__in=["qa_officer", "qa_manager"])
    assert "Quality surveillance: meetings: 2" in out
    # The provider portal: a provider user for a group of our homes, with an issued report,
    # a plan to answer, a notice with its form and an entry shared with them.
    from careqa.portal import queries

    rita = User.objects.get(username="provider")
    assert rita.role == "provider" and rita.scope_provider is not None
    assert queries.services(rita).count() >= 2
    assert queries.issued_reports(rita).exists()
    assert queries.plans(rita).filter(status="open", responses__isnull=True).exists()
    assert queries.notices(rita).get().documents.count() == 1
    assert queries.shared_entries(rita).count() == 1
    assert "provider      Provider user, the provider portal of" in out

    call_command("load_demo", scale="council", out=str(tmp_path), history_years=1)
    assert "already loaded" in capsys.readouterr().out
    assert ImportRun.objects.count() == 6  # nothing imported again
