"""The meeting's pack and minutes as tagged, accessible PDFs (PDF/UA-1), printed by
WeasyPrint as the visit report and the scrutiny report are."""

from django.conf import settings
from django.template.loader import render_to_string

from careqa.insights.reports.pdf import PDF_VARIANT


def meeting_html(context, *, minutes) -> str:
    return render_to_string("meetings/print.html", {**context, "minutes": minutes})


def meeting_pdf(context, *, minutes) -> bytes:
    from weasyprint import HTML

    html = HTML(string=meeting_html(context, minutes=minutes), base_url=str(settings.BASE_DIR))
    return html.write_pdf(pdf_variant=PDF_VARIANT)


def file_name(meeting, *, minutes) -> str:
    what = "minutes" if minutes else "pack"
    kind = "".join(c if c.isalnum() else "-" for c in meeting.kind_label.lower()).strip("-")
    return f"{kind}-{meeting.held_on:%Y-%m-%d}-{what}.pdf"
