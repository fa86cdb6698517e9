"""The alerts' triggers: a fall in rating in an import, a safeguarding enquiry opened, a
rise in risk band, a review date passed; each to the lead officer (or the managers), once."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careqa.factories import ContractFactory, ServiceFactory, UserFactory
from careqa.notify.models import Alert
from careqa.providers.vocab import RATING_RANK, Rating
from careqa.risk import alerts
from careqa.risk.models import ServiceRisk
from careqa.risk.rules import alerts as rules
from careqa.risk.vocab import Band

TODAY = datetime.date.today()
LABELS = dict(Rating.choices)
BANDS = list(Band.values)


# -- the rules -------------------------------------------------------------------------


@given(st.sampled_from(list(Rating.values) + ["", None]), st.sampled_from(list(Rating.values)))
def test_a_fall_is_a_worse_overall_rating_than_before(old, new):
    fell = rules.rating_fell(old, new)
    assert fell == (
        old in RATING_RANK and new in RATING_RANK and RATING_RANK[new] < RATING_RANK[old]
    )
    # The change events keep labels: the same answer.
    assert rules.rating_fell(LABELS.get(old, old), LABELS[new]) == fell


@given(st.sampled_from(BANDS), st.sampled_from(BANDS))
def test_a_band_rises_only_upwards_and_never_both_ways(old, new):
    assert not (rules.band_rose(old, new) and rules.band_rose(new, old))
    assert not rules.band_rose(old, old)
    if rules.band_rose(old, new):
        assert new != Band.LOW and new != Band.NOT_ENOUGH_EVIDENCE


def test_not_enough_evidence_counts_as_low():
    assert rules.band_rose(Band.NOT_ENOUGH_EVIDENCE, Band.HIGH)
    assert not rules.band_rose(Band.NOT_ENOUGH_EVIDENCE, Band.LOW)
    assert not rules.band_rose(Band.LOW, Band.NOT_ENOUGH_EVIDENCE)
    assert rules.tell_managers_of_band(Band.VERY_HIGH) and not rules.tell_managers_of_band("high")


@given(st.dates(), st.integers(min_value=-400, max_value=400))
def test_a_review_date_has_passed_the_day_after_it(today, offset):
    review_on = today + datetime.timedelta(days=offset)
    assert rules.review_passed(review_on, today) == (offset < 0)
    assert not rules.review_passed(None, today)


# -- who is told -----------------------------------------------------------------------


def _ours(**fields):
    service = ServiceFactory(**fields)
    ContractFactory(service=service)
    return service


def _lead(service, officer):
    from careqa.visits.actions import assign_lead_officer

    assign_lead_officer(service=service, officer=officer, by=officer, today=TODAY)


@pytest.mark.django_db
def test_the_lead_officer_is_told_or_else_the_managers(personas):
    officer, manager = personas["qa_officer"], personas["qa_manager"]
    other_manager = UserFactory(role="qa_manager")
    service = _ours()
    assert alerts.recipients(service) == [manager, other_manager]
    _lead(service, officer)
    assert alerts.recipients(service) == [officer]
    assert alerts.recipients(service, with_managers=True) == [officer, manager, other_manager]
    officer.is_active = False
    officer.save()
    assert alerts.recipients(service) == [manager, other_manager]


# -- a rating falls in an import -------------------------------------------------------


@pytest.mark.django_db
def test_a_fall_in_an_import_tells_the_lead_officer_of_our_service_only(personas):
    from careqa.providers.models import Service
    from careqa.regulators.tests.test_register_writer import D2, parsed, run_import, service

    run_import(parsed([service("1-A"), service("1-B"), service("1-C", rating=Rating.GOOD)]))
    ours, not_ours = Service.objects.get(location_id="1-A"), Service.objects.get(location_id="1-B")
    ContractFactory(service=ours)
    officer = personas["qa_officer"]
    _lead(ours, officer)
    _lead(not_ours, officer)
    later = datetime.date(2025, 1, 10)
    second = parsed(
        [
            service("1-A", rating=Rating.INADEQUATE, rated_on=later),
            service("1-B", rating=Rating.INADEQUATE, rated_on=later),
            service("1-C", rating=Rating.OUTSTANDING, rated_on=later),
        ],
        snapshot=D2,
    )
    run = run_import(second)
    [notice] = Alert.objects.all()
    assert notice.user == officer and notice.service_id == ours.pk
    assert notice.subject == "Rating fell: Home 1-A"
    assert "CQC rated Home 1-A Inadequate (before: Good)" in notice.text
    assert notice.link == f"/services/{ours.pk}/"
    # The run saved again (or the trigger run again) tells no one twice.
    run.save()
    assert alerts.ratings_fell(run) == [] and Alert.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_import_tells_no_one(personas):
    from careqa.regulators.models import ImportRun

    run = ImportRun.objects.create(
        regulator="cqc",
        file_name="x.csv",
        started_at=datetime.datetime.now(datetime.UTC),
        by_name="t",
        status=ImportRun.Status.FAILED,
    )
    assert run.pk and Alert.objects.count() == 0


# -- an enquiry opens ------------------------------------------------------------------


def _enquiry(service, by):
    from careqa.risk.actions import record_enquiry

    return record_enquiry(
        service=service,
        by=by,
        today=TODAY,
        kind="s42",
        reference="SG-1",
        risk_types=["financial"],
        risk_source="service_provider",
        risk_location="care_home_residential",
        opened_on=TODAY,
        summary="Money missing from a resident's account",
    )


@pytest.mark.django_db
def test_an_enquiry_tells_the_lead_officer_in_the_same_transaction(personas, mailoutbox):
    officer, manager = personas["qa_officer"], personas["qa_manager"]
    service = _ours(name="Oak Lodge")
    _lead(service, officer)
    enquiry = _enquiry(service, manager)
    notice = Alert.objects.get(user=officer, key=f"enquiry:{enquiry.pk}")
    assert notice.subject == "Safeguarding enquiry opened: Oak Lodge"
    assert notice.link == f"/risk/safeguarding/{enquiry.pk}/"
    # Generic: no types of risk, no summary in a notice that also goes by e-mail.
    assert "financial" not in notice.text.lower() and "money" not in notice.text.lower()


@pytest.mark.django_db
def test_whoever_records_the_enquiry_is_not_told_of_it(personas):
    officer = personas["qa_officer"]
    service = _ours()
    _lead(service, officer)
    _enquiry(service, officer)
    assert not Alert.objects.filter(user=officer, key__startswith="enquiry:").exists()


@pytest.mark.django_db
def test_with_no_lead_officer_the_managers_are_told(personas):
    _enquiry(_ours(), personas["qa_officer"])
    assert list(
        Alert.objects.filter(key__startswith="enquiry:").values_list("user__role", flat=True)
    ) == ["qa_manager"]


# -- the band rises --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_rise_in_band_tells_the_lead_officer_and_very_high_the_managers(personas):
    from careqa.risk.actions import recompute

    officer, manager = personas["qa_officer"], personas["qa_manager"]
    service = _ours(rating="good", rating_published=TODAY - datetime.timedelta(days=100))
    _lead(service, officer)
    recompute(today=TODAY, service_ids=[service.pk])  # the first score is no rise
    assert not Alert.objects.filter(key__startswith="band:").exists()
    before = ServiceRisk.objects.get(service=service).band
    service.rating = "inadequate"
    service.save()
    recompute(today=TODAY, service_ids=[service.pk])
    after = ServiceRisk.objects.get(service=service).band
    assert rules.band_rose(before, after)
    told = {a.user.username for a in Alert.objects.filter(key__startswith="band:")}
    assert told == ({"qa_officer", "qa_manager"} if after == "very_high" else {"qa_officer"})
    notice = Alert.objects.get(user=officer, key__startswith="band:")
    assert notice.subject == f"Risk rose to {Band(after).label.lower()}: {service}"
    assert manager.pk


@pytest.mark.django_db
def test_bands_rose_tells_of_rises_at_our_services_only(personas):
    officer = personas["qa_officer"]
    ours, not_ours = _ours(), ServiceFactory()
    _lead(ours, officer)
    _lead(not_ours, officer)
    rises = [
        (ours.pk, "low", "high", 60),
        (not_ours.pk, "low", "high", 60),
        (ours.pk, "high", "medium", 40),  # a fall: nothing
    ]
    told = alerts.bands_rose(rises, today=TODAY)
    assert [(a.user, a.service_id) for a in told] == [(officer, ours.pk)]
    very_high = alerts.bands_rose([(ours.pk, "high", "very_high", 80)], today=TODAY)
    assert {a.user.role for a in very_high} == {"qa_officer", "qa_manager"}
    assert alerts.bands_rose(rises, today=TODAY) == []  # once a day for the same band


# -- a review date passes --------------------------------------------------------------


@pytest.mark.django_db
def test_a_passed_review_date_is_told_once_a_date(personas):
    from careqa.escalation.actions import record_review, take_step
    from careqa.jobs.schedule import entry, load_registrations

    manager, officer = personas["qa_manager"], personas["qa_officer"]
    service = _ours(name="Oak Lodge")
    _lead(service, officer)
    step = take_step(
        service=service,
        kind="suspension",
        by=manager,
        today=TODAY - datetime.timedelta(days=40),
        decide=True,
        reason="r",
        evidence="e",
        placements="all",
        conditions=["A new manager"],
        review_on=TODAY - datetime.timedelta(days=10),
    )
    load_registrations()
    assert entry("review-dates-passed").run() == "1 review dates passed; 1 notices written"
    assert alerts.reviews_passed(today=TODAY + datetime.timedelta(days=1)).endswith(
        "0 notices written"
    )
    [notice] = Alert.objects.filter(user=officer)
    assert notice.subject == "Review date passed: suspension of new placements, Oak Lodge"
    assert notice.link == f"/escalation/suspensions/{step.pk}/"
    # A review moves the date on; when the new date passes, it is told again.
    record_review(
        step=step, by=manager, today=TODAY, notes="Reviewed",
        next_review_on=TODAY + datetime.timedelta(days=7),
    )  # fmt: skip
    assert alerts.reviews_passed(today=TODAY).endswith("0 notices written")
    later = TODAY + datetime.timedelta(days=8)
    assert alerts.reviews_passed(today=later).endswith("1 notices written")


@pytest.mark.django_db
def test_a_weights_change_that_raises_thousands_reads_them_in_chunks(personas):
    ours = _ours()
    _lead(ours, personas["qa_officer"])
    rises = [(n, "low", "medium", 30) for n in range(10_000, 12_500)] + [
        (ours.pk, "low", "medium", 30)
    ]
    assert [a.service_id for a in alerts.bands_rose(rises, today=TODAY)] == [ours.pk]
