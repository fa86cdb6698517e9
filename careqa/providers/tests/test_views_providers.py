"""Providers: the list and one provider's page, for each role."""

import pytest
from django.urls import reverse

from careqa.factories import ProviderFactory, ServiceFactory
from careqa.providers.vocab import Rating

pytestmark = pytest.mark.django_db

LIST = reverse("providers:provider-list")


def detail_url(provider):
    return reverse("providers:provider-detail", args=[provider.pk])


@pytest.mark.parametrize("role", ["partner", "commissioner", "qa_officer", "administrator"])
def test_every_role_lists_and_reads_providers(client, personas, role):
    acorn = ProviderFactory(name="Acorn Care Ltd")
    ServiceFactory(provider=acorn)
    client.force_login(personas[role])
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert [row["provider"].name for row in listing.context["rows"]] == ["Acorn Care Ltd"]
    assert client.get(detail_url(acorn)).status_code == 200


def test_search_by_name_or_id(client, personas):
    ProviderFactory(name="Acorn Care Ltd", provider_id="1-42")
    ProviderFactory(name="Birch Group")
    client.force_login(personas["partner"])
    names = lambda q: [r["provider"].name for r in client.get(LIST, {"q": q}).context["rows"]]  # noqa: E731
    assert names("acorn") == ["Acorn Care Ltd"]
    assert names("1-42") == ["Acorn Care Ltd"]
    assert names("BIRCH") == ["Birch Group"]
    assert names("nobody") == []
    assert b"No providers match" in client.get(LIST, {"q": "nobody"}).content


def test_list_counts_active_services_and_paginates(client, personas):
    acorn = ProviderFactory(name="AAA Acorn")
    ServiceFactory(provider=acorn)
    ServiceFactory(provider=acorn)
    ServiceFactory(provider=acorn, active=False)
    for n in range(60):
        ProviderFactory(name=f"Provider {n:02d}")
    client.force_login(personas["qa_officer"])
    first = client.get(LIST)
    rows = first.context["rows"]
    assert len(rows) == 50
    assert rows[0] == {"provider": acorn, "services": 2}
    assert 'aria-label="Page 2"' in first.content.decode()
    assert len(client.get(LIST, {"page": 2}).context["rows"]) == 11


def test_provider_page_shows_services_ratings_and_our_area(client, personas, our_council):
    acorn = ProviderFactory(name="Acorn Care Ltd")
    ServiceFactory(name="Local", provider=acorn, council=our_council, rating=Rating.GOOD)
    ServiceFactory(name="Away", provider=acorn, rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="New", provider=acorn, rating=None)
    ServiceFactory(name="Gone", provider=acorn, rating=Rating.INADEQUATE, active=False)
    client.force_login(personas["partner"])
    response = client.get(detail_url(acorn))
    content = response.content.decode()
    assert [r["service"].name for r in response.context["rows"]] == ["Away", "Local", "New", "Gone"]
    assert content.count(">Our area</strong>") == 1
    counts = {row["label"]: row["count"] for row in response.context["rating_counts"]}
    assert counts == {
        "Outstanding": 0,
        "Good": 1,
        "Requires improvement": 1,
        "Inadequate": 0,
        "Not yet inspected": 1,
    }


def test_provider_portal_user_sees_only_their_provider(client, make_user):
    mine = ProviderFactory(name="Mine")
    other = ProviderFactory(name="Other")
    client.force_login(make_user("partner", username="portal", scope_provider=mine))
    assert [r["provider"].name for r in client.get(LIST).context["rows"]] == ["Mine"]
    assert client.get(detail_url(mine)).status_code == 200
    assert client.get(detail_url(other)).status_code == 404


def test_missing_provider_is_404(client, personas):
    client.force_login(personas["partner"])
    assert client.get(reverse("providers:provider-detail", args=[424242])).status_code == 404


def test_the_provider_page_shows_its_audit_trail_to_officers_only(client, personas):
    from careqa.audit.actions import record_event
    from careqa.factories import ProviderFactory

    provider = ProviderFactory(name="Acme Care Ltd")
    record_event(
        obj=provider,
        action="changed",
        changes={"name": ["Acme", "Acme Care Ltd"]},
        by=personas["qa_manager"],
    )
    client.force_login(personas["qa_officer"])
    page = client.get(f"/providers/{provider.pk}/").content.decode()
    assert 'id="audit-trail"' in page and "Acme Care Ltd" in page
    client.force_login(personas["partner"])
    assert 'id="audit-trail"' not in client.get(f"/providers/{provider.pk}/").content.decode()


def test_a_large_provider_s_services_come_a_page_at_a_time(client, personas):
    big = ProviderFactory(name="Big Group")
    for n in range(65):
        ServiceFactory(name=f"Home {n:02d}", provider=big, rating=Rating.GOOD)
    client.force_login(personas["qa_officer"])
    first = client.get(detail_url(big))
    assert len(first.context["rows"]) == 50
    assert 'aria-label="Pages of services"' in first.content.decode()
    # The counts are of every active service, not of the page.
    assert first.context["active_count"] == 65
    good = next(row for row in first.context["rating_counts"] if row["rating"] == Rating.GOOD)
    assert good["count"] == 65
    assert len(client.get(detail_url(big), {"page": 2}).context["rows"]) == 15
