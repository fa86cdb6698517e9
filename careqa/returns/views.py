"""The returns' pages: the returns asked for, a service's returns and its form, uploads
for many services, who is late, the figures and the templates. Every read of services or
returns is scoped to the person (a provider user: their own services, else 404)."""

import csv
import datetime
import io
import tempfile
from pathlib import Path

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from careqa.accounts.authz import has_permission, in_scope, require_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.audit.queries import events_for_records
from careqa.govuk.forms import run_on_form
from careqa.providers.models import Service
from careqa.regulators.records import ImportFileError
from careqa.returns import actions, forms, presenters, queries, rules, upload
from careqa.returns.models import Programme, ReturnTemplate, Source, Submission
from careqa.spreadsheets import safe_cell

# The returns are sent to the council, not published: downloads and pages say so.
SHARING_NOTICE = (
    "Council staff only: providers' returns to the council, not published. Do not share "
    "outside the council without the QA manager's agreement."
)


def _template(pk) -> ReturnTemplate:
    return get_object_or_404(ReturnTemplate, pk=pk)


def _service(user, pk) -> Service:
    service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
    if not in_scope(user, service):
        raise Http404("No such service")
    return service


def _period(template, request, today) -> datetime.date:
    text = request.GET.get("period") or request.POST.get("period") or ""
    if not text:
        return rules.current_period(template.schedule, today=today)
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise Http404("No such period") from None
    if rules.period_start(template.schedule, day) != day:
        raise Http404("No such period")
    return day


@require_permission(Permission.VIEW_RETURN_TEMPLATES)
def index(request):
    user, today = request.user, timezone.localdate()
    rows = []
    for template in queries.current_templates():
        entry = {"template": template, "window": rules.window_words(template.schedule)}
        if template.switched_on:
            start = rules.current_period(template.schedule, today=today)
            services = list(queries.expected_services(template, user))
            sent = queries.submitted_set(template.key, [s.pk for s in services], [start])
            entry.update(
                period=rules.period_words(template.schedule, start),
                asked=len(services),
                sent=len(sent),
            )
        rows.append(entry)
    return render(
        request,
        "returns/index.html",
        {
            "rows": rows,
            "can_manage": has_permission(user, Permission.MANAGE_RETURN_TEMPLATES),
            "can_figures": has_permission(user, Permission.VIEW_RETURN_FIGURES),
            "can_view": has_permission(user, Permission.VIEW_RETURNS),
        },
    )


@require_permission(Permission.VIEW_RETURN_TEMPLATES)
def template_detail(request, pk):
    template = _template(pk)
    user, today = request.user, timezone.localdate()
    start = rules.current_period(template.schedule, today=today)
    services = list(queries.expected_services(template, user))
    clocks = (
        queries.clocks(template, services, today=today, count=1) if template.switched_on else []
    )
    context = {
        "template": template,
        "window": rules.window_words(template.schedule),
        "period": rules.period_words(template.schedule, start),
        "period_start": start,
        "clocks": clocks,
        "tags": presenters.STATUS_TAGS,
        "versions": ReturnTemplate.objects.filter(key=template.key).order_by("-version"),
        "can_manage": has_permission(user, Permission.MANAGE_RETURN_TEMPLATES),
        "can_submit": has_permission(user, Permission.SUBMIT_RETURNS),
        "can_view": has_permission(user, Permission.VIEW_RETURNS),
        "can_figures": has_permission(user, Permission.VIEW_RETURN_FIGURES),
        "can_tracker": has_permission(user, Permission.LOAD_CAPACITY_TRACKER)
        and any(s.tracker for s in template.specs),
    }
    return render(request, "returns/template_detail.html", context)


@require_permission(Permission.MANAGE_RETURN_TEMPLATES)
def template_add(request):
    form = forms.TemplateForm(request.POST or None, initial={"period": "monthly"})
    if request.method == "POST" and form.is_valid():
        values = form.action_values()
        done = run_on_form(
            form,
            lambda: actions.create_template(
                by=request.user, key=slugify(values["name"])[:60] or "return", **values
            ),
        )
        if done is not None:
            messages.success(request, f"{done.name} added")
            return redirect("returns:template", pk=done.pk)
    return render(request, "returns/template_form.html", {"form": form, "template": None})


