"""The administrator's pages for the people who sign in: list, add, change, set a password,
deactivate and reactivate. Every change goes through careqa.accounts.actions, which audits it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from careqa.accounts import actions, devices
from careqa.accounts.authz import require_permission
from careqa.accounts.forms import InviteForm, PasswordFields, UserForm
from careqa.accounts.invitations import invitation_status
from careqa.accounts.models import User
from careqa.accounts.permissions import Permission
from careqa.accounts.queries import STATUSES, find_users
from careqa.accounts.roles import DESCRIPTIONS as ROLE_DESCRIPTIONS
from careqa.accounts.roles import Role
from careqa.audit.presenters import present_events
from careqa.audit.queries import events_for

DETAIL_FIELDS = tuple(UserForm.base_fields)


@require_permission(Permission.MANAGE_USERS)
def user_list(request):
    text = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    role = role if role in Role.values else ""
    status = request.GET.get("status", "active")
    status = status if status in STATUSES else "active"
    return render(
        request,
        "accounts/user_list.html",
        {
            "users": find_users(text=text, role=role, status=status),
            "text": text,
            "role": role,
            "status": status,
            "roles": Role.choices,
            "statuses": STATUSES.items(),
            "filtered": bool(text or role or status != "active"),
        },
    )


def link_base(request) -> str:
    """The address this CareQA is reached at, for the links in e-mails."""
    return request.build_absolute_uri("/").rstrip("/")


@require_permission(Permission.MANAGE_USERS)
def user_add(request):
    """Invite someone: their account is made without a password, which they choose
    themselves from the e-mailed link."""
    form = InviteForm(request.POST or None, initial={"role": Role.QA_OFFICER})
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in DETAIL_FIELDS}
        try:
            user, invitation = actions.invite_user(
                by=request.user,
                link_base=link_base(request),
                scope_provider=form.cleaned_data["scope_provider"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Invitation sent to {user.email}. {user.display_name} can sign in as "
                f"‘{user.username}’ once they have chosen a password.",
            )
            return redirect("accounts:user-detail", pk=user.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "person": None, "invitation_days": settings.CAREQA_INVITATION_DAYS},
    )


@require_permission(Permission.MANAGE_USERS)
@require_http_methods(["POST"])
def user_invite_again(request, pk):
    person = get_object_or_404(User, pk=pk)
    try:
        actions.invite_again(user=person, by=request.user, link_base=link_base(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"A new invitation has been sent to {person.email}")
    return redirect("accounts:user-detail", pk=person.pk)


@require_permission(Permission.MANAGE_USERS)
def user_detail(request, pk):
    person = get_object_or_404(User, pk=pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "is_you": person.pk == request.user.pk,
            "role_description": ROLE_DESCRIPTIONS.get(person.role, ""),
            "events": present_events(events_for(person), user=request.user),
            "invitation": invitation_status(person),
            "has_app": devices.has_app(person),
        },
    )


@require_permission(Permission.MANAGE_USERS)
def user_change(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, initial=UserForm.initial_from(person))
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_user(user=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{person.display_name}'s account updated")
            return redirect("accounts:user-detail", pk=person.pk)
    return render(request, "accounts/user_form.html", {"form": form, "person": person})


@require_permission(Permission.MANAGE_USERS)
def user_password(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = PasswordFields(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_password(
                user=person, password=form.cleaned_data["password"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if person.pk == request.user.pk:
                update_session_auth_hash(request, person)  # keep this session signed in
            messages.success(request, f"New password set for {person.display_name}")
            return redirect("accounts:user-detail", pk=person.pk)
    return render(request, "accounts/user_password.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_USERS)
def user_status(request, pk, change):
    """Confirm, then deactivate or reactivate an account (`change` comes from the URL)."""
    person = get_object_or_404(User, pk=pk)
    error = None
    if request.method == "POST":
        act = actions.deactivate_user if change == "deactivate" else actions.reactivate_user
        try:
            act(user=person, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            done = "deactivated" if change == "deactivate" else "reactivated"
            messages.success(request, f"{person.display_name}'s account {done}")
            return redirect("accounts:user-detail", pk=person.pk)
    return render(
        request,
        "accounts/user_status.html",
        {"person": person, "change": change, "error": error},
        status=400 if error else 200,
    )
