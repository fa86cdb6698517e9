"""A bad file is refused with its first 50 problems at once, each naming row and column."""

import django.test
import pytest
from django.urls import reverse

from careqa.factories import UserFactory
from careqa.jobs.testing import run_queued_jobs
from careqa.providers.models import Service
from careqa.regulators.actions import import_file
from careqa.regulators.layouts import HSCA_HEADER
from careqa.regulators.models import ImportRun
from careqa.regulators.parsers import parse_file
from careqa.regulators.records import ImportFileError, ImportFileProblems
from careqa.regulators.tests.test_parsers_support import hsca_rows, write_csv

BEDS = HSCA_HEADER.index("Care homes beds")
RATING = HSCA_HEADER.index("Location Latest Overall Rating")
LOCATION = HSCA_HEADER.index("Location ID")


def hsca_with_bad_rows(path, bad):
    """The HSCA fixture plus `bad` copies of its first location, each with two bad cells."""
    rows = hsca_rows()
    for n in range(bad):
        row = list(rows[1])
        row[LOCATION] = f"1-9{n:04d}"
        row[BEDS] = "lots"
        row[RATING] = "Splendid"
        rows.append(row)
    return write_csv(path, rows)


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    path = hsca_with_bad_rows(tmp_path / "hsca.csv", 3)
    with pytest.raises(ImportFileProblems) as caught:
        parse_file(path, regulator="cqc")
    error = caught.value
    first_bad = len(hsca_rows()) + 1  # the row number of the first added row
    assert [(p.row, p.column) for p in error.problems] == [
        (row, column)
        for row in range(first_bad, first_bad + 3)
        for column in ("Care homes beds", "Location Latest Overall Rating")
    ]
    message = str(error)
    assert message.startswith("hsca.csv: 6 problems were found, and nothing was imported:")
    assert f"- row {first_bad}, column 'Care homes beds': 'lots' is not a" in message
    assert "'Splendid' is not a rating CareQA knows" in message
    assert (error.file_name, error.row, error.column) == ("hsca.csv", first_bad, "Care homes beds")


def test_no_more_than_fifty_problems_are_gathered(tmp_path):
    path = hsca_with_bad_rows(tmp_path / "hsca.csv", 120)
    with pytest.raises(ImportFileProblems) as caught:
        parse_file(path, regulator="cqc")
    assert len(caught.value.problems) == 50
    assert "the first 50 problems found are listed; there may be more" in str(caught.value)


def test_one_problem_reads_as_it_always_did(tmp_path):
    rows = hsca_rows()
    rows[1][BEDS] = "lots"
    with pytest.raises(ImportFileError) as caught:
        parse_file(write_csv(tmp_path / "hsca.csv", rows), regulator="cqc")
    assert not isinstance(caught.value, ImportFileProblems)
    assert str(caught.value).startswith("hsca.csv, row 2, column 'Care homes beds': ")


@pytest.mark.django_db
def test_a_file_with_problems_changes_nothing_and_its_run_lists_them(tmp_path):
    path = hsca_with_bad_rows(tmp_path / "hsca.csv", 3)
    with pytest.raises(ImportFileProblems):
        import_file(path, by=None, regulator="cqc")
    assert not Service.objects.exists()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.error.count("\n- row ") == 6


def upload_and_import(client, path, regulator):
    """Upload the file, run the job it queued, and return the import's page."""
    with open(path, "rb") as handle, django.test.TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("regulators:import-upload"), {"regulator": regulator, "file": handle}
        )
    assert response.status_code == 302
    run_queued_jobs()
    return client.get(response.url).content.decode()


@pytest.mark.django_db
def test_the_import_page_lists_the_problems(client, tmp_path):
    client.force_login(UserFactory(username="manager", role="qa_manager"))
    path = hsca_with_bad_rows(tmp_path / "hsca.csv", 2)
    html = upload_and_import(client, path, "cqc")
    assert "hsca.csv: 4 problems were found, and nothing was imported" in html
    assert "This import failed" in html
    assert html.count("is not a rating CareQA knows") == 2
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_the_import_page_names_the_right_regulator_in_words(client, tmp_path):
    client.force_login(UserFactory(username="manager", role="qa_manager"))
    path = write_csv(tmp_path / "hsca.csv", hsca_rows())
    html = upload_and_import(client, path, "ofsted")
    assert "a CQC file, not an Ofsted file. Choose CQC as the regulator" in html
    assert "import-cqc" not in html and "a Ofsted" not in html


@pytest.mark.django_db
def test_the_command_line_names_the_command_to_use(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = write_csv(tmp_path / "hsca.csv", hsca_rows())
    with pytest.raises(CommandError) as caught:
        call_command("import_ofsted", str(path))
    assert "a CQC file, not an Ofsted file. Import it with: careqa import-cqc" in str(caught.value)
