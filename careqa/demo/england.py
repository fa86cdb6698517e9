"""England's councils as the regulators name them, with their region and realistic weights.

The weights are counts derived once (February 2021) from CQC's national "care directory
with ratings" and Ofsted's providers at 31 March 2023, both in ../shared/data; no data rows
are copied. Northamptonshire and Cumbria are split into their successor unitary councils
(2021 and 2023) so that the table names the councils that exist in 2026.

Columns: CQC's spelling of the council, CQC's region, then the number of care homes, of
other adult social care locations (home care, supported living, ...), of other rated
locations (GPs, hospitals, clinics ...), of Ofsted-registered children's settings, and
Ofsted's spelling of the council where it differs.
"""

import hashlib
import re
from typing import NamedTuple


class Council(NamedTuple):
    name: str  # CQC's spelling, e.g. "Bristol, City of"
    region: str  # CQC's region, e.g. "Yorkshire and The Humber"
    care_homes: int
    community: int
    health: int
    childrens: int
    ofsted_name: str = ""  # Ofsted's spelling when it differs, e.g. "Bristol"

    @property
    def ofsted(self) -> str:
        return self.ofsted_name or self.name


C = Council

COUNCILS = (
    C("Barking and Dagenham", "London", 20, 50, 41, 8),
    C("Barnet", "London", 80, 63, 73, 10),
    C("Barnsley", "Yorkshire and The Humber", 70, 23, 40, 20),
    C("Bath and North East Somerset", "South West", 57, 20, 32, 4),
    C("Bedford", "East of England", 75, 43, 28, 16),
    C("Bexley", "London", 31, 36, 30, 9),
    C("Birmingham", "West Midlands", 285, 187, 216, 77),
    C("Blackburn with Darwen", "North West", 35, 19, 33, 6),
    C("Blackpool", "North West", 66, 20, 29, 34),
    C("Bolton", "North West", 51, 39, 64, 25),
    C(
        "Bournemouth, Christchurch and Poole",
        "South West",
        153,
        72,
        47,
        12,
        "Bournemouth, Christchurch & Poole",
    ),
    C("Bracknell Forest", "South East", 13, 13, 16, 6),
    C("Bradford", "Yorkshire and The Humber", 112, 71, 88, 29),
    C("Brent", "London", 58, 49, 69, 11),
    C("Brighton and Hove", "South East", 88, 56, 51, 11),
    C("Bristol, City of", "South West", 103, 49, 64, 15, "Bristol"),
    C("Bromley", "London", 52, 57, 56, 9),
    C("Buckinghamshire", "South East", 129, 68, 75, 22),
    C("Bury", "North West", 54, 28, 33, 15),
    C("Calderdale", "Yorkshire and The Humber", 49, 36, 27, 37),
    C("Cambridgeshire", "East of England", 127, 91, 91, 31),
    C("Camden", "London", 10, 33, 60, 8),
    C("Central Bedfordshire", "East of England", 53, 34, 28, 16),
    C("Cheshire East", "North West", 96, 74, 46, 26),
    C("Cheshire West and Chester", "North West", 80, 55, 54, 26),
    C("City of London", "London", 0, 2, 27, 1),
    C("Cornwall", "South West", 217, 87, 78, 23),
    C("County Durham", "North East", 144, 44, 71, 53, "Durham"),
    C("Coventry", "West Midlands", 73, 72, 65, 16),
    C("Croydon", "London", 126, 78, 61, 22),
    C("Cumberland", "North West", 78, 38, 43, 27),
    C("Darlington", "North East", 30, 16, 19, 17),
    C("Derby", "East Midlands", 68, 54, 33, 23),
    C("Derbyshire", "East Midlands", 254, 95, 110, 63),
    C("Devon", "South West", 321, 125, 111, 63),
    C("Doncaster", "Yorkshire and The Humber", 72, 42, 56, 25),
    C("Dorset", "South West", 122, 59, 53, 17),
    C("Dudley", "West Midlands", 89, 39, 54, 12),
    C("Ealing", "London", 49, 60, 84, 8),
    C("East Riding of Yorkshire", "Yorkshire and The Humber", 139, 44, 39, 19),
    C("East Sussex", "South East", 305, 84, 87, 35),
    C("Enfield", "London", 76, 78, 64, 11),
    C("Essex", "East of England", 399, 238, 192, 68),
    C("Gateshead", "North East", 55, 32, 33, 14),
    C("Gloucestershire", "South West", 211, 105, 96, 24),
    C("Greenwich", "London", 38, 39, 41, 5),
    C("Hackney", "London", 15, 24, 44, 3),
    C("Halton", "North West", 25, 9, 21, 18),
    C("Hammersmith and Fulham", "London", 9, 19, 31, 2),
    C("Hampshire", "South East", 479, 218, 145, 77),
    C("Haringey", "London", 33, 36, 44, 8),
    C("Harrow", "London", 55, 55, 40, 11),
    C("Hartlepool", "North East", 26, 12, 17, 9),
    C("Havering", "London", 60, 54, 45, 10),
    C("Herefordshire, County of", "West Midlands", 85, 40, 23, 28, "Herefordshire"),
    C("Hertfordshire", "East of England", 249, 169, 148, 35),
    C("Hillingdon", "London", 46, 39, 59, 9),
    C("Hounslow", "London", 29, 41, 50, 6),
    C("Isle of Wight", "South East", 71, 25, 22, 4),
    C("Isles of Scilly", "South West", 1, 0, 1, 1),
    C("Islington", "London", 16, 22, 49, 6),
    C("Kensington and Chelsea", "London", 11, 18, 63, 2),
    C("Kent", "South East", 513, 209, 237, 128),
    C(
        "Kingston upon Hull, City of",
        "Yorkshire and The Humber",
        82,
        30,
        35,
        19,
        "Kingston upon Hull",
    ),
    C("Kingston upon Thames", "London", 40, 27, 29, 3),
    C("Kirklees", "Yorkshire and The Humber", 124, 55, 72, 37),
    C("Knowsley", "North West", 27, 20, 28, 19),
    C("Lambeth", "London", 41, 34, 58, 4),
    C("Lancashire", "North West", 410, 172, 180, 228),
    C("Leeds", "Yorkshire and The Humber", 146, 109, 137, 31),
    C("Leicester", "East Midlands", 101, 100, 66, 20),
    C("Leicestershire", "East Midlands", 169, 95, 86, 65),
    C("Lewisham", "London", 55, 40, 44, 12),
    C("Lincolnshire", "East Midlands", 280, 79, 97, 34),
    C("Liverpool", "North West", 81, 62, 101, 34),
    C("Luton", "East of England", 40, 39, 31, 10),
    C("Manchester", "North West", 84, 61, 137, 27),
    C("Medway", "South East", 70, 40, 44, 8),
    C("Merton", "London", 38, 39, 29, 3),
    C("Middlesbrough", "North East", 45, 16, 25, 12),
    C("Milton Keynes", "South East", 46, 56, 37, 12),
    C("Newcastle upon Tyne", "North East", 69, 34, 46, 18),
    C("Newham", "London", 25, 39, 52, 11),
    C("Norfolk", "East of England", 339, 128, 123, 64),
    C("North East Lincolnshire", "Yorkshire and The Humber", 55, 18, 30, 9),
    C("North Lincolnshire", "Yorkshire and The Humber", 58, 17, 23, 6),
    C("North Northamptonshire", "East Midlands", 107, 69, 40, 29),
    C("North Somerset", "South West", 98, 23, 25, 4),
    C("North Tyneside", "North East", 45, 24, 29, 9),
    C("North Yorkshire", "Yorkshire and The Humber", 200, 123, 92, 28),
    C("Northumberland", "North East", 98, 41, 50, 21),
    C("Nottingham", "East Midlands", 74, 57, 63, 35),
    C("Nottinghamshire", "East Midlands", 272, 112, 118, 60),
    C("Oldham", "North West", 43, 27, 43, 23),
    C("Oxfordshire", "South East", 123, 106, 96, 31),
    C("Peterborough", "East of England", 35, 48, 26, 13),
    C("Plymouth", "South West", 94, 33, 27, 16),
    C("Portsmouth", "South East", 39, 28, 27, 5),
    C("Reading", "South East", 32, 35, 28, 11),
    C("Redbridge", "London", 70, 46, 59, 32),
    C("Redcar and Cleveland", "North East", 45, 14, 21, 6),
    C("Richmond upon Thames", "London", 43, 18, 31, 2),
    C("Rochdale", "North West", 54, 32, 45, 40),
    C("Rotherham", "Yorkshire and The Humber", 77, 30, 32, 19),
    C("Rutland", "East Midlands", 11, 7, 4, 2),
    C("Salford", "North West", 42, 26, 51, 19),
    C("Sandwell", "West Midlands", 78, 65, 59, 24),
    C("Sefton", "North West", 129, 41, 50, 31),
    C("Sheffield", "Yorkshire and The Humber", 108, 88, 103, 25),
    C("Shropshire", "West Midlands", 115, 69, 56, 71),
    C("Slough", "South East", 15, 24, 18, 6),
    C("Solihull", "West Midlands", 60, 40, 28, 7),
    C("Somerset", "South West", 214, 64, 75, 49),
    C("South Gloucestershire", "South West", 72, 43, 28, 5),
    C("South Tyneside", "North East", 33, 13, 24, 4),
    C("Southampton", "South East", 60, 35, 47, 10),
    C("Southend-on-Sea", "East of England", 92, 49, 40, 10, "Southend on Sea"),
    C("Southwark", "London", 18, 24, 46, 5),
    C("St. Helens", "North West", 38, 32, 41, 35, "St Helens"),
    C("Staffordshire", "West Midlands", 236, 108, 146, 146),
    C("Stockport", "North West", 61, 37, 56, 39),
    C("Stockton-on-Tees", "North East", 53, 25, 34, 17),
    C("Stoke-on-Trent", "West Midlands", 79, 48, 46, 31),
    C("Suffolk", "East of England", 186, 147, 94, 39),
    C("Sunderland", "North East", 84, 31, 47, 20),
    C("Surrey", "South East", 406, 202, 191, 37),
    C("Sutton", "London", 76, 42, 31, 3),
    C("Swindon", "South West", 50, 25, 23, 4),
    C("Tameside", "North West", 38, 20, 39, 22),
    C("Telford and Wrekin", "West Midlands", 40, 34, 19, 27),
    C("Thurrock", "East of England", 31, 25, 30, 7),
    C("Torbay", "South West", 83, 28, 14, 6),
    C("Tower Hamlets", "London", 10, 39, 49, 4),
    C("Trafford", "North West", 53, 35, 33, 8),
    C("Wakefield", "Yorkshire and The Humber", 93, 44, 50, 20),
    C("Walsall", "West Midlands", 54, 48, 55, 16),
    C("Waltham Forest", "London", 51, 30, 47, 13),
    C("Wandsworth", "London", 32, 26, 53, 6),
    C("Warrington", "North West", 52, 22, 34, 30),
    C("Warwickshire", "West Midlands", 166, 85, 88, 22),
    C("West Berkshire", "South East", 44, 25, 19, 12),
    C("West Northamptonshire", "East Midlands", 131, 85, 48, 34),
    C("West Sussex", "South East", 344, 139, 118, 44),
    C("Westminster", "London", 11, 11, 159, 0),
    C("Westmorland and Furness", "North West", 63, 31, 35, 22),
    C("Wigan", "North West", 53, 34, 79, 33),
    C("Wiltshire", "South West", 174, 79, 54, 26),
    C("Windsor and Maidenhead", "South East", 38, 18, 31, 3),
    C("Wirral", "North West", 117, 37, 64, 18),
    C("Wokingham", "South East", 52, 29, 17, 4),
    C("Wolverhampton", "West Midlands", 71, 46, 44, 29),
    C("Worcestershire", "West Midlands", 178, 115, 86, 41),
    C("York", "Yorkshire and The Humber", 35, 30, 24, 4),
)

