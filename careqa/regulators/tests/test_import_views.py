import datetime
import types
from pathlib import Path

import django.test
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from careqa.factories import ServiceFactory
from careqa.jobs.testing import run_queued_jobs
from careqa.providers.models import ChangeEvent
from careqa.regulators.models import ImportRun
from careqa.regulators.records import ImportFileError

pytestmark = pytest.mark.django_db

ALL_ROLES = ["qa_officer", "qa_manager", "commissioner", "partner", "administrator"]
VIEWERS = {"qa_officer", "qa_manager", "administrator"}
IMPORTERS = {"qa_manager", "administrator"}
CSV = b"Name,Postcode\nRose House,AB1 2CD\n"


@pytest.fixture(autouse=True)
def _static_root_exists():
    # WhiteNoise warns (an error under our warning filters) when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


def make_run(**kw):
    defaults = dict(
        regulator="cqc",
        layout="cqc_directory",
        file_name="care_directory_2026-02-25.csv",
        snapshot_date=datetime.date(2026, 2, 25),
        started_at=timezone.now(),
        finished_at=timezone.now(),
        by_name="Sam Manager",
        status=ImportRun.Status.SUCCEEDED,
        created=3,
        updated=14,
        unchanged=1200,
        deactivated=2,
        new_ratings=9,
        rejected=1,
        skipped=40,
        providers_created=1,
        providers_updated=5,
    )
    return ImportRun.objects.create(**{**defaults, **kw})


@pytest.fixture
def fake_import(monkeypatch):
    """Stands in for careqa.regulators.actions.import_file and records how it was called."""
    calls = []
    outcome = {"error": None}

    def import_file(path, *, by, regulator=None, file_name=None, snapshot_date=None, **kw):
        path = Path(path)
        calls.append(
            {
                "path": path,
                "content": path.read_bytes(),
                "by": by,
                "regulator": regulator,
                "file_name": file_name,
            }
        )
        run = kw["run"]  # the job imports the run the upload recorded
        if outcome["error"]:
            error = ImportFileError(file_name, outcome["error"], row=7, column="Postcode")
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.FAILED, error=str(error), finished_at=timezone.now()
            )
            raise error
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.SUCCEEDED, finished_at=timezone.now(), created=3
        )
        return run

    monkeypatch.setattr("careqa.regulators.actions.import_file", import_file)
    fake = types.SimpleNamespace(calls=calls, outcome=outcome)
    return fake


def upload(client, name="care_directory_2026-02-25.csv", content=CSV, regulator="cqc"):
    """Upload as the page does, then run the import job the upload queued, as the worker would."""
    data = {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    if regulator:
        data["regulator"] = regulator
    with django.test.TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("regulators:import-upload"), data)
    run_queued_jobs()
    return response


# ---- Who may do what ---------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_see_the_list_and_summaries(client, personas, role):
    run = make_run()
    client.force_login(personas[role])
    expected = 200 if role in VIEWERS else 403
    assert client.get(reverse("regulators:import-list")).status_code == expected
    assert client.get(reverse("regulators:import-detail", args=[run.pk])).status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_upload(client, personas, fake_import, role):
    client.force_login(personas[role])
    assert client.get(reverse("regulators:import-upload")).status_code == (
        200 if role in IMPORTERS else 403
    )
    response = upload(client)
    if role in IMPORTERS:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert fake_import.calls == []


