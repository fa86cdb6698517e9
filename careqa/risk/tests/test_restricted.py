"""Restricted intelligence never reaches a role that may not read its level, by any
route: lists, the service page's panel, the timeline, the audit trail, CSV, My work and
the entry's own page; and a combination carries the most restrictive level present."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from careqa.audit.presenters import present_events
from careqa.audit.queries import trail_of_service
from careqa.factories import ServiceFactory
from careqa.providers import timeline
from careqa.risk import actions
from careqa.tests.personas import EVERYONE, PROVIDER_A

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
SECRETS = {
    1: "PARTNERS-SHAREABLE call bells",
    2: "COUNCIL-ONLY staffing",
    3: "QA-ONLY whistleblower",
}
# Which levels each persona reads (roles.py; careqa.risk.rules.sharing).
READS = {
    "qa_officer": {1, 2, 3},
    "qa_manager": {1, 2, 3},
    "commissioner": {1, 2},
    "administrator": {1, 2},
    "partner": {1},
    "provider_a": set(),
    "provider_b": set(),
}
LEVEL_WORDS = {1: "Shareable with partners", 2: "Council staff", 3: "QA team only"}


@pytest.fixture
def entries(personas):
    service = ServiceFactory(provider=personas[PROVIDER_A].scope_provider, name="Amber Court")
    officer = personas["qa_officer"]
    made = {}
    for level, summary in SECRETS.items():
        made[level] = actions.record_intelligence(
            by=officer,
            today=TODAY,
            service=service,
            source="whistleblowing",
            received_on=TODAY,
            summary=summary,
            key_question="safe",
            severity="high",
            sharing=level,
        )
    # One about the provider as a whole, QA team only.
    made["provider"] = actions.record_intelligence(
        by=officer,
        today=TODAY,
        provider=service.provider,
        source="police_fire",
        received_on=TODAY,
        summary="QA-ONLY provider-wide police enquiry",
        severity="medium",
        sharing=3,
    )
    return service, made


def _seen(text, level):
    return SECRETS[level] in text


@pytest.mark.parametrize("who", EVERYONE)
def test_no_route_shows_an_entry_above_the_persons_level(client, personas, entries, who):
    service, made = entries
    user = personas[who]
    client.force_login(user)
    reads = READS[who]
    pages = {
        "list": reverse("risk:intelligence"),
        "service list": f"{reverse('risk:intelligence')}?service={service.pk}",
        "service page": reverse("providers:service-detail", args=[service.pk]),
        "my work": reverse("work:home"),
    }
    for route, url in pages.items():
        response = client.get(url)
        text = response.content.decode() if response.status_code == 200 else ""
        for level in SECRETS:
            if level not in reads:
                assert not _seen(text, level), f"{who} saw level {level} on {route}"
        if level_shown := [lvl for lvl in SECRETS if _seen(text, lvl)]:
            # A page combining entries says the most restrictive level among them.
            assert f"Sharing level: <strong>{LEVEL_WORDS[max(level_shown)]}" in text, route
        if 3 not in reads:
            assert "provider-wide police" not in text, f"{who} saw the provider's entry on {route}"
    # Lists show what the person reads (a provider user reaches none of the pages).
    listed = client.get(pages["service list"])
    if reads:
        text = listed.content.decode()
        assert all(_seen(text, level) for level in reads)
        assert ("provider-wide police" in text) == (3 in reads)
    else:
        assert listed.status_code in (403, 404)
    # The CSV: only readable rows, and the level it carries on its first line.
    download = client.get(reverse("risk:intelligence-csv"))
    if reads:
        rows = list(csv.reader(io.StringIO(download.content.decode())))
        assert rows[0] == [f"Sharing level: {LEVEL_WORDS[max(reads)]}"]
        expected = {SECRETS[lvl] for lvl in reads} | (
            {"QA-ONLY provider-wide police enquiry"} if 3 in reads else set()
        )
        assert {row[9] for row in rows[2:]} == expected
    else:
        assert download.status_code == 403
    # Each entry's page: a level above the person's is answered as if it did not exist.
    for level, entry in made.items():
        response = client.get(reverse("risk:intelligence-detail", args=[entry.pk]))
        real_level = entry.sharing
        if real_level in reads:
            assert response.status_code == 200
        else:
            assert response.status_code in (403, 404), f"{who} reached a level {level} entry"
    # The timeline and the audit trail presenters.
    on_timeline = {
        e.href
        for e in timeline.entries_for(service, user=user, today=TODAY)
        if e.kind == "intelligence"
    }
    assert on_timeline == {
        reverse("risk:intelligence-detail", args=[e.pk])
        for e in made.values()
        if e.sharing in reads
    }
    trail = present_events(trail_of_service(service.pk), user=user)
    ids = {f"Intelligence entry {e.pk}" for e in made.values() if e.service_id}
    shown = {event.record_label for event in trail} & ids
    assert shown == {f"Intelligence entry {made[lvl].pk}" for lvl in SECRETS if lvl in reads}


def test_closing_an_entry_is_guarded_like_its_creation(personas, entries):
    service, made = entries
    actions.change_entry_status(
        entry=made[3], by=personas["qa_manager"], today=TODAY, status="closed", outcome="Done"
    )
    commissioner = present_events(trail_of_service(service.pk), user=personas["commissioner"])
    assert all(e.record_label != f"Intelligence entry {made[3].pk}" for e in commissioner)
    manager = present_events(trail_of_service(service.pk), user=personas["qa_manager"])
    assert sum(e.record_label == f"Intelligence entry {made[3].pk}" for e in manager) == 2
