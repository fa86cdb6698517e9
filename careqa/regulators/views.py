"""Import pages: the list of runs, the upload form, and one run's summary of changes."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.providers.models import ChangeEvent
from careqa.providers.queries import our_area_council_ids
from careqa.providers.vocab import Rating
from careqa.regulators.abandoned import fail_abandoned_runs
from careqa.regulators.forms import ImportUploadForm
from careqa.regulators.models import ImportRun
from careqa.regulators.progress import read_progress

RUNS_PER_PAGE = 25
CHANGES_PER_PAGE = 50
RATING_LABELS = dict(Rating.choices)
NOT_SET = "Not set"


@require_permission(Permission.VIEW_IMPORTS)
def import_list(request):
    fail_abandoned_runs()
    runs = ImportRun.objects.all()
    page = Paginator(runs, RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "regulators/import_list.html",
        {
            "page": page,
            "runs": page.object_list,
            "can_upload": has_permission(request.user, Permission.IMPORT_REGULATOR_DATA),
        },
    )


@require_permission(Permission.IMPORT_REGULATOR_DATA)
def import_upload(request):
    """The upload is stored and imported by the job worker; its page shows the progress."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # Imported here so that the list and summary pages do not load the parsers.
        from careqa.regulators.actions import queue_import

        run = queue_import(
            form.cleaned_data["file"], regulator=form.cleaned_data["regulator"], by=request.user
        )
        return redirect("regulators:import-detail", pk=run.pk)
    return render(request, "regulators/import_upload.html", {"form": form})


def _load_run(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    if not has_permission(request.user, Permission.VIEW_IMPORTS, obj=run):
        raise PermissionDenied
    return run


UNFINISHED = (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)


@require_permission(Permission.VIEW_IMPORTS)
def import_progress(request, pk):
    """How far the import has got, as JSON, for the page's progress bar to poll."""
    run = _load_run(request, pk)
    state = read_progress(run) if run.status in UNFINISHED else None
    response = JsonResponse(
        {
            "status": run.status,
            "status_label": run.get_status_display(),
            "finished": run.status not in UNFINISHED,
            "stage": state["stage_label"] if state else "",
            "done": state["done"] if state else 0,
            "total": state["total"] if state else None,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_permission(Permission.VIEW_IMPORTS)
def import_detail(request, pk):
    run = _load_run(request, pk)
    if run.status == ImportRun.Status.RUNNING and fail_abandoned_runs():
        run.refresh_from_db()
    if run.status in UNFINISHED:
        return render(
            request,
            "regulators/import_progress.html",
            {"run": run, "progress": read_progress(run), "refresh_seconds": 3},
        )
    our_area = set(our_area_council_ids())
    in_our_area = bool(our_area) and request.GET.get("area") == "ours"
    found = ChangeEvent.objects.filter(import_run_id=run.pk)
    if in_our_area:
        found = found.filter(service__council_id__in=our_area)
    counts = dict(found.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    kinds = [(kind, label) for kind, label in ChangeEvent.Kind.choices if counts.get(kind)]
    kind = request.GET.get("kind", "")
    kind = kind if kind in ChangeEvent.Kind.values else ""
    changes = found.select_related("service", "service__council").order_by(
        "kind", "service__name", "id"
    )
    if kind:
        changes = changes.filter(kind=kind)
    page = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "regulators/import_detail.html",
        {
            "run": run,
            "count_rows": _count_rows(run),
            "kind_counts": [(code, label, counts[code]) for code, label in kinds],
            "total_changes": sum(counts.values()),
            "kind": kind,
            "kind_label": dict(ChangeEvent.Kind.choices).get(kind, ""),
            "can_filter_area": bool(our_area),
            "in_our_area": in_our_area,
            "area_query": "&area=ours" if in_our_area else "",
            "first_of_regulator": _first_of_regulator(run),
            "page": page,
            "changes": [_present_change(change, our_area) for change in page.object_list],
        },
    )


def _first_of_regulator(run):
    """Whether no import of this regulator's data succeeded before this one."""
    return not (
        ImportRun.objects.filter(
            regulator=run.regulator, status=ImportRun.Status.SUCCEEDED, pk__lt=run.pk
        ).exists()
    )


def _count_rows(run):
    return [
        ("Rows read", run.rows),
        ("Services created", run.created),
        ("Services updated", run.updated),
        ("Services unchanged", run.unchanged),
        ("Services deactivated", run.deactivated),
        ("New ratings", run.new_ratings),
        ("Ratings completed (key questions or dates added)", run.ratings_updated),
        ("Rows rejected", run.rejected),
        ("Rows skipped (outside the register)", run.skipped),
        ("Providers created", run.providers_created),
        ("Providers updated", run.providers_updated),
    ]


def _present_change(change, our_area=()):
    # Only values that exist, in words. A change with no values (newly registered) shows
    # none; a blank beside a value (beds first given) is "Not set"; never "None".
    old, new = change.old_value, change.new_value
    if old or new:
        old = RATING_LABELS.get(old, old) if old else NOT_SET
        new = RATING_LABELS.get(new, new) if new else NOT_SET
    council = change.service.council
    return {
        "service": change.service,
        "council": council.name if council else "Not known",
        "ours": council is not None and council.pk in our_area,
        "kind": change.get_kind_display(),
        "old": old,
        "new": new,
        "occurred_on": change.occurred_on,
    }
