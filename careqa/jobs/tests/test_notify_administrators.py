"""A job that gives up tells the administrators: on the jobs page and by e-mail."""

import pytest

from careqa.factories import UserFactory
from careqa.jobs.models import AdministratorNotice
from careqa.jobs.notify import notify_administrators
from careqa.notify.models import Notice

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_active_administrator_with_an_address_is_e_mailed(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    UserFactory(role="administrator", email="ada@council.example")
    UserFactory(role="administrator", email="old@council.example", is_active=False)
    UserFactory(role="administrator", email="")
    UserFactory(role="qa_manager", email="manager@council.example")

    notify_administrators("The import of ratings.csv failed three times", "Disk full")

    assert AdministratorNotice.objects.get().subject.startswith("The import of ratings.csv")
    [notice] = Notice.objects.all()
    assert notice.recipient == "ada@council.example"
    assert notice.subject == "CareQA: The import of ratings.csv failed three times"
    assert "Disk full" in notice.body_text and "Disk full" in notice.body_html
