"""Cell values: rating words of both regulators, dates, counts, identifiers, phone numbers."""

import datetime

import pytest

from careqa.regulators.parsers import values
from careqa.regulators.parsers.values import BadValue


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Outstanding", "outstanding"),
        ("GOOD", "good"),
        ("Requires improvement", "requires_improvement"),
        ("Requires Improvement", "requires_improvement"),
        ("Requires improvement to be good", "requires_improvement"),
        ("Requires Improvement to be good", "requires_improvement"),
        ("  requires   improvement  ", "requires_improvement"),
        ("Inadequate", "inadequate"),
        ("Adequate", "requires_improvement"),
        ("Satisfactory", "requires_improvement"),
        ("Not Rated", "not_rated"),
        ("Insufficient evidence to rate", "not_rated"),
        ("Not judged", "not_rated"),
    ],
)
def test_rating_words(word, code):
    assert values.rating(word) == (code, " ".join(word.split()))


def test_blank_rating_is_no_rating():
    assert values.rating("") == (None, "")
    assert values.rating("   ") == (None, "")


def test_ofsted_digits_are_grades_but_only_for_ofsted():
    assert [values.rating(d, ofsted=True)[0] for d in "1234"] == [
        "outstanding",
        "good",
        "requires_improvement",
        "inadequate",
    ]
    with pytest.raises(BadValue, match="'2' is not a rating"):
        values.rating("2")


def test_unknown_rating_word():
    with pytest.raises(BadValue, match="'Excellent' is not a rating"):
        values.rating("Excellent")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/04/2022", datetime.date(2022, 4, 20)),
        ("1/2/2021", datetime.date(2021, 2, 1)),
        ("2022-04-20", datetime.date(2022, 4, 20)),
        ("2022-04-20T00:00:00", datetime.date(2022, 4, 20)),
        ("20/04/2022 00:00:00", datetime.date(2022, 4, 20)),
        ("", None),
        (" ", None),
    ],
)
def test_dates(text, expected):
    assert values.date_value(text) == expected


@pytest.mark.parametrize("text", ["31/02/2020", "2020-13-01", "yesterday", "20/04/22", "44000"])
def test_bad_dates(text):
    with pytest.raises(BadValue, match="is not a date"):
        values.date_value(text)


def test_directory_check_dates():
    assert values.check_date("09/Jan/2018 - 00:00") == datetime.date(2018, 1, 9)
    assert values.check_date("19/May/2022 - 00:00") == datetime.date(2022, 5, 19)
    assert values.check_date("") is None
    with pytest.raises(BadValue):
        values.check_date("09/Foo/2018 - 00:00")


def test_counts():
    assert values.count_value("") is None
    assert values.count_value("0") == 0
    assert values.count_value("42") == 42
    assert values.count_value("42.0") == 42
    for bad in ("forty", "4.5", "-3", "nan"):
        with pytest.raises(BadValue):
            values.count_value(bad)


def test_identifiers_stored_as_numbers_come_back_as_text():
    assert values.code_text("1.0013042022E10") == "10013042022"
    assert values.code_text("1012345.0") == "1012345"
    assert values.code_text("SC123456") == "SC123456"
    assert values.code_text("OE001234") == "OE001234"
    assert values.companies_house_text("1234567") == "01234567"
    assert values.companies_house_text("1234567.0") == "01234567"
    assert values.companies_house_text("SC123456") == "SC123456"
    assert values.number_text(1.0013042022e10) == "10013042022"
    assert values.number_text(53.401234) == "53.401234"


def test_phone_numbers_regain_their_leading_zero():
    assert values.phone_text("2073770990") == "02073770990"
    assert values.phone_text("1.516061234E9") == "01516061234"
    assert values.phone_text("01516061234") == "01516061234"
    assert values.phone_text("0800 123 4567") == "0800 123 4567"
    assert values.phone_text("") == ""


def test_flags():
    assert values.yes("Y") and values.yes(" y ") and not values.yes("N") and not values.yes("")
    assert values.yes_no("Y") is True and values.yes_no("N") is False
    assert values.yes_no("") is None
    with pytest.raises(BadValue):
        values.yes_no("Maybe")
    assert values.no_dash("-") == "" and values.no_dash(" BD198 ") == "BD198"


def test_organisation_names_fold_to_one_key():
    assert values.name_key("Yourcare (Northwest) ltd") == values.name_key(
        "YOURCARE (NORTHWEST) LIMITED"
    )
    assert values.name_key("Central & Southern Homes") == "central and southern homes"
    assert values.name_key("Children\u2019s Homes Ltd") == values.name_key("Children's Homes Ltd")
