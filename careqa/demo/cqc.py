"""The invented CQC register: providers and locations with their rating histories.

Everything is drawn from `random.Random` streams keyed by (seed, council, purpose), so a
council's services are the same whichever scale asks for them, and the latest snapshot
does not depend on how many earlier years are written. Dates are day ordinals inside.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from careqa.demo import england, names
from careqa.demo.england import Council, stable_fraction
from careqa.demo.names import between, cumulative, pick, weighted
from careqa.regulators import layouts

RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
OUT, GOOD, RI, INAD = range(4)
KEY_QUESTIONS = ("Safe", "Effective", "Caring", "Responsive", "Well-led")
GP_POPULATION_GROUPS = (
    "Older people",
    "People with long term conditions",
    "Families, children and young people",
    "Working age people (including those recently retired and students)",
    "People whose circumstances may make them vulnerable",
    "People experiencing poor mental health (including people with dementia)",
)
HSCA_OPENED = date(2010, 10, 1).toordinal()
RATINGS_BEGAN = date(2014, 10, 1).toordinal()
YEAR = 365.25

# National sizes at the snapshot (active locations), spread over councils by their weights.
CARE_HOMES_TOTAL = 15_200
COMMUNITY_TOTAL = 14_000
HEALTH_TOTAL = 21_000
# Share of locations that close in a year, by group (closed ones fill the earlier years).
CLOSURE_RATE = {"care_home": 0.035, "community": 0.07, "health": 0.03}

# Regulated activities, service types and user bands as the HSCA columns name them.
ACC = "Accommodation for persons who require nursing or personal care"
ACC_SUB = "Accommodation for persons who require treatment for substance misuse"
MHA = "Assessment or medical treatment for persons detained under the Mental Health Act 1983"
DSP = "Diagnostic and screening procedures"
FP = "Family planning"
MAT = "Maternity and midwifery services"
NURSING = "Nursing care"
PC = "Personal care"
SLIM = "Services in slimming clinics"
SURG = "Surgical procedures"
TOP = "Termination of pregnancies"
TRANSPORT = "Transport services, triage and medical advice provided remotely"
TDD = "Treatment of disease, disorder or injury"

CHILDREN = "Children 0-18 years"
DEMENTIA = "Dementia"
LD = "Learning disabilities or autistic spectrum disorder"
MH = "Mental Health"
OLDER = "Older People"
DETAINED = "People detained under the Mental Health Act"
DRUGS = "People who misuse drugs and alcohol"
EATING = "People with an eating disorder"
PD = "Physical Disability"
SENSORY = "Sensory Impairment"
WHOLE = "Whole Population"
YOUNGER = "Younger Adults"

ASC = ("Social Care Org", "Adult social care")
RESIDENTIAL = "Residential social care"
COMMUNITY = "Community based adult social care services"


@dataclass(frozen=True, slots=True)
class Kind:
    """A sort of location: its sector, category and the flags it tends to carry."""

    key: str
    group: str  # care_home | community | health
    type_sector: str
    directorate: str
    category: str
    services: tuple  # ((service type, probability), ...)
    activities: tuple  # ((regulated activity, probability), ...)
    bands: tuple  # ((service user band, probability), ...)
    rating: tuple | None = None  # weights of (Outstanding, Good, RI, Inadequate) when rated
    rated: float = 1.0  # share of locations CQC rates at all
    share: float = 1.0  # share of its group

    @property
    def care_home(self):
        return self.group == "care_home"


def _always(*items):
    return tuple((item, 1.0) for item in items)


PMS = ("Primary Medical Services", "Primary medical services")
IH_HOSP = ("Independent Healthcare Org", "Hospitals")
IH_PMS = ("Independent Healthcare Org", "Primary medical services")
NHS = ("NHS Healthcare Organisation", "Hospitals")
IH_RATING = (8, 80, 11, 1)
NHS_RATING = (8, 58, 31, 3)

KINDS = (
    # Care homes: 15,200 nationally, about 4,000 with nursing, about 450,000 beds.
    Kind(
        "nursing",
        "care_home",
        *ASC,
        RESIDENTIAL,
        (("Care home service with nursing", 1), ("Care home service without nursing", 0.2)),
        (*_always(ACC, TDD), (DSP, 0.3)),
        ((OLDER, 0.95), (DEMENTIA, 0.75), (PD, 0.6), (YOUNGER, 0.35), (MH, 0.25), (SENSORY, 0.25))
        + ((LD, 0.05),),
        (4, 70, 23.5, 2.5),
        share=0.265,
    ),
    Kind(
        "residential_older",
        "care_home",
        *ASC,
        RESIDENTIAL,
        _always("Care home service without nursing"),
        (*_always(ACC), (TDD, 0.08)),
        ((OLDER, 0.97), (DEMENTIA, 0.7), (PD, 0.4), (SENSORY, 0.25), (MH, 0.2), (YOUNGER, 0.2)),
        (4.5, 78.5, 15.5, 1.5),
        share=0.51,
    ),
    Kind(
        "residential_ld",
        "care_home",
        *ASC,
        RESIDENTIAL,
        _always("Care home service without nursing"),
        _always(ACC),
        ((LD, 0.9), (YOUNGER, 0.95), (MH, 0.4), (PD, 0.25), (SENSORY, 0.15), (OLDER, 0.15)),
        (5, 79, 14.5, 1.5),
        share=0.225,
    ),
    # Community-based adult social care: 14,000 nationally.
    Kind(
        "domiciliary",
        "community",
        *ASC,
        COMMUNITY,
        _always("Domiciliary care service"),
        _always(PC),
        ((OLDER, 0.92), (DEMENTIA, 0.62), (PD, 0.66), (SENSORY, 0.4), (MH, 0.35), (LD, 0.38))
        + ((YOUNGER, 0.6), (CHILDREN, 0.07), (EATING, 0.04), (DRUGS, 0.05), (WHOLE, 0.02)),
        (5, 81.5, 12, 1.5),
        share=0.62,
    ),
    Kind(
        "domiciliary_supported",
        "community",
        *ASC,
        COMMUNITY,
        _always("Domiciliary care service", "Supported living service"),
        _always(PC),
        ((LD, 0.75), (YOUNGER, 0.9), (MH, 0.55), (PD, 0.5), (OLDER, 0.6), (DEMENTIA, 0.3))
        + ((SENSORY, 0.3),),
        (5, 81, 12.5, 1.5),
        share=0.12,
    ),
    Kind(
        "supported_living",
        "community",
        *ASC,
        COMMUNITY,
        _always("Supported living service"),
        _always(PC),
        ((LD, 0.85), (YOUNGER, 0.9), (MH, 0.45), (PD, 0.3), (OLDER, 0.2), (SENSORY, 0.15)),
        (5, 81, 12.5, 1.5),
        share=0.14,
    ),
    Kind(
        "extra_care",
        "community",
        *ASC,
        COMMUNITY,
        (("Extra Care housing services", 1), ("Domiciliary care service", 0.7)),
        _always(PC),
        ((OLDER, 0.98), (DEMENTIA, 0.7), (PD, 0.7), (SENSORY, 0.4), (YOUNGER, 0.3), (MH, 0.2)),
        (6, 82, 11, 1),
        share=0.05,
    ),
    Kind(
        "shared_lives",
        "community",
        *ASC,
        COMMUNITY,
        _always("Shared Lives"),
        _always(PC),
        ((LD, 0.85), (MH, 0.5), (OLDER, 0.4), (PD, 0.4), (YOUNGER, 0.8), (DEMENTIA, 0.2)),
        (12, 80, 7.5, 0.5),
        share=0.015,
    ),
    Kind(
        "community_ld_mh",
        "community",
        *ASC,
        COMMUNITY,
        (
            ("Community based services for people with a learning disability", 0.6),
            ("Community based services for people with mental health needs", 0.5),
            ("Domiciliary care service", 0.5),
        ),
        _always(PC),
        ((LD, 0.7), (MH, 0.7), (YOUNGER, 0.9), (OLDER, 0.3)),
        (5, 80, 13.5, 1.5),
        share=0.035,
    ),
    Kind(
        "nurses_agency",
        "community",
        *ASC,
        COMMUNITY,
        (
            ("Community health care services - Nurses Agency only", 1),
            ("Domiciliary care service", 0.5),
        ),
        ((NURSING, 1), (PC, 0.6), (TDD, 0.3)),
        ((OLDER, 0.9), (YOUNGER, 0.7), (PD, 0.6), (DEMENTIA, 0.4), (CHILDREN, 0.2)),
        (4, 84, 11, 1),
        share=0.02,
    ),
    # Everything else CQC registers: 21,000 nationally.
    Kind(
        "gp",
        "health",
        *PMS,
        "GP Practices",
        _always("Doctors consultation service", "Doctors treatment service"),
        (*_always(DSP, TDD), (FP, 0.85), (MAT, 0.55), (SURG, 0.45)),
        _always(WHOLE),
        (5, 87, 6.5, 1.5),
        rated=0.97,
        share=0.31,
    ),
    Kind(
        "dentist",
        "health",
        "Primary Dental Care",
        "Primary medical services",
        "Dentists",
        _always("Dental service"),
        (*_always(DSP, SURG, TDD),),
        _always(WHOLE),
        share=0.476,
    ),
    Kind(
        "consulting_doctors",
        "health",
        *IH_PMS,
        "Independent consulting doctors",
        _always("Doctors consultation service"),
        (*_always(TDD), (DSP, 0.6), (SURG, 0.15)),
        ((WHOLE, 0.8), (YOUNGER, 0.2)),
        IH_RATING,
        rated=0.5,
        share=0.043,
    ),
    Kind(
        "independent_acute",
        "health",
        *IH_HOSP,
        "Acute hospital - Independent non-specialist",
        (("Acute services with overnight beds", 1), ("Diagnostic and/or screening service", 0.6)),
        (*_always(TDD, SURG, DSP), (FP, 0.1), (MAT, 0.05)),
        _always(WHOLE),
        IH_RATING,
        rated=0.9,
        share=0.01,
    ),
    Kind(
        "independent_specialist",
        "health",
        *IH_HOSP,
        "Acute hospital - Independent specialist",
        (
            (
                "Acute services without overnight beds / listed acute services with or "
                "without overnight beds",
                1,
            ),
            ("Diagnostic and/or screening service", 0.5),
        ),
        (*_always(TDD, SURG), (DSP, 0.7), (TOP, 0.05)),
        ((WHOLE, 0.9), (YOUNGER, 0.1)),
        IH_RATING,
        rated=0.7,
        share=0.012,
    ),
    Kind(
        "independent_mental_health",
        "health",
        *IH_HOSP,
        "Mental health - community & hospital - independent",
        _always(
            "Hospital services for people with mental health needs, learning disabilities "
            "and problems with substance misuse"
        ),
        (*_always(TDD, MHA), (DSP, 0.4)),
        ((MH, 0.95), (DETAINED, 0.85), (LD, 0.4), (YOUNGER, 0.9), (EATING, 0.1)),
        (6, 70, 20, 4),
        rated=0.9,
        share=0.011,
    ),
    Kind(
        "hospice",
        "health",
        *IH_HOSP,
        "Hospice services",
        (("Hospice services", 1), ("Hospice services at home", 0.5)),
        (*_always(TDD), (DSP, 0.4), (PC, 0.3)),
        ((WHOLE, 0.6), (OLDER, 0.5), (YOUNGER, 0.4), (CHILDREN, 0.12)),
        (25, 70, 5, 0),
        rated=0.95,
        share=0.01,
    ),
    Kind(
        "residential_substance_misuse",
        "health",
        *IH_HOSP,
        "Residential substance misuse",
        _always("Residential substance misuse treatment and/or rehabilitation service"),
        (*_always(ACC_SUB), (TDD, 0.5)),
        ((DRUGS, 1), (MH, 0.3)),
        (4, 72, 21, 3),
        rated=0.4,
        share=0.004,
    ),
    Kind(
        "community_substance_misuse",
        "health",
        *IH_HOSP,
        "Community substance misuse",
        _always("Community based services for people who misuse substances"),
        (*_always(TDD), (DSP, 0.3)),
        ((DRUGS, 1), (MH, 0.2)),
        IH_RATING,
        rated=0.4,
        share=0.004,
    ),
    Kind(
        "diagnostics",
        "health",
        *IH_HOSP,
        "Diagnostic and screening",
        (
            ("Diagnostic and/or screening service", 1),
            ("Diagnostic and/or screening service - single handed sessional providers", 0.1),
        ),
        _always(DSP),
        _always(WHOLE),
        IH_RATING,
        rated=0.3,
        share=0.021,
    ),
    Kind(
        "remote_advice",
        "health",
        *IH_PMS,
        "Remote clinical advice",
        (("Remote clinical advice service", 1), ("Urgent care services", 0.2)),
        (*_always(TRANSPORT), (TDD, 0.5)),
        _always(WHOLE),
        IH_RATING,
        rated=0.3,
        share=0.004,
    ),
    Kind(
        "urgent_care",
        "health",
        *IH_PMS,
        "Urgent care services & mobile doctors",
        (("Urgent care services", 1), ("Mobile doctors service", 0.4)),
        (*_always(TDD, DSP), (TRANSPORT, 0.3)),
        _always(WHOLE),
        IH_RATING,
        rated=0.8,
        share=0.003,
    ),
    Kind(
        "slimming",
        "health",
        *IH_PMS,
        "Slimming Clinics",
        _always("Doctors consultation service"),
        _always(SLIM),
        _always(WHOLE),
        share=0.002,
    ),
    Kind(
        "independent_community",
        "health",
        *IH_HOSP,
        "Community health - NHS & Independent",
        (
            ("Community healthcare service", 1),
            ("Community health care services - Independent Midwives", 0.05),
            ("Long term conditions services", 0.2),
            ("Rehabilitation services", 0.2),
            ("Hyperbaric Chamber", 0.01),
        ),
        (*_always(TDD), (DSP, 0.4), (NURSING, 0.3), (MAT, 0.03)),
        ((WHOLE, 0.8), (CHILDREN, 0.2), (OLDER, 0.2)),
        IH_RATING,
        rated=0.5,
        share=0.019,
    ),
    Kind(
        "nhs_acute",
        "health",
        *NHS,
        "Acute hospital - NHS non-specialist",
        (
            ("Acute services with overnight beds", 1),
            ("Diagnostic and/or screening service", 0.6),
            ("Urgent care services", 0.4),
        ),
        (*_always(TDD, SURG, DSP), (MAT, 0.5), (FP, 0.4), (TOP, 0.2), (MHA, 0.2)),
        _always(WHOLE),
        NHS_RATING,
        rated=0.85,
        share=0.017,
    ),
    Kind(
        "nhs_specialist",
        "health",
        *NHS,
        "Acute hospital - NHS specialist",
        (("Acute services with overnight beds", 1), ("Blood and Transplant service", 0.05)),
        (
            *_always(TDD, SURG, DSP),
            ("Management of supply of blood and blood derived products", 0.05),
        ),
        ((WHOLE, 0.7), (CHILDREN, 0.3)),
        NHS_RATING,
        rated=0.9,
        share=0.002,
    ),
    Kind(
        "nhs_community",
        "health",
        *NHS,
        "Community health - NHS & Independent",
        (
            ("Community healthcare service", 1),
            ("Long term conditions services", 0.3),
            ("Rehabilitation services", 0.3),
        ),
        (*_always(TDD), (DSP, 0.6), (NURSING, 0.4), (FP, 0.2)),
        _always(WHOLE),
        NHS_RATING,
        rated=0.7,
        share=0.017,
    ),
    Kind(
        "nhs_mental_health",
        "health",
        *NHS,
        "Mental health - community & residential - NHS",
        (
            (
                "Hospital services for people with mental health needs, learning disabilities "
                "and problems with substance misuse",
                0.7,
            ),
            ("Community based services for people with mental health needs", 0.6),
        ),
        (*_always(TDD), (MHA, 0.7), (DSP, 0.4)),
        ((MH, 1), (DETAINED, 0.6), (LD, 0.2), (YOUNGER, 0.8), (OLDER, 0.5), (DEMENTIA, 0.3)),
        NHS_RATING,
        rated=0.7,
        share=0.016,
    ),
    Kind(
        "nhs_ambulance",
        "health",
        *NHS,
        "Ambulance service",
        (("Ambulance service", 1), ("Remote clinical advice service", 0.3)),
        _always(TRANSPORT, TDD),
        _always(WHOLE),
        NHS_RATING,
        rated=0.5,
        share=0.003,
    ),
    Kind(
        "nhs_prison",
        "health",
        *NHS,
        "Community health - NHS & Independent",
        _always("Prison Healthcare Services"),
        (*_always(TDD), (DSP, 0.5)),
        ((YOUNGER, 1), (OLDER, 0.4), (MH, 0.5), (DRUGS, 0.5)),
        rated=0.0,
        share=0.002,
    ),
    Kind(
        "ambulance",
        "health",
        "Independent Ambulance",
        "Hospitals",
        "Ambulance service",
        _always("Ambulance service"),
        (*_always(TRANSPORT), (TDD, 0.6)),
        _always(WHOLE),
        (2, 70, 25, 3),
        rated=0.6,
        share=0.014,
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
GROUPS = ("care_home", "community", "health")
GROUP_TOTALS = {"care_home": CARE_HOMES_TOTAL, "community": COMMUNITY_TOTAL, "health": HEALTH_TOTAL}

# The 59 flag columns: regulated activities, service types, service user bands.
FLAG_COLUMNS = tuple(
    h
    for h in layouts.HSCA_HEADER
    if h.startswith(
        (
            layouts.HSCA_ACTIVITY_PREFIX,
            layouts.HSCA_SERVICE_TYPE_PREFIX,
            layouts.HSCA_USER_BAND_PREFIX,
        )
    )
)
_FLAG_INDEX = {h.split(" - ", 1)[1]: i for i, h in enumerate(FLAG_COLUMNS)}


def _check_kinds():
    for kind in KINDS:
        for name, _ in kind.services + kind.activities + kind.bands:
            if name not in _FLAG_INDEX:
                raise ValueError(f"{kind.key}: {name!r} is not an HSCA column")


_check_kinds()

# Backward steps of a rating history: given the later rating, the one before it.
_PREVIOUS = {
    OUT: (45, 52, 3, 0),
    GOOD: (3, 72, 22, 3),
    RI: (1, 42, 47, 10),
    INAD: (0, 35, 50, 15),
}
_PREVIOUS_CUM = {k: cumulative(v) for k, v in _PREVIOUS.items()}
_FOUR = (OUT, GOOD, RI, INAD)
_CUM_CACHE = {}


def _cum(weights):
    cum = _CUM_CACHE.get(weights)
    if cum is None:
        cum = _CUM_CACHE[weights] = cumulative(weights)
    return cum


# Days between a rating and the next, given the earlier rating.
_INTERVAL = {OUT: (600, 2000), GOOD: (540, 1800), RI: (200, 650), INAD: (90, 300)}


def key_questions(rng, overall):
    """Ratings of Safe, Effective, Caring, Responsive, Well-led consistent with `overall`."""
    kq = [GOOD] * 5
    if overall == GOOD:
        lower = [i for i, p in ((0, 0.10), (1, 0.05), (4, 0.08)) if rng.random() < p][:1]
        higher = [i for i, p in ((2, 0.07), (3, 0.06), (4, 0.02)) if rng.random() < p][:1]
        for i in lower:
            kq[i] = RI
        for i in higher:
            if kq[i] == GOOD:
                kq[i] = OUT
    elif overall == OUT:
        for i, p in ((4, 0.9), (2, 0.7), (3, 0.6), (1, 0.3), (0, 0.08)):
            if rng.random() < p:
                kq[i] = OUT
        if kq.count(OUT) < 2:
            kq[4] = kq[2] = OUT
    elif overall == RI:
        for i, p in ((0, 0.9), (4, 0.85), (1, 0.5), (3, 0.3), (2, 0.08)):
            if rng.random() < p:
                kq[i] = RI
        if kq.count(RI) < 2:
            kq[0] = kq[4] = RI
        if rng.random() < 0.06:
            kq[0] = INAD
    else:
        kq = [RI, RI, GOOD, RI, INAD]
        kq[0] = INAD if rng.random() < 0.85 else RI
        kq[1] = INAD if rng.random() < 0.3 else RI
        kq[2] = RI if rng.random() < 0.45 else GOOD
        kq[3] = INAD if rng.random() < 0.2 else (RI if rng.random() < 0.7 else GOOD)
        if INAD not in kq:
            kq[4] = INAD
    return tuple(kq)


class _Bits:
    """random() from the bytes of one 64-bit number: enough for `key_questions`."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def random(self):
        byte = self.value & 0xFF
        self.value >>= 8
        return (byte + 0.5) / 256


