"""The header's unread count: one indexed count, only on pages for a signed-in person."""

from django import template

from careqa.notify.queries import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int:
    request = context.get("request")
    return unread_count(getattr(request, "user", None))
