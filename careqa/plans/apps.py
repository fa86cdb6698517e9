from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "careqa.plans"
    label = "plans"
    verbose_name = "Action plans"

    def ready(self):
        # The plan on the service page and My work (the registries), and the hook that opens
        # a plan when a visit report with required actions is issued; overdue plans on the
        # meetings' agenda; the menu.
        from careqa.plans import agenda_sections, hooks, navigation, on_service, work_sections  # noqa: F401
