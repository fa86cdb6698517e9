from django import template

from careqa.work.navigation import menu_for

register = template.Library()


@register.inclusion_tag("_components/menu.html", takes_context=True)
def main_menu(context):
    """The menu's items for the signed-in person, the current page's highlighted."""
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    view_name = getattr(match, "view_name", "") or ""
    return {"items": menu_for(request.user, view_name)}
