from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from careqa.areas.actions import COUNCIL_NAME_CACHE_KEY, configure_council
from careqa.areas.models import CouncilProfile
from careqa.audit.models import AuditEvent
from careqa.audit.queries import events_for
from careqa.factories import CouncilFactory, RegionFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = ["qa_officer", "qa_manager", "commissioner", "partner", "administrator"]


@pytest.fixture(autouse=True)
def _static_root_exists():
    # WhiteNoise warns (an error under our warning filters) when STATIC_ROOT is missing.
    Path(django_settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def councils():
    north_west = RegionFactory(name="North West")
    london = RegionFactory(name="London")
    return {
        "Wirral": CouncilFactory(name="Wirral", region=north_west),
        "Sefton": CouncilFactory(name="Sefton", region=north_west),
        "Camden": CouncilFactory(name="Camden", region=london),
        "Nowhere": CouncilFactory(name="Nowhere", region=None),
    }


URL = "/settings/council/"


def make_profile(name, our_area):
    # Not careqa.factories.CouncilProfileFactory: its post-generation save raises a
    # DeprecationWarning in factory_boy 3.3, an error under our warning filters.
    profile = CouncilProfile.objects.create(name=name)
    profile.our_area.set(our_area)
    return profile


def test_the_page_is_where_the_brief_says():
    assert reverse("areas:council-settings") == URL


# ---- Action ------------------------------------------------------------------------


def test_first_configuration_creates_the_profile_with_an_audit_event(personas, councils):
    admin = personas["administrator"]
    profile = configure_council(
        name=" Wirral Council ", our_area=[councils["Wirral"], councils["Sefton"]], by=admin
    )
    assert profile.name == "Wirral Council"
    assert {c.name for c in profile.our_area.all()} == {"Wirral", "Sefton"}
    (event,) = events_for(profile)
    assert event.action == AuditEvent.Action.CREATED
    assert event.actor_id == admin.pk
    assert event.changes == {
        "name": [None, "Wirral Council"],
        "our_area": [None, ["Sefton", "Wirral"]],
    }


def test_a_change_records_only_what_changed(personas, councils):
    profile = make_profile(name="Wirral Council", our_area=[councils["Wirral"]])
    configure_council(
        name="Wirral Council",
        our_area=[councils["Wirral"], councils["Camden"]],
        by=personas["administrator"],
    )
    (event,) = events_for(profile)
    assert event.action == AuditEvent.Action.CHANGED
    assert event.changes == {"our_area": [["Wirral"], ["Camden", "Wirral"]]}
    assert CouncilProfile.objects.count() == 1


def test_nothing_changed_writes_nothing(personas, councils):
    profile = make_profile(name="Wirral Council", our_area=[councils["Wirral"]])
    configure_council(
        name="Wirral Council", our_area=[councils["Wirral"]], by=personas["administrator"]
    )
    assert not events_for(profile).exists()


def test_a_blank_name_is_refused(personas, councils):
    with pytest.raises(ValidationError):
        configure_council(name="  ", our_area=[councils["Wirral"]], by=personas["administrator"])
    assert not CouncilProfile.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_header_name_is_refreshed_after_saving(
    personas, councils, django_capture_on_commit_callbacks
):
    cache.set(COUNCIL_NAME_CACHE_KEY, "Old name", 30)
    with django_capture_on_commit_callbacks(execute=True):
        configure_council(name="New name", our_area=[], by=personas["administrator"])
    assert cache.get(COUNCIL_NAME_CACHE_KEY) is None


# ---- Page --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_administrators_may_configure(client, personas, councils, role):
    client.force_login(personas[role])
    expected = 200 if role == "administrator" else 403
    assert client.get(URL).status_code == expected
    response = client.post(URL, {"name": "Wirral Council", "our_area": [councils["Wirral"].pk]})
    if role == "administrator":
        assert response.status_code == 302
        assert CouncilProfile.objects.get().name == "Wirral Council"
    else:
        assert response.status_code == 403
        assert not CouncilProfile.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_councils_are_offered_as_checkboxes_grouped_by_region(client, personas, councils):
    make_profile(name="Wirral Council", our_area=[councils["Wirral"]])
    client.force_login(personas["administrator"])
    html = client.get(URL).text
    assert 'value="Wirral Council"' in html
    for region in ("North West", "London", "Region not known"):
        assert (
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{region}</legend>'
            in html
        )
    assert html.index(">London<") < html.index(">North West<") < html.index(">Region not known<")
    assert f'value="{councils["Wirral"].pk}" checked' in html
    assert f'value="{councils["Sefton"].pk}">' in html
    assert "Your area now: Wirral." in html


def test_saving_redirects_with_a_success_message(client, personas, councils):
    client.force_login(personas["administrator"])
    response = client.post(
        URL, {"name": "Sefton Council", "our_area": [councils["Sefton"].pk]}, follow=True
    )
    assert "Council settings saved" in response.text
    assert "govuk-notification-banner--success" in response.text
    profile = CouncilProfile.objects.get()
    assert [c.name for c in profile.our_area.all()] == ["Sefton"]
    assert events_for(profile).get().actor_id == personas["administrator"].pk


def test_errors_re_display_with_a_summary(client, personas, councils):
    client.force_login(personas["administrator"])
    response = client.post(URL, {"name": "", "our_area": []})
    assert response.status_code == 200
    html = response.text
    assert "<title>Error:" in html
    assert '<a href="#id_name">Enter the council&#x27;s name</a>' in html
    assert '<a href="#id_our_area_0">Select at least one local authority for your area</a>' in html
    assert 'id="id_our_area_0"' in html
    assert not CouncilProfile.objects.exists()


def test_an_unknown_council_is_refused(client, personas, councils):
    client.force_login(personas["administrator"])
    response = client.post(URL, {"name": "X", "our_area": ["999999"]})
    assert "Select local authorities from the list" in response.text


def test_before_any_import_the_name_alone_can_be_saved(client, personas):
    client.force_login(personas["administrator"])
    assert "No local authorities are known yet" in client.get(URL).text
    response = client.post(URL, {"name": "Demo Council"})
    assert response.status_code == 302
    assert CouncilProfile.objects.get().name == "Demo Council"
