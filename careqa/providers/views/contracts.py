"""Pages for the council's contracts with a service: view, record, change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.audit.queries import events_for
from careqa.providers.actions import create_contract, update_contract
from careqa.providers.contract_forms import ContractForm
from careqa.providers.models import Contract, Service


def _load_contract(user, pk, permission):
    contract = get_object_or_404(Contract.objects.select_related("service"), pk=pk)
    if not has_permission(user, permission, obj=contract):
        raise PermissionDenied
    return contract


def _load_service(user, raw_pk, permission):
    """The service named in the query string (?service=<pk>), or 404."""
    if not str(raw_pk or "").isdigit():
        raise Http404("No service was chosen for the contract")
    service = get_object_or_404(Service, pk=int(raw_pk))
    if not has_permission(user, permission, obj=service):
        raise PermissionDenied
    return service


@require_permission(Permission.VIEW_CONTRACTS)
def contract_detail(request, pk):
    contract = _load_contract(request.user, pk, Permission.VIEW_CONTRACTS)
    can_see_history = has_permission(request.user, Permission.VIEW_AUDIT, obj=contract)
    return render(
        request,
        "contracts/detail.html",
        {
            "contract": contract,
            "service": contract.service,
            "can_edit": has_permission(request.user, Permission.MANAGE_CONTRACTS, obj=contract),
            "can_see_history": can_see_history,
            "events": present_events(events_for(contract), user=request.user)
            if can_see_history
            else [],
        },
    )


@require_permission(Permission.MANAGE_CONTRACTS)
def contract_create(request):
    service = _load_service(request.user, request.GET.get("service"), Permission.MANAGE_CONTRACTS)
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = create_contract(service=service, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            # A rule the action enforces that the form missed is shown against its field.
            form.add_error(None, error)
        else:
            messages.success(request, f"Contract ‘{contract.framework}’ recorded")
            return redirect("contracts:detail", pk=contract.pk)
    return render(
        request,
        "contracts/form.html",
        {"form": form, "service": service, "contract": None},
    )


@require_permission(Permission.MANAGE_CONTRACTS)
def contract_edit(request, pk):
    contract = _load_contract(request.user, pk, Permission.MANAGE_CONTRACTS)
    form = ContractForm.for_contract(request.POST or None, contract)
    if request.method == "POST" and form.is_valid():
        try:
            update_contract(contract=contract, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Contract updated")
            return redirect("contracts:detail", pk=contract.pk)
    return render(
        request,
        "contracts/form.html",
        {"form": form, "service": contract.service, "contract": contract},
    )