@dataclass(slots=True)
class RatingEvent:
    published: int  # day ordinal
    overall: int
    bits: int  # drawn once; the key questions follow from it when a file needs them
    inherited: bool

    @property
    def key_questions(self):
        return key_questions(_Bits(self.bits), self.overall)


@dataclass(slots=True)
class Place:
    """What a council's invented addresses share."""

    council: Council
    index: int
    towns: tuple
    county: str
    postcode_area: str
    area_code: str
    constituencies: tuple
    ccg_code: str
    ccg_name: str
    centre: tuple
    nhs_region: str

    def address(self, rng):
        first = 0.9 if self.council.region == "London" else 0.45
        town = self.towns[0] if rng.random() < first else pick(rng, self.towns)
        line2 = ""
        if rng.random() < 0.3:
            line2 = f"{pick(rng, names.WORDS)} {pick(rng, ('Estate', 'Park', 'Green', 'Village'))}"
        county = self.county if rng.random() < 0.6 else ""
        return (
            names.street_address(rng),
            line2,
            town,
            county,
            names.postcode(rng, self.postcode_area),
        )

    def coordinates(self, rng):
        lat, lon = self.centre
        spread = 0.05 if self.council.region == "London" else 0.18
        return (
            round(lat + rng.uniform(-spread, spread), 6),
            round(lon + rng.uniform(-spread, spread) * 1.6, 6),
        )