@pytest.mark.parametrize("name", ["regulators:import-list", "regulators:import-upload"])
def test_anonymous_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_anonymous_people_cannot_see_a_summary(client):
    response = client.get(reverse("regulators:import-detail", args=[make_run().pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# ---- Upload ------------------------------------------------------------------------


def test_upload_queues_the_import_which_runs_on_a_temporary_copy(client, personas, fake_import):
    manager = personas["qa_manager"]
    client.force_login(manager)

    response = upload(client, regulator="ofsted", name="providers_2025.csv")

    (call,) = fake_import.calls
    assert call["content"] == CSV
    assert call["by"] == manager
    assert call["regulator"] == "ofsted"
    assert call["file_name"] == "providers_2025.csv"
    assert call["path"].suffix == ".csv"
    assert not call["path"].exists()  # the temporary copy is removed afterwards
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("regulators:import-detail", args=[run.pk])


def test_a_file_the_import_refuses_shows_its_reason_on_its_page_and_is_listed_as_failed(
    client, personas, fake_import
):
    fake_import.outcome["error"] = "not a postcode"
    client.force_login(personas["qa_manager"])

    response = upload(client, name="bad.csv")

    assert response.status_code == 302
    html = client.get(response.url).text
    assert "This import failed" in html
    assert "bad.csv, row 7, column &#x27;Postcode&#x27;: not a postcode" in html
    html = client.get(reverse("regulators:import-list")).text
    assert "bad.csv" in html and "Failed" in html


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"regulator": ""}, "id_regulator", "Select the regulator that published the file"),
        ({"name": "ratings.pdf"}, "id_file", "The selected file must be a CSV, ODS or XLSX"),
        ({"content": b""}, "id_file", "The selected file is empty"),
    ],
)
def test_upload_form_errors(client, personas, fake_import, kwargs, field, message):
    client.force_login(personas["administrator"])
    response = upload(client, **kwargs)
    assert response.status_code == 200
    assert f'<a href="#{field}">{message}</a>' in response.text
    assert fake_import.calls == []


def test_no_file_chosen(client, personas, fake_import):
    client.force_login(personas["administrator"])
    response = client.post(reverse("regulators:import-upload"), {"regulator": "cqc"})
    assert '<a href="#id_file">Select a file</a>' in response.text
    assert fake_import.calls == []


def test_the_upload_page_uses_gov_uk_file_upload_and_radios(client, personas):
    client.force_login(personas["qa_manager"])
    html = client.get(reverse("regulators:import-upload")).text
    assert 'enctype="multipart/form-data"' in html
    assert 'class="govuk-file-upload"' in html
    assert 'type="radio" value="cqc"' in html and 'type="radio" value="ofsted"' in html


# ---- List and summary --------------------------------------------------------------


def test_the_list_shows_each_run(client, personas):
    make_run(file_name="hsca_active_locations.ods", layout="cqc_hsca", created=1234)
    client.force_login(personas["qa_officer"])
    html = client.get(reverse("regulators:import-list")).text
    assert "hsca_active_locations.ods" in html
    assert "CQC care directory with filters (HSCA active locations)" in html
    assert "25 February 2026" in html
    assert "Sam Manager" in html
    assert "Succeeded" in html
    assert "1,234" in html
    # Officers may look but not upload.
    assert reverse("regulators:import-upload") not in html


def test_the_list_offers_upload_to_managers(client, personas):
    client.force_login(personas["qa_manager"])
    assert reverse("regulators:import-upload") in client.get(reverse("regulators:import-list")).text


def test_the_list_is_paginated(client, personas):
    for n in range(30):
        make_run(file_name=f"file-{n:02d}.csv")
    client.force_login(personas["qa_officer"])
    first = client.get(reverse("regulators:import-list")).text
    second = client.get(reverse("regulators:import-list") + "?page=2").text
    assert "govuk-pagination" in first
    assert first.count("file-") == 25 and second.count("file-") == 5


