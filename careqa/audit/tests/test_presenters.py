import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from careqa.audit.models import AuditEvent
from careqa.audit.presenters import NOT_SET, present_events

AT = datetime.datetime(2025, 3, 4, 14, 30, tzinfo=datetime.UTC)


def event(action="changed", changes=None, record_type="providers.contract", **kw):
    defaults = dict(
        occurred_at=AT,
        actor_id=7,
        actor_name="Jo Bloggs",
        action=action,
        record_type=record_type,
        record_id=1,
        record_label="Care Homes Framework (active)",
        changes=changes or {},
    )
    return AuditEvent(**{**defaults, **kw})


def present_one(e, **kw):
    (presented,) = present_events([e], import_names=kw.pop("import_names", {}))
    return presented


def test_a_status_change_reads_as_a_sentence_with_choice_labels():
    presented = present_one(event(changes={"status": ["active", "suspended"]}))
    assert presented.sentence == "Jo Bloggs changed the status from Active to Suspended"
    assert presented.who == "Jo Bloggs"
    assert presented.when == AT
    assert presented.changes == [("Status", "Active", "Suspended")]


def test_dates_are_shown_the_gov_uk_way():
    presented = present_one(event(changes={"end_date": ["2025-03-31", "2026-04-01"]}))
    assert presented.changes == [("End date", "31 March 2025", "1 April 2026")]
    assert presented.sentence == "Jo Bloggs changed the end date from 31 March 2025 to 1 April 2026"


def test_setting_and_removing_a_value():
    set_it = present_one(event(changes={"end_date": [None, "2026-04-01"]}))
    assert set_it.sentence == "Jo Bloggs set the end date to 1 April 2026"
    assert set_it.changes == [("End date", NOT_SET, "1 April 2026")]
    removed = present_one(event(changes={"reference": ["CH-1", ""]}))
    assert removed.sentence == "Jo Bloggs removed the reference"


def test_several_changes_are_listed_and_long_text_is_not_quoted_in_the_sentence():
    presented = present_one(
        event(changes={"status": ["active", "in_default"], "notes": ["", "Long\nnotes"]})
    )
    assert presented.sentence == "Jo Bloggs changed the status and notes"
    assert presented.changes == [
        ("Status", "Active", "In default"),
        ("Notes", NOT_SET, "Long\nnotes"),
    ]
    only_notes = present_one(event(changes={"notes": ["a", "b"]}))
    assert only_notes.sentence == "Jo Bloggs changed the notes"


def test_created_names_the_kind_of_record():
    presented = present_one(
        event(action="created", changes={"framework": [None, "CHF"], "status": [None, "active"]})
    )
    assert presented.sentence == "Jo Bloggs created this contract"
    assert presented.changes == [("Framework", NOT_SET, "CHF"), ("Status", NOT_SET, "Active")]


def test_an_import_is_named_for_its_regulator_and_number():
    presented = present_one(
        event(
            action="created",
            record_type="providers.service",
            actor_id=None,
            actor_name="Command line",
            import_run_id=12,
            changes={},
        ),
        import_names={12: "CQC import #12"},
    )
    assert presented.sentence == "CQC import #12 created this service"
    assert presented.import_run_id == 12


def test_a_person_who_ran_an_import_is_named_with_it():
    presented = present_one(
        event(action="deactivated", record_type="providers.service", import_run_id=3),
        import_names={3: "Ofsted import #3"},
    )
    assert presented.who == "Jo Bloggs (Ofsted import #3)"
    assert presented.sentence == "Jo Bloggs (Ofsted import #3) deactivated this service"


def test_unknown_record_types_and_fields_still_read_sensibly():
    presented = present_one(
        event(record_type="gone.widget", changes={"colour_name": ["red", "blue"]})
    )
    assert presented.sentence == "Jo Bloggs changed the colour name from red to blue"
    assert presented.changes == [("Colour name", "red", "blue")]


def test_lists_booleans_and_foreign_keys():
    presented = present_one(
        event(
            record_type="providers.service",
            changes={"care_home": [False, True], "council": ["Wirral", "Sefton"]},
        )
    )
    assert presented.changes == [("Care home", "No", "Yes"), ("Council", "Wirral", "Sefton")]
    area = present_one(
        event(record_type="areas.councilprofile", changes={"our_area": [["Wirral"], ["A", "B"]]})
    )
    assert area.changes == [("Our area", "Wirral", "A, B")]


def test_order_is_kept():
    first = event(changes={"status": ["active", "suspended"]})
    second = event(changes={"status": ["suspended", "active"]})
    presented = present_events([first, second], import_names={})
    assert [p.changes[0][2] for p in presented] == ["Suspended", "Active"]


@pytest.mark.django_db
def test_import_runs_are_looked_up_in_one_query(django_assert_num_queries):
    from careqa.regulators.models import ImportRun

    run = ImportRun.objects.create(
        regulator="ofsted", file_name="x.csv", started_at=timezone.now(), by_name="Command line"
    )
    events = [
        event(
            action="created", actor_id=None, import_run_id=run.pk, record_type="providers.service"
        ),
        event(
            action="changed", actor_id=None, import_run_id=run.pk, record_type="providers.service"
        ),
    ]
    with django_assert_num_queries(1):
        presented = present_events(events)
    assert presented[0].sentence == f"Ofsted import #{run.pk} created this service"


def test_no_query_without_imports():
    # No database marker: any query would fail the test.
    assert present_events([event(changes={"status": ["active", "terminated"]})])


def test_the_trail_template_renders_a_table_with_a_caption():
    presented = present_events(
        [
            event(changes={"status": ["active", "suspended"]}),
            event(action="created", changes={"framework": [None, "CHF"]}),
        ],
        import_names={},
    )
    html = render_to_string(
        "_components/audit_trail.html", {"events": presented, "caption": "Contract history"}
    )
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Contract history' in html
    assert "Jo Bloggs changed the status from Active to Suspended" in html
    assert "from Active to Suspended" in html
    assert "4 March 2025" in html
    assert "2:30pm" in html  # 14:30 UTC is 2:30pm in London in March


def test_the_trail_template_says_when_nothing_was_recorded():
    html = render_to_string("_components/audit_trail.html", {"events": []})
    assert "No changes recorded" in html
    assert "<table" not in html


def test_no_page_can_change_or_delete_audit_events():
    # The trail is written only by actions, in their own transactions: no view of its own.
    from django.urls import URLPattern, URLResolver, get_resolver

    def views(patterns):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from views(entry.url_patterns)
            elif isinstance(entry, URLPattern):
                yield entry.callback

    modules = {view.__module__ for view in views(get_resolver().url_patterns)}
    assert not [module for module in modules if module.startswith("careqa.audit")]


@pytest.mark.django_db
def test_coded_fields_read_in_words():
    from careqa.audit.actions import build_event
    from careqa.factories import ServiceFactory

    service = ServiceFactory.build(pk=7)
    event = build_event(
        obj=service,
        action="created",
        changes={
            "location_id": [None, "2592542"],
            "service_types": [None, " childrens_home "],
            "provider": [None, "ofsted-org:larch childcare limited"],
        },
        by=None,
    )
    [presented] = present_events([event])
    assert presented.changes == [
        ("Location ID or URN", "Not set", "2592542"),
        ("Service types", "Not set", "Children's home"),
        ("Provider", "Not set", "Larch Childcare Limited (as Ofsted names it)"),
    ]
