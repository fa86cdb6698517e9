"""Returns end to end: the actions (audit, late, superseded, on the provider's behalf),
uploads all or nothing with every problem named, the daily clocks (reminders by a real
SMTP-less outbox, missed returns into intelligence and the risk score), and the pages for
every role, a provider user of another provider included."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from careqa.audit.models import AuditEvent
from careqa.factories import CouncilFactory, CouncilProfileFactory, ServiceFactory, UserFactory
from careqa.returns import actions, queries, upload
from careqa.returns.models import Clock, ReturnTemplate, Submission
from careqa.risk.models import IntelligenceEntry
from careqa.tests.personas import PROVIDER_A, PROVIDER_B

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2026, 10, 1)
IN_WINDOW = datetime.date(2026, 10, 10)
AFTER = datetime.date(2026, 10, 20)

GOOD = {
    "registered_beds": "30",
    "occupied_beds": "27",
    "vacant_beds": "3",
    "funded_by_council": "12",
    "staff_headcount": "45",
    "agency_hours": "120.5",
    "staff_vacancies": "2",
    "staff_turnover": "18",
    "falls": "6",
    "falls_with_harm": "1",
    "pressure_ulcers": "0",
    "medication_errors": "1",
    "safeguarding_referrals": "0",
    "complaints_received": "2",
    "complaints_upheld": "1",
    "hospital_admissions": "3",
    "dols_applications": "1",
    "infection_outbreak": "no",
    "cqc_rating": "good",
}


@pytest.fixture
def area(personas):
    council = CouncilFactory(name="Dudley")
    CouncilProfileFactory(our_area=[council])
    actions.load_default_templates()
    provider_a = personas[PROVIDER_A].scope_provider
    provider_b = personas[PROVIDER_B].scope_provider
    homes = [
        ServiceFactory(provider=provider_a, council=council, name=f"Amber {i}") for i in range(3)
    ]
    other = ServiceFactory(provider=provider_b, council=council, name="Birch Lodge")
    return {
        "council": council,
        "homes": homes,
        "other": other,
        "kpi": ReturnTemplate.objects.get(key="care-home-kpis", current=True),
    }


def test_the_shipped_returns_load_once(area):
    assert actions.load_default_templates() == 0
    assert set(ReturnTemplate.objects.values_list("key", flat=True)) == {
        "care-home-kpis",
        "home-care-kpis",
        "situation",
        "infection-training",
    }
    assert not ReturnTemplate.objects.get(key="situation").switched_on


def test_a_return_is_saved_audited_and_its_numbers_kept(area, personas):
    home, manager = area["homes"][0], personas[PROVIDER_A]
    sent = actions.submit_return(
        template=area["kpi"],
        service=home,
        period_start=OCTOBER,
        values=GOOD,
        by=manager,
        today=IN_WINDOW,
    )
    assert not sent.late and not sent.on_behalf
    assert sent.values["agency_hours"] == "120.5"
    rows = queries.field_values(area["kpi"].key, "occupied_beds", first=OCTOBER, last=OCTOBER)
    assert list(rows) == [(home.pk, OCTOBER, 27.0)]
    event = AuditEvent.objects.get(record_type="returns.submission", record_id=sent.pk)
    assert event.service_id == home.pk and event.provider_id == home.provider_id


def test_late_entered_for_the_provider_and_sent_again(area, personas):
    home, officer = area["homes"][0], personas["qa_officer"]
    first = actions.submit_return(
        template=area["kpi"],
        service=home,
        period_start=OCTOBER,
        values=GOOD,
        by=officer,
        today=AFTER,
    )
    assert first.late and first.on_behalf
    again = actions.submit_return(
        template=area["kpi"],
        service=home,
        period_start=OCTOBER,
        values=GOOD | {"falls": "7"},
        by=officer,
        today=AFTER,
    )
    first.refresh_from_db()
    assert first.superseded and not again.superseded
    falls = queries.field_values(area["kpi"].key, "falls", first=OCTOBER, last=OCTOBER)
    assert list(falls) == [(home.pk, OCTOBER, 7.0)]  # the live return only


def test_broken_rules_are_named_and_nothing_is_saved(area, personas):
    bad = GOOD | {"occupied_beds": "31", "falls": "x", "complaints_upheld": "3"}
    with pytest.raises(ValidationError) as raised:
        actions.submit_return(
            template=area["kpi"],
            service=area["homes"][0],
            period_start=OCTOBER,
            values=bad,
            by=personas[PROVIDER_A],
            today=IN_WINDOW,
        )
    assert raised.value.message_dict == {
        "occupied_beds": ["Occupied beds must be no more than registered beds"],
        "falls": ["Falls must be a number"],
        "complaints_upheld": ["Complaints upheld must be no more than complaints received"],
    }
    assert not Submission.objects.exists()


def test_a_return_before_its_window_or_for_a_wrong_day_is_refused(area, personas):
    for start, today in (
        (OCTOBER, datetime.date(2026, 10, 7)),
        (datetime.date(2026, 10, 2), IN_WINDOW),
    ):
        with pytest.raises(ValidationError):
            actions.submit_return(
                template=area["kpi"],
                service=area["homes"][0],
                period_start=start,
                values=GOOD,
                by=personas[PROVIDER_A],
                today=today,
            )


def test_a_value_past_the_councils_threshold_becomes_intelligence_once(area, personas):
    high = GOOD | {"falls": "9", "falls_with_harm": "8"}
    for _ in range(2):
        actions.submit_return(
            template=area["kpi"],
            service=area["homes"][0],
            period_start=OCTOBER,
            values=high,
            by=personas[PROVIDER_A],
            today=IN_WINDOW,
        )
    entry = IntelligenceEntry.objects.get()
    assert "Falls with harm: 8, above 5" in entry.summary
    assert Clock.objects.get(kind="alert").intelligence == entry


class SubmitProperties(TestCase):
    """Whatever the values, a return is saved as validated or not at all."""

    @classmethod
    def setUpTestData(cls):
        actions.load_default_templates()
        cls.template = ReturnTemplate.objects.get(key="home-care-kpis")
        cls.service = ServiceFactory(service_types=" domiciliary ", care_home=False)
        cls.user = UserFactory(username="officer-h")

    @settings(deadline=None, max_examples=60)
    @given(
        planned=st.integers(-5, 600) | st.just("lots"),
        delivered=st.integers(-5, 600),
        continuity=st.integers(-10, 120),
    )
    def test_saved_whole_or_not_at_all(self, planned, delivered, continuity):
        values = {
            "people_supported": "40",
            "hours_planned": str(planned),
            "hours_delivered": str(delivered),
            "missed_calls": "0",
            "late_calls": "1",
            "continuity": str(continuity),
            "staff_turnover": "10",
            "complaints_received": "0",
            "safeguarding_referrals": "0",
        }
        ok = (
            planned != "lots"
            and 0 <= planned
            and 0 <= delivered <= planned
            and 0 <= continuity <= 100
        )
        before = Submission.objects.count()
        try:
            sent = actions.submit_return(
                template=self.template,
                service=self.service,
                period_start=OCTOBER,
                values=values,
                by=self.user,
                today=IN_WINDOW,
            )
        except ValidationError:
            assert not ok
            assert Submission.objects.count() == before
        else:
            assert ok
            assert sent.values["hours_delivered"] == str(delivered)
            live = Submission.objects.filter(service=self.service, superseded=False)
            assert live.count() == 1


# ---- Uploads ------------------------------------------------------------------------------


def _csv(template, rows, headings=None):
    out = io.StringIO()
    import csv

    writer = csv.writer(out)
    writer.writerow(headings or upload.layout_headings(template))
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def _row(service, **changes):
    values = GOOD | changes
    return [service.location_id, service.name, *(values.get(code, "") for code in GOOD)]


def _post_upload(client, template, data, name="returns.csv", period=OCTOBER):
    url = reverse("returns:upload", args=[template.pk]) + f"?period={period}"
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_an_upload_with_problems_names_each_and_saves_nothing(client, area, personas):
    kpi, homes, other = area["kpi"], area["homes"], area["other"]
    client.force_login(personas[PROVIDER_A])
    data = _csv(
        kpi,
        [
            _row(homes[0]),
            _row(homes[1], occupied_beds="40"),
            _row(other),
            _row(homes[0]),
            _row(homes[2], falls='=HYPERLINK("x")'),
            ["1-NOPE", "Nowhere", *GOOD.values()],
        ],
    )
    response = _post_upload(client, kpi, data)
    text = response.content.decode()
    text = text.replace("&#x27;", "'")
    assert "5 problems, and nothing was saved" in text
    assert (
        "row 3, column 'Occupied beds (beds)': "
        "Occupied beds must be no more than registered beds" in text
    )
    assert (
        f"row 4, column 'Location ID': '{other.location_id}' (Birch Lodge) "
        "is not one of your services" in text
    )
    assert "row 5, column 'Location ID': '" in text and "appears twice (rows 2 and 5)" in text
    assert "row 6, column 'Falls (falls)': Falls must be a number" in text
    assert "'1-NOPE' is not one of the services asked for this return" in text
    assert not Submission.objects.exists()


def test_a_clean_upload_saves_every_row(client, area, personas):
    kpi, homes = area["kpi"], area["homes"]
    client.force_login(personas["qa_officer"])
    data = _csv(kpi, [_row(h) for h in homes])
    response = _post_upload(client, kpi, data)
    assert response.status_code == 302
    sent = Submission.objects.filter(period_start=OCTOBER)
    assert sent.count() == 3 and all(s.on_behalf and s.source == "upload" for s in sent)


def test_an_xlsx_in_the_downloaded_layout_is_read(client, area, personas):
    from openpyxl import Workbook, load_workbook

    kpi = area["kpi"]
    client.force_login(personas[PROVIDER_A])
    layout = client.get(reverse("returns:layout", args=[kpi.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(layout.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["Amber 0", "Amber 1", "Amber 2"]  # only their own
    assert rows[1][2] == "30"  # registered beds from the register
    book = Workbook()
    out = book.active
    out.append(list(rows[0]))
    for home in area["homes"]:
        out.append([int(v) if str(v).isdigit() else v for v in _row(home)])
    buffer = io.BytesIO()
    book.save(buffer)
    response = _post_upload(client, kpi, buffer.getvalue(), name="returns.xlsx")
    assert response.status_code == 302
    assert Submission.objects.count() == 3


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("returns.csv", b"", "The selected file is empty"),
        ("returns.csv", b"\x00\x01\x02binary" * 50, "binary data"),
        ("returns.xlsx", b"PK\x03\x04 not really a zip", "damaged"),
        ("returns.pdf", b"%PDF", "must be a CSV or XLSX file"),
    ],
)
def test_a_file_that_is_not_a_return_is_refused(client, area, personas, name, data, said):
    client.force_login(personas[PROVIDER_A])
    response = _post_upload(client, area["kpi"], data, name=name)
    assert said in response.content.decode()
    assert not Submission.objects.exists()


def test_a_zip_bomb_is_refused_before_it_is_opened(client, area, personas):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (40 * 1024 * 1024))
    client.force_login(personas[PROVIDER_A])
    response = _post_upload(client, area["kpi"], buffer.getvalue(), name="bomb.xlsx")
    assert "zip bomb" in response.content.decode()


def test_the_capacity_trackers_export_fills_its_fields(client, area, personas):
    situation = ReturnTemplate.objects.get(key="situation")
    actions.switch_template(template=situation, by=personas["qa_manager"], on=True)
    client.force_login(personas["qa_officer"])
    homes = area["homes"]
    data = (
        "Location Name,CQC Location ID,Vacant Beds,Region\n"
        + "".join(f"{h.name},{h.location_id},{i + 1},West Midlands\n" for i, h in enumerate(homes))
    ).encode()
    day = datetime.date.today() - datetime.timedelta(days=1)
    url = reverse("returns:tracker-upload", args=[situation.pk]) + f"?period={day}"
    response = client.post(url, {"file": SimpleUploadedFile("tracker.csv", data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    sent = Submission.objects.filter(template_key="situation").order_by("service__name")
    assert [s.values for s in sent] == [
        {"vacant_beds": "1"},
        {"vacant_beds": "2"},
        {"vacant_beds": "3"},
    ]
    assert {s.source for s in sent} == {"capacity_tracker"}
    bad = data.replace(b",1,", b",-1,")
    response = client.post(url, {"file": SimpleUploadedFile("tracker.csv", bad)})
    assert "Vacant beds must be 0 beds or more" in response.content.decode()


# ---- Clocks -------------------------------------------------------------------------------


def test_reminders_go_once_and_missed_returns_become_intelligence_and_risk(area, personas):
    from careqa.risk.actions import recompute
    from careqa.risk.models import ServiceRisk

    homes = area["homes"]
    actions.submit_return(
        template=area["kpi"],
        service=homes[0],
        period_start=OCTOBER,
        values=GOOD,
        by=personas[PROVIDER_A],
        today=IN_WINDOW,
    )
    day = datetime.date(2026, 10, 13)
    from careqa.notify.models import Notice

    assert actions.run_clocks(today=day).startswith("3 reminders sent")
    # The two other homes' provider user is told of each; Birch Lodge's of theirs.
    assert Notice.objects.filter(recipient_user_id=personas[PROVIDER_A].pk).count() == 2
    assert Notice.objects.filter(recipient_user_id=personas[PROVIDER_B].pk).count() == 1
    reminders = Clock.objects.filter(kind="reminder", period_start=OCTOBER)
    assert set(reminders.values_list("service_id", flat=True)) == {
        homes[1].pk,
        homes[2].pk,
        area["other"].pk,
    }
    assert actions.run_clocks(today=day).startswith("0 reminders sent")
    later = datetime.date(2026, 10, 16)
    actions.run_clocks(today=later)
    missed = IntelligenceEntry.objects.filter(source="missed_return", service=homes[1])
    assert missed.count() >= 1
    assert "Care home monthly KPIs for October 2026 not returned" in missed.first().summary
    count = IntelligenceEntry.objects.count()
    actions.run_clocks(today=later)
    assert IntelligenceEntry.objects.count() == count
    recompute(service_ids=[homes[1].pk], today=later)
    reasons = ServiceRisk.objects.get(service=homes[1]).reasons
    assert any("missed data return" in words for words, _ in reasons)


# ---- Pages --------------------------------------------------------------------------------


def test_the_returns_pages_for_each_role(client, area, personas):
    kpi, home, other = area["kpi"], area["homes"][0], area["other"]
    pages = {
        "index": reverse("returns:index"),
        "template": reverse("returns:template", args=[kpi.pk]),
        "service": reverse("returns:service", args=[home.pk]),
        "submit": reverse("returns:submit", args=[kpi.pk, home.pk]) + f"?period={OCTOBER}",
        "figures": reverse("returns:figures", args=[kpi.pk]) + f"?service={home.pk}",
        "late": reverse("returns:late"),
        "edit": reverse("returns:template-edit", args=[kpi.pk]),
    }
    expected = {
        "qa_officer": {"edit": 403},
        "qa_manager": {},
        "commissioner": {k: 403 for k in pages if k not in ("figures", "index", "template")},
        "partner": dict.fromkeys(pages, 403),
        "administrator": dict.fromkeys(pages, 403),
        PROVIDER_A: {"figures": 403, "edit": 403},
        PROVIDER_B: {"figures": 403, "edit": 403, "service": 404, "submit": 404},
    }
    for who, differences in expected.items():
        client.force_login(personas[who])
        for key, url in pages.items():
            status = client.get(url).status_code
            assert status == differences.get(key, 200), f"{who} {key}: {status}"
    client.force_login(personas[PROVIDER_B])
    text = client.get(reverse("returns:template", args=[kpi.pk])).content.decode()
    assert "Birch Lodge" in text and "Amber 0" not in text
    late = client.get(reverse("returns:late")).content.decode()
    assert other.name in late and "Amber 0" not in late


def test_the_form_shows_errors_then_sends(client, area, personas):
    kpi, home = area["kpi"], area["homes"][0]
    client.force_login(personas[PROVIDER_A])
    today = datetime.date.today()
    url = reverse("returns:submit", args=[kpi.pk, home.pk])
    page = client.get(url).content.decode()
    assert "Filled in from the CQC register (registered beds)" in page
    response = client.post(url, GOOD | {"vacant_beds": "99"})
    assert "Vacant beds must be no more than registered beds" in response.content.decode()
    assert not Submission.objects.exists()
    response = client.post(url, GOOD)
    assert response.status_code == 302
    sent = Submission.objects.get()
    assert sent.period_start.day == 1 and sent.submitted_on == today


def test_a_manager_revises_a_return_and_old_returns_keep_their_version(client, area, personas):
    kpi, home = area["kpi"], area["homes"][0]
    sent = actions.submit_return(
        template=kpi,
        service=home,
        period_start=OCTOBER,
        values=GOOD,
        by=personas[PROVIDER_A],
        today=IN_WINDOW,
    )
    client.force_login(personas["qa_manager"])
    url = reverse("returns:template-edit", args=[kpi.pk])
    form = client.get(url).context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("service_types", "opens_on", "closes_on")
    }
    data["service_types"] = ["residential", "nursing"]
    data["fields_text"] = (
        form.initial["fields_text"]
        + "\nactivities | Activities offered | integer | sessions | 0 | 200"
    )
    bad = client.post(url, data | {"rules_text": "activities <= nothing"})
    assert "there is no field &#x27;nothing&#x27;" in bad.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    new = ReturnTemplate.objects.get(key=kpi.key, current=True)
    assert new.version == 2 and new.specs[-1].code == "activities"
    sent.refresh_from_db()
    assert sent.template_id == kpi.pk
    switch = client.post(reverse("returns:template-switch", args=[new.pk]), {"on": "no"})
    assert switch.status_code == 302
    assert not ReturnTemplate.objects.get(pk=new.pk).switched_on


def test_figures_show_the_area_and_download_with_the_notice(client, area, personas):
    kpi, homes = area["kpi"], area["homes"]
    for number, home in enumerate(homes):
        actions.submit_return(
            template=kpi,
            service=home,
            period_start=OCTOBER,
            values=GOOD | {"falls": str(number * 2 + 2)},
            by=personas["qa_officer"],
            today=IN_WINDOW,
        )
    rows = queries.field_figures(kpi, "falls", service=homes[0], first=OCTOBER, last=OCTOBER)
    assert (rows[0].value, rows[0].lower, rows[0].median, rows[0].upper) == (2, 3, 4, 5)
    summary = {line["spec"].code: line for line in queries.summary(kpi, OCTOBER)}
    assert summary["infection_outbreak"]["shares"][1] == {"label": "No", "count": 3, "percent": 100}
    client.force_login(personas["commissioner"])
    csv_text = client.get(
        reverse("returns:figures-download", args=[kpi.pk, "csv"]) + "?field=falls"
    ).content.decode()
    assert csv_text.startswith('"Council staff only')
    page = client.get(reverse("returns:figures", args=[kpi.pk]) + "?field=falls").content.decode()
    assert "3 of 4" in page  # three of the area's four care homes sent October's


def test_a_programme_shows_its_measures_against_the_baseline(client, area, personas):
    kpi, homes, manager = area["kpi"], area["homes"], personas["qa_manager"]
    client.force_login(manager)
    url = reverse("returns:programme-add")
    refused = client.post(url, {"name": "", "template_key": kpi.key, "measures": ["cqc_rating"]})
    assert "Enter the programme&#x27;s name" in refused.content.decode()
    response = client.post(
        url,
        {
            "name": "Care home safety programme",
            "template_key": kpi.key,
            "measures": ["falls"],
            "starts_on_day": "1",
            "starts_on_month": "9",
            "starts_on_year": "2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    from careqa.returns.models import Programme

    programme = Programme.objects.get()
    for home in homes[:2]:
        actions.add_participant(
            programme=programme, service=home, beds=30, joined_on=OCTOBER, by=manager
        )
    with pytest.raises(ValidationError):
        actions.add_participant(
            programme=programme, service=homes[0], beds=30, joined_on=OCTOBER, by=manager
        )
    actions.add_programme_event(
        programme=programme, held_on=OCTOBER, title="Awards day", by=manager
    )
    for month, falls in ((8, "12"), (10, "6")):
        for home in homes[:2]:
            actions.submit_return(
                template=kpi,
                service=home,
                period_start=datetime.date(2026, month, 1),
                values=GOOD | {"falls": falls},
                by=manager,
                today=datetime.date(2026, month, 10),
            )
    measures = queries.programme_measures(programme, today=datetime.date(2026, 11, 20))
    assert measures[0]["baseline"] == 4.0 and measures[0]["latest"] == 2.0
    assert measures[0]["change"] == -50
    page = client.get(reverse("returns:programme", args=[programme.pk])).content.decode()
    assert "Awards day" in page and "60 beds" in page
    client.force_login(personas[PROVIDER_A])
    assert client.get(reverse("returns:programme", args=[programme.pk])).status_code == 403
