"""The portal's pages for a provider user and the team's side of them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careqa.plans.models import Attachment
from careqa.portal import actions
from careqa.portal.tests.conftest import entry
from careqa.visits import actions as visit_actions
from careqa.visits.models import FactualAccuracyComment

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def test_a_provider_user_s_menu_has_only_the_portal(client, provider_a, homes):
    page = _as(client, provider_a).get(reverse("portal:home")).content.decode()
    assert "Your services" in page and "What is shared" in page
    assert "Amber Court" in page and "Amber Lodge" in page and "Birch House" not in page
    for staff_link in ("My work", "Visits", "Action plans", "Administration"):
        assert f">{staff_link}<" not in page
    assert client.get(reverse("work:home"))["Location"] == reverse("portal:home")


def test_staff_pages_are_refused_to_provider_users(client, provider_a, homes, report):
    client = _as(client, provider_a)
    assert client.get(reverse("providers:service-detail", args=[homes[0].pk])).status_code == 403
    assert client.get(reverse("visits:report", args=[report.pk])).status_code == 403
    assert client.get(reverse("plans:team")).status_code == 403


def test_another_provider_s_records_are_not_found(
    client, provider_a, homes, other_report, other_plan
):
    client = _as(client, provider_a)
    assert client.get(reverse("portal:service", args=[homes[2].pk])).status_code == 404
    assert client.get(reverse("portal:report", args=[other_report.pk])).status_code == 404
    assert client.get(reverse("portal:report-pdf", args=[other_report.pk])).status_code == 404
    assert client.get(reverse("portal:plan", args=[other_plan.pk])).status_code == 404


def test_a_draft_report_is_not_found(client, provider_a, report, manager):
    draft = visit_actions.correct_report(report=report, by=manager, note="The date")
    client = _as(client, provider_a)
    assert client.get(reverse("portal:report", args=[draft.pk])).status_code == 404
    page = client.get(reverse("portal:report", args=[report.pk])).content.decode()
    assert "Monitoring visit report, version 1" in page
    pdf = client.get(reverse("portal:report-pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_named_services_narrow_what_a_provider_user_sees(client, provider_a, homes, report):
    provider_a.scope_services.set([homes[1]])
    client = _as(client, provider_a)
    assert client.get(reverse("portal:service", args=[homes[0].pk])).status_code == 404
    assert client.get(reverse("portal:report", args=[report.pk])).status_code == 404
    assert client.get(reverse("portal:service", args=[homes[1].pk])).status_code == 200


def test_the_service_page_shows_what_is_meant_for_the_provider(
    client, provider_a, homes, report, plan, steps, officer
):
    entry(homes[0], officer, 1, "Call bells unanswered at night")
    entry(homes[0], officer, 3, "A whistleblower names the deputy")
    shared = entry(homes[0], officer, 1, "Relatives praise the activities")
    actions.share_entry(entry=shared, by=officer)
    page = _as(client, provider_a).get(reverse("portal:service", args=[homes[0].pk]))
    html = page.content.decode()
    assert "Relatives praise the activities" in html
    assert "Call bells unanswered" not in html and "whistleblower" not in html
    assert "Suspension of new placements" in html and "A new registered manager in post" in html
    shared_page = client.get(reverse("portal:shared")).content.decode()
    assert "Relatives praise the activities" in shared_page
    assert f"Shared with {homes[0].provider}" in shared_page
    from careqa.escalation.actions import record_notification

    today = datetime.date.today()
    record_notification(step=steps, by=officer, today=today, told="nhs", told_on=today)
    shared_page = client.get(reverse("portal:shared")).content.decode()
    assert "The NHS commissioner told of the suspension of new placements" in shared_page


def test_a_factual_accuracy_comment_is_sent_and_its_answer_shown(
    client, provider_a, report, officer, settings
):
    settings.CAREQA_FACTUAL_ACCURACY_WORKING_DAYS = 10_000  # the window is still open today
    url = reverse("portal:report", args=[report.pk])
    client = _as(client, provider_a)
    blank = client.post(url, {"comment": ""})
    assert "Enter what is not accurate, and what is" in blank.content.decode()
    response = client.post(url, {"where": "About the visit", "comment": "It was 2 March"})
    assert response.status_code == 302
    comment = FactualAccuracyComment.objects.get()
    assert comment.made_by == provider_a
    _as(client, officer)
    home = client.get(reverse("work:home")).content.decode()
    assert "Factual-accuracy comment on Amber Court" in home
    staff_page = client.get(reverse("visits:report", args=[report.pk])).content.decode()
    assert "The provider's factual-accuracy comments" in staff_page
    answer = reverse("portal:team-comment", args=[comment.pk])
    assert client.post(answer, {"decision": "decline", "answer": ""}).status_code == 200
    client.post(answer, {"decision": "decline", "answer": "The record shows 3 March"})
    page = _as(client, provider_a).get(url).content.decode()
    assert "The record shows 3 March" in page and "Declined" in page


def test_comments_after_the_window_are_not_offered(client, provider_a, report, settings):
    settings.CAREQA_FACTUAL_ACCURACY_WORKING_DAYS = 1
    page = _as(client, provider_a).get(reverse("portal:report", args=[report.pk]))
    html = page.content.decode()
    assert "Comments on this report closed on 5 March 2026" in html
    assert "Send the comment" not in html


def test_the_response_names_every_missing_field(client, provider_a, plan):
    first, second = plan.items.all()
    url = reverse("portal:plan-respond", args=[plan.pk])
    client = _as(client, provider_a)
    data = {
        f"item-{first.pk}-how": "Weekly audit",
        f"item-{first.pk}-who": "Deputy manager",
        f"item-{first.pk}-by_when_day": "1",
        f"item-{first.pk}-by_when_month": "4",
        f"item-{first.pk}-by_when_year": "2026",
    }
    page = client.post(url, data).content.decode()
    assert "Say how this item will be met" in page and "Say who will do it" in page
    assert not plan.responses.exists()
    data |= {
        f"item-{second.pk}-how": "Training",
        f"item-{second.pk}-who": "Trainer",
        f"item-{second.pk}-by_when_day": "15",
        f"item-{second.pk}-by_when_month": "4",
        f"item-{second.pk}-by_when_year": "2026",
    }
    assert client.post(url, data).status_code == 302
    response = plan.responses.get()
    assert not response.on_behalf_of_provider and response.actions.count() == 2
    page = client.get(reverse("portal:plan", args=[plan.pk])).content.decode()
    assert "Your response is with your QA officer" in page


def _agreed(plan, provider_a, officer):
    from careqa.plans import actions as plan_actions

    by_when = datetime.date(2026, 4, 1)
    response = plan_actions.submit_provider_response(
        plan=plan,
        by=provider_a,
        actions=[(item, "Do it", "Deputy", by_when) for item in plan.items.all()],
        today=datetime.date(2026, 3, 9),
    )
    plan_actions.accept_response(response=response, by=officer, today=datetime.date(2026, 3, 10))
    return plan.items.first()


def test_evidence_of_the_wrong_kind_is_refused_and_the_right_one_kept(
    client, provider_a, plan, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = _agreed(plan, provider_a, officer)
    url = reverse("portal:item-evidence", args=[item.pk])
    client = _as(client, provider_a)
    bad = client.post(url, {"file": SimpleUploadedFile("audit.pdf", b"MZ not a pdf")})
    assert bad.status_code == 400 and "not a PDF file" in bad.content.decode()
    assert not Attachment.objects.exists()
    good = client.post(url, {"file": SimpleUploadedFile("../../audit march.pdf", b"%PDF-1.4")})
    assert good.status_code == 302
    stored = Attachment.objects.get()
    assert stored.original_name == "audit march.pdf" and ".." not in stored.file.name
    download = client.get(reverse("portal:attachment", args=[stored.pk]))
    assert download.content == b"%PDF-1.4"
    client.post(reverse("portal:item-progress", args=[item.pk]), {"text": "Two audits done"})
    done = client.post(reverse("portal:item-done", args=[item.pk]), {"evidence": "Four audits"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.state == "completed" and item.notes.get().source == "provider"


def test_overdue_items_show_to_the_provider(client, provider_a, plan, officer):
    item = _agreed(plan, provider_a, officer)
    assert item.due_on < datetime.date.today()
    page = _as(client, provider_a).get(reverse("portal:plan", args=[plan.pk])).content.decode()
    assert "Overdue by" in page


def test_the_team_invites_and_suspends_a_provider_user(client, officer, homes):
    from careqa.accounts.models import User

    client = _as(client, officer)
    provider = homes[0].provider
    find = client.get(reverse("portal:team-invite"), {"provider": "no-such-id"})
    assert "There is no provider with the ID no-such-id" in find.content.decode()
    url = reverse("portal:team-invite") + f"?provider={provider.provider_id}"
    response = client.post(
        url,
        {
            "first_name": "Rita",
            "last_name": "Mensah",
            "email": "rita@amber.example",
            "username": "rita",
            "job_title": "Registered manager",
            "services": [str(homes[1].pk)],
        },
    )
    assert response.status_code == 302
    rita = User.objects.get(username="rita")
    assert rita.scope_provider == provider and list(rita.scope_services.all()) == [homes[1]]
    page = client.get(reverse("portal:team-users")).content.decode()
    assert "Rita Mensah" in page and "Invited" in page
    client.post(reverse("portal:team-user-suspend", args=[rita.pk]))
    rita.refresh_from_db()
    assert not rita.is_active


def test_the_team_sends_a_notice_and_sees_who_read_it(
    client, officer, provider_a, homes, settings, tmp_path
):
    from careqa.areas.models import CouncilProfile

    settings.MEDIA_ROOT = tmp_path
    profile = CouncilProfile.objects.create(name="Demo Council")
    profile.our_area.set([homes[0].council])
    client = _as(client, officer)
    refused = client.post(
        reverse("portal:team-notice-send"),
        {
            "kind": "survey",
            "title": "Infection-control training",
            "body": "Tell us",
            "service_types": ["residential"],
            "councils": [str(homes[0].council.pk)],
            "documents": [SimpleUploadedFile("survey.exe", b"MZ")],
        },
    ).content.decode()
    assert refused.count("survey.exe: The file must be a PDF") == 2  # the summary, the field
    response = client.post(
        reverse("portal:team-notice-send"),
        {
            "kind": "survey",
            "title": "Infection-control training",
            "body": "Tell us who has completed it",
            "service_types": ["residential"],
            "councils": [str(homes[0].council.pk)],
            "documents": [SimpleUploadedFile("survey.docx", b"PK\x03\x04 survey")],
        },
    )
    assert response.status_code == 302
    readers = client.get(response["Location"]).content.decode()
    assert "Amber Care Ltd" in readers and "Not read" in readers
    _as(client, provider_a)
    notices = client.get(reverse("portal:notices")).content.decode()
    assert "Infection-control training" in notices and "New" in notices
    from careqa.portal.models import ProviderNotice

    notice = ProviderNotice.objects.get()
    page = client.get(reverse("portal:notice", args=[notice.pk])).content.decode()
    assert "survey.docx" in page
    _as(client, officer)
    readers = client.get(reverse("portal:team-notice", args=[notice.pk])).content.decode()
    assert "Not read" not in readers and provider_a.display_name in readers


def test_the_team_shares_an_entry_from_the_service_page(client, officer, homes):
    shareable = entry(homes[0], officer, 1, "Call bells unanswered")
    client = _as(client, officer)
    page = client.get(reverse("providers:service-detail", args=[homes[0].pk])).content.decode()
    assert "Share with the provider" in page
    client.post(reverse("portal:team-share-entry", args=[shareable.pk]))
    page = client.get(reverse("providers:service-detail", args=[homes[0].pk])).content.decode()
    assert "Share with the provider" not in page and ">Shared<" in page
