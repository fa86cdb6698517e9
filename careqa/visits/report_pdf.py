"""The visit report as a tagged, accessible PDF (PDF/UA-1), printed by WeasyPrint from the
same content the page shows."""

from django.conf import settings
from django.template.loader import render_to_string

# Tagged for screen readers: headings, lists and tables carry their structure.
PDF_VARIANT = "pdf/ua-1"


def report_html(content, *, draft) -> str:
    return render_to_string("visits/report/print.html", {"report": content, "draft": draft})


def report_pdf(content, *, draft=False) -> bytes:
    from weasyprint import HTML

    html = HTML(string=report_html(content, draft=draft), base_url=str(settings.BASE_DIR))
    return html.write_pdf(pdf_variant=PDF_VARIANT)


def file_name(content) -> str:
    name = "".join(c if c.isalnum() else "-" for c in content["service"]["name"].lower())
    day = content["issued_on"] or "draft"
    return f"visit-report-{name.strip('-')[:60]}-{day}-v{content['version']}.pdf"