@require_permission(Permission.MANAGE_RETURN_TEMPLATES)
def template_edit(request, pk):
    template = _template(pk)
    if not template.current:
        raise Http404("Only the current version is edited")
    form = forms.TemplateForm(request.POST or None, initial=forms.template_initial(template))
    if request.method == "POST" and form.is_valid():
        values = form.action_values()
        done = run_on_form(
            form,
            lambda: actions.revise_template(
                template=template, by=request.user, switched_on=template.switched_on, **values
            ),
        )
        if done is not None:
            messages.success(request, f"Version {done.version} of {done.name} saved")
            return redirect("returns:template", pk=done.pk)
    return render(request, "returns/template_form.html", {"form": form, "template": template})


@require_permission(Permission.MANAGE_RETURN_TEMPLATES)
@require_POST
def template_switch(request, pk):
    template = _template(pk)
    on = request.POST.get("on") == "yes"
    actions.switch_template(template=template, by=request.user, on=on)
    messages.success(
        request, f"{template.name} is {'now asked for' if on else 'no longer asked for'}"
    )
    return redirect("returns:template", pk=template.pk)


@require_permission(Permission.VIEW_RETURNS)
def service_returns(request, pk):
    service = _service(request.user, pk)
    today = timezone.localdate()
    context = {
        "service": service,
        "clocks": queries.service_clocks(service, request.user, today=today),
        "submissions": list(queries.submissions_of(request.user, service)[:50]),
        "tags": presenters.STATUS_TAGS,
        "can_submit": has_permission(request.user, Permission.SUBMIT_RETURNS, obj=service),
        "can_figures": has_permission(request.user, Permission.VIEW_RETURN_FIGURES),
    }
    return render(request, "returns/service.html", context)


@require_permission(Permission.SUBMIT_RETURNS)
def submit(request, pk, service_pk):
    template = _template(pk)
    service = _service(request.user, service_pk)
    if not template.current:
        raise Http404("Returns are sent against the current version")
    today = timezone.localdate()
    start = _period(template, request, today)
    known = queries.prefills(template, service)
    previous = Submission.objects.filter(
        template_key=template.key, service=service, period_start=start, superseded=False
    ).first()
    # Sending again starts from what was sent, not from empty boxes.
    form = forms.ReturnForm(
        request.POST or None,
        template=template,
        prefilled=known,
        initial=dict(previous.values) if previous else None,
    )
    schedule = template.schedule
    opens, closes = rules.window(schedule, start)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: actions.submit_return(
                template=template,
                service=service,
                period_start=start,
                values=form.raw_values(),
                by=request.user,
                today=today,
            ),
        )
        if done is not None:
            late = f" late (the window closed on {closes.day} {closes:%B %Y})" if done.late else ""
            messages.success(request, f"{template.name} for {service} sent{late}")
            return redirect("returns:submission", pk=done.pk)
    context = {
        "template": template,
        "service": service,
        "form": form,
        "period": rules.period_words(schedule, start),
        "period_start": start,
        "opens": opens,
        "closes": closes,
        "late": today > closes,
        "previous": previous,
        "back": reverse("returns:service", args=[service.pk]),
    }
    return render(request, "returns/submit.html", context)


@require_permission(Permission.VIEW_RETURNS)
def submission_detail(request, pk):
    submission = get_object_or_404(
        Submission.objects.select_related("template", "service", "entered_by"), pk=pk
    )
    if not in_scope(request.user, submission):
        raise Http404("No such return")
    template = submission.template
    context = {
        "submission": submission,
        "service": submission.service,
        "template": template,
        "period": rules.period_words(template.schedule, submission.period_start),
        "values": presenters.values_list(template, submission.values),
    }
    if has_permission(request.user, Permission.VIEW_AUDIT, obj=submission):
        events = events_for_records("returns.submission", [submission.pk])
        context["audit_events"] = present_events(events.order_by("-occurred_at"), user=request.user)
    return render(request, "returns/submission.html", context)


@require_permission(Permission.SUBMIT_RETURNS)
def layout(request, pk, fmt):
    """The template's own layout, one row for each of the person's services asked."""
    template = _template(pk)
    services = list(queries.expected_services(template, request.user))

    def known(service):
        return queries.prefills(template, service)

    name = f"{template.key}-v{template.version}"
    if fmt == "xlsx":
        body = upload.layout_xlsx(template, services, known)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = upload.layout_csv(template, services, known)
        kind = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