def place(council: Council) -> Place:
    index = england.COUNCILS.index(council)
    rng = random.Random(f"place|{council.name}")
    town = england.main_town(council)
    invented = [names.town(rng) for _ in range(2 + int(stable_fraction(council.name, "t") * 5))]
    towns = tuple(dict.fromkeys(([town] if town else []) + invented))
    base = town if town and town != "London" else council.name.split(",")[0]
    sides = ("North", "South", "East", "West", "Central")
    constituencies = tuple(
        dict.fromkeys(
            f"{pick(rng, towns[:3]) if town != 'London' else base} {pick(rng, sides)}"
            for _ in range(4)
        )
    )
    area_code = "020" if council.region == "London" else f"01{between(rng, 130, 998)}"
    return Place(
        council=council,
        index=index,
        towns=towns,
        county="" if town else council.name.split(",")[0],
        postcode_area=names.postcode_area(base if base != "London" else council.name),
        area_code=area_code,
        constituencies=constituencies,
        ccg_code=f"E38000{index + 1:03d}",
        ccg_name=f"NHS {base} CCG",
        centre=england.centre(council),
        nhs_region=england.NHS_REGIONS[council.region],
    )


_A = 1_000_003  # prime, coprime to 9 * 10**k


def cqc_id(n: int, seed: int) -> str:
    """A CQC-style id, "1-" and 9 to 11 digits, distinct for each n below 9 * 10**8."""
    length = 9 + (n + seed) % 3
    modulus = 9 * 10 ** (length - 1)
    return f"1-{(n * _A + seed * 7_919 + 12_345) % modulus + 10 ** (length - 1)}"


