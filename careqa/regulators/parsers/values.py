"""Turning the regulators' cell text into typed values: ratings, dates, numbers, flags, codes."""

import datetime
import math
import re

from careqa.providers.vocab import Rating

_RI = Rating.REQUIRES_IMPROVEMENT.value

# Every rating word seen in CQC's files and in all twelve Ofsted files 2015-2025, folded.
RATING_WORDS = {
    "outstanding": Rating.OUTSTANDING.value,
    "good": Rating.GOOD.value,
    "requires improvement": _RI,
    "requires improvement to be good": _RI,
    "inadequate": Rating.INADEQUATE.value,
    # Ofsted's grade 3 under earlier frameworks: "Adequate" (2012-2015), "Satisfactory" before.
    "adequate": _RI,
    "satisfactory": _RI,
    "not rated": Rating.NOT_RATED.value,
    "insufficient evidence to rate": Rating.NOT_RATED.value,
    # Ofsted inspected the area but made no judgement on it.
    "not judged": Rating.NOT_RATED.value,
}
# Ofsted's numeric grades, should a file give them as digits.
OFSTED_GRADES = {
    "1": Rating.OUTSTANDING.value,
    "2": Rating.GOOD.value,
    "3": _RI,
    "4": Rating.INADEQUATE.value,
}

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


class BadValue(ValueError):
    """A cell that does not hold what its column should; the caller adds row and column."""


def fold(text) -> str:
    """Case- and spacing-insensitive form of a header or vocabulary word."""
    return " ".join(str(text).replace("\ufeff", "").split()).casefold()


# -- ratings ---------------------------------------------------------------------------

_rating_cache: dict = {}


def rating(text, *, ofsted=False):
    """(code, word as published) for a rating cell; (None, "") when blank."""
    key = (text, ofsted)
    try:
        return _rating_cache[key]
    except KeyError:
        pass
    word = " ".join(text.split())
    if not word:
        result = (None, "")
    else:
        code = RATING_WORDS.get(word.casefold())
        if code is None and ofsted:
            code = OFSTED_GRADES.get(word)
        if code is None:
            raise BadValue(f"'{word}' is not a rating CareQA knows")
        result = (code, word)
    if len(_rating_cache) < 1000:
        _rating_cache[key] = result
    return result


# -- dates -----------------------------------------------------------------------------

_date_cache: dict = {}


def date_value(text):
    """A date from dd/mm/yyyy (as displayed) or ISO yyyy-mm-dd[Thh:mm:ss] (typed cells)."""
    try:
        return _date_cache[text]
    except KeyError:
        pass
    value = _parse_date(text)
    if len(_date_cache) < 50000:
        _date_cache[text] = value
    return value


def _parse_date(text):
    stripped = text.strip()
    if not stripped:
        return None
    try:
        if len(stripped) >= 10 and stripped[4] == "-" and stripped[7] == "-":
            # ISO from a typed ODS/XLSX cell; a midnight time part carries nothing.
            year, month, day = int(stripped[:4]), int(stripped[5:7]), int(stripped[8:10])
            if len(stripped) > 10 and stripped[10] not in "T ":
                raise ValueError
        else:
            parts = stripped.split(" ", 1)[0].split("/")
            if len(parts) != 3 or len(parts[2]) != 4:
                raise ValueError
            day, month, year = int(parts[0]), int(parts[1]), int(parts[2])
        if not 1800 <= year <= 2200:
            raise ValueError
        return datetime.date(year, month, day)
    except ValueError:
        raise BadValue(f"'{stripped}' is not a date (expected dd/mm/yyyy)") from None


_check_cache: dict = {}