def _read_upload(file):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        with open(path, "wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        return upload.read_table(path, Path(file.name).name)


def _upload_page(request, template, *, tracker):
    user, today = request.user, timezone.localdate()
    start = _period(template, request, today)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    problems, file_name = [], ""
    if request.method == "POST" and form.is_valid():
        file_name = Path(form.cleaned_data["file"].name).name
        try:
            table = _read_upload(form.cleaned_data["file"])
        except ImportFileError as error:
            problems = upload.problems_of_error(error)
        else:
            services = list(queries.expected_services(template, user))
            # Any service in the register may be named, so that another provider's is
            # told apart from a mistyped ID; only the person's own may be sent.
            named = sorted(upload.named_locations(table))
            by_id = {}
            for at in range(0, len(named), 900):  # SQLite's limit on a query's parameters
                by_id.update(
                    (s.location_id, s)
                    for s in Service.objects.filter(location_id__in=named[at : at + 900])
                )
            checked = upload.check_rows(
                table,
                template,
                services_by_id=by_id,
                user_services={s.pk for s in services},
                columns=upload.tracker_columns(template) if tracker else None,
            )
            problems = checked.problems
            if not problems and not checked.rows:
                problems = [upload.Problem(None, "", "the file has no rows of returns")]
            if not problems:
                done = run_on_form(
                    form,
                    lambda: actions.submit_many(
                        template=template,
                        period_start=start,
                        rows=checked.rows,
                        by=user,
                        today=today,
                        source=Source.CAPACITY_TRACKER if tracker else Source.UPLOAD,
                    ),
                )
                if done is not None:
                    messages.success(
                        request,
                        f"{len(done)} returns for {rules.period_words(template.schedule, start)} "
                        f"saved from {file_name}",
                    )
                    return redirect("returns:template", pk=template.pk)
    context = {
        "template": template,
        "form": form,
        "problems": problems,
        "file_name": file_name,
        "period": rules.period_words(template.schedule, start),
        "period_start": start,
        "periods": [
            (p, rules.period_words(template.schedule, p))
            for p in rules.recent_periods(template.schedule, today=today, count=6)
        ],
        "tracker": tracker,
        "tracker_columns": upload.tracker_columns(template) if tracker else {},
        "back": reverse("returns:template", args=[template.pk]),
    }
    return render(request, "returns/upload.html", context)


@require_permission(Permission.SUBMIT_RETURNS)
def upload_returns(request, pk):
    template = _template(pk)
    if not template.current:
        raise Http404("Returns are sent against the current version")
    return _upload_page(request, template, tracker=False)


@require_permission(Permission.LOAD_CAPACITY_TRACKER)
def tracker_upload(request, pk):
    template = _template(pk)
    if not template.current or not any(s.tracker for s in template.specs):
        raise Http404("This return has no fields from the Capacity Tracker")
    return _upload_page(request, template, tracker=True)


@require_permission(Permission.VIEW_RETURNS)
def late(request):
    today = timezone.localdate()
    rows = queries.late_and_missed(request.user, today=today)
    return render(
        request,
        "returns/late.html",
        {"rows": rows, "today": today, "tags": presenters.STATUS_TAGS},
    )


def _figures_context(request, template):
    today = timezone.localdate()
    numeric = [s for s in template.specs if s.kind in (*rules.NUMERIC, rules.YES_NO)]
    code = request.GET.get("field") or (numeric[0].code if numeric else "")
    spec = next((s for s in numeric if s.code == code), None)
    service = None
    if request.GET.get("service"):
        try:
            service = _service(request.user, int(request.GET["service"]))
        except ValueError:
            raise Http404("No such service") from None
    months = 36 if template.period == rules.MONTHLY else 12
    last = rules.current_period(template.schedule, today=today)
    first = last
    for _ in range(months - 1):
        earlier = rules.previous_period(template.schedule, first)
        if earlier is None:
            break
        first = earlier
    ids = queries.area_ids(template)
    rows = (
        queries.field_figures(
            template,
            spec.code,
            service=service,
            first=first,
            last=last,
            ids=None if service else ids,
        )
        if spec
        else []
    )
    periods = [r.period_start for r in rows][-12:] or [last]
    shares = queries.share_submitted(template, periods, ids=ids)
    return {
        "template": template,
        "numeric": numeric,
        "spec": spec,
        "service": service,
        "rows": rows,
        "chart": presenters.chart(rows),
        "shares": [
            {
                "period": rules.period_words(template.schedule, p),
                "sent": sent,
                "asked": asked,
                "percent": round(100 * sent / asked) if asked else 0,
            }
            for p, (sent, asked) in sorted(shares.items())
        ],
        "summary": queries.summary(template, last, ids=ids),
        "summary_period": rules.period_words(template.schedule, last),
        "notice": SHARING_NOTICE,
        "words": presenters.number_words,
    }


@require_permission(Permission.VIEW_RETURN_FIGURES)
def figures(request, pk):
    template = _template(pk)
    context = _figures_context(request, template)
    for row in context["rows"]:
        row.period = rules.period_words(template.schedule, row.period_start)
        row.words = [
            presenters.number_words(v) for v in (row.value, row.lower, row.median, row.upper)
        ]
    context["query"] = request.GET.urlencode()
    return render(request, "returns/figures.html", context)


@require_permission(Permission.VIEW_RETURN_FIGURES)
def figures_download(request, pk, fmt):
    template = _template(pk)
    context = _figures_context(request, template)
    spec, service = context["spec"], context["service"]
    heading = [
        "Period",
        f"{service} ({spec.label})" if service and spec else "This service",
        "Lower quartile",
        "Median",
        "Upper quartile",
        "Services",
    ]
    table = [
        [
            r.period_start.isoformat(),
            r.value,
            r.lower,
            r.median,
            r.upper,
            r.count,
        ]
        for r in context["rows"]
    ]
    title = f"{template.name}: {spec.label if spec else ''}"
    name = f"{template.key}-{spec.code if spec else 'figures'}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Figures")
        sheet.append([safe_cell(SHARING_NOTICE)])
        sheet.append([safe_cell(title)])
        sheet.append([safe_cell(h) for h in heading])
        for row in table:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([SHARING_NOTICE])
        writer.writerow([safe_cell(title)])
        writer.writerow([safe_cell(h) for h in heading])
        writer.writerows(table)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


