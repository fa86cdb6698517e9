"""Builds the invented CQC register in memory and turns it into the published files' rows.

Providers come from national pools (chains with brands, charities, franchises, dental and
hospital groups), regional groups, each council's own services and NHS trusts, and many
single-location providers. Each council's locations come from their own random stream,
so a council is the same at national and at council scale.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from careqa.demo import cqc, england, names
from careqa.demo.cqc import (
    KINDS,
    KINDS_BY_KEY,
    Location,
    cqc_id,
    make_provider,
)
from careqa.demo.england import stable_fraction
from careqa.demo.names import between, cumulative, pick, weighted

GP_START = date(2013, 4, 1).toordinal()  # GPs registered with CQC from April 2013
DENTIST_START = date(2011, 4, 1).toordinal()

CARE_HOME_KEYS = ("nursing", "residential_older", "residential_ld")
OLDER_KEYS = ("nursing", "residential_older")
LD_COMMUNITY_KEYS = ("supported_living", "domiciliary_supported", "community_ld_mh", "shared_lives")
HOMECARE_KEYS = ("domiciliary", "domiciliary_supported", "supported_living", "extra_care")
HOSPITAL_KEYS = ("independent_acute", "independent_specialist")
CLINIC_KEYS = ("consulting_doctors", "urgent_care", "remote_advice", "slimming")
NHS_KEYS = tuple(k.key for k in KINDS if k.type_sector == "NHS Healthcare Organisation")

# Where each kind's provider comes from: (source, probability); the rest are single.
SOURCES = {
    "nursing": (("chain", 0.45), ("regional", 0.15), ("charity", 0.05), ("council", 0.01)),
    "residential_older": (
        ("chain", 0.22),
        ("regional", 0.15),
        ("charity", 0.07),
        ("council", 0.05),
    ),
    "residential_ld": (("chain", 0.25), ("regional", 0.12), ("charity", 0.2), ("council", 0.02)),
    "domiciliary": (
        ("chain", 0.14),
        ("franchise", 0.08),
        ("regional", 0.08),
        ("charity", 0.03),
        ("council", 0.03),
    ),
    "domiciliary_supported": (
        ("chain", 0.15),
        ("regional", 0.1),
        ("charity", 0.2),
        ("council", 0.03),
    ),
    "supported_living": (("chain", 0.15), ("regional", 0.1), ("charity", 0.25), ("council", 0.03)),
    "extra_care": (("chain", 0.25), ("charity", 0.2), ("council", 0.1)),
    "shared_lives": (("council", 0.6), ("charity", 0.2)),
    "community_ld_mh": (("charity", 0.3), ("chain", 0.1), ("regional", 0.1)),
    "nurses_agency": (("chain", 0.2),),
    "gp": (("chain", 0.06),),
    "dentist": (("chain", 0.27),),
    "independent_acute": (("chain", 0.7),),
    "independent_specialist": (("chain", 0.4),),
    "independent_mental_health": (("chain", 0.6),),
    "diagnostics": (("chain", 0.5),),
    "consulting_doctors": (("chain", 0.15),),
    "urgent_care": (("chain", 0.3),),
    "remote_advice": (("chain", 0.3),),
    "independent_community": (("chain", 0.3),),
    **{key: (("nhs", 1.0),) for key in NHS_KEYS},
}

SMALL_HOME_BEDS = (2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 24)
SMALL_HOME_CUM = cumulative((4, 8, 10, 12, 12, 9, 7, 5, 3, 2, 1))

# Names of other locations: {w} a word, {t} the town, {s} a street, {n} a house number.
LOCATION_NAMES = {
    "supported_living": (
        "{w} Supported Living",
        "{w} House",
        "{t} Supported Living Service",
        "{n} {s}",
    ),
    "extra_care": ("{w} Court", "{w} Extra Care", "{w} Gardens Extra Care Scheme"),
    "shared_lives": ("{t} Shared Lives", "{w} Shared Lives Scheme"),
    "community_ld_mh": ("{w} Community Support", "{t} Outreach Service", "{w} Recovery Service"),
    "gp": (
        "The {w} Surgery",
        "{w} Medical Centre",
        "{w} Health Centre",
        "{t} Medical Practice",
        "{s} Surgery",
    ),
    "dentist": (
        "{w} Dental Practice",
        "{w} Dental Care",
        "{t} Dental Surgery",
        "{s} Dental Practice",
    ),
    "consulting_doctors": ("{w} Private GP", "{w} Clinic", "{t} Medical Clinic"),
    "independent_acute": ("{w} Hospital", "The {w} Hospital"),
    "independent_specialist": ("{w} Eye Hospital", "{w} Surgical Centre", "{t} Treatment Centre"),
    "independent_mental_health": ("{w} House", "{w} Lodge Hospital", "{w} Unit"),
    "hospice": ("{w} Hospice", "{t} Hospice"),
    "residential_substance_misuse": ("{w} Recovery House", "{w} Lodge"),
    "community_substance_misuse": ("{t} Drug and Alcohol Service", "{w} Recovery Hub"),
    "diagnostics": ("{t} Diagnostic Centre", "{w} Imaging Centre", "{w} Scanning"),
    "remote_advice": ("{w} Online Doctor", "{w} Telehealth"),
    "urgent_care": ("{t} Urgent Care Centre", "{w} Mobile Doctors"),
    "slimming": ("{w} Slimming Clinic",),
    "independent_community": ("{w} Community Services", "{t} Physiotherapy", "{w} Nursing at Home"),
    "nhs_acute": ("{t} General Hospital", "{t} Royal Infirmary", "{t} District Hospital"),
    "nhs_specialist": ("{t} Children's Hospital", "{t} Heart and Chest Hospital"),
    "nhs_community": ("{t} Community Hospital", "{w} Health Centre", "{t} Community Services"),
    "nhs_mental_health": ("{w} Unit", "{t} Mental Health Centre", "{w} House"),
    "nhs_ambulance": ("{t} Ambulance Station", "{t} Emergency Operations Centre"),
    "nhs_prison": ("HMP {t}",),
    "ambulance": ("{w} Ambulance Services", "{t} Medical Transport"),
}

# Numbers behind the ids: each council has its own range, pools come after all councils.
PER_COUNCIL = 200_000
CLOSED_OFFSET = 100_000
PROVIDER_OFFSET = 40_000_000
POOL_OFFSET = 80_000_000


@dataclass(slots=True)
class Group:
    """A provider group: one brand (or none) and the legal providers under it."""

    label: str  # used in its locations' names, e.g. "Bright Hands Homecare"
    source: str  # chain | charity | franchise | regional
    providers: list
    keys: tuple  # kinds of location it runs
    weight: float
    home_region: str | None = None
    brand: tuple = ("-", "-")


@dataclass(slots=True)
class Register:
    seed: int
    snapshot: int  # day ordinal
    locations: list = field(default_factory=list)
    councils: list = field(default_factory=list)


class Pools:
    """National and regional provider groups, the same for every scale and council."""

    def __init__(self, seed):
        self.seed = seed
        self.national = []
        self.regional = {}
        self._cum = {}
        self._n = POOL_OFFSET
        self._brand = 100
        self._labels = set()
        self._national(random.Random(f"{seed}|pools"))

    def _provider(self, rng, name, kind, hq, **kw):
        self._n += 1
        return make_provider(rng, self._n, self.seed, name, kind, hq, **kw)

    def _label(self, rng, kinds):
        while True:
            text = f"{names.word(rng)} {pick(rng, kinds)}"
            if text not in self._labels:
                self._labels.add(text)
                return text

    def _group(self, rng, source, label, keys, weight, *, legal=1, brand=True, charity=""):
        kind = KINDS_BY_KEY[keys[0]]
        councils = england.COUNCILS
        weights = [c.care_homes + c.health + 1 for c in councils]
        hq_council = weighted(rng, councils, cumulative(weights))
        hq = cqc.place(hq_council)
        brand_pair = ("-", "-")
        if brand:
            self._brand += between(rng, 1, 40)
            brand_pair = (f"BD{self._brand}", f"BRAND {label}")
        providers = []
        if source != "franchise":
            for i in range(legal):
                if source == "charity":
                    name = label
                elif i == 0:
                    name = f"{label} {pick(rng, names.BUSINESS_ENDS)}"
                else:
                    suffix = pick(rng, ("(No 2)", "Homes", "Operations", "Services"))
                    name = f"{label} {suffix} Limited"
                providers.append(
                    self._provider(
                        rng,
                        name,
                        kind,
                        hq,
                        brand_id=brand_pair[0],
                        brand_name=brand_pair[1],
                        charity=charity,
                    )
                )
        region = hq_council.region if rng.random() < 0.4 else None
        return Group(label, source, providers, keys, weight, region, brand_pair)

    def _national(self, rng):
        add = self.national.append
        for i in range(45):
            ld = i % 5 == 4
            keys = ("residential_ld", "supported_living") if ld else OLDER_KEYS
            kinds = ("Healthcare", "Care", "Senior Living", "Care Homes", "Lifecare")
            label = self._label(rng, kinds)
            legal = pick(rng, (1, 1, 2, 3))
            add(self._group(rng, "chain", label, keys, 100 / (i + 3) ** 0.85, legal=legal))
        for i in range(30):
            label = names.charity_name(rng)
            while label in self._labels:
                label = names.charity_name(rng)
            self._labels.add(label)
            keys = (
                LD_COMMUNITY_KEYS + ("residential_ld",) if i % 3 else OLDER_KEYS + ("extra_care",)
            )
            number = names.charity_number(rng)
            weight = 60 / (i + 2) ** 0.7
            add(self._group(rng, "charity", label, keys, weight, brand=i < 6, charity=number))
        for i in range(20):
            kinds = ("Homecare", "Home Care", "Care at Home", "Support", "Care Services")
            keys = HOMECARE_KEYS + ("nurses_agency",)
            add(self._group(rng, "chain", self._label(rng, kinds), keys, 60 / (i + 2)))
        for _ in range(4):
            kinds = ("Home Care", "Homecare", "Helping Hands", "Carers")
            add(self._group(rng, "franchise", self._label(rng, kinds), ("domiciliary",), 30))
        for i in range(4):
            kinds = ("Dental", "Dental Care", "Smile")
            add(self._group(rng, "chain", self._label(rng, kinds), ("dentist",), 40 / (i + 1)))
        hospital_groups = (
            (HOSPITAL_KEYS, ("Hospitals", "Healthcare", "Health")),
            (("independent_mental_health",), ("Healthcare", "Hospitals", "Care")),
            (("diagnostics",), ("Diagnostics", "Imaging", "Scanning")),
            (CLINIC_KEYS, ("Health", "Clinics", "Private GP")),
            (("independent_community",), ("Community Health", "Health")),
        )
        for i in range(12):
            keys, kinds = hospital_groups[i % len(hospital_groups)]
            label = self._label(rng, kinds)
            brand = rng.random() < 0.5
            add(self._group(rng, "chain", label, keys, 20 / (i // 5 + 1), brand=brand))
        for _ in range(6):
            label = self._label(rng, ("Medical", "Primary Care"))
            add(self._group(rng, "chain", label, ("gp",), 10, brand=False))

    def regional_groups(self, region):
        if region not in self.regional:
            rng = random.Random(f"{self.seed}|region|{region}")
            hq_councils = england.region_councils(region)
            groups = []
            for i in range(37):
                care_home = i < 25
                keys = CARE_HOME_KEYS if care_home else HOMECARE_KEYS + ("community_ld_mh",)
                kind = KINDS_BY_KEY[keys[0] if care_home else "domiciliary"]
                hq = cqc.place(pick(rng, hq_councils))
                kinds = names.COMPANY_KINDS if care_home else names.HOMECARE_KINDS
                name = names.company_name(rng, kinds)
                provider = self._provider(rng, name, kind, hq)
                groups.append(Group(name, "regional", [provider], keys, rng.uniform(1, 6), region))
            self.regional[region] = groups
        return self.regional[region]

    def pick(self, rng, source, kind_key, region):
        """A group of `source` that runs `kind_key`, favouring groups based in `region`."""
        key = (source, kind_key, region)
        if key not in self._cum:
            pool = self.regional_groups(region) if source == "regional" else self.national
            candidates = [g for g in pool if g.source == source and kind_key in g.keys]
            weights, total = [], 0.0
            for g in candidates:
                factor = 1 if g.home_region is None else 4 if g.home_region == region else 0.35
                total += g.weight * factor
                weights.append(total)
            self._cum[key] = (candidates, weights)
        candidates, weights = self._cum[key]
        if not candidates:
            return None
        return weighted(rng, candidates, weights)


def _partnership(rng):
    first, second = names.titled_person(rng), names.titled_person(rng)
    return "Partnership", f"{first} & {second}", first.split(" ", 1)[1]


class CouncilBuilder:
    """Builds one council's locations (active at the snapshot, and closed ones)."""

    def __init__(self, pools, council, snapshot, seed):
        self.pools = pools
        self.council = council
        self.place = cqc.place(council)
        self.snapshot = snapshot
        self.seed = seed
        self.index = self.place.index
        self._provider_n = PROVIDER_OFFSET + self.index * PER_COUNCIL
        self._own = None  # the council's own provider
        self._trusts = None

    # Providers this council owns.
    def _new_provider_n(self):
        self._provider_n += 1
        return self._provider_n

    def own_provider(self):
        if self._own is None:
            rng = random.Random(f"{self.seed}|{self.council.name}|own")
            c = self.council
            base = c.name.split(",")[0]
            if c.region == "London" and c.name != "City of London":
                name = f"London Borough of {c.name}"
            elif england.main_town(c) and rng.random() < 0.5:
                name = f"{base} City Council"
            else:
                name = f"{base} Council"
            self._own = make_provider(
                rng,
                self._new_provider_n(),
                self.seed,
                name,
                KINDS_BY_KEY["residential_older"],
                self.place,
                start=cqc.HSCA_OPENED,
                companies_house="",
            )
        return self._own

    def trusts(self):
        if self._trusts is None:
            rng = random.Random(f"{self.seed}|{self.council.name}|nhs")
            towns = self.place.towns
            forms = (
                "{t} Hospitals NHS Foundation Trust",
                "{t} and District NHS Trust",
                "{t} Community Healthcare NHS Trust",
                "{t} Partnership NHS Foundation Trust",
            )
            self._trusts = []
            for i in range(2 if self.council.health > 120 else 1):
                name = forms[(i * 2 + between(rng, 0, 1)) % 4].format(t=towns[i % len(towns)])
                trust = make_provider(
                    rng,
                    self._new_provider_n(),
                    self.seed,
                    name,
                    KINDS_BY_KEY["nhs_acute"],
                    self.place,
                    ownership="NHS Body",
                    start=cqc.HSCA_OPENED,
                    companies_house="",
                )
                code = "R" + "".join(pick(rng, "0123456789ABCDEFGHJKLMNPQRTVWXY") for _ in range(2))
                trust.ods_code = code
                self._trusts.append(trust)
        return self._trusts

    def single_provider(self, rng, kind, start):
        """A provider running just this location, registered on or before it."""
        group = kind.group
        roll = rng.random()
        kw = {}
        if kind.key == "gp":
            if roll < 0.55:
                first, surname = pick(rng, names.FIRST_NAMES), pick(rng, names.SURNAMES)
                name = f"Dr {first[0]} {surname} and Partners"
                ownership, kw["main_partner"] = "Partnership", f"{first} {surname}"
            elif roll < 0.7:
                ownership, name = "Individual", f"Dr {names.person(rng)}"
            else:
                ownership = "Organisation"
                name = f"{names.word(rng)} {pick(rng, ('Medical', 'Healthcare', 'Health'))} Limited"
        elif kind.key == "dentist":
            if roll < 0.35:
                ownership, name = "Individual", names.titled_person(rng)
            elif roll < 0.5:
                ownership, name, kw["main_partner"] = _partnership(rng)
            else:
                ownership = "Organisation"
                name = f"{names.word(rng)} {pick(rng, ('Dental', 'Dental Care', 'Dentistry'))} Ltd"
        elif group == "health":
            ownership = "Organisation"
            kinds = {
                "ambulance": ("Ambulance Services", "Medical Transport", "Ambulance"),
                "hospice": ("Hospice",),
            }.get(kind.key, ("Health", "Clinic", "Healthcare", "Medical"))
            if kind.key == "hospice":
                name = f"{names.word(rng)} Hospice"
                kw["charity"] = names.charity_number(rng)
            else:
                name = f"{names.word(rng)} {pick(rng, kinds)} {pick(rng, names.BUSINESS_ENDS)}"
        else:
            if roll < 0.8:
                ownership = "Organisation"
                kinds = names.COMPANY_KINDS if group == "care_home" else names.HOMECARE_KINDS
                name = names.company_name(rng, kinds)
            elif roll < 0.92:
                ownership, name = "Individual", names.titled_person(rng)
            else:
                ownership, name, kw["main_partner"] = _partnership(rng)
        provider_start = max(
            cqc.HSCA_OPENED, start - (between(rng, 0, 400) if rng.random() < 0.3 else 0)
        )
        return make_provider(
            rng,
            self._new_provider_n(),
            self.seed,
            name,
            kind,
            self.place,
            ownership=ownership,
            start=provider_start,
            **kw,
        )

    def provider_for(self, rng, kind, start):
        """The location's provider and its group (None for a single or council provider)."""
        roll = rng.random()
        for source, p in SOURCES.get(kind.key, ()):
            if roll >= p:
                roll -= p
                continue
            if source == "council":
                return self.own_provider(), None
            if source == "nhs":
                return pick(rng, self.trusts()), None
            group = self.pools.pick(rng, source, kind.key, self.council.region)
            if group is None:
                break
            if group.source == "franchise":
                franchisee = self.single_provider(rng, kind, start)
                franchisee.brand_id, franchisee.brand_name = group.brand
                return franchisee, group
            return pick(rng, group.providers), group
        return self.single_provider(rng, kind, start), None

    def draw_start(self, rng, kind, anchor):
        if kind.key == "gp":
            floor, at_floor, mean = GP_START, 0.5, 8
        elif kind.key == "dentist":
            floor, at_floor, mean = DENTIST_START, 0.4, 8
        elif kind.group == "care_home":
            floor, at_floor, mean = cqc.HSCA_OPENED, 0.25, 9
        elif kind.group == "community":
            floor, at_floor, mean = cqc.HSCA_OPENED, 0.1, 7
        else:
            floor, at_floor, mean = cqc.HSCA_OPENED, 0.3, 7
        if rng.random() < at_floor:
            return floor
        return max(floor, anchor - int(rng.expovariate(1 / (mean * cqc.YEAR))))

    def counts(self):
        """How many active locations of each group the council has at national scale."""
        out = {}
        for group in cqc.GROUPS:
            weight = getattr(self.council, {"care_home": "care_homes"}.get(group, group))
            total = WEIGHT_TOTALS[group]
            expected = weight * cqc.GROUP_TOTALS[group] / total
            out[group] = int(expected + stable_fraction(self.seed, self.council.name, group))
        return out

    def location(self, rng, n, kind, anchor, end=None):
        start = self.draw_start(rng, kind, anchor)
        provider, group = self.provider_for(rng, kind, start)
        start = max(start, provider.start)
        if end is not None and start >= end - 30:
            start = max(cqc.HSCA_OPENED, end - between(rng, 60, 2000))
        town = self.place.towns[0] if rng.random() < 0.5 else pick(rng, self.place.towns)
        name = self.location_name(rng, kind, group, provider, town)
        street, line2, city, county, postcode = self.place.address(rng)
        lat, lon = self.place.coordinates(rng)
        beds = None
        if kind.key == "nursing":
            beds = min(160, max(12, round(rng.gauss(50, 19))))
        elif kind.key == "residential_older":
            beds = min(90, max(5, round(rng.gauss(30, 12))))
        elif kind.key == "residential_ld":
            beds = weighted(rng, SMALL_HOME_BEDS, SMALL_HOME_CUM)
        elif kind.group == "community":
            beds = 0
        asc = kind.group != "health"
        location = Location(
            location_id=cqc_id(n, self.seed),
            kind=kind,
            name=name,
            provider=provider,
            place=self.place,
            start=start,
            end=end,
            dormant=rng.random() < (0.025 if kind.group == "community" else 0.003),
            beds=beds,
            ods_code=self.ods_code(rng, kind, provider),
            phone=names.phone(rng, self.place.area_code) if rng.random() < 0.95 else "",
            manager=names.person(rng) if rng.random() < (0.88 if asc else 0.5) else "",
            website=names.website(rng, name) if rng.random() < 0.35 else "",
            street=street,
            line2=line2,
            city=city,
            county=county,
            postcode=postcode,
            paf=str(between(rng, 1_000_000, 99_999_999)) if rng.random() < 0.85 else "",
            uprn=str(between(rng, 10_000_000, 100_099_999_999)) if rng.random() < 0.85 else "",
            lat=lat,
            lon=lon,
            constituency=pick(rng, self.place.constituencies),
            commissioning=rng.random() < 0.7,
            flags=cqc.draw_flags(rng, kind),
        )
        location.ratings = cqc.rating_history(rng, kind, start, end if end is not None else anchor)
        return location

    @staticmethod
    def ods_code(rng, kind, provider):
        alnum = "0123456789ABCDEFGHJKLMNPQRSTUVWXY"
        if kind.group != "health":
            return "V" + "".join(pick(rng, alnum) for _ in range(4)) if rng.random() < 0.75 else ""
        if kind.key == "gp":
            return pick(rng, "ABCDFGHJKLMNPY") + f"{between(rng, 0, 99_999):05d}"
        if provider.ods_code:
            return provider.ods_code + "".join(pick(rng, alnum) for _ in range(2))
        return "V" + f"{between(rng, 0, 99_999):05d}" if rng.random() < 0.5 else ""

    @staticmethod
    def location_name(rng, kind, group, provider, town):
        key = kind.key
        word = names.word(rng)
        if group is not None and kind.group != "care_home" and group.source != "charity":
            if group.source == "franchise":
                return f"{group.label} ({town})"
            if rng.random() < 0.8:
                return f"{group.label} - {town}"
        if kind.group == "care_home":
            return names.care_home_name(rng, small=key == "residential_ld" and rng.random() < 0.5)
        if key in ("domiciliary", "domiciliary_supported", "nurses_agency"):
            if provider.ownership != "Organisation" or rng.random() < 0.5:
                return names.homecare_name(rng, town)
            return provider.name.replace(" Limited", "").replace(" Ltd", "")
        template = pick(rng, LOCATION_NAMES[key])
        if "{s}" in template:
            template = template.replace("{s}", names.street(rng))
        return template.format(w=word, t=town, n=between(rng, 1, 99))

    def build(self):
        """Locations active at the snapshot, then dual registrations."""
        rng = random.Random(f"{self.seed}|{self.council.name}|cqc")
        out = []
        n = self.index * PER_COUNCIL
        for group, count in self.counts().items():
            kinds = [k for k in KINDS if k.group == group]
            cum, total = [], 0.0
            for k in kinds:
                total += k.share
                cum.append(total)
            for _ in range(count):
                kind = weighted(rng, kinds, cum)
                n += 1
                out.append(self.location(rng, n, kind, self.snapshot))
                if kind.key == "nursing" and rng.random() < 0.003:
                    n += 1
                    out.append(self.dual(rng, n, out[-1]))
        return out

    def dual(self, rng, n, primary):
        """A second registration of the same care home by another provider."""
        provider = self.single_provider(rng, primary.kind, primary.start)
        twin = Location(
            **{f: getattr(primary, f) for f in Location.__slots__ if f not in ("ratings",)}
        )
        twin.location_id = cqc_id(n, self.seed)
        twin.provider = provider
        twin.ratings = []
        primary.dual = twin.dual = True
        primary.primary_id = twin.primary_id = primary.location_id
        return twin

    def closed(self, year):
        """Locations that closed in the year before snapshot - (year - 1) years."""
        rng = random.Random(f"{self.seed}|{self.council.name}|closed|{year}")
        out = []
        n = self.index * PER_COUNCIL + CLOSED_OFFSET + year * 5_000
        counts = self.counts()
        for group in cqc.GROUPS:
            expected = counts[group] * cqc.CLOSURE_RATE[group]
            count = int(expected + rng.random())
            kinds = [k for k in KINDS if k.group == group]
            for _ in range(count):
                kind = weighted(rng, kinds, cumulative(k.share for k in kinds))
                end = self.snapshot - int((year - 1) * cqc.YEAR) - between(rng, 1, 365)
                n += 1
                out.append(self.location(rng, n, kind, end, end=end))
        return out


WEIGHT_TOTALS = {
    "care_home": sum(c.care_homes for c in england.COUNCILS),
    "community": sum(c.community for c in england.COUNCILS),
    "health": sum(c.health for c in england.COUNCILS),
}


def build_register(seed, snapshot: date, councils, history_years, sample=None):
    """The register for `councils` (Council tuples): active and recently closed locations.

    `sample` maps a council name to the share of its locations to keep (neighbours at
    council scale); the kept ones are a stable subset of the national register.
    """
    pools = Pools(seed)
    register = Register(seed=seed, snapshot=snapshot.toordinal(), councils=list(councils))
    for council in councils:
        builder = CouncilBuilder(pools, council, register.snapshot, seed)
        locations = builder.build()
        for year in range(1, history_years + 1):
            locations += builder.closed(year)
        share = (sample or {}).get(council.name)
        if share is not None:
            locations = [
                loc
                for loc in locations
                if stable_fraction(seed, loc.primary_id or loc.location_id) < share
            ]
        register.locations += locations
    register.locations.sort(key=lambda loc: loc.location_id)
    return register
