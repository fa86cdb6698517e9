"""One place, many spellings: how CQC's and Ofsted's names for councils and regions meet.

Pure functions; the importers call `region_key` / `council_key` and look the key up.
"""

import re

# ONS region names, the canonical spelling CareQA shows.
ENGLISH_REGIONS = (
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

_REGION_ALIASES = {
    "yorkshire and humberside": "Yorkshire and The Humber",
    "yorkshire and the humber": "Yorkshire and The Humber",
    "yorkshire humber": "Yorkshire and The Humber",
    "east": "East of England",
    "eastern": "East of England",
    "east of england": "East of England",
    "north east": "North East",
    "north west": "North West",
    "south east": "South East",
    "south west": "South West",
    "east midlands": "East Midlands",
    "west midlands": "West Midlands",
    "london": "London",
}

# Councils whose names differ between the regulators by more than punctuation.
_COUNCIL_ALIASES = {
    "bristol city of": "bristol",
    "city of bristol": "bristol",
    "herefordshire county of": "herefordshire",
    "county of herefordshire": "herefordshire",
    "kingston upon hull city of": "kingston upon hull",
    "hull": "kingston upon hull",
    "city of kingston upon hull": "kingston upon hull",
    "durham": "county durham",
    "st helens": "st helens",
    "saint helens": "st helens",
    "southend": "southend on sea",
    "bournemouth christchurch and poole": "bournemouth christchurch and poole",
    "city of london": "city of london",
    "london city of": "city of london",
    "isles of scilly": "isles of scilly",
    "scilly isles": "isles of scilly",
    "medway towns": "medway",
    "telford and the wrekin": "telford and wrekin",
    "richmond": "richmond upon thames",
    "kingston": "kingston upon thames",
    "windsor and maidenhead": "windsor and maidenhead",
    "royal borough of windsor and maidenhead": "windsor and maidenhead",
    "bedford borough": "bedford",
}


def _fold(name: str) -> str:
    text = (name or "").strip().lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def region_key(name: str) -> str:
    return _fold(canonical_region(name))


def canonical_region(name: str) -> str:
    """The ONS spelling of a region name from either regulator; unknown names unchanged."""
    folded = _fold(name)
    return _REGION_ALIASES.get(folded, (name or "").strip())


def council_key(name: str) -> str:
    folded = _fold(name)
    folded = re.sub(r"^(the )", "", folded)
    return _COUNCIL_ALIASES.get(folded, folded)