del C

# The default demo council: a metropolitan borough with 71 care homes in CQC's 2021 file.
DEFAULT_COUNCIL = "Wolverhampton"

REGIONS = (
    "East Midlands",
    "East of England",
    "London",
    "North East",
    "North West",
    "South East",
    "South West",
    "West Midlands",
    "Yorkshire and The Humber",
)

NHS_REGIONS = {
    "East Midlands": "Midlands",
    "West Midlands": "Midlands",
    "East of England": "East of England",
    "London": "London",
    "North East": "North East and Yorkshire",
    "Yorkshire and The Humber": "North East and Yorkshire",
    "North West": "North West",
    "South East": "South East",
    "South West": "South West",
}

# Ofsted groups two regions into one; its files also give the government office region.
OFSTED_REGIONS = {
    "North East": "North East, Yorkshire and the Humber",
    "Yorkshire and The Humber": "North East, Yorkshire and the Humber",
}

# Rough centres (latitude, longitude) of the regions, for invented coordinates.
REGION_CENTRES = {
    "East Midlands": (52.95, -0.95),
    "East of England": (52.25, 0.45),
    "London": (51.51, -0.12),
    "North East": (54.85, -1.65),
    "North West": (53.75, -2.65),
    "South East": (51.25, -0.75),
    "South West": (50.95, -3.25),
    "West Midlands": (52.45, -2.15),
    "Yorkshire and The Humber": (53.85, -1.25),
}

