"""The import's write: upserts, rating history, change events, deactivation, audit."""

import datetime

import pytest

from careqa.audit.models import AuditEvent
from careqa.providers.models import ChangeEvent, Provider, PublishedRating, Service
from careqa.providers.vocab import Rating
from careqa.regulators import register_writer
from careqa.regulators.models import ImportRun
from careqa.regulators.records import (
    UNSET,
    ParsedFile,
    ProviderRecord,
    RatingRecord,
    ServiceRecord,
)

D1 = datetime.date(2024, 3, 1)
D2 = datetime.date(2025, 3, 1)


def service(location_id, *, rating=Rating.GOOD, rated_on=datetime.date(2023, 5, 1), **fields):
    defaults = dict(
        provider_id="1-P1",
        name=f"Home {location_id}",
        postcode="WV1 1AA",
        council_name="Wolverhampton",
        region_name="West Midlands",
        service_types=("residential",),
        care_home=True,
        beds=30,
        active=True,
    )
    defaults.update(fields)
    record = ServiceRecord(location_id=location_id, row=2, **defaults)
    if rating is not UNSET:
        record.rating = (
            None
            if rating is None
            else RatingRecord(
                overall=rating, rated_on=rated_on, published=rated_on, safe=Rating.GOOD
            )
        )
    return record


def parsed(services, *, snapshot=D1, full=True):
    return ParsedFile(
        file_name="test.csv",
        layout="cqc_hsca",
        regulator="cqc",
        snapshot_date=snapshot,
        services=services,
        providers={"1-P1": ProviderRecord(provider_id="1-P1", name="Acme Care Ltd")},
        rows=len(services),
        full_register=full,
    )


def run_import(parsed_file, by=None):
    run = ImportRun.objects.create(
        regulator="cqc",
        file_name=parsed_file.file_name,
        started_at=datetime.datetime.now(datetime.UTC),
        by_name="test",
        snapshot_date=parsed_file.snapshot_date,
        full_register=parsed_file.full_register,
    )
    register_writer.write(parsed_file, run=run, by=by)
    run.status = ImportRun.Status.SUCCEEDED
    run.save()
    return run


@pytest.fixture
def first_import(db):
    return run_import(parsed([service("1-A"), service("1-B", rating=None), service("1-C")]))


def test_first_import_creates_the_register_with_audit_and_no_change_events(first_import):
    run = first_import
    assert (run.created, run.updated, run.unchanged, run.new_ratings) == (3, 0, 0, 2)
    assert Service.objects.count() == 3
    assert Provider.objects.get().name == "Acme Care Ltd"
    home = Service.objects.get(location_id="1-A")
    assert home.council.name == "Wolverhampton"
    assert home.region.name == "West Midlands"
    assert home.council.region == home.region
    assert home.type_codes == ["residential"]
    assert home.rating == Rating.GOOD
    assert Service.objects.get(location_id="1-B").rating is None
    assert PublishedRating.objects.get(service=home).safe == Rating.GOOD
    # The first import establishes the register rather than reporting 3 'new' homes.
    assert not ChangeEvent.objects.exists()
    created = AuditEvent.objects.filter(action="created")
    assert created.filter(record_type="providers.service").count() == 3
    assert created.filter(record_type="providers.provider").count() == 1
    assert created.filter(record_type="providers.publishedrating").count() == 2
    event = created.get(record_type="providers.service", record_id=home.pk)
    assert event.changes["beds"] == [None, 30]
    assert event.import_run_id == run.pk


def test_unchanged_reimport_writes_nothing_but_the_run(first_import):
    audit_before = AuditEvent.objects.count()
    run = run_import(parsed([service("1-A"), service("1-B", rating=None), service("1-C")]))
    assert (run.created, run.updated, run.unchanged, run.new_ratings) == (0, 0, 3, 0)
    assert AuditEvent.objects.count() == audit_before
    assert PublishedRating.objects.count() == 2


def test_changes_become_history_change_events_and_audit(first_import):
    run = run_import(
        parsed(
            [
                service(
                    "1-A",
                    rating=Rating.REQUIRES_IMPROVEMENT,
                    rated_on=datetime.date(2025, 1, 10),
                    beds=32,
                    name="Home A Renamed",
                ),
                service("1-B", rated_on=datetime.date(2024, 11, 1)),
                service("1-D"),
            ],
            snapshot=D2,
        )
    )
    assert (run.created, run.updated, run.deactivated, run.new_ratings) == (1, 2, 1, 3)
    home = Service.objects.get(location_id="1-A")
    assert home.rating == Rating.REQUIRES_IMPROVEMENT
    assert home.rating_published == datetime.date(2025, 1, 10)
    assert home.ratings.count() == 2
    kinds = {(e.service.location_id, e.kind) for e in ChangeEvent.objects.select_related("service")}
    assert kinds == {
        ("1-A", "rating_down"),
        ("1-A", "renamed"),
        ("1-A", "beds_changed"),
        ("1-B", "first_rating"),
        ("1-C", "deregistered"),
        ("1-D", "registered"),
        ("1-D", "first_rating"),
    }
    gone = Service.objects.get(location_id="1-C")
    assert not gone.active and gone.deactivated_on == D2
    change = AuditEvent.objects.get(record_id=home.pk, action="changed")
    assert change.changes["beds"] == [30, 32]
    assert change.changes["rating"] == ["good", "requires_improvement"]
    assert AuditEvent.objects.filter(record_id=gone.pk, action="deactivated").exists()


