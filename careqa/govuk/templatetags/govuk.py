"""GOV.UK markup helpers for templates: form fields, breadcrumbs, sorting, pagination.

The kit knows nothing of the domain: ratings and permissions have their own tag
libraries (careqa.providers.templatetags.ratings, careqa.accounts.templatetags.permissions).
"""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_if_exists(name, *args, **kwargs) -> str:
    """`{% url_if_exists 'contracts:create' as url %}`: the URL, or "" if none is named so."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def nav_current(context, *prefixes) -> bool:
    """Whether the page being shown belongs to a navigation section (by URL name prefix)."""
    match = getattr(context.get("request"), "resolver_match", None)
    view_name = getattr(match, "view_name", "") or ""
    return any(view_name.startswith(prefix) for prefix in prefixes)


@register.inclusion_tag("_components/breadcrumbs.html")
def govuk_breadcrumbs(*labels_and_hrefs):
    """`{% govuk_breadcrumbs "Services" services_url service.name service_url %}`.

    Label and href in turn; a crumb whose href is empty (a page not there) is left out.
    """
    pairs = zip(labels_and_hrefs[::2], labels_and_hrefs[1::2], strict=True)
    return {"crumbs": [(label, href) for label, href in pairs if href]}


# ---- Form fields -------------------------------------------------------------------

_FIELD_TEMPLATES = {
    "checkbox": "_components/field_checkbox.html",
    "checkboxselectmultiple": "_components/field_checkboxes.html",
    "select": "_components/field_select.html",
    "textarea": "_components/field_textarea.html",
}


@register.inclusion_tag("_components/field.html")
def govuk_field(field, label_class="", input_class="", legend_class="govuk-fieldset__legend--s"):
    """`{% govuk_field form.q %}`: a GOV.UK form group with label, hint and error message."""
    widget_type = field.widget_type
    hint_id = f"{field.auto_id}-hint" if field.help_text else ""
    error_id = f"{field.auto_id}-error" if field.errors else ""
    attrs = {
        key: value
        for key, value in field.field.widget.attrs.items()
        if key not in {"class", "id", "aria-describedby"} and value not in (None, False)
    }
    return {
        "field": field,
        "template_name": _FIELD_TEMPLATES.get(widget_type, "_components/field_input.html"),
        "input_type": getattr(field.field.widget, "input_type", "text") or "text",
        "render_value": widget_type != "password",
        "hint_id": hint_id,
        "error_id": error_id,
        "described_by": " ".join(i for i in (hint_id, error_id) if i),
        "attrs": attrs,
        "label_class": label_class,
        "input_class": input_class,
        "legend_class": legend_class,
    }


@register.filter
def error_anchor(field) -> str:
    """Where the error summary links to: the field itself, or a group's first option."""
    if field.widget_type == "checkboxselectmultiple":
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


# ---- Sorting and pagination --------------------------------------------------------


def _query_with(request, **changes) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("_components/sort_header.html", takes_context=True)
def sort_header(context, key, label, numeric=False):
    """A sortable column heading: a link that sorts by `key`, and `aria-sort` saying how.

    The current sort is `context["sort"]`, a key with "-" in front for descending.
    """
    current = context.get("sort") or ""
    if current == key:
        state, next_sort = "ascending", f"-{key}"
    elif current == f"-{key}":
        state, next_sort = "descending", key
    else:
        state, next_sort = "none", key
    return {
        "label": label,
        "state": state,
        "numeric": numeric,
        "href": _query_with(context["request"], sort=next_sort, page=None),
    }


def page_window(number, num_pages, around=1):
    """The page numbers GOV.UK pagination shows, with None for each gap ('⋯')."""
    wanted = {1, num_pages, *range(number - around, number + around + 1)}
    pages, previous = [], 0
    for page in sorted(p for p in wanted if 1 <= p <= num_pages):
        if page - previous > 1:
            pages.append(None)
        pages.append(page)
        previous = page
    return pages


@register.inclusion_tag("_components/pagination.html", takes_context=True)
def pagination(context, page_obj, label="Pagination"):
    request = context["request"]
    if page_obj.paginator.num_pages <= 1:
        return {"show": False}
    items = [
        {
            "number": number,
            "current": number == page_obj.number,
            "href": _query_with(request, page=number) if number else "",
        }
        for number in page_window(page_obj.number, page_obj.paginator.num_pages)
    ]
    return {
        "show": True,
        "label": label,
        "items": items,
        "previous": (
            _query_with(request, page=page_obj.previous_page_number())
            if page_obj.has_previous()
            else ""
        ),
        "next": (
            _query_with(request, page=page_obj.next_page_number()) if page_obj.has_next() else ""
        ),
    }


@register.filter
def minutes(duration) -> int:
    """A timedelta in whole minutes."""
    return round(duration.total_seconds() / 60)