BY_NAME = {c.name: c for c in COUNCILS}


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (name or "").lower().replace("&", " and ")).strip()


_BY_FOLDED = {_fold(c.name): c for c in COUNCILS} | {_fold(c.ofsted): c for c in COUNCILS}


def council(name: str) -> Council:
    """The council called `name` (CQC's or Ofsted's spelling, any case); ValueError if none."""
    found = _BY_FOLDED.get(_fold(name))
    if found is None:
        raise ValueError(f"No English council called {name!r} in CQC's data")
    return found


def neighbours(name: str) -> list[str]:
    """The comparator councils of `name`: the other councils of its region, by name."""
    home = council(name)
    return [c.name for c in COUNCILS if c.region == home.region and c.name != home.name]


def region_councils(region: str) -> list[Council]:
    return [c for c in COUNCILS if c.region == region]


# Councils that are counties or areas rather than one town: addresses use invented towns.
_NOT_A_TOWN = re.compile(
    r"shire|^(Cornwall|Devon|Dorset|Essex|Kent|Norfolk|Suffolk|Surrey|Somerset|Wiltshire"
    r"|Rutland|Isle of Wight|Isles of Scilly|County Durham|Northumberland|Cumberland"
    r"|Westmorland and Furness|East Sussex|West Sussex|North Tyneside|South Tyneside"
    r"|North Somerset|Redcar and Cleveland|Herefordshire, County of|Sefton|Wirral|Knowsley"
    r"|Tameside|Trafford|Calderdale|Kirklees|Sandwell|Medway|Torbay|Halton|Dudley|Thurrock)$"
)


def main_town(c: Council) -> str:
    """The town a council is named after ("Bath" for Bath and North East Somerset), or ""."""
    if c.region == "London":
        return "London"
    if _NOT_A_TOWN.search(c.name):
        return ""
    name = re.sub(r", City of$", "", c.name)
    return re.split(r",| and | with | Forest$", name)[0].strip()


def stable_fraction(*parts) -> float:
    """A number in [0, 1) from the parts, the same on every machine and run."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def centre(c: Council) -> tuple[float, float]:
    """An invented centre for the council: its region's centre moved a little."""
    lat, lon = REGION_CENTRES[c.region]
    spread = 0.08 if c.region == "London" else 0.55
    return (
        lat + (stable_fraction(c.name, "lat") - 0.5) * spread,
        lon + (stable_fraction(c.name, "lon") - 0.5) * spread * 1.6,
    )
