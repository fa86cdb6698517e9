"""The scrutiny report printed to PDF by WeasyPrint (no browser: its own print CSS)."""

from django.conf import settings
from django.template.loader import render_to_string


def report_html(report) -> str:
    return render_to_string("insights/report/report.html", {"report": report})


def report_pdf(report) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report), base_url=str(settings.BASE_DIR)).write_pdf()


def file_name(report) -> str:
    council = "".join(c if c.isalnum() else "-" for c in report.scope.council.name.lower())
    return f"qa-compliance-update-{council.strip('-')}-{report.scope.as_at:%Y-%m-%d}.pdf"