def test_a_partial_file_deactivates_nothing_and_leaves_absent_fields_alone(first_import):
    record = service("1-A", beds=UNSET, rating=UNSET, service_types=UNSET)
    run = run_import(parsed([record], snapshot=D2, full=False))
    assert run.deactivated == 0
    assert Service.objects.filter(active=True).count() == 3
    home = Service.objects.get(location_id="1-A")
    assert home.beds == 30 and home.type_codes == ["residential"] and home.rating == Rating.GOOD


def test_a_service_listed_again_is_reactivated(first_import):
    run_import(parsed([service("1-A"), service("1-B", rating=None)], snapshot=D2))
    assert not Service.objects.get(location_id="1-C").active
    run_import(
        parsed(
            [service("1-A"), service("1-B", rating=None), service("1-C")],
            snapshot=datetime.date(2026, 3, 1),
        )
    )
    back = Service.objects.get(location_id="1-C")
    assert back.active and back.deactivated_on is None
    assert ChangeEvent.objects.filter(service=back, kind="reactivated").exists()


def test_an_older_snapshot_adds_history_without_overwriting(first_import):
    old = service("1-A", rating=Rating.INADEQUATE, rated_on=datetime.date(2021, 6, 1), beds=12)
    run = run_import(parsed([old], snapshot=datetime.date(2022, 3, 1)))
    home = Service.objects.get(location_id="1-A")
    assert home.beds == 30 and home.rating == Rating.GOOD
    assert home.first_seen_on == datetime.date(2022, 3, 1)
    assert list(home.ratings.values_list("overall", flat=True)) == ["good", "inadequate"]
    assert run.deactivated == 0 and run.warnings
    assert not ChangeEvent.objects.exists()


def test_the_same_inspection_published_later_is_one_rating(db):
    inspected = datetime.date(2015, 7, 21)
    early = service("SC1", rating=UNSET)
    early.rating = RatingRecord(overall=Rating.GOOD, rated_on=inspected, inspected=inspected)
    run_import(parsed([early], snapshot=datetime.date(2016, 3, 31)))
    later = service("SC1", rating=UNSET)
    later.rating = RatingRecord(
        overall=Rating.GOOD,
        rated_on=datetime.date(2015, 9, 1),
        inspected=inspected,
        published=datetime.date(2015, 9, 1),
    )
    run = run_import(parsed([later], snapshot=datetime.date(2017, 3, 31)))
    rating = PublishedRating.objects.get()
    assert rating.published == datetime.date(2015, 9, 1)
    assert rating.rated_on == datetime.date(2015, 9, 1)
    assert run.new_ratings == 0
    assert AuditEvent.objects.filter(record_type="providers.publishedrating", action="changed")


def test_councils_spelled_differently_are_one_place(db):
    run_import(parsed([service("1-A", council_name="Bristol, City of", region_name="South West")]))
    run_import(
        parsed(
            [service("1-B", council_name="Bristol", region_name="South West")],
            snapshot=D2,
            full=False,
        )
    )
    assert Service.objects.values("council").distinct().count() == 1


def test_regions_spelled_the_cqc_and_ofsted_ways_are_one_region(db):
    run_import(parsed([service("1-A", council_name="Leeds", region_name="Yorkshire & Humberside")]))
    run_import(
        parsed(
            [service("1-B", council_name="Leeds", region_name="Yorkshire and The Humber")],
            snapshot=D2,
            full=False,
        )
    )
    assert set(Service.objects.values_list("region__name", flat=True)) == {
        "Yorkshire and The Humber"
    }


def test_a_later_file_stating_an_earlier_rating_withdraws_the_later_one(db):
    run_import(parsed([service("1-A", rating=Rating.GOOD, rated_on=datetime.date(2018, 11, 26))]))
    run_import(
        parsed(
            [
                service(
                    "1-A", rating=Rating.REQUIRES_IMPROVEMENT, rated_on=datetime.date(2020, 3, 5)
                )
            ],
            snapshot=D2,
        )
    )
    # The regulator's next file gives the 2018 rating as the latest again.
    run_import(
        parsed(
            [service("1-A", rating=Rating.GOOD, rated_on=datetime.date(2018, 11, 26))],
            snapshot=datetime.date(2026, 3, 1),
        )
    )
    home = Service.objects.get(location_id="1-A")
    assert home.rating == Rating.GOOD
    assert home.rating_published == datetime.date(2018, 11, 26)
    withdrawn = home.ratings.get(overall=Rating.REQUIRES_IMPROVEMENT)
    assert withdrawn.withdrawn_on == datetime.date(2026, 3, 1)
    event = ChangeEvent.objects.get(kind="rating_withdrawn")
    assert (event.old_value, event.new_value) == ("Requires improvement", "Good")


def test_a_file_giving_no_rating_withdraws_the_ratings_held(first_import):
    run_import(parsed([service("1-A", rating=None)], snapshot=D2, full=False))
    home = Service.objects.get(location_id="1-A")
    assert home.rating is None and home.rating_published is None
    assert home.ratings.get().withdrawn_on == D2
