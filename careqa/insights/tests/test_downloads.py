"""Sheets as CSV and XLSX: the same values, percentages to two decimals."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from careqa.insights.downloads import Sheet, csv_bytes, xlsx_bytes

SHEET = Sheet(
    key="comparator",
    title="Children's homes",
    header=("Rating", "Dudley: no.", "Dudley: %"),
    rows=(("Good", 5, Decimal("55.56")), ("Total", 9, Decimal("100.00"))),
)


def test_csv_has_title_header_rows_and_source():
    rows = list(csv.reader(io.StringIO(csv_bytes(SHEET).decode("utf-8-sig"))))
    assert rows[0] == ["Children's homes"]
    assert rows[1] == ["Rating", "Dudley: no.", "Dudley: %"]
    assert rows[2] == ["Good", "5", "55.56"]
    assert rows[3] == ["Total", "9", "100.00"]
    assert "Open Government Licence" in rows[-1][0]


def test_xlsx_has_the_same_values_as_numbers():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(SHEET))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[2] == ("Good", 5, 55.56)
    assert sheet["C3"].number_format == "0.00"
