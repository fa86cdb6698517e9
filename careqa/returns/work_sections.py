"""Data returns on My work (careqa.work.sections' registry): the way in to the returns, who
is late and the figures. A section, not a menu item: the menu keeps to one line."""

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.work import sections


@sections.register
class DataReturns(sections.Section):
    key = "data-returns"
    title = "Data returns"
    order = 35
    permission = Permission.VIEW_RETURN_TEMPLATES
    template_name = "returns/work_section.html"

    def context(self):
        return {
            "can_view": has_permission(self.user, Permission.VIEW_RETURNS),
            "can_figures": has_permission(self.user, Permission.VIEW_RETURN_FIGURES),
        }
