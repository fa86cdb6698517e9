"""A provider user, for every URL in CareQA (taken from the URL configuration, so a new
page cannot be missed): staff pages are refused or not found; the portal's pages show
their own services' shared records and 404 for another provider's, whatever is typed."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.permissions import Permission
from careqa.accounts.roles import PERMISSIONS, Role
from careqa.plans import actions as plan_actions
from careqa.portal.models import NoticeDocument, NoticeRecipient, ProviderNotice
from careqa.tests.test_every_url import declared, every_url_pattern, is_public

pytestmark = pytest.mark.django_db


def _notice(provider, officer):
    notice = ProviderNotice.objects.create(
        kind="survey",
        title=f"Survey for {provider}",
        body="b",
        service_types=["residential"],
        sent_at=timezone.now(),
        sent_by=officer,
    )
    NoticeRecipient.objects.create(notice=notice, provider=provider)
    name = default_storage.save("notices/n.pdf", ContentFile(b"%PDF-1.4"))
    document = NoticeDocument.objects.create(
        notice=notice, file=name, original_name="n.pdf", size=8
    )
    return notice, document


def _records(service, plan, report, officer):
    item = plan.items.first()
    document = plan_actions.attach_document(
        item=item, by=officer, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    )
    notice, notice_document = _notice(service.provider, officer)
    return {
        "portal:service": service,
        "portal:report": report,
        "portal:report-pdf": report,
        "portal:plan": plan,
        "portal:plan-respond": plan,
        "portal:item": item,
        "portal:item-progress": item,
        "portal:item-evidence": item,
        "portal:item-done": item,
        "portal:attachment": document,
        "portal:notice": notice,
        "portal:notice-document": notice_document,
    }


@pytest.fixture
def both(homes, plan, other_plan, report, other_report, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan_actions.add_item(
        plan=other_plan,
        by=officer,
        today=datetime.date(2026, 3, 5),
        area="safe",
        remedy="r",
        priority="high",
        evidence_needed="e",
        owner="o",
        source="other",
    )
    own = _records(homes[0], plan, report, officer)
    other = _records(homes[2], other_plan, other_report, officer)
    return own, other


def test_a_provider_user_reaches_only_their_own_shared_records(client, provider_a, both):
    own, other = both
    client.force_login(provider_a)
    checked = 0
    for name, pattern, view in every_url_pattern():
        if is_public(view) or name == "accounts:logout":
            continue
        has_rule, permission = declared(view)
        assert has_rule, name
        if permission in PERMISSIONS[Role.PROVIDER] and permission != Permission.USE_PORTAL:
            continue  # their data returns: scoped by careqa.returns (its tests, the URL walk)
        if permission != Permission.USE_PORTAL:
            if pattern.pattern.converters:
                continue  # a staff page with arguments: the URL walk refuses it (403)
            if permission is None:
                continue  # their own account pages: open to everyone signed in
            status = client.get(reverse(name)).status_code
            assert status in (403, 404), f"{name} answered {status} to a provider user"
            continue
        if not pattern.pattern.converters:
            assert client.get(reverse(name)).status_code == 200, name
            continue
        assert name in own, f"add {name} to the portal's permission test"
        mine = client.get(reverse(name, args=[own[name].pk]))
        assert mine.status_code in (200, 302), f"{name} refused its own record"
        theirs = client.get(reverse(name, args=[other[name].pk]))
        assert theirs.status_code == 404, f"{name} showed another provider's record"
        posted = client.post(reverse(name, args=[other[name].pk]), {"text": "x"})
        assert posted.status_code == 404, f"{name} took a post on another provider's record"
        checked += 1
    assert checked == len(own)


def test_an_unshared_record_of_their_own_is_not_found(client, provider_a, report, manager, steps):
    from careqa.visits import actions as visit_actions

    draft = visit_actions.correct_report(report=report, by=manager, note="n")
    client.force_login(provider_a)
    assert client.get(reverse("portal:report", args=[draft.pk])).status_code == 404
    assert client.get(reverse("portal:report-pdf", args=[draft.pk])).status_code == 404
