"""The imports pages answer "which of ours went down?" and say only what is true."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careqa.factories import CouncilFactory, CouncilProfileFactory, ServiceFactory
from careqa.providers.models import ChangeEvent
from careqa.regulators.models import ImportRun

pytestmark = pytest.mark.django_db
KIND = ChangeEvent.Kind


def make_run(**kw):
    defaults = dict(
        regulator="cqc",
        layout="cqc_ratings",
        file_name="01_February_2021_Latest_ratings.csv",
        snapshot_date=datetime.date(2021, 2, 1),
        started_at=timezone.now(),
        finished_at=timezone.now(),
        by_name="Sam Manager",
        status=ImportRun.Status.SUCCEEDED,
    )
    return ImportRun.objects.create(**{**defaults, **kw})


def change(run, service, kind, old="", new=""):
    return ChangeEvent.objects.create(
        import_run_id=run.pk,
        service=service,
        kind=kind,
        old_value=old,
        new_value=new,
        occurred_on=datetime.date(2021, 2, 1),
    )


@pytest.fixture
def two_councils():
    ours = CouncilFactory(name="Wirral")
    theirs = CouncilFactory(name="Sefton")
    CouncilProfileFactory(name="Wirral Council", our_area=[ours])
    return ours, theirs


@pytest.fixture
def viewer(client, personas):
    client.force_login(personas["qa_officer"])
    return client


def detail(client, run, query=""):
    return client.get(reverse("regulators:import-detail", args=[run.pk]) + query).text


def test_the_changes_name_each_service_s_council(viewer, two_councils):
    ours, theirs = two_councils
    make_run()
    run = make_run()
    change(
        run, ServiceFactory(name="Oak Lodge", council=ours), KIND.RATING_DOWN, "good", "inadequate"
    )
    change(
        run,
        ServiceFactory(name="Elm Court", council=theirs),
        KIND.RATING_DOWN,
        "good",
        "inadequate",
    )
    html = detail(viewer, run)
    assert '<th scope="col" class="govuk-table__header">Council</th>' in html
    assert "Wirral" in html and "Sefton" in html
    assert "Our area" in html  # tagged beside Wirral


def test_which_of_ours_went_down(viewer, two_councils):
    ours, theirs = two_councils
    make_run()
    run = make_run()
    change(
        run, ServiceFactory(name="Oak Lodge", council=ours), KIND.RATING_DOWN, "good", "inadequate"
    )
    change(
        run, ServiceFactory(name="Ash House", council=ours), KIND.RATING_UP, "good", "outstanding"
    )
    change(
        run,
        ServiceFactory(name="Elm Court", council=theirs),
        KIND.RATING_DOWN,
        "good",
        "inadequate",
    )

    html = detail(viewer, run, "?area=ours&kind=rating_down")

    assert "In our area only" in html and 'value="ours" checked' in html
    assert "Oak Lodge" in html
    assert "Elm Court" not in html and "Ash House" not in html
    assert "Rating down in our area: 1" in html
    # The kind links keep the area; the kinds are counted within it.
    assert 'href="?kind=rating_up&amp;area=ours#changes"' in html
    assert "Rating up (1)" in html and "Rating down (1)" in html


def test_the_area_filter_keeps_to_pages(viewer, two_councils):
    ours, _ = two_councils
    make_run()
    run = make_run()
    for n in range(60):
        change(run, ServiceFactory(name=f"Home {n:02d}", council=ours), KIND.REGISTERED)
    html = detail(viewer, run, "?area=ours")
    assert "page 1 of 2" in html
    assert "area=ours&amp;page=2" in html or "page=2&amp;area=ours" in html


def test_no_filter_is_offered_before_our_area_is_set(viewer):
    make_run()
    run = make_run()
    change(run, ServiceFactory(), KIND.REGISTERED)
    assert "In our area only" not in detail(viewer, run)


def test_values_that_do_not_exist_are_not_shown_as_none(viewer, two_councils):
    ours, _ = two_councils
    make_run()
    run = make_run()
    change(run, ServiceFactory(name="New Home", council=ours), KIND.REGISTERED)
    change(run, ServiceFactory(name="Bedded Home", council=ours), KIND.BEDS_CHANGED, "", "40")
    change(run, ServiceFactory(name="First Rated", council=ours), KIND.FIRST_RATING, "", "good")
    html = detail(viewer, run)
    assert ">None<" not in html and "None" not in html.split('id="changes"', 1)[1]
    assert "Not set" in html  # beds first given, the first rating
    assert '<td class="govuk-table__cell">40</td>' in html
    assert '<td class="govuk-table__cell">Good</td>' in html


def test_only_the_first_import_of_a_regulator_says_it_reports_none(viewer):
    first = make_run()
    later = make_run()
    ofsted_first = make_run(regulator="ofsted", layout="ofsted_providers")

    first_html, later_html = detail(viewer, first), detail(viewer, later)
    expected = "The first import of a regulator's register reports no changes: everything is new"
    assert expected in first_html
    assert expected not in later_html and "No changes." in later_html
    assert "reports none" not in later_html
    assert expected in detail(viewer, ofsted_first)


def test_a_failed_import_says_nothing_changed(viewer):
    run = make_run(status=ImportRun.Status.FAILED, error="bad.csv, row 2: wrong")
    html = detail(viewer, run)
    assert "None: the import failed" in html
    assert "first import" not in html


def test_the_list_keeps_to_a_few_columns_with_numbers_right_aligned(viewer):
    make_run(created=14840, updated=12, new_ratings=7)
    html = viewer.get(reverse("regulators:import-list")).text
    head = html.split("<thead", 1)[1].split("</thead>", 1)[0]
    assert head.count("<th ") <= 7
    assert head.count("govuk-table__header--numeric") == 3
    assert "govuk-table--small-text-until-tablet" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">14,840</td>' in html
