"""In-app notices (the Notices inbox): written in the caller's transaction with their
e-mail queued after commit; once per key; generic to a reader who may not see the
detail; read only by the person they are for; the header's unread count on every page."""

import pytest
from django.db import transaction
from django.urls import reverse

from careqa.accounts.permissions import Permission
from careqa.factories import CouncilProfileFactory, ServiceFactory, UserFactory
from careqa.notify.actions import alert, mark_all_read, mark_read
from careqa.notify.models import Alert, Notice
from careqa.notify.tests.smtp_server import SMTPTestServer
from careqa.notify.tests.test_notices import IMMEDIATE

pytestmark = pytest.mark.django_db


def _tell(users, service, **extra):
    fields = {
        "subject": f"Safeguarding enquiry opened: {service}",
        "template_name": "enquiry_opened",
        "context": {"kind": "Section 42 enquiry", "opened_on": None},
        "link": "/risk/safeguarding/1/",
        "service": service,
    } | extra
    return alert(users, **fields)


def test_a_notice_is_written_and_its_e_mail_goes_after_commit(
    personas, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = IMMEDIATE
    officer = personas["qa_officer"]
    service = ServiceFactory(name="Amber Court")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            [notice] = _tell([officer], service)
            assert mailoutbox == []  # not before the transaction commits
    assert len(callbacks) == 1
    assert notice.user == officer and notice.unread and notice.service_id == service.pk
    assert "A section 42 enquiry about Amber Court was recorded" in notice.text
    [mail] = mailoutbox
    assert mail.to == [officer.email]
    assert mail.subject == "CareQA: Safeguarding enquiry opened: Amber Court"
    assert f"{settings.CAREQA_SITE_URL}/risk/safeguarding/1/" in mail.body
    assert Notice.objects.get().recipient_user_id == officer.pk


def test_a_rolled_back_change_leaves_no_notice_and_no_e_mail(personas, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        _tell([personas["qa_officer"]], ServiceFactory())
        raise RuntimeError("the change failed")
    assert Alert.objects.count() == 0 and Notice.objects.count() == 0 and mailoutbox == []


def test_an_e_mail_that_cannot_be_queued_keeps_the_in_app_notice(personas, monkeypatch):
    from careqa.notify import actions

    def broken(**kwargs):
        raise RuntimeError("no template")

    monkeypatch.setattr(actions, "send_notice", broken)
    with transaction.atomic():
        [notice] = _tell([personas["qa_officer"]], ServiceFactory())
    assert Alert.objects.filter(pk=notice.pk).exists()


def test_a_key_tells_each_person_once(personas):
    service = ServiceFactory()
    people = [personas["qa_officer"], personas["qa_manager"], personas["qa_officer"]]
    assert len(_tell(people, service, key="enquiry:1")) == 2
    assert _tell(people, service, key="enquiry:1") == []
    assert Alert.objects.count() == 2 and Notice.objects.count() == 2


def test_an_inactive_account_is_not_told(personas):
    gone = UserFactory(is_active=False)
    assert _tell([gone], ServiceFactory()) == []


@pytest.mark.parametrize("role", ["administrator", "partner", "commissioner", "qa_officer"])
def test_a_reader_who_may_not_see_the_detail_gets_a_generic_notice(personas, role):
    from careqa.accounts.authz import has_permission

    service = ServiceFactory(name="Amber Court")
    user = personas[role]
    [notice] = _tell([user], service, permission=Permission.VIEW_RISK)
    if has_permission(user, Permission.VIEW_RISK):
        assert "safeguarding" in notice.subject.lower()
    else:
        assert notice.subject == "New information about Amber Court"
        assert "safeguarding" not in (notice.subject + notice.text).lower()
        assert "section 42" not in notice.text.lower()
    assert notice.link == "/risk/safeguarding/1/"  # the record checks its own permission


def test_reading_marks_only_ones_own(personas):
    officer, manager = personas["qa_officer"], personas["qa_manager"]
    [mine] = _tell([officer], ServiceFactory())
    with pytest.raises(PermissionError):
        mark_read(alert=mine, by=manager)
    mark_read(alert=mine, by=officer)
    mine.refresh_from_db()
    assert mine.read_at is not None
    _tell([officer, manager], ServiceFactory(), key="x")
    assert mark_all_read(by=officer) == 1
    assert Alert.objects.filter(user=manager, read_at__isnull=True).count() == 1


def test_the_inbox_lists_unread_first_and_opening_marks_read(client, personas):
    officer = personas["qa_officer"]
    first, second = (_tell([officer], ServiceFactory(name=n))[0] for n in ("Ash", "Beech"))
    mark_read(alert=first, by=officer)
    client.force_login(officer)
    page = client.get(reverse("notify:inbox")).content.decode()
    assert page.index("Beech") < page.index("Ash")
    assert "You have 1 unread notice." in page
    assert 'class="careqa-account__count">1<' in page  # the header's count
    opened = client.get(second.get_absolute_url())
    assert opened.status_code == 200 and "Open the record" in opened.content.decode()
    second.refresh_from_db()
    assert second.read_at is not None
    page = client.get(reverse("notify:inbox")).content.decode()
    assert "careqa-account__count" not in page and "You have no unread notices." in page


def test_mark_all_read_from_the_inbox(client, personas):
    officer = personas["qa_officer"]
    _tell([officer], ServiceFactory())
    _tell([officer], ServiceFactory())
    client.force_login(officer)
    response = client.post(reverse("notify:read-all"), follow=True)
    assert "2 notices marked as read" in response.content.decode()
    assert not Alert.objects.filter(read_at__isnull=True).exists()


@pytest.mark.parametrize("who", ["qa_manager", "administrator", "commissioner", "partner"])
def test_no_one_reads_another_persons_notice(client, personas, who):
    [notice] = _tell([personas["qa_officer"]], ServiceFactory(name="Amber Court"))
    client.force_login(personas[who])
    assert client.get(notice.get_absolute_url()).status_code == 404
    assert "Amber Court" not in client.get(reverse("notify:inbox")).content.decode()
    client.post(reverse("notify:read-all"))
    notice.refresh_from_db()
    assert notice.unread


def test_a_provider_user_has_an_empty_inbox_and_sees_no_one_elses(client, personas):
    _tell([personas["qa_officer"]], ServiceFactory(name="Amber Court"))
    client.force_login(personas["provider_a"])
    page = client.get(reverse("notify:inbox")).content.decode()
    assert "You have no notices yet." in page and "Amber Court" not in page


def test_the_unread_count_is_one_query(client, personas, django_assert_max_num_queries):
    from careqa.notify.queries import unread_count

    officer = personas["qa_officer"]
    _tell([officer], ServiceFactory())
    with django_assert_max_num_queries(1):
        assert unread_count(officer) == 1


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("notify:inbox"))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_a_notice_reaches_a_real_smtp_server_after_commit(settings):
    """The whole path: the in-app notice in the transaction, its e-mail through SMTP on
    127.0.0.1 once it commits, with the link to the record."""
    CouncilProfileFactory(name="Wirral Council")
    officer = UserFactory(email="sam@example.org", first_name="Sam", last_name="Lee")
    service = ServiceFactory(name="Oak Lodge")
    with SMTPTestServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.DEFAULT_FROM_EMAIL = "careqa@wirral.example"
        settings.CAREQA_SITE_URL = "https://careqa.example"
        settings.TASKS = IMMEDIATE
        with transaction.atomic():
            [notice] = _tell([officer], service, link="/services/7/")
            assert server.messages == []
        [(mail_from, rcpt_to, message)] = server.messages
    assert rcpt_to == ["sam@example.org"]
    assert message["Subject"] == "CareQA: Safeguarding enquiry opened: Oak Lodge"
    text = message.get_body(("plain",)).get_content()
    assert "Dear Sam Lee," in text and "https://careqa.example/services/7/" in text
    assert Alert.objects.get(pk=notice.pk).unread
    assert Notice.objects.get().status == Notice.Status.SENT


def test_the_provider_concern_notice_is_ready_for_its_trigger(personas):
    """The provider concern's action tells the lead officer with one line at merge:
    alert_lead_officer(service, template_name="concern_opened", …)."""
    import datetime

    from careqa.risk.alerts import alert_lead_officer

    service = ServiceFactory(name="Oak Lodge")
    [notice] = alert_lead_officer(
        service,
        subject=f"Provider concern opened: {service}",
        template_name="concern_opened",
        context={"opened_on": datetime.date(2026, 12, 1)},
        link=f"/services/{service.pk}/",
        key="concern:1",
        permission=Permission.VIEW_SAFEGUARDING,
    )
    assert notice.user == personas["qa_manager"]  # no lead officer: the managers
    assert notice.text == (
        "A provider concern (organisational safeguarding) about Oak Lodge was opened on "
        "1 December 2026."
    )
