"""The default question sets: their shape, their vocabulary and the kind_for mapping."""

import re
from collections import Counter

import pytest

from careqa.providers.vocab import CQC_KEY_QUESTIONS, OFSTED_AREAS, ServiceType
from careqa.visits.question_bank import (
    ADULT_AREAS,
    CHILDREN_AREAS,
    CHILDREN_KINDS,
    CHILDRENS_HOMES_REGS,
    CQC_QS,
    DEFAULT_SETS,
    EVIDENCE_CATEGORIES,
    FOSTERING_NMS,
    FOSTERING_REGS,
    SERVICE_KINDS,
    DefaultQuestion,
    areas_for,
    kind_for,
)
from careqa.visits.vocab import ServiceKind

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ADULT_KINDS = sorted(set(SERVICE_KINDS) - CHILDREN_KINDS)
ALL_QUESTIONS = [(kind, q) for kind, questions in DEFAULT_SETS.items() for q in questions]

# The CQC single assessment framework's quality statements, by key question.
CQC_STATEMENTS = {
    "safe": {
        "Learning culture",
        "Safe systems, pathways and transitions",
        "Safeguarding",
        "Involving people to manage risks",
        "Safe environments",
        "Safe and effective staffing",
        "Infection prevention and control",
        "Medicines optimisation",
    },
    "effective": {
        "Assessing needs",
        "Delivering evidence-based care and treatment",
        "How staff, teams and services work together",
        "Supporting people to live healthier lives",
        "Monitoring and improving outcomes",
        "Consent to care and treatment",
    },
    "caring": {
        "Kindness, compassion and dignity",
        "Treating people as individuals",
        "Independence, choice and control",
        "Responding to people's immediate needs",
        "Workforce wellbeing and enablement",
    },
    "responsive": {
        "Person-centred care",
        "Care provision, integration and continuity",
        "Providing information",
        "Listening to and involving people",
        "Equity in access",
        "Equity in experiences and outcomes",
        "Planning for the future",
    },
    "well_led": {
        "Shared direction and culture",
        "Capable, compassionate and inclusive leaders",
        "Freedom to speak up",
        "Workforce equality, diversity and inclusion",
        "Governance, management and sustainability",
        "Partnerships and communities",
        "Learning, improvement and innovation",
        "Environmental sustainability - sustainable development",
    },
}
ALL_CQC_STATEMENTS = set().union(*CQC_STATEMENTS.values())


def _id(item):
    kind, question = item
    return f"{kind}:{question.key}"


def test_every_kind_has_a_set():
    assert set(DEFAULT_SETS) == set(SERVICE_KINDS)
    assert CHILDREN_KINDS <= set(SERVICE_KINDS)
    for kind, questions in DEFAULT_SETS.items():
        assert isinstance(questions, tuple), kind
        assert all(isinstance(q, DefaultQuestion) for q in questions), kind


def test_kinds_match_the_visits_vocabulary():
    assert SERVICE_KINDS == dict(ServiceKind.choices)


def test_area_codes_match_the_register_vocabulary():
    assert ADULT_AREAS == CQC_KEY_QUESTIONS
    assert CHILDREN_AREAS == OFSTED_AREAS
    assert areas_for("care_home") == CQC_KEY_QUESTIONS
    assert areas_for("fostering_agency") == OFSTED_AREAS


@pytest.mark.parametrize("kind", sorted(SERVICE_KINDS))
def test_each_area_has_four_to_seven_questions(kind):
    expected = OFSTED_AREAS if kind in CHILDREN_KINDS else CQC_KEY_QUESTIONS
    counts = Counter(q.area for q in DEFAULT_SETS[kind])
    assert set(counts) == set(expected), kind
    for area in expected:
        assert 4 <= counts[area] <= 7, (kind, area, counts[area])


@pytest.mark.parametrize("kind", sorted(SERVICE_KINDS))
def test_set_size_suits_the_kind(kind):
    size = len(DEFAULT_SETS[kind])
    if kind in CHILDREN_KINDS:
        assert 15 <= size <= 18, size
    else:
        assert 25 <= size <= 30, size