@dataclass(slots=True)
class Provider:
    provider_id: str
    name: str
    type_sector: str
    directorate: str
    category: str
    ownership: str  # Organisation | Individual | Partnership | NHS Body
    start: int
    place: Place
    street: str
    line2: str
    city: str
    county: str
    postcode: str
    phone: str
    website: str
    paf: str
    uprn: str
    lat: float
    lon: float
    constituency: str
    companies_house: str = ""
    charity: str = ""
    brand_id: str = "-"
    brand_name: str = "-"
    nominated: str = ""
    main_partner: str = ""
    ods_code: str = ""
    hsca: list | None = None  # the provider's HSCA columns, built once

    def hsca_columns(self):
        if self.hsca is None:
            p = self.place
            self.hsca = [
                self.brand_id,
                self.brand_name,
                self.companies_house,
                self.charity,
                self.provider_id,
                self.name,
                date.fromordinal(self.start),
                self.type_sector,
                self.directorate,
                self.category,
                self.ownership,
                self.phone,
                self.website,
                self.street,
                self.line2,
                self.city,
                self.county,
                self.postcode,
                self.paf,
                self.uprn,
                p.council.name,
                p.council.region,
                p.nhs_region,
                self.lat,
                self.lon,
                self.constituency,
                self.nominated,
                self.main_partner,
            ]
        return self.hsca


