"""`radio_options` as a filter, so one include draws every risk form's fields."""

from django import template

from careqa.govuk.forms import radio_options as _radio_options

register = template.Library()


@register.filter
def radio_options(bound_field):
    return _radio_options(bound_field)