# ---- Quality-improvement programmes -------------------------------------------------------


@require_permission(Permission.VIEW_RETURN_FIGURES)
def programmes(request):
    return render(
        request,
        "returns/programmes.html",
        {
            "programmes": Programme.objects.annotate(
                services=Count("participants"), beds=Sum("participants__beds")
            ),
            "can_manage": has_permission(request.user, Permission.MANAGE_RETURN_TEMPLATES),
        },
    )


@require_permission(Permission.VIEW_RETURN_FIGURES)
def programme_detail(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    participants = list(programme.participants.select_related("service"))
    context = {
        "programme": programme,
        "participants": participants,
        "beds": sum(p.beds for p in participants),
        "events": list(programme.events.all()),
        "measures": queries.programme_measures(programme, today=timezone.localdate()),
        "can_manage": has_permission(request.user, Permission.MANAGE_RETURN_TEMPLATES),
        "notice": SHARING_NOTICE,
    }
    return render(request, "returns/programme.html", context)


def _programme_form_page(request, form, call, *, success, back, heading, programme=None):
    if request.method == "POST" and form.is_valid():
        done = run_on_form(form, lambda: call(form.cleaned_data))
        if done is not None:
            messages.success(request, success)
            return redirect(back(done))
    return render(
        request,
        "returns/programme_form.html",
        {"form": form, "heading": heading, "programme": programme},
    )


@require_permission(Permission.MANAGE_RETURN_TEMPLATES)
def programme_add(request):
    form = forms.ProgrammeForm(request.POST or None, templates=list(queries.current_templates()))
    return _programme_form_page(
        request,
        form,
        lambda data: actions.create_programme(by=request.user, **data),
        success="Programme added",
        back=lambda p: reverse("returns:programme", args=[p.pk]),
        heading="Add a quality-improvement programme",
    )


@require_permission(Permission.MANAGE_RETURN_TEMPLATES)
def participant_add(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    template = ReturnTemplate.objects.filter(key=programme.template_key, current=True).first()
    services = list(queries.expected_services(template)) if template else []
    form = forms.ParticipantForm(request.POST or None, services=services)

    def call(data):
        service = form.services.get(data["service"])
        return actions.add_participant(
            programme=programme,
            service=service,
            beds=data["beds"],
            joined_on=data["joined_on"],
            by=request.user,
        )

    return _programme_form_page(
        request,
        form,
        call,
        success="Service added to the programme",
        back=lambda _: reverse("returns:programme", args=[programme.pk]),
        heading="Add a participating service",
        programme=programme,
    )


@require_permission(Permission.MANAGE_RETURN_TEMPLATES)
def programme_event_add(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    form = forms.ProgrammeEventForm(request.POST or None)
    return _programme_form_page(
        request,
        form,
        lambda data: actions.add_programme_event(programme=programme, by=request.user, **data),
        success="Event added",
        back=lambda _: reverse("returns:programme", args=[programme.pk]),
        heading="Add an event",
        programme=programme,
    )