def make_provider(rng, n, seed, name, kind, place, *, ownership="Organisation", start=None, **kw):
    street, line2, city, county, postcode = place.address(rng)
    lat, lon = place.coordinates(rng)
    if start is None:
        start = HSCA_OPENED if rng.random() < 0.5 else HSCA_OPENED + between(rng, 0, 3000)
    if ownership == "Organisation" and "companies_house" not in kw and rng.random() < 0.93:
        kw["companies_house"] = names.companies_house_number(rng)
    if ownership in ("Organisation", "NHS Body") and "nominated" not in kw:
        kw["nominated"] = names.person(rng)
    if ownership == "Partnership" and "main_partner" not in kw:
        kw["main_partner"] = names.person(rng)
    return Provider(
        provider_id=cqc_id(n, seed),
        name=name,
        type_sector=kind.type_sector,
        directorate=kind.directorate,
        category=kind.category,
        ownership=ownership,
        start=start,
        place=place,
        street=street,
        line2=line2,
        city=city,
        county=county,
        postcode=postcode,
        phone=names.phone(rng, place.area_code if rng.random() < 0.8 else "0330"),
        website=names.website(rng, name) if rng.random() < 0.7 else "",
        paf=str(between(rng, 1_000_000, 99_999_999)) if rng.random() < 0.8 else "",
        uprn=str(between(rng, 10_000_000, 100_099_999_999)) if rng.random() < 0.8 else "",
        lat=lat,
        lon=lon,
        constituency=pick(rng, place.constituencies),
        **kw,
    )


