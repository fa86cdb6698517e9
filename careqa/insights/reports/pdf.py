"""The scrutiny report printed to PDF by WeasyPrint (no browser: its own print CSS)."""

from django.conf import settings
from django.template.loader import render_to_string


def report_html(report) -> str:
    return render_to_string("insights/report/report.html", {"report": report})


# PDF/UA-1: a tagged PDF (headings, paragraphs, tables with their header cells), with the
# document's title shown in the window and its language (from the page's lang="en-GB").
PDF_VARIANT = "pdf/ua-1"


def report_pdf(report) -> bytes:
    from weasyprint import HTML

    html = HTML(string=report_html(report), base_url=str(settings.BASE_DIR))
    return html.write_pdf(pdf_variant=PDF_VARIANT)


def file_name(report) -> str:
    council = "".join(c if c.isalnum() else "-" for c in report.scope.council.name.lower())
    return f"qa-compliance-update-{council.strip('-')}-{report.scope.as_at:%Y-%m-%d}.pdf"
