"""Invented Ofsted children's social care providers, in the provider-level layout.

The layout follows Ofsted's "Children's social care data in England 2023 - Provider level
as at 31 March 2023" CSV: a title line, two notes lines, the header on line 4, names and
addresses of children's homes given as REDACTED, two empty trailing columns, and a few
empty rows at the end. Each setting has a history of full inspections (children's homes
about yearly, agencies about every three years), so yearly files differ realistically.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from careqa.demo import cqc, england, names
from careqa.demo.england import stable_fraction
from careqa.demo.names import between, cumulative, pick, weighted

HEADER = (
    "Web link",
    "URN",
    "Linked Education URN",
    "Provision type",
    "Registration date",
    "Registration status",
    "Name",
    "Address 1",
    "Address 2",
    "Town",
    "County",
    "Postcode",
    "Ofsted region",
    "Government Office Region",
    "Local authority",
    "Parliamentary constituency",
    "Sector",
    "Places",
    "Short-break-only children's home",
    "Multi-building children's home",
    "Organisation which owns the provider",
    "Latest full inspection event type",
    "Latest full inspection date",
    "Latest full inspection publication date",
    "Latest full inspection event number",
    "Overall experiences and progress of children and young people",
    "Outcomes in education and related learning activities",
    "Health services",
    "How well children and young people are helped and protected",
    "The effectiveness of leaders and managers",
    "",
    "",
)
NOTES = (
    "This worksheet contains one table, this table begins in cell A4. Column A includes a link "
    "to the Oftsed Social Care Provider Webpage for each provider, links will open in a new "
    "window.",
    "Some cells in this table are empty. This is in instances where the column refers to data "
    "that is not applicable for that provider type.",
)
WEB_LINK = "Ofsted Social Care Provider Webpage"
JUDGEMENTS = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")
REDACTED = "REDACTED"
CARE_STANDARDS_ACT = date(2002, 4, 1).toordinal()
SEVEN_DIGIT_URNS = date(2019, 7, 1).toordinal()  # newer registrations have numeric URNs
CHILDRENS_TOTAL = 3_480
PER_COUNCIL = 4_000


@dataclass(frozen=True, slots=True)
class Provision:
    name: str
    share: float
    sectors: tuple  # ((sector, weight), ...)
    interval: tuple  # days between full inspections
    first: tuple  # weights of the first judgement
    transition: dict  # judgement -> weights of the next
    places: tuple | None = None  # (values, weights)
    redacted: bool = False
    closure: float = 0.05


_HOME_MOVES = {
    0: (55, 40, 4, 1),
    1: (8, 74, 16, 2),
    2: (3, 55, 34, 8),
    3: (0, 35, 50, 15),
}
_AGENCY_MOVES = {
    0: (70, 28, 2, 0),
    1: (20, 75, 4, 1),
    2: (5, 75, 17, 3),
    3: (0, 50, 40, 10),
}
_HOME_PLACES = (
    (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12),
    (188, 454, 670, 644, 350, 271, 89, 83, 18, 20, 7),
)

PROVISIONS = (
    Provision(
        "Children's home",
        0.862,
        (("Private", 80), ("Local Authority", 14.5), ("Voluntary", 5.2), ("Health Authority", 0.3)),
        (300, 420),
        (6, 66, 24, 4),
        _HOME_MOVES,
        _HOME_PLACES,
        redacted=True,
        closure=0.06,
    ),
    Provision(
        "Independent Fostering Agency",
        0.086,
        (("Private", 82), ("Voluntary", 18)),
        (900, 1200),
        (10, 75, 12, 3),
        _AGENCY_MOVES,
        closure=0.04,
    ),
    Provision(
        "Residential Family Centre",
        0.017,
        (("Private", 90), ("Voluntary", 10)),
        (700, 1100),
        (8, 75, 12, 5),
        _HOME_MOVES,
        ((3, 4, 5, 6, 8), (8, 14, 14, 10, 6)),
    ),
    Provision(
        "Voluntary Adoption Agency",
        0.009,
        (("Voluntary", 1),),
        (900, 1200),
        (30, 65, 5, 0),
        _AGENCY_MOVES,
        closure=0.02,
    ),
    Provision(
        "Adoption Support Agency",
        0.009,
        (("Private", 70), ("Voluntary", 30)),
        (900, 1200),
        (15, 75, 10, 0),
        _AGENCY_MOVES,
        closure=0.03,
    ),
    Provision(
        "Residential special school (registered as a children's home)",
        0.014,
        (("Private", 70), ("Voluntary", 20), ("Local Authority", 10)),
        (330, 400),
        (8, 65, 22, 5),
        _HOME_MOVES,
        ((8, 12, 16, 20, 30, 40), (3, 4, 4, 3, 2, 1)),
        redacted=True,
        closure=0.03,
    ),
    Provision(
        "Secure children's home",
        0.004,
        (("Local Authority", 1),),
        (300, 400),
        (10, 60, 25, 5),
        _HOME_MOVES,
        ((8, 10, 12, 16, 24), (1, 2, 2, 2, 1)),
        redacted=True,
        closure=0.0,
    ),
)
_PROVISION_CUM = cumulative(p.share for p in PROVISIONS)


@dataclass(slots=True)
class Inspection:
    inspected: int
    published: int
    number: int
    judgements: tuple  # overall experiences, helped and protected, leaders and managers


@dataclass(slots=True)
class Setting:
    urn: str
    provision: Provision
    council: england.Council
    place: cqc.Place
    registered: int
    end: int | None
    suspended: bool
    name: str
    address1: str
    address2: str
    town: str
    county: str
    postcode: str
    constituency: str
    sector: str
    places: int | None
    short_break: bool
    multi_building: bool
    owner: str
    linked_urn: str = ""
    inspections: list = field(default_factory=list)

    def active_on(self, day):
        return self.registered <= day and (self.end is None or self.end > day)

    def latest_on(self, day):
        latest = None
        for inspection in self.inspections:
            if inspection.published > day:
                break
            latest = inspection
        return latest


def urn(n, seed, registered):
    """'SC' and 6 digits for settings registered before mid-2019, 7 digits after."""
    if registered < SEVEN_DIGIT_URNS:
        return f"SC{(n * 7_919 + seed * 31 + 17) % 960_000 + 40_000:06d}"
    return str((n * 7_919 + seed * 31 + 17) % 800_000 + 2_500_000)


def _judgements(rng, overall):
    def near(p_same, p_lower):
        roll = rng.random()
        if roll < p_same:
            return overall
        if roll < p_same + p_lower:
            return min(3, overall + 1)
        return max(0, overall - 1)

    return (overall, near(0.85, 0.1), near(0.7, 0.22))


class ChainPool:
    def __init__(self, seed):
        rng = random.Random(f"{seed}|ofsted|chains")
        kinds = (
            "Childcare Ltd",
            "Care Services Ltd",
            "Children's Services Limited",
            "Care and Education Group Limited",
            "Homes Ltd",
            "Residential Care Limited",
        )
        self.chains = tuple(f"{names.word(rng)} {pick(rng, kinds)}" for _ in range(30))
        self.cum = cumulative(60 / (i + 2) for i in range(30))
        self.charities = tuple(names.charity_name(rng) for _ in range(15))
        self.agencies = tuple(
            f"{names.word(rng)} {pick(rng, ('Fostering', 'Foster Care', 'Family Placement'))}"
            for _ in range(25)
        )

    def owner(self, rng, setting_kind, sector, council):
        if sector == "Local Authority":
            return f"{council.ofsted.split(',')[0]} Council"
        if sector == "Health Authority":
            return f"{names.word(rng)} NHS Trust"
        if sector == "Voluntary":
            return pick(rng, self.charities)
        if setting_kind == "Independent Fostering Agency":
            if rng.random() < 0.35:
                return f"{pick(rng, self.agencies)} Limited"
            return f"{names.word(rng)} Fostering Ltd"
        if rng.random() < 0.45:
            return weighted(rng, self.chains, self.cum)
        return names.company_name(rng, ("Care", "Childcare", "Children's Services", "Homes"))


def _start(rng, anchor):
    if rng.random() < 0.08:
        return CARE_STANDARDS_ACT + between(rng, 0, 700)
    return max(CARE_STANDARDS_ACT, anchor - int(rng.expovariate(1 / (6 * cqc.YEAR))))


def _setting(rng, seed, n, council, place, pool, anchor, end=None):
    provision = weighted(rng, PROVISIONS, _PROVISION_CUM)
    registered = _start(rng, anchor)
    if end is not None and registered >= end - 60:
        registered = max(CARE_STANDARDS_ACT, end - between(rng, 90, 2500))
    sectors = [s for s, _ in provision.sectors]
    sector = weighted(rng, sectors, cumulative(w for _, w in provision.sectors))
    places = None
    if provision.places:
        places = weighted(rng, provision.places[0], cumulative(provision.places[1]))
    town = place.towns[0] if rng.random() < 0.4 else pick(rng, place.towns)
    owner = pool.owner(rng, provision.name, sector, council)
    if provision.redacted:
        name = address1 = address2 = town_name = county = postcode = REDACTED
    else:
        if provision.name == "Independent Fostering Agency":
            name = owner.replace(" Limited", "").replace(" Ltd", "")
        else:
            kinds = {
                "Residential Family Centre": ("Family Centre", "Family Assessment Centre"),
                "Voluntary Adoption Agency": ("Adoption", "Adoption Service"),
                "Adoption Support Agency": ("Adoption Support", "Family Support"),
            }[provision.name]
            name = f"{names.word(rng)} {pick(rng, kinds)}"
        address1 = names.street_address(rng)
        address2 = " " if rng.random() < 0.4 else names.street(rng)
        town_name = town
        county = place.county if rng.random() < 0.5 else ""
        postcode = names.postcode(rng, place.postcode_area)
    setting = Setting(
        urn=urn(n, seed, registered),
        provision=provision,
        council=council,
        place=place,
        registered=registered,
        end=end,
        suspended=rng.random() < 0.003,
        name=name,
        address1=address1,
        address2=address2,
        town=town_name,
        county=county,
        postcode=postcode,
        constituency=pick(rng, place.constituencies),
        sector=sector,
        places=places,
        short_break=provision.name == "Children's home"
        and rng.random() < (0.25 if sector == "Local Authority" else 0.03),
        multi_building=provision.name == "Children's home" and rng.random() < 0.002,
        owner=owner,
    )
    setting.inspections = _inspections(rng, provision, registered, end if end else anchor)
    return setting


EVENTS_BEGIN = date(2015, 1, 1).toordinal()


def _inspections(rng, provision, registered, last):
    out = []
    inspected = registered + between(rng, 150, 330)
    judgement = weighted(rng, (0, 1, 2, 3), cumulative(provision.first))
    while inspected <= last:
        published = inspected + between(rng, 20, 55)
        number = 10_000_000 + max(0, inspected - EVENTS_BEGIN) * 60 + between(rng, 0, 59)
        out.append(Inspection(inspected, published, number, _judgements(rng, judgement)))
        low, high = provision.interval
        if judgement >= 2:
            low, high = low * 2 // 3, high * 2 // 3
        inspected += between(rng, low, high)
        judgement = weighted(rng, (0, 1, 2, 3), cumulative(provision.transition[judgement]))
    return out


def build_settings(seed, snapshot_year, councils, history_years, sample=None):
    """Ofsted settings of `councils`: registered at 31 March of `snapshot_year`, and closed."""
    anchor = date(snapshot_year, 3, 31).toordinal()
    pool = ChainPool(seed)
    total = sum(c.childrens for c in england.COUNCILS)
    settings = []
    for council in councils:
        place = cqc.place(council)
        index = place.index
        rng = random.Random(f"{seed}|{council.name}|ofsted")
        count = int(
            council.childrens * CHILDRENS_TOTAL / total + stable_fraction(seed, council.name, "o")
        )
        mine = []
        n = index * PER_COUNCIL
        for _ in range(count):
            n += 1
            mine.append(_setting(rng, seed, n, council, place, pool, anchor))
        for year in range(1, history_years + 1):
            closed_rng = random.Random(f"{seed}|{council.name}|ofsted-closed|{year}")
            n = index * PER_COUNCIL + 2_000 + year * 200
            for _ in range(int(count * 0.055 + closed_rng.random())):
                end = anchor - int((year - 1) * cqc.YEAR) - between(closed_rng, 1, 365)
                n += 1
                mine.append(_setting(closed_rng, seed, n, council, place, pool, end, end=end))
        share = (sample or {}).get(council.name)
        if share is not None:
            mine = [s for s in mine if stable_fraction(seed, s.urn) < share]
        settings += mine
    settings.sort(key=lambda s: (s.urn.startswith("SC"), s.urn))
    return settings


def rows(settings, day: date):
    """The provider-level rows of the settings registered at `day` (31 March)."""
    ordinal = day.toordinal()
    for s in settings:
        if not s.active_on(ordinal):
            continue
        council = s.council
        row = [
            WEB_LINK,
            s.urn,
            s.linked_urn,
            s.provision.name,
            date.fromordinal(s.registered),
            "Suspended" if s.suspended else "Active",
            s.name,
            s.address1,
            s.address2,
            s.town,
            s.county,
            s.postcode,
            england.OFSTED_REGIONS.get(council.region, council.region),
            council.region,
            council.ofsted,
            s.constituency,
            s.sector,
            s.places,
            "Short-break-only children's home" if s.short_break else "",
            "Y" if s.multi_building else "",
            s.owner,
        ]
        latest = s.latest_on(ordinal)
        if latest is None:
            row += ["", None, None, "", "", "", "", "", "", "", ""]
        else:
            overall, helped, leaders = (JUDGEMENTS[j] for j in latest.judgements)
            row += [
                "Full inspection",
                date.fromordinal(latest.inspected),
                date.fromordinal(latest.published),
                latest.number,
                overall,
                "",
                "",
                helped,
                leaders,
                "",
                "",
            ]
        yield row


TYPES = "ssssdsssssssssssssssssddi"
