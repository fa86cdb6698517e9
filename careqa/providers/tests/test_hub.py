"""The service as the hub: a record about a service, however deep, is scoped and audited
by its service; other apps add timeline entries and page panels through the registries."""

import datetime

import pytest
from django.urls import reverse

from careqa.accounts.authz import has_permission, in_scope, scope_records
from careqa.accounts.permissions import Permission
from careqa.audit.actions import record_event
from careqa.audit.models import AuditEvent
from careqa.audit.presenters import WITHHELD, present_events
from careqa.audit.queries import trail_of_service
from careqa.factories import ContractFactory, ServiceFactory
from careqa.providers import service_page, timeline
from careqa.providers.actions import set_contract_status
from careqa.providers.models import Contract, Service
from careqa.providers.subjects import service_of, subject_ids
from careqa.tests.personas import PROVIDER_A, PROVIDER_B

pytestmark = pytest.mark.django_db


class Visit:
    """Stands for a later app's record that points at a service."""

    SERVICE_PATH = "service"

    def __init__(self, service):
        self.service = service


class Finding:
    """Two levels down: a finding → its visit → its service."""

    SERVICE_PATH = "visit__service"

    def __init__(self, visit):
        self.visit = visit


@pytest.fixture
def homes(personas):
    return (
        ServiceFactory(provider=personas[PROVIDER_A].scope_provider, name="Amber Court"),
        ServiceFactory(provider=personas[PROVIDER_B].scope_provider, name="Birch Lodge"),
    )


def test_a_record_two_levels_down_resolves_to_its_service(homes):
    amber, _ = homes
    finding = Finding(Visit(amber))
    assert service_of(finding) == amber
    assert subject_ids(finding) == (amber.pk, amber.provider_id)
    assert subject_ids(amber.provider) == (None, amber.provider_id)
    assert subject_ids(object()) == (None, None)


def test_provider_users_reach_only_their_own_provider_s_records(personas, homes):
    amber, birch = homes
    finding = Finding(Visit(amber))
    assert in_scope(personas[PROVIDER_A], finding)
    assert not in_scope(personas[PROVIDER_B], finding)
    assert has_permission(personas[PROVIDER_A], Permission.USE_PORTAL, obj=finding)
    assert not has_permission(personas[PROVIDER_B], Permission.USE_PORTAL, obj=finding)
    # Provider users use the portal only: no staff page, even of their own services.
    assert not has_permission(personas[PROVIDER_A], Permission.VIEW_REGISTER, obj=finding)
    # Staff reach every provider's records.
    assert in_scope(personas["qa_officer"], finding)
    contract = ContractFactory(service=birch)
    assert list(scope_records(personas[PROVIDER_B], Contract.objects.all())) == [contract]
    assert not scope_records(personas[PROVIDER_A], Contract.objects.all()).exists()
    assert list(scope_records(personas[PROVIDER_A], Service.objects.all())) == [amber]


def test_a_provider_user_without_a_provider_reaches_nothing(personas, homes):
    lost = personas[PROVIDER_A]
    lost.scope_provider = None
    assert not in_scope(lost, homes[0])
    assert not scope_records(lost, Service.objects.all()).exists()


def test_a_contract_change_is_on_its_service_s_trail_in_one_query(
    personas, homes, django_assert_num_queries
):
    amber, birch = homes
    contract = ContractFactory(service=amber)
    set_contract_status(contract=contract, by=personas["qa_manager"], status="suspended")
    record_event(obj=birch, action="changed", changes={"name": ["a", "b"]}, by=None)
    event = AuditEvent.objects.get(record_type="providers.contract")
    assert (event.service_id, event.provider_id) == (amber.pk, amber.provider_id)
    with django_assert_num_queries(1):
        trail = list(trail_of_service(amber.pk))
    assert [e.record_type for e in trail] == ["providers.contract"]


def test_sensitive_fields_are_shown_only_to_those_who_may_see_them(personas, homes):
    amber, _ = homes
    event = record_event(
        obj=amber,
        action="changed",
        changes={"name": ["Amber Court", "Amber House"], "registered_manager": ["A", "B"]},
        by=personas["qa_officer"],
        sensitive={"registered_manager": Permission.VIEW_AUDIT},
    )
    assert event.sensitive == {"registered_manager": "view_audit"}
    seen = present_events([event], user=personas["qa_officer"])[0]
    assert ("Registered manager", "A", "B") in seen.changes
    hidden = present_events([event], user=personas["partner"])[0]
    assert ("Registered manager", WITHHELD, WITHHELD) in hidden.changes
    assert ("Name", "Amber Court", "Amber House") in hidden.changes
    # Nobody named: withheld.
    assert ("Registered manager", WITHHELD, WITHHELD) in present_events([event])[0].changes


@pytest.fixture
def a_new_app(monkeypatch):
    """A later app (visits, say) adding itself to the service page, as it would."""

    class VisitEntries(timeline.Source):
        key = "test-visits"

        def entries(self, service, *, user, today):
            return [
                timeline.Entry(date=datetime.date(2026, 3, 2), title="Visit carried out", kind="v"),
                timeline.Entry(
                    date=datetime.date(2026, 3, 9),
                    title="Draft report written",
                    kind="v",
                    permission=Permission.VIEW_AUDIT,
                ),
            ]

    class VisitsPanel(service_page.Panel):
        key = "test-visits-panel"
        title = "Monitoring visits"
        order = 5
        permission = Permission.VIEW_CONTRACTS
        template_name = "providers/tests/panel.html"

        def context(self):
            return {"count": 3}

    monkeypatch.setattr(timeline, "REGISTRY", [*timeline.REGISTRY])
    monkeypatch.setattr(service_page, "REGISTRY", [*service_page.REGISTRY])
    timeline.register(VisitEntries)
    service_page.register(VisitsPanel)


@pytest.fixture
def panel_template(settings, tmp_path):
    folder = tmp_path / "providers" / "tests"
    folder.mkdir(parents=True)
    (folder / "panel.html").write_text(
        '<h2 class="govuk-heading-m" id="{{ panel.key }}-title">{{ panel.title }}</h2>'
        "<p>{{ count }} visits to {{ service.name }}</p>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]


@pytest.mark.parametrize(
    ("role", "panel", "draft"),
    [("qa_officer", True, True), ("commissioner", True, False), ("partner", False, False)],
)
def test_a_new_app_adds_itself_to_the_service_page(
    client, personas, homes, a_new_app, panel_template, role, panel, draft
):
    client.force_login(personas[role])
    html = client.get(reverse("providers:service-detail", args=[homes[0].pk])).content.decode()
    assert "Visit carried out" in html
    assert ("Draft report written" in html) is draft
    assert ("3 visits to Amber Court" in html) is panel
    assert ('href="#test-visits-panel"' in html) is panel
    # Its panel comes before the register's contracts panel (order 5 < 10).
    if panel:
        assert html.index("Monitoring visits</h2>") < html.index('id="contracts-title"')
