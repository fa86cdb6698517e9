"""Invented names, streets, towns, postcodes and numbers for the demo register.

Everything here is made up from word lists; any likeness to a real service is chance.
Every function takes the caller's seeded `random.Random`, so output is deterministic.
"""

import re
from bisect import bisect_right
from itertools import accumulate


# Fast draws: random.Random's choice/randint/choices are slow in Python; these use random().
def pick(rng, seq):
    return seq[int(rng.random() * len(seq))]


def between(rng, low, high):
    """An integer from low to high inclusive."""
    return low + int(rng.random() * (high - low + 1))


def cumulative(weights) -> tuple:
    return tuple(accumulate(weights))


def weighted(rng, items, cum):
    """One of `items`, weighted by the cumulative weights `cum`."""
    return items[bisect_right(cum, rng.random() * cum[-1])]


FEMALE_NAMES = (
    "Aaliyah Aisha Alice Amanda Amy Angela Ann Asha Barbara Bernadette Beverley Carol "
    "Caroline Catherine Chloe Christine Claire Dalia Dawn Deborah Deepa Denise Donna Eleanor "
    "Emma Fatima Fiona Folake Gillian Grace Hannah Harpreet Hazel Helen Irene Jacqueline "
    "Janet Jennifer Joanne Julie Karen Katherine Kelly Laura Leanne Lesley Linda Lisa "
    "Lorraine Louise Lucy Margaret Maria Mary Michelle Nadia Natalie Nicola Nkechi Olivia "
    "Patricia Paula Priya Rachel Rebecca Ruth Sadia Samantha Sandra Sarah Sharon Sonia Susan "
    "Tanya Teresa Tracey Victoria Yasmin Yvonne Zoe Zainab"
).split()
MALE_NAMES = (
    "Abdul Adam Alan Amir Andrew Anil Anthony Ben Bilal Brian Chidi Colin Craig Daniel "
    "Darren David Duncan Edward Emeka Gareth Gary Graham Ian Imran James Jason John Jonathan "
    "Joseph Kevin Kwame Mandeep Mark Martin Matthew Mohammed Neil Oliver Paul Peter Rajesh "
    "Richard Robert Simon Stephen Steven Thomas Wayne"
).split()
FIRST_NAMES = FEMALE_NAMES + MALE_NAMES

SURNAMES = (
    "Adams Ahmed Ali Allen Anderson Appiah Armstrong Atkinson Bailey Baker Banks Barker "
    "Begum Bell Bennett Bhatti Booth Bradley Brooks Brown Butler Campbell Carter Chapman "
    "Chauhan Clarke Cole Collins Cook Cooper Cox Davies Dixon Doherty Edwards Ellis Evans "
    "Fletcher Foster Fox Gill Gordon Graham Grant Gray Green Griffiths Hall Harris Harrison "
    "Hart Hill Holmes Hughes Hunt Hussain Jackson James Jenkins Johnson Jones Kaur Kelly "
    "Khan King Knight Lee Lewis Lloyd Malik Marshall Martin Mason Matthews Mensah Miah "
    "Mills Mitchell Moore Morgan Morris Murphy Murray Nwosu Obi Okafor Owen Palmer Parker "
    "Patel Pearson Phillips Powell Price Rahman Reid Reynolds Richards Richardson Roberts "
    "Robinson Rogers Rose Russell Scott Shah Sharma Shaw Simpson Singh Smith Stevens "
    "Stewart Taylor Thomas Thompson Turner Walker Walsh Ward Watson White Wilkinson Williams "
    "Wilson Wood Wright Young"
).split()

# Words for houses, homes, streets and groups: plants, landscape, qualities.
WORDS = (
    "Abbey Acorn Alder Amber Applegarth Ash Aspen Autumn Barley Beacon Beech Birch Blossom "
    "Bluebell Bramble Briar Brook Buttercup Castle Cedar Chantry Cherry Chestnut Clover "
    "Coppice Corner Cotswold Cranmore Crescent Dale Daisy Dove Elder Elm Fairfield Fairview "
    "Fern Field Fir Forest Foxglove Garden Glebe Glen Golden Grange Greenacre Greenbank "
    "Hawthorn Hazel Heath Heather Heron Highfield Hill Holly Honeysuckle Ivy Juniper Kestrel "
    "Kingfisher Lake Larch Laurel Lavender Lilac Lime Linden Magnolia Maple Marigold "
    "Meadow Mill Moorland Mulberry Myrtle Oak Oakwood Orchard Park Pear Pine Poplar Primrose "
    "Quarry Rainbow Ridge River Robin Rose Rowan Sandpiper Silver Skylark Spring Spruce "
    "Stone Summer Sunrise Sunnyside Swallow Sycamore Thistle Valley Vale Violet Walnut "
    "Water Wayside Westfield Willow Windmill Woodland Wren Yew"
).split()