@pytest.mark.parametrize("kind", sorted(SERVICE_KINDS))
def test_questions_are_grouped_by_area_in_framework_order(kind):
    order = areas_for(kind)
    positions = [order.index(q.area) for q in DEFAULT_SETS[kind]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("kind", sorted(SERVICE_KINDS))
def test_keys_are_unique_slugs(kind):
    keys = [q.key for q in DEFAULT_SETS[kind]]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    for key in keys:
        assert SLUG.match(key), key
        assert len(key) <= 80, key  # Question.key is a SlugField(max_length=80)


@pytest.mark.parametrize("item", ALL_QUESTIONS, ids=_id)
def test_evidence_codes_are_valid(item):
    _, question = item
    assert isinstance(question.evidence, tuple)
    assert question.evidence
    assert set(question.evidence) <= set(EVIDENCE_CATEGORIES)
    assert len(question.evidence) == len(set(question.evidence))


@pytest.mark.parametrize("item", ALL_QUESTIONS, ids=_id)
def test_text_is_one_plain_question(item):
    _, question = item
    text = question.text
    assert text == text.strip() and text[0].isupper()
    assert text.endswith("?")
    assert text.count("?") == 1
    assert "  " not in text
    assert "e.g." not in text and "&" not in text
    assert len(text) <= 400  # Question.text is a CharField(max_length=400)


@pytest.mark.parametrize("item", ALL_QUESTIONS, ids=_id)
def test_guidance_is_short_and_complete(item):
    _, question = item
    guidance = question.guidance
    assert guidance and guidance == guidance.strip()
    assert guidance.endswith(".")
    assert "  " not in guidance
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", guidance) if s]
    assert 1 <= len(sentences) <= 3, sentences


@pytest.mark.parametrize("item", ALL_QUESTIONS, ids=_id)
def test_references_use_the_kinds_frameworks(item):
    kind, question = item
    refs = question.references
    assert isinstance(refs, dict)
    assert all(isinstance(v, str) and v for v in refs.values())
    if kind == "childrens_home":
        assert set(refs) <= {CHILDRENS_HOMES_REGS}
        for ref in refs.values():
            assert re.match(r"^Regulation \d+: \S", ref), ref
    elif kind == "fostering_agency":
        assert set(refs) <= {FOSTERING_REGS, FOSTERING_NMS}
        if FOSTERING_REGS in refs:
            assert re.match(r"^Regulation \d+: \S", refs[FOSTERING_REGS])
        if FOSTERING_NMS in refs:
            assert re.match(r"^Standard \d+: \S", refs[FOSTERING_NMS])
    else:
        assert set(refs) <= {CQC_QS}
        if CQC_QS in refs:
            assert refs[CQC_QS] in ALL_CQC_STATEMENTS, refs[CQC_QS]


def test_most_questions_carry_a_reference():
    with_refs = sum(1 for _, q in ALL_QUESTIONS if q.references)
    assert with_refs / len(ALL_QUESTIONS) > 0.9


def test_questions_are_frozen_and_hashable():
    question = DEFAULT_SETS["care_home"][0]
    with pytest.raises(AttributeError):
        question.key = "changed"
    assert hash(question) == hash(question)


@pytest.mark.parametrize(
    ("kind", "needle"),
    [
        ("care_home_nursing", "pressure ulcers"),
        ("care_home_nursing", "registered nurses"),
        ("care_home_nursing", "end of their life"),
        ("home_care", "missed or late"),
        ("home_care", "call monitoring"),
        ("home_care", "same small group of carers"),
        ("home_care", "travel time"),
        ("supported_living", "tenancy"),
        ("supported_living", "positive behaviour support"),
        ("supported_living", "restraint"),
        ("extra_care", "landlord"),
        ("extra_care", "alarm"),
        ("day_service", "transport"),
        ("day_service", "activities"),
        ("childrens_home", "missing"),
        ("childrens_home", "Regulation 44"),
        ("childrens_home", "restraint"),
        ("fostering_agency", "unannounced visit"),
        ("fostering_agency", "fostering panel"),
        ("fostering_agency", "allegations"),
    ],
)
def test_sets_are_tailored_to_the_kind(kind, needle):
    assert any(needle.lower() in q.text.lower() for q in DEFAULT_SETS[kind]), needle


def test_childrens_home_set_covers_the_quality_standards():
    cited = {q.references.get(CHILDRENS_HOMES_REGS) for q in DEFAULT_SETS["childrens_home"]}
    numbers = {int(re.match(r"Regulation (\d+)", ref).group(1)) for ref in cited if ref}
    assert set(range(6, 14)) <= numbers  # the quality standards except care planning
    assert {44, 45} <= numbers


@pytest.mark.parametrize(
    ("types", "care_home", "expected"),
    [
        ({"nursing"}, True, "care_home_nursing"),
        ({"residential"}, True, "care_home"),
        ({"residential", "nursing"}, True, "care_home_nursing"),
        ({"domiciliary"}, False, "home_care"),
        ({"supported_living"}, False, "supported_living"),
        ({"extra_care"}, False, "extra_care"),
        ({"day"}, False, "day_service"),
        ({"childrens_home"}, False, "childrens_home"),
        ({"fostering"}, False, "fostering_agency"),
        ({"domiciliary", "supported_living"}, False, "home_care"),
        ({"extra_care", "domiciliary"}, False, "home_care"),
        ({"day", "supported_living"}, False, "supported_living"),
        ({"residential", "day"}, True, "care_home"),
        ({"childrens_home", "fostering"}, False, "childrens_home"),
        ({"other"}, True, "care_home"),
        ({"other"}, False, "home_care"),
        (set(), True, "care_home"),
        (set(), False, "home_care"),
    ],
)
def test_kind_for(types, care_home, expected):
    assert kind_for(types, care_home=care_home) == expected


def test_kind_for_accepts_service_type_members():
    assert kind_for({ServiceType.NURSING}, care_home=True) == "care_home_nursing"
    assert kind_for([ServiceType.DAY, ServiceType.OTHER], care_home=False) == "day_service"


def test_every_service_type_maps_to_a_known_kind():
    for code in ServiceType.values:
        assert kind_for({code}, care_home=False) in SERVICE_KINDS
