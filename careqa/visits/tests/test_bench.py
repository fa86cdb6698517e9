"""The visits' benchmark still runs: its council for the planner, and a small history
behind the My work page (the full sizes run under `make bench`)."""

import json

import pytest

from careqa.visits import bench


def test_the_planning_council_is_the_size_the_issue_names():
    services, officers, fixed = bench.large_council(services=50, officers=3)
    assert (len(services), len(officers)) == (50, 3)
    assert len(bench.large_council()[0]) == 2000 and len(bench.large_council()[1]) == 20
    assert all(f.officer_id <= 3 for f in fixed)


@pytest.mark.django_db
def test_the_history_builds_and_the_page_is_measured(monkeypatch, capsys):
    import datetime

    for name, value in {
        "HISTORY_YEARS": 2,
        "VISITS_A_YEAR": 12,
        "SERVICES": 6,
        "COLLEAGUES": 1,
        "PAGE_RUNS": 2,
    }.items():
        monkeypatch.setattr(bench, name, value)
    officer, report = bench.build_history(datetime.date(2026, 12, 2))
    assert report.status == "issued"
    content = report.content
    assert sum(len(area["questions"]) for area in content["areas"]) == 28
    assert (len(content["views"]), len(content["actions"])) == (2, 3)
    assert officer.led_visits.filter(reports__status="issued").count() > 12
    assert officer.led_visits.filter(status__in=["carried_out", "report_drafted"]).exists()
    bench.measure_page(officer, "sqlite")
    row = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert row["measure"].startswith("My work page") and row["seconds"] > 0