@dataclass(slots=True)
class Location:
    location_id: str
    kind: Kind
    name: str
    provider: Provider
    place: Place
    start: int
    end: int | None  # day ordinal of deregistration, None while active
    dormant: bool
    beds: int | None
    ods_code: str
    phone: str
    manager: str
    website: str
    street: str
    line2: str
    city: str
    county: str
    postcode: str
    paf: str
    uprn: str
    lat: float
    lon: float
    constituency: str
    commissioning: bool
    flags: tuple
    ratings: list = field(default_factory=list)  # RatingEvent, oldest first
    primary_id: str = ""  # dual registration: the primary location's id
    dual: bool = False

    def active_on(self, day: int) -> bool:
        return self.start <= day and (self.end is None or self.end > day)

    def rating_on(self, day: int):
        latest = None
        for event in self.ratings:
            if event.published > day:
                break
            latest = event
        return latest


_FLAG_CACHE: dict = {}


def flags(names_present) -> tuple:
    """The 59 flag cells ("Y" or blank) for the given activity/service/band names."""
    key = tuple(sorted(names_present))
    cached = _FLAG_CACHE.get(key)
    if cached is None:
        cells = [""] * len(FLAG_COLUMNS)
        for name in key:
            cells[_FLAG_INDEX[name]] = "Y"
        cached = _FLAG_CACHE[key] = tuple(cells)
    return cached


