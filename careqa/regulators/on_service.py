"""The CQC sync on a service's page (careqa.providers.service_page): an inspection CQC has
made but whose report it has not yet published, so the team knows a new rating is coming."""

from careqa.providers import service_page
from careqa.regulators.models import UnpublishedInspection


@service_page.register
class UnpublishedInspectionBanner(service_page.Panel):
    key = "unpublished-inspection"
    title = "Report not yet published"
    order = 2
    banner = True
    template_name = "regulators/_unpublished_inspection.html"

    def shown(self):
        self.inspection = (
            UnpublishedInspection.objects.filter(service=self.service, report_published_on=None)
            .order_by("-inspected_on")
            .first()
        )
        return self.inspection is not None

    def context(self):
        return {"inspection": self.inspection}
