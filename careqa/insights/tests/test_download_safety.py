"""Downloads are exports: formula-looking names stay text, and partners cannot download."""

import csv
import io

import pytest
from openpyxl import load_workbook

from careqa.factories import UserFactory
from careqa.insights.actions import create_comparator_group
from careqa.insights.tests.insight_data import build_register

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'
TABLES = ("figures", "comparator", "beds", "change")


@pytest.fixture
def register(db):
    found = build_register()
    found["evil"] = create_comparator_group(
        name=FORMULA, councils=found["councils"][:2], by=UserFactory(username="evil-maker")
    )
    return found


def _query(group, table):
    service_type = "childrens_home" if table == "comparator" else "care_homes"
    by = "&by=council" if table == "figures" else ""
    return f"service_type={service_type}&areas=group:{group.pk}{by}&only=group:{group.pk}"


def _cells_csv(content):
    return [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]


def _cells_xlsx(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


@pytest.mark.parametrize("table", TABLES)
def test_a_group_named_like_a_formula_is_text_in_csv(client, personas, register, table):
    client.force_login(personas["qa_manager"])
    response = client.get(f"/insights/download/{table}.csv?{_query(register['evil'], table)}")
    assert response.status_code == 200
    cells = _cells_csv(response.content)
    assert any("HYPERLINK" in c for c in cells)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("table", TABLES)
def test_a_group_named_like_a_formula_is_text_in_xlsx(client, personas, register, table):
    client.force_login(personas["qa_manager"])
    response = client.get(f"/insights/download/{table}.xlsx?{_query(register['evil'], table)}")
    assert response.status_code == 200
    cells = _cells_xlsx(response.content)
    named = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert named
    for cell in named:
        assert cell.data_type == "s", cell.value  # text, never a formula ("f")
        assert not cell.value.startswith("=")
    assert not [c for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("table", TABLES)
def test_a_partner_cannot_download(client, personas, register, table, fmt):
    client.force_login(personas["partner"])
    response = client.get(f"/insights/download/{table}.{fmt}?{_query(register['group'], table)}")
    assert response.status_code == 403


@pytest.mark.parametrize("page", ["", "comparator/", "beds/", "change/"])
def test_a_partner_reads_the_page_without_download_links(client, personas, register, page):
    group = register["group"]
    client.force_login(personas["partner"])
    response = client.get(f"/insights/{page}?areas=group:{group.pk}")
    assert response.status_code == 200
    assert "/insights/download/" not in response.content.decode()
    client.force_login(personas["commissioner"])
    response = client.get(f"/insights/{page}?areas=group:{group.pk}")
    assert "/insights/download/" in response.content.decode()