def test_the_summary_shows_counts_warnings_and_changes_by_kind(client, personas):
    run = make_run(warnings=["12 rows had no local authority"])
    up = ServiceFactory(name="Ash Lodge")
    down = ServiceFactory(name="Birch Court")
    new = ServiceFactory(name="Cedar View")
    on = run.snapshot_date
    ChangeEvent.objects.create(
        import_run_id=run.pk,
        service=up,
        kind="rating_up",
        old_value="requires_improvement",
        new_value="good",
        occurred_on=on,
    )
    ChangeEvent.objects.create(
        import_run_id=run.pk,
        service=down,
        kind="rating_down",
        old_value="good",
        new_value="inadequate",
        occurred_on=on,
    )
    ChangeEvent.objects.create(import_run_id=run.pk, service=new, kind="registered", occurred_on=on)
    client.force_login(personas["qa_officer"])

    html = client.get(reverse("regulators:import-detail", args=[run.pk])).text

    assert "Import summary" in html
    for text in (
        "Services created",
        "Services updated",
        "Services unchanged",
        "Services deactivated",
        "New ratings",
        "Rows rejected",
        "Providers created",
        "Providers updated",
        "1,200",
        "12 rows had no local authority",
        "Rating up (1)",
        "Rating down (1)",
        "Newly registered (1)",
        "All changes (3)",
    ):
        assert text in html, text
    assert "Requires improvement" in html and "Inadequate" in html
    assert f'href="{reverse("providers:service-detail", args=[up.pk])}"' in html

    filtered = client.get(reverse("regulators:import-detail", args=[run.pk]) + "?kind=rating_down")
    assert "Birch Court" in filtered.text
    assert "Ash Lodge" not in filtered.text
    assert "Cedar View" not in filtered.text

    # An unknown kind shows everything rather than failing.
    everything = client.get(reverse("regulators:import-detail", args=[run.pk]) + "?kind=nonsense")
    assert "Ash Lodge" in everything.text and "Cedar View" in everything.text


def test_the_summary_of_a_failed_run_shows_its_error(client, personas):
    run = make_run(status=ImportRun.Status.FAILED, error="x.csv, row 3: no header")
    client.force_login(personas["qa_manager"])
    html = client.get(reverse("regulators:import-detail", args=[run.pk])).text
    assert "This import failed" in html
    assert "x.csv, row 3: no header" in html
    assert "Nothing in the register was changed" in html


def test_the_summary_paginates_changes(client, personas):
    run = make_run()
    for n in range(55):
        ChangeEvent.objects.create(
            import_run_id=run.pk,
            service=ServiceFactory(name=f"Home {n:02d}"),
            kind="beds_changed",
            old_value="30",
            new_value="32",
            occurred_on=run.snapshot_date,
        )
    client.force_login(personas["qa_officer"])
    url = reverse("regulators:import-detail", args=[run.pk])
    assert client.get(url).text.count(">Home ") == 50
    assert client.get(url + "?kind=beds_changed&page=2").text.count(">Home ") == 5


def test_a_missing_run_is_not_found(client, personas):
    client.force_login(personas["qa_officer"])
    assert client.get(reverse("regulators:import-detail", args=[999999])).status_code == 404


# ---- The real import, through the page --------------------------------------------


@pytest.mark.slow
def test_uploading_real_files_runs_the_command_line_import(client, personas, shared_data):
    client.force_login(personas["qa_manager"])
    runs = []
    for year in (2023, 2024):
        path = shared_data / "ofsted" / f"ofsted_csc_providers_at_31_march_{year}.csv"
        response = upload(client, name=path.name, content=path.read_bytes(), regulator="ofsted")
        run = ImportRun.objects.get(file_name=path.name)
        assert response.status_code == 302, response.text[:2000]
        assert response.url == reverse("regulators:import-detail", args=[run.pk])
        assert run.status == ImportRun.Status.SUCCEEDED
        assert run.by == personas["qa_manager"]
        runs.append(run)

    later = runs[1]
    assert ChangeEvent.objects.filter(import_run_id=later.pk).exists()
    html = client.get(reverse("regulators:import-detail", args=[later.pk])).text
    assert "31 March 2024" in html
    assert "Ofsted children&#x27;s social care providers" in html
    change = (
        ChangeEvent.objects.filter(import_run_id=later.pk)
        .order_by("kind", "service__name", "id")
        .first()
    )  # first on the page
    assert f'href="{reverse("providers:service-detail", args=[change.service_id])}"' in html
    assert f"{change.get_kind_display()} (" in html