def check_date(text):
    """The directory's 'Date of latest check': '09/Jan/2018 - 00:00' (English month names)."""
    try:
        return _check_cache[text]
    except KeyError:
        pass
    stripped = text.strip()
    value = None
    if stripped:
        try:
            day, month, year = stripped.split(" ", 1)[0].split("/")
            month_number = MONTHS[month.casefold()] if not month.isdigit() else int(month)
            value = datetime.date(int(year), month_number, int(day))
        except (ValueError, KeyError):
            raise BadValue(
                f"'{stripped}' is not a date (expected e.g. 09/Jan/2018 - 00:00)"
            ) from None
    if len(_check_cache) < 50000:
        _check_cache[text] = value
    return value


def date_from_words(day, month, year):
    """'16', 'September', '2026' -> date, or None when they do not make one."""
    try:
        return datetime.date(int(year), MONTHS[month.casefold()], int(day))
    except (KeyError, ValueError):
        return None


# -- numbers ---------------------------------------------------------------------------


def count_value(text):
    """A whole number of beds or places: blank -> None, 0 stays 0, text is an error."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        number = int(stripped)
    except ValueError:
        try:
            number = float(stripped.replace(",", ""))
        except ValueError:
            raise BadValue(f"'{stripped}' is not a number") from None
        if not math.isfinite(number) or not number.is_integer():
            raise BadValue(f"'{stripped}' is not a whole number") from None
        number = int(number)
    if number < 0:
        raise BadValue(f"'{stripped}' is negative")
    return number


def float_value(text):
    stripped = text.strip()
    if not stripped:
        return None
    try:
        number = float(stripped)
    except ValueError:
        raise BadValue(f"'{stripped}' is not a number") from None
    if not math.isfinite(number):
        raise BadValue(f"'{stripped}' is not a number")
    return number


def number_text(value) -> str:
    """A numeric cell as text, without a spurious '.0' or exponent (1.0013042022E10)."""
    if isinstance(value, float):
        if value.is_integer() and math.isfinite(value):
            return str(int(value))
        return repr(value)
    return str(value)


def code_text(text) -> str:
    """An identifier (charity, company, UPRN, phone) that may have been stored as a number."""
    stripped = text.strip()
    if not (stripped.endswith(".0") or "E" in stripped or "e" in stripped):
        return stripped
    try:
        number = float(stripped)
    except ValueError:
        return stripped
    if math.isfinite(number) and number.is_integer():
        return str(int(number))
    return stripped


def companies_house_text(text) -> str:
    code = code_text(text)
    # Company numbers have 8 characters; a spreadsheet that took one for a number drops its zeros.
    if code.isdigit() and len(code) < 8:
        return code.zfill(8)
    return code


def phone_text(text) -> str:
    phone = code_text(text)
    # CQC's files lose the leading 0 of UK numbers: 2073770990 -> 02073770990.
    if len(phone) == 10 and phone.isdigit() and phone[0] != "0":
        return "0" + phone
    return phone


# -- flags and words -------------------------------------------------------------------


def yes(text) -> bool:
    return text.strip().upper() in ("Y", "YES", "TRUE")


def yes_no(text):
    """Y -> True, N -> False, blank -> None (CQC's 'Inherited Rating (Y/N)')."""
    flag = text.strip().upper()
    if flag in ("Y", "YES", "TRUE"):
        return True
    if flag in ("N", "NO", "FALSE"):
        return False
    if not flag:
        return None
    raise BadValue(f"'{text.strip()}' is not Y or N")


def no_dash(text) -> str:
    """CQC writes '-' for 'none' in brand columns."""
    stripped = text.strip()
    return "" if stripped in ("-", "*") else stripped


_NON_WORD = re.compile(r"[^0-9a-z]+")
_name_cache: dict = {}


def name_key(name) -> str:
    """An organisation name folded so that spelling variants share one provider id."""
    try:
        return _name_cache[name]
    except KeyError:
        pass
    folded = name.casefold().replace("&", " and ").replace("'", "").replace("\u2019", "")
    words = _NON_WORD.sub(" ", folded).split()
    key = " ".join("limited" if word == "ltd" else word for word in words)
    if len(_name_cache) < 50000:
        _name_cache[name] = key
    return key
