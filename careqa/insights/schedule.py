"""The insights' daily work (careqa.jobs.schedule): built report files are kept a week."""

from careqa.jobs.schedule import register


def _remove_old_reports():
    from careqa.insights.builds import remove_old_reports

    return remove_old_reports()


register(
    "remove-built-reports",
    "03:30",
    description="Remove scrutiny report PDFs built more than a week ago (their record stays)",
    call=_remove_old_reports,
)
