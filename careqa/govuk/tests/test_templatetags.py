"""The GOV.UK template helpers, rendered without a database."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from careqa.govuk.templatetags.govuk import page_window, url_if_exists


def render(source, **context):
    return Template("{% load govuk %}" + source).render(Context(context)).strip()


@pytest.mark.parametrize(
    ("rating", "label", "css"),
    [
        ("outstanding", "Outstanding", 'class="govuk-tag careqa-rating-tag"'),
        ("good", "Good", "govuk-tag--green"),
        ("requires_improvement", "Requires improvement", "govuk-tag--orange"),
        ("inadequate", "Inadequate", "govuk-tag--red"),
        ("not_rated", "Not rated", "govuk-tag--grey"),
        (None, "Not yet inspected", "govuk-tag--grey"),
        ("", "Not yet inspected", "govuk-tag--grey"),
    ],
)
def test_rating_tag(rating, label, css):
    html = render("{% rating_tag rating %}", rating=rating)
    assert f">{label}</strong>" in html
    assert css in html


@pytest.mark.parametrize(
    ("number", "pages", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, None, 10]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (10, 10, [1, None, 9, 10]),
        (3, 10, [1, 2, 3, 4, None, 10]),
    ],
)
def test_page_window(number, pages, expected):
    assert page_window(number, pages) == expected


def test_pagination_keeps_the_query_and_marks_the_current_page():
    request = RequestFactory().get("/", {"rating": "good", "page": "2"})
    page = Paginator(range(120), 50).page(2)
    html = render("{% pagination page %}", page=page, request=request)
    assert 'href="?rating=good&amp;page=1" rel="prev"' in html
    assert 'href="?rating=good&amp;page=3" rel="next"' in html
    assert 'aria-current="page">2</a>' in html


def test_pagination_hidden_for_a_single_page():
    request = RequestFactory().get("/")
    page = Paginator(range(10), 50).page(1)
    assert render("{% pagination page %}", page=page, request=request) == ""


@pytest.mark.parametrize(
    ("current", "state", "href"),
    [
        ("", "none", "?sort=beds"),
        ("name", "none", "?sort=beds"),
        ("beds", "ascending", "?sort=-beds"),
        ("-beds", "descending", "?sort=beds"),
    ],
)
def test_sort_header(current, state, href):
    request = RequestFactory().get("/", {"sort": current, "page": "4"} if current else {})
    html = render('{% sort_header "beds" "Beds" numeric=True %}', sort=current, request=request)
    assert f'aria-sort="{state}"' in html
    assert f'href="{href}"' in html
    assert 'scope="col"' in html and "govuk-table__header--numeric" in html


def test_url_if_exists():
    assert url_if_exists("providers:service-list") == "/services/"
    assert url_if_exists("providers:service-detail", 3) == "/services/3/"
    assert url_if_exists("nowhere:nothing") == ""


def test_field_with_hint_and_error_is_described_by_both():
    from django import forms

    class Form(forms.Form):
        name = forms.CharField(label="Name", help_text="As on the register")

    form = Form({"name": ""})
    form.is_valid()
    html = render("{% govuk_field form.name %}", form=form)
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert '<span class="govuk-visually-hidden">Error:</span> This field is required.' in html
    assert "govuk-form-group--error" in html
    assert 'for="id_name"' in html


def test_the_kit_knows_nothing_of_the_domain():
    """GOV.UK markup is reused by every app; it must import none of them."""
    import ast
    from pathlib import Path

    kit = Path(__file__).resolve().parents[1]
    imported = set()
    for path in kit.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    domain = {name for name in imported if name.startswith("careqa.")}
    assert all(name.startswith("careqa.govuk") for name in domain), domain
