"""The register's list and service pages, for each role."""

import datetime

import pytest
from django.urls import reverse

from careqa.audit.actions import record_event
from careqa.factories import (
    ContractFactory,
    CouncilFactory,
    ProviderFactory,
    PublishedRatingFactory,
    ServiceFactory,
)
from careqa.providers.models import ChangeEvent
from careqa.providers.vocab import Rating, Regulator
from careqa.regulators.models import ImportRun

pytestmark = pytest.mark.django_db

LIST = reverse("providers:service-list")
ROLES = ["qa_officer", "qa_manager", "commissioner", "partner", "administrator"]


def detail_url(service):
    return reverse("providers:service-detail", args=[service.pk])


def listed(response):
    return [service.name for service in response.context["page"]]


# ---- The list ------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_register(client, personas, role):
    ServiceFactory(name="Alder House")
    client.force_login(personas[role])
    response = client.get(LIST)
    assert response.status_code == 200
    assert listed(response) == ["Alder House"]
    assert b'<h1 class="govuk-heading-l">Services</h1>' in response.content


@pytest.mark.parametrize(
    ("role", "can_export"),
    [("partner", False), ("commissioner", True), ("qa_officer", True), ("qa_manager", True)],
)
def test_export_link_only_for_roles_that_may_export(client, personas, role, can_export):
    ServiceFactory()
    client.force_login(personas[role])
    response = client.get(LIST)
    assert (reverse("providers:service-export").encode() in response.content) is can_export


def test_filters_from_the_query_string(client, personas, our_council):
    ServiceFactory(name="Hit", council=our_council, rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="Good here", council=our_council, rating=Rating.GOOD)
    ServiceFactory(name="RI elsewhere", rating=Rating.REQUIRES_IMPROVEMENT)
    client.force_login(personas["qa_officer"])
    response = client.get(LIST, {"our_area": "on", "rating": "requires_improvement"})
    assert listed(response) == ["Hit"]
    assert b"1 service match your filters" in response.content
    content = response.content.decode()
    assert 'value="requires_improvement" checked' in content
    assert 'id="id_our_area" name="our_area" type="checkbox" value="on" checked' in content


def test_not_yet_inspected_and_several_ratings(client, personas):
    ServiceFactory(name="New", rating=None, rating_published=None)
    ServiceFactory(name="Bad", rating=Rating.INADEQUATE)
    ServiceFactory(name="Fine", rating=Rating.GOOD)
    client.force_login(personas["partner"])
    response = client.get(LIST + "?rating=nyi&rating=inadequate")
    assert listed(response) == ["Bad", "New"]
    assert b"Not yet inspected" in response.content


def test_invalid_filters_are_reported_and_the_rest_still_apply(client, personas):
    ServiceFactory(name="Fine", rating=Rating.GOOD)
    ServiceFactory(name="Bad", rating=Rating.INADEQUATE)
    client.force_login(personas["qa_officer"])
    response = client.get(LIST, {"council": "999999", "rating": "good", "sort": "evil"})
    assert response.status_code == 200
    assert listed(response) == ["Fine"]
    content = response.content.decode()
    assert "There is a problem" in content
    assert '<a href="#id_council">Select a council from the list</a>' in content
    assert "<title>Error: Services" in content


def test_inactive_services_are_hidden_by_default_and_tagged_when_shown(client, personas):
    ServiceFactory(name="Open")
    ServiceFactory(name="Closed", active=False)
    client.force_login(personas["qa_officer"])
    assert listed(client.get(LIST)) == ["Open"]
    response = client.get(LIST, {"inactive": "on"})
    assert listed(response) == ["Closed", "Open"]
    assert b">Inactive</strong>" in response.content


def test_sorting_marks_the_column_with_aria_sort(client, personas):
    ServiceFactory(name="A", rating=Rating.GOOD)
    ServiceFactory(name="B", rating=Rating.INADEQUATE)
    client.force_login(personas["qa_officer"])
    response = client.get(LIST, {"sort": "rating"})
    assert listed(response) == ["B", "A"]
    content = response.content.decode()
    assert (
        'aria-sort="ascending"><a class="govuk-link careqa-sortable__link" href="?sort=-rating"'
        in (content)
    )
    assert (
        'aria-sort="none"><a class="govuk-link careqa-sortable__link" href="?sort=name"' in content
    )
    assert listed(client.get(LIST, {"sort": "-rating"})) == ["A", "B"]