HOME_SUFFIXES = (
    "House",
    "Lodge",
    "Court",
    "Grange",
    "Manor",
    "Hall",
    "View",
    "House Care Home",
    "Lodge Care Home",
    "Court Nursing Home",
    "Manor Nursing Home",
    "Residential Home",
    "Care Centre",
    "Gardens",
    "Mews",
)
SMALL_HOME_SUFFIXES = ("Road", "Avenue", "Close", "Lane", "Drive", "Way", "Street", "Grove")
STREET_TYPES = (
    "Road",
    "Road",
    "Street",
    "Street",
    "Lane",
    "Avenue",
    "Close",
    "Drive",
    "Way",
    "Grove",
    "Crescent",
    "Gardens",
    "Terrace",
    "Place",
    "Hill",
    "Rise",
    "Walk",
)
TOWN_STARTS = (
    "Ash Bar Bram Brox Bur Chal Chel Cod Dar Dun Ell Elm Farn Fen Glen Gos Hal Hart Hest "
    "Kel Ken Lang Lev Lyn Mar Mel Nor Oak Ock Pem Pol Quen Ras Ren Ris Sal Sed Stan Stow "
    "Tam Thorn Ux Wal Wes Whit Wick Wold Yar"
).split()
TOWN_ENDS = (
    "bourne bridge brook bury by caster combe cote dale den field ford gate ham hampton "
    "hurst ing ley low mere minster mouth stead stock thorpe ton wall well wick worth"
).split()
BUSINESS_ENDS = ("Limited", "Limited", "Limited", "Ltd", "Ltd")
COMPANY_KINDS = (
    "Care",
    "Care",
    "Healthcare",
    "Care Services",
    "Care Homes",
    "Senior Living",
    "Care Group",
    "Homes",
    "Health & Care",
)
HOMECARE_KINDS = (
    "Home Care",
    "Homecare",
    "Care at Home",
    "Care Services",
    "Domiciliary Care",
    "Support Services",
    "Care Solutions",
    "Community Care",
    "Home Support",
)
CHARITY_FORMS = (
    "The {w} Trust",
    "{w} Housing Association",
    "{w} Care Trust",
    "The {w} Foundation",
    "{w} Community Support",
    "{w} Living",
    "The {w} Fellowship",
    "{w} Homes Trust",
)
INVALID_INWARD = set("CIKMOV")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def person(rng) -> str:
    return f"{pick(rng, FIRST_NAMES)} {pick(rng, SURNAMES)}"


def titled_person(rng) -> str:
    if rng.random() < 0.12:
        return f"Dr {person(rng)}"
    if rng.random() < 0.55:
        return f"{pick(rng, ('Mrs', 'Ms', 'Miss'))} {pick(rng, FEMALE_NAMES)} {pick(rng, SURNAMES)}"
    return f"Mr {pick(rng, MALE_NAMES)} {pick(rng, SURNAMES)}"


def word(rng) -> str:
    return pick(rng, WORDS)


def town(rng) -> str:
    return pick(rng, TOWN_STARTS) + pick(rng, TOWN_ENDS)


def street(rng) -> str:
    return f"{pick(rng, WORDS)} {pick(rng, STREET_TYPES)}"


def street_address(rng) -> str:
    roll = rng.random()
    if roll < 0.6:
        return f"{between(rng, 1, 240)} {street(rng)}"
    if roll < 0.8:
        return street(rng)
    return f"{pick(rng, ('Unit', 'Suite', 'Flat'))} {between(rng, 1, 30)}, {street(rng)}"


def care_home_name(rng, *, small=False) -> str:
    if small:
        return f"{between(rng, 1, 199)} {pick(rng, WORDS)} {pick(rng, SMALL_HOME_SUFFIXES)}"
    name = f"{pick(rng, WORDS)} {pick(rng, HOME_SUFFIXES)}"
    return f"The {name}" if rng.random() < 0.08 else name


def company_name(rng, kinds=COMPANY_KINDS) -> str:
    roll = rng.random()
    if roll < 0.55:
        stem = pick(rng, WORDS)
    elif roll < 0.8:
        stem = pick(rng, SURNAMES)
    elif roll < 0.9:
        stem = f"{pick(rng, SURNAMES)} & {pick(rng, SURNAMES)}"
    else:
        stem = f"{pick(rng, WORDS)} {pick(rng, ('Valley', 'Park', 'Gate', 'Vale', 'Green'))}"
    return f"{stem} {pick(rng, kinds)} {pick(rng, BUSINESS_ENDS)}"


def charity_name(rng) -> str:
    return pick(rng, CHARITY_FORMS).format(w=pick(rng, WORDS))


def homecare_name(rng, place: str) -> str:
    roll = rng.random()
    if roll < 0.35:
        return f"{pick(rng, WORDS)} {pick(rng, HOMECARE_KINDS)}"
    if roll < 0.6:
        return f"{place} {pick(rng, HOMECARE_KINDS)}"
    if roll < 0.8:
        return f"{pick(rng, SURNAMES)} {pick(rng, HOMECARE_KINDS)}"
    return f"{pick(rng, WORDS)} {pick(rng, HOMECARE_KINDS)} - {place}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().replace("&", "and"))[:30]


def website(rng, name: str) -> str:
    base = slug(re.sub(r"\b(limited|ltd)\b", "", name, flags=re.I)) or "care"
    return f"www.{base}{pick(rng, ('.co.uk', '.co.uk', '.com', '.org.uk', '.uk'))}"


def postcode(rng, area: str) -> str:
    district = between(rng, 1, 28)
    inward = f"{between(rng, 0, 9)}{pick(rng, INWARD_LETTERS)}{pick(rng, INWARD_LETTERS)}"
    return f"{area}{district} {inward}"


def postcode_area(council_name: str) -> str:
    """One or two capital letters for the council's invented postcodes."""
    letters = re.sub(r"[^A-Za-z]", "", council_name).upper()
    second = next((ch for ch in letters[1:] if ch not in "AEIOU"), "")
    return letters[0] + second


def phone(rng, area_code: str) -> str:
    """A UK number as CQC's files give it: a leading 0, no spaces."""
    digits = 11 - len(area_code)
    return f"{area_code}{int(rng.random() * 10**digits):0{digits}d}"


def companies_house_number(rng) -> str:
    """8 digits, most with leading zeros, as text."""
    return f"{between(rng, 100_000, 15_999_999):08d}"


def charity_number(rng) -> str:
    return str(pick(rng, (between(rng, 200_000, 299_999), between(rng, 1_000_000, 1_210_000))))