def draw_flags(rng, kind) -> tuple:
    present = []
    for options in (kind.services, kind.activities, kind.bands):
        chosen = [name for name, p in options if p >= 1 or rng.random() < p]
        if not chosen:
            chosen = [options[0][0]]
        present += chosen
    return flags(present)


def rating_history(rng, kind, start, anchor):
    """Rating events of a location registered on `start`, up to `anchor` (day ordinals).

    Drawn backwards from the rating standing at `anchor` (its shares are the kind's), so
    the latest snapshot matches England's distribution; about a third of ratings are less
    than a year old. Empty when CQC has not rated it (yet).
    """
    if kind.rating is None or rng.random() >= kind.rated:
        return []
    # The first rating: months after registration, or in CQC's first round (2014-16).
    first = max(start + between(rng, 90, 300) + between(rng, 0, 150), RATINGS_BEGAN)
    if first == RATINGS_BEGAN:
        first += between(rng, 0, 540)
    if first > anchor:
        return []  # registered too recently: not yet inspected
    current = weighted(rng, _FOUR, _cum(kind.rating))
    if current in (OUT, GOOD):
        age = min(rng.expovariate(1 / (2.9 * YEAR)), 7 * YEAR)
    elif current == RI:
        age = rng.uniform(20, 2.5 * YEAR)
    else:
        age = rng.uniform(15, 250)
    published = max(anchor - int(age), first)
    events = [RatingEvent(published, current, rng.getrandbits(64), rng.random() < 0.03)]
    while True:
        earlier = weighted(rng, _FOUR, _PREVIOUS_CUM[current])
        low, high = _INTERVAL[earlier]
        step = between(rng, low, high)
        if published - step < first:
            if published - first > 150:
                events.append(RatingEvent(first, earlier, rng.getrandbits(64), False))
            break
        published -= step
        events.append(RatingEvent(published, earlier, rng.getrandbits(64), False))
        current = earlier
    events.reverse()
    return events
