"""Comparator groups: list, create, edit, retire and restore (never deleted)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.insights import actions
from careqa.insights.forms import ComparatorGroupForm
from careqa.insights.models import ComparatorGroup

MANAGE_GROUPS = Permission.MANAGE_COMPARATOR_GROUPS


def can_manage_groups(user) -> bool:
    return has_permission(user, MANAGE_GROUPS)


@require_permission(Permission.VIEW_INSIGHTS)
def group_list(request):
    groups = ComparatorGroup.objects.prefetch_related("members__council").order_by(
        "-active", "name"
    )
    return render(
        request,
        "insights/group_list.html",
        {"groups": groups, "can_manage_groups": can_manage_groups(request.user)},
    )


def _save(request, form, group=None):
    data = form.cleaned_data
    # The order the councils were ticked in is the page's order; keep the region order.
    councils = list(data["councils"])
    try:
        if group is None:
            group = actions.create_comparator_group(
                name=data["name"],
                councils=councils,
                description=data["description"],
                by=request.user,
            )
        else:
            group = actions.update_comparator_group(
                group,
                name=data["name"],
                councils=councils,
                description=data["description"],
                by=request.user,
            )
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        return None
    return group


@require_permission(MANAGE_GROUPS)
def group_create(request):
    form = ComparatorGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = _save(request, form)
        if group is not None:
            messages.success(request, f"Comparator group '{group.name}' created")
            return redirect("insights:group-list")
    return render(request, "insights/group_form.html", {"form": form, "group": None})


@require_permission(MANAGE_GROUPS)
def group_edit(request, pk):
    group = get_object_or_404(ComparatorGroup, pk=pk)
    initial = {
        "name": group.name,
        "description": group.description,
        "councils": [c.pk for c in group.ordered_councils()],
    }
    form = ComparatorGroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, group) is not None:
            messages.success(request, f"Comparator group '{form.cleaned_data['name']}' saved")
            return redirect("insights:group-list")
    return render(request, "insights/group_form.html", {"form": form, "group": group})


@require_permission(MANAGE_GROUPS)
@require_POST
def group_retire(request, pk):
    group = actions.retire_comparator_group(
        get_object_or_404(ComparatorGroup, pk=pk), by=request.user
    )
    messages.success(request, f"Comparator group '{group.name}' is no longer in use")
    return redirect("insights:group-list")


@require_permission(MANAGE_GROUPS)
@require_POST
def group_restore(request, pk):
    group = get_object_or_404(ComparatorGroup, pk=pk)
    try:
        group = actions.restore_comparator_group(group, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Comparator group '{group.name}' is in use again")
    return redirect("insights:group-list")