def test_sort_links_keep_filters_and_drop_the_page(client, personas):
    ServiceFactory(rating=Rating.GOOD)
    client.force_login(personas["qa_officer"])
    response = client.get(LIST, {"rating": "good", "page": "1", "sort": "name"})
    assert 'href="?rating=good&amp;sort=-name"' in response.content.decode()


def test_pagination_fifty_a_page(client, personas):
    council = CouncilFactory(name="Wirral")
    for n in range(120):
        ServiceFactory(name=f"Home {n:03d}", council=council, provider=None)
    client.force_login(personas["qa_officer"])
    first = client.get(LIST)
    assert len(listed(first)) == 50
    assert listed(first)[0] == "Home 000"
    content = first.content.decode()
    assert "120 services, showing 1 to 50" in content
    assert 'aria-label="Page 3"' in content
    assert 'rel="next"' in content and 'rel="prev"' not in content
    third = client.get(LIST, {"page": "3"})
    assert listed(third) == [f"Home {n:03d}" for n in range(100, 120)]
    assert 'aria-current="page">3<' in third.content.decode()
    # Out-of-range and nonsense pages fall back rather than fail.
    assert listed(client.get(LIST, {"page": "99"})) == listed(third)
    assert listed(client.get(LIST, {"page": "x"})) == listed(first)


def test_list_queries_do_not_grow_with_the_page(client, personas, django_assert_max_num_queries):
    for _ in range(60):
        service = ServiceFactory()
        ContractFactory(service=service)
    client.force_login(personas["qa_officer"])
    client.get(LIST)  # warm the session and the council-name cache
    # session, user, count, page, contracts of the page, the filter's councils and regions,
    # and the header's count of unread notices
    with django_assert_max_num_queries(9):
        response = client.get(LIST, {"sort": "council"})
    assert len(listed(response)) == 50


def test_provider_portal_user_sees_only_their_services(client, make_user):
    mine = ProviderFactory(name="Mine Ltd")
    ServiceFactory(name="Ours", provider=mine)
    ServiceFactory(name="Theirs")
    client.force_login(make_user("partner", username="portal", scope_provider=mine))
    assert listed(client.get(LIST)) == ["Ours"]


# ---- One service ------------------------------------------------------------------------


@pytest.fixture
def alder(our_council):
    service = ServiceFactory(
        name="Alder House",
        council=our_council,
        rating=Rating.REQUIRES_IMPROVEMENT,
        rating_published=datetime.date(2023, 6, 1),
        user_bands="Older people|Dementia",
    )
    for rated_on, overall in [
        (datetime.date(2018, 3, 1), Rating.GOOD),
        (datetime.date(2021, 2, 1), Rating.INADEQUATE),
        (datetime.date(2023, 6, 1), Rating.REQUIRES_IMPROVEMENT),
    ]:
        PublishedRatingFactory(
            service=service,
            rated_on=rated_on,
            overall=overall,
            overall_as_published=Rating(overall).label,
            safe=overall,
            well_led=Rating.GOOD,
            inherited=False,
        )
    run = ImportRun.objects.create(
        regulator=Regulator.CQC,
        file_name="directory.csv",
        started_at=datetime.datetime(2024, 1, 5, tzinfo=datetime.UTC),
        by_name="System",
    )
    ChangeEvent.objects.create(
        import_run_id=run.pk,
        service=service,
        kind=ChangeEvent.Kind.BEDS_CHANGED,
        old_value="30",
        new_value="34",
        occurred_on=datetime.date(2024, 1, 5),
    )
    contract = ContractFactory(service=service, framework="Care Homes Framework 2024")
    record_event(
        obj=contract,
        action="changed",
        changes={"status": ["active", "suspended"]},
        by="Pat Manager",
    )
    return service


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_details_ratings_and_timeline(client, personas, alder, role):
    client.force_login(personas[role])
    response = client.get(detail_url(alder))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<h1 class="govuk-heading-l">Alder House</h1>' in content
    assert len(response.context["history"].rows) == 3
    assert "Rating went down to Inadequate" in content
    assert "Beds changed" in content and "30 to 34" in content
    assert "<li>Dementia</li>" in content
    assert reverse("providers:provider-detail", args=[alder.provider.pk]) in content


