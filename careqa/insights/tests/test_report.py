"""The scrutiny report: sections, the PDF (read back with pdftotext), the page and command."""

import datetime
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from careqa.audit.models import AuditEvent
from careqa.insights.builds import queue_report, remove_old_reports
from careqa.insights.models import ReportBuild
from careqa.insights.reports import REGISTRY, Section, register
from careqa.insights.reports.pdf import report_pdf
from careqa.insights.reports.scrutiny import build_report, default_scope
from careqa.insights.tests.test_appendix_two import (  # noqa: F401 - a fixture
    AS_OF,
    CHILDRENS_HOMES,
    FOSTERING_AGENCIES,
    _build,
    _published,
    west_midlands,
)
from careqa.jobs.testing import run_queued_jobs

pytestmark = pytest.mark.django_db

HEADINGS = (
    "Quality Assurance and Compliance Update",
    "1.0 Current CQC ratings of care homes",
    "2.0 Change since a year before",
    "3.0 Current Ofsted ratings",
    "Appendix One: care homes in England",
    "Appendix Two: Ofsted ratings across the comparator group",
    "Contains public sector information licensed under the Open Government Licence v3.0",
)


def _text(pdf, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def _half_up(part, whole):
    if not whole:
        return "0.00"
    return str((Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _expected_rows(published):
    """The printed rows, worked out again here from the published counts alone."""
    counts = _published(published)
    rows = {}
    for row, cells in counts.items():
        numbers = [n for n, _ in cells]
        totals = [n for n, _ in counts["total"]]
        rows[row] = [f"{n} {_half_up(n, t)}" for n, t in zip(numbers, totals, strict=True)]
    return rows


@pytest.fixture
def appendix_two_data(west_midlands):  # noqa: F811
    group, councils = west_midlands
    _build("childrens_home", CHILDRENS_HOMES, councils)
    _build("fostering", FOSTERING_AGENCIES, councils)
    return group, councils


def test_the_pdf_has_its_sections_and_the_appendix_two_numbers(appendix_two_data, tmp_path):
    group, councils = appendix_two_data
    report = build_report(default_scope(councils[0], AS_OF, group))
    pdf = report_pdf(report)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf, tmp_path)
    flat = " ".join(text.split())
    for heading in HEADINGS:
        assert heading in flat, heading
    assert "Page 1 of" in flat
    for published in (CHILDRENS_HOMES, FOSTERING_AGENCIES):
        for row, cells in _expected_rows(published).items():
            # Each council's and the group's number and percentage, in the column order.
            assert " ".join(cells) in flat, row
    # Paragraph 3.10's sentences and 3.11's regional percentages, from the defaults.
    assert "One children's home (12.50%) is rated 'Outstanding'." in flat
    assert "Four children's homes (50.00%) are rated 'Requires improvement'." in flat
    assert "10.64% 'Outstanding', 61.70% 'Good', 23.40% 'Requires improvement'" in flat
    assert "Two fostering agencies (66.67%) are rated 'Good'." in flat


def test_edited_narrative_replaces_the_defaults(appendix_two_data, tmp_path):
    group, councils = appendix_two_data
    scope = default_scope(councils[0], AS_OF, group)
    report = build_report(scope, {"ofsted": ["Our own words about children's homes."]})
    ofsted = [s for s in report.sections if s.key == "ofsted"][0]
    assert ofsted.paragraphs == ["Our own words about children's homes."]
    care_homes = [s for s in report.sections if s.key == "care_homes"][0]
    assert care_homes.paragraphs and "Wolverhampton" in care_homes.paragraphs[0]


def test_later_work_adds_a_section_through_the_registry(appendix_two_data):
    group, councils = appendix_two_data

    class Visits(Section):
        key = "visits"
        title = "The team's visits"
        order = 40

        def default_paragraphs(self, content):
            return ["The team made 12 visits."]

    register(Visits)
    try:
        report = build_report(default_scope(councils[0], AS_OF, group))
        titles = [(s.number, s.title) for s in report.sections]
        assert (4, "The team's visits") in titles
    finally:
        REGISTRY.remove(Visits)


def test_the_comparators_default_to_a_group_holding_the_council(appendix_two_data):
    group, councils = appendix_two_data
    scope = default_scope(councils[0], AS_OF)
    assert scope.comparators.label == group.name


@pytest.mark.parametrize("role", ["partner"])
def test_partners_may_not_make_the_report(client, personas, role):
    client.force_login(personas[role])
    assert client.get("/insights/report/").status_code == 403


def test_the_page_shows_default_text_then_the_worker_builds_the_pdf(
    client, personas, appendix_two_data, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    group, councils = appendix_two_data
    client.force_login(personas["qa_manager"])
    query = {
        "council": councils[0].pk,
        "group": group.pk,
        "as_at_day": "31",
        "as_at_month": "8",
        "as_at_year": "2017",
    }
    page = client.get("/insights/report/", query).content.decode()
    assert "Create PDF" in page and 'name="narrative-ofsted"' in page
    assert "One children&#x27;s home (12.50%)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/insights/report/", {**query, "narrative-ofsted": "Edited."})
    build = ReportBuild.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/insights/report/built/{build.pk}/"
    waiting = client.get(response["Location"]).content.decode()
    assert "Building the scrutiny report" in waiting and "Waiting for the job worker" in waiting
    assert 'http-equiv="refresh"' in waiting  # without JavaScript the page refreshes itself
    assert AuditEvent.objects.filter(record_type="insights.reportbuild").count() == 1

    assert run_queued_jobs() == 1
    build.refresh_from_db()
    assert build.status == ReportBuild.Status.DONE
    assert (build.done, build.total) == (build.total, len(REGISTRY))
    ready = client.get(f"/insights/report/built/{build.pk}/").content.decode()
    assert "The scrutiny report is ready" in ready and 'http-equiv="refresh"' not in ready
    progress = client.get(f"/insights/report/built/{build.pk}/progress.json").json()
    assert progress["finished"] and progress["status"] == "done"
    download = client.get(f"/insights/report/built/{build.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    pdf = download.content
    assert pdf.startswith(b"%PDF") and len(pdf) == build.size
    assert "Edited." in " ".join(_text(pdf, tmp_path).split())

    # A colleague who may make the report may fetch it; a partner may not.
    client.force_login(personas["qa_officer"])
    listed = client.get("/insights/report/built/").content.decode()
    assert personas["qa_manager"].display_name in listed
    assert client.get(f"/insights/report/built/{build.pk}/download/").status_code == 200
    client.force_login(personas["partner"])
    for url in ("", "progress.json", "download/"):
        assert client.get(f"/insights/report/built/{build.pk}/{url}").status_code == 403


def test_a_build_that_keeps_failing_says_why_and_a_week_later_a_file_is_removed(
    client, personas, appendix_two_data, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    group, councils = appendix_two_data
    manager = personas["qa_manager"]
    with django_capture_on_commit_callbacks(execute=True):
        broken = queue_report(
            council=councils[0],
            group=group,
            as_at=AS_OF,
            convention="publication",
            narrative={"ofsted": 5},
            by=manager,  # not a list of paragraphs: the build fails
        )
        good = queue_report(
            council=councils[0],
            group=group,
            as_at=AS_OF,
            convention="publication",
            narrative={},
            by=manager,
        )
    for _attempt in range(3):  # tried three times, without waiting for the retries' delays
        DBTaskResult.objects.update(run_after=timezone.now())
        run_queued_jobs()
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.status == ReportBuild.Status.FAILED
    assert "could not be built" in broken.error and "3" in broken.error
    client.force_login(manager)
    page = client.get(f"/insights/report/built/{broken.pk}/").content.decode()
    assert "The report could not be built" in page and "Try again" in page
    assert client.get(f"/insights/report/built/{broken.pk}/download/").status_code == 404

    assert good.status == ReportBuild.Status.DONE
    assert default_storage.exists(good.stored_file)
    assert "removed after 7 days: 0" in remove_old_reports(
        now=good.finished_at + datetime.timedelta(days=6)
    )
    assert "removed after 7 days: 1" in remove_old_reports(
        now=good.finished_at + datetime.timedelta(days=8)
    )
    stored = good.stored_file
    good.refresh_from_db()
    assert good.status == ReportBuild.Status.REMOVED and not default_storage.exists(stored)
    assert "has been removed" in client.get(f"/insights/report/built/{good.pk}/").content.decode()
    assert client.get(f"/insights/report/built/{good.pk}/download/").status_code == 404


def test_the_page_asks_for_a_council(client, personas):
    client.force_login(personas["qa_officer"])
    page = client.get("/insights/report/", {"council": ""}).content.decode()
    assert "Select a council" in page and "There is a problem" in page


def test_the_command_writes_the_pdf(appendix_two_data, tmp_path):
    group, councils = appendix_two_data
    out = tmp_path / "scrutiny.pdf"
    call_command(
        "report",
        "scrutiny",
        "--council",
        "wolverhampton",
        "--as-at",
        AS_OF.isoformat(),
        "--group",
        group.name,
        "--out",
        str(out),
    )
    text = " ".join(_text(out.read_bytes(), tmp_path).split())
    assert "as of 31 August 2017" in text and "61.70" in text
    assert "31/08/2017" not in text


def test_the_command_names_unknown_councils(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No council called"):
        call_command("report", "scrutiny", "--council", "Atlantis", "--out", "/dev/null")


def test_29_february_a_year_before_is_28_february():
    from careqa.insights.reports.change import year_before

    assert year_before(datetime.date(2024, 2, 29)) == datetime.date(2023, 2, 28)


def _inflated(pdf):
    """The file with every compressed stream (object streams too) inflated beside it."""
    import re
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_pdf_is_tagged_pdf_ua_with_title_and_language(appendix_two_data, tmp_path):
    group, councils = appendix_two_data
    pdf = report_pdf(build_report(default_scope(councils[0], AS_OF, group)))
    raw = _inflated(pdf)
    assert b"/MarkInfo" in raw and b"/Marked true" in raw
    assert b"/StructTreeRoot" in raw
    assert b"/Lang (en-GB)" in raw
    assert b"/DisplayDocTitle true" in raw
    assert b'pdfuaid:part="1"' in raw
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    assert "Title:           Quality Assurance and Compliance Update: Wolverhampton" in info.stdout
    tree = subprocess.run(
        ["pdfinfo", "-struct", str(path)], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in tree.splitlines()]
    for tag in ("H1", "H2", "H3", "Table", "TH", "TD", "Caption"):
        assert any(line.split(" ")[0].rstrip(":") == tag for line in lines), tag
