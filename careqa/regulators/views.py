"""Import pages: the list of runs, the upload form, and one run's summary of changes."""

import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.providers.models import ChangeEvent
from careqa.providers.queries import our_area_council_ids
from careqa.providers.vocab import Rating
from careqa.regulators.abandoned import UPLOAD_PREFIX, fail_abandoned_runs
from careqa.regulators.forms import ImportUploadForm
from careqa.regulators.models import ImportRun
from careqa.regulators.records import ImportFileError

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
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = _import_upload(upload, regulator=form.cleaned_data["regulator"], by=request.user)
        except ImportFileError as error:
            # The failed run is recorded by the import itself and shows in the list.
            form.add_error("file", error.summary)
            if len(error.problems) > 1:
                problems = error.problems
        else:
            return redirect("regulators:import-detail", pk=run.pk)
    return render(request, "regulators/import_upload.html", {"form": form, "problems": problems})


def _import_upload(upload, *, regulator, by):
    """Hand the upload to the same import the command line uses, as a file on disk."""
    # Imported here so that the list and summary pages do not load the parsers.
    from careqa.regulators.actions import import_file

    with tempfile.TemporaryDirectory(prefix=UPLOAD_PREFIX) as folder:
        # The upload's own (sanitised) name: a parser may read the snapshot date from it.
        path = Path(folder) / (get_valid_filename(Path(upload.name).name) or "upload")
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return import_file(
            path, by=by, regulator=regulator, file_name=upload.name, upload_path=folder
        )


@require_permission(Permission.VIEW_IMPORTS)
def import_detail(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    if not has_permission(request.user, Permission.VIEW_IMPORTS, obj=run):
        raise PermissionDenied
    if run.status == ImportRun.Status.RUNNING and fail_abandoned_runs():
        run.refresh_from_db()
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