@pytest.mark.parametrize(
    ("role", "contracts", "audit", "manage"),
    [
        ("partner", False, False, False),
        ("commissioner", True, False, False),
        ("qa_officer", True, True, False),
        ("qa_manager", True, True, True),
        ("administrator", True, True, True),
    ],
)
def test_contracts_and_audit_by_role(client, personas, alder, role, contracts, audit, manage):
    client.force_login(personas[role])
    response = client.get(detail_url(alder))
    content = response.content.decode()
    assert ('id="contracts"' in content) is contracts
    assert ("Care Homes Framework 2024" in content) is contracts
    assert ("Audit trail" in content) is audit
    assert (f"{reverse('contracts:create')}?service={alder.pk}" in content) is manage
    contract = alder.contracts.get()
    assert (reverse("contracts:edit", args=[contract.pk]) in content) is manage
    # The contract's audited change is on the timeline; who made it only with the audit right.
    assert ("Contract updated" in content) is contracts
    assert ("by Pat Manager" in content) is audit


def test_a_never_rated_service_says_not_yet_inspected(client, personas):
    service = ServiceFactory(rating=None, rating_published=None)
    client.force_login(personas["partner"])
    content = client.get(detail_url(service)).content.decode()
    assert "Not yet inspected" in content
    assert "has not published a rating for this service" in content


def test_inactive_service_is_tagged(client, personas):
    service = ServiceFactory(active=False, deactivated_on=datetime.date(2024, 2, 1))
    client.force_login(personas["partner"])
    content = client.get(detail_url(service)).content.decode()
    assert ">Inactive</strong>" in content
    assert "register since 1 February 2024" in content


def test_ofsted_service_shows_its_three_areas(client, personas):
    home = ServiceFactory(
        regulator=Regulator.OFSTED, location_id="SC100", service_types=" childrens_home "
    )
    PublishedRatingFactory(
        service=home,
        regulator=Regulator.OFSTED,
        overall=Rating.GOOD,
        experiences_progress=Rating.GOOD,
        help_protection=Rating.OUTSTANDING,
        leadership=Rating.GOOD,
    )
    client.force_login(personas["qa_officer"])
    content = client.get(detail_url(home)).content.decode()
    assert "How well children and young people are helped and protected" in content
    assert ">Help and protection</th>" in content
    assert ">Safe</th>" not in content


def test_missing_service_is_404(client, personas):
    client.force_login(personas["qa_officer"])
    assert client.get(reverse("providers:service-detail", args=[987654])).status_code == 404


def test_provider_portal_user_gets_404_for_other_services(client, make_user):
    mine = ProviderFactory()
    ours = ServiceFactory(provider=mine)
    theirs = ServiceFactory()
    client.force_login(make_user("partner", username="portal", scope_provider=mine))
    assert client.get(detail_url(ours)).status_code == 200
    assert client.get(detail_url(theirs)).status_code == 404


def test_detail_queries_are_bounded(client, personas, alder, django_assert_max_num_queries):
    """A few queries for each registered timeline source and panel, however many records."""
    client.force_login(personas["qa_manager"])
    client.get(detail_url(alder))
    # 24 before careqa.risk added three panels and two timeline sources (one or two each);
    # 31 before provider concerns (a panel and a timeline source, one query each) and the
    # compliance status (its history: six queries, however long), then the header's
    # unread count and the surveillance log's panel (one each), then the provider
    # portal's panel (two), then careqa.returns a panel (one, and one for each return
    # asked) and a timeline source.
    with django_assert_max_num_queries(44):
        assert client.get(detail_url(alder)).status_code == 200
    for _ in range(5):
        ContractFactory(service=alder)
    with django_assert_max_num_queries(44):
        assert client.get(detail_url(alder)).status_code == 200


def test_the_page_shows_the_latest_changes_and_the_rest_are_a_page_of_their_own(
    client, personas, alder
):
    from careqa.audit.actions import record_event
    from careqa.audit.models import AuditEvent

    for n in range(75):
        record_event(
            obj=alder,
            action=AuditEvent.Action.CHANGED,
            changes={"beds": [n, n + 1]},
            by=personas["qa_manager"],
        )
    total = AuditEvent.objects.filter(service_id=alder.pk).count()
    client.force_login(personas["qa_officer"])
    page = client.get(detail_url(alder))
    assert len(page.context["audit_events"]) == 20
    audit_url = reverse("providers:service-audit", args=[alder.pk])
    assert audit_url in page.content.decode()

    first = client.get(audit_url)
    assert first.context["page"].paginator.count == total
    assert len(first.context["events"]) == 50
    assert f"{total} in all" in first.content.decode()
    last = client.get(audit_url, {"page": 2})
    assert len(last.context["events"]) == total - 50
    # Newest first, page after page: the oldest change ends the last page.
    assert "from 0 to 1" in last.content.decode()

    client.force_login(personas["commissioner"])
    assert client.get(audit_url).status_code == 403
    assert audit_url not in client.get(detail_url(alder)).content.decode()
