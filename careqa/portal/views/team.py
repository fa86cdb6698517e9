"""The team's side of the portal: provider users, factual-accuracy comments, notices to
providers and sharing an intelligence entry with its provider."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.models import User
from careqa.accounts.permissions import Permission
from careqa.accounts.roles import Role
from careqa.accounts.views.users import link_base
from careqa.portal import access, actions, forms
from careqa.portal.models import ProviderNotice
from careqa.portal.views.provider import _add_errors
from careqa.visits import actions as visit_actions
from careqa.visits.models import FactualAccuracyComment
from careqa.visits.vocab import CommentStatus

# ---- Provider users ------------------------------------------


@require_permission(Permission.MANAGE_PROVIDER_USERS)
def provider_users(request):
    users = (
        User.objects.filter(role=Role.PROVIDER)
        .select_related("scope_provider")
        .prefetch_related("scope_services", "invitations")
        .order_by("scope_provider__name", "last_name", "first_name")
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "portal/team/users.html", {"page_obj": page})


@require_permission(Permission.MANAGE_PROVIDER_USERS)
def invite(request):
    """Step 1, the provider (by its ID); step 2, the person and which services."""
    provider = None
    find = forms.FindProviderForm(request.GET or None)
    if find.is_bound and find.is_valid():
        provider = find.cleaned_data["provider"]
    if provider is None:
        return render(request, "portal/team/invite_find.html", {"form": find})
    form = forms.InviteProviderUserForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, _ = actions.invite_provider_user(
                by=request.user,
                link_base=link_base(request),
                provider=provider,
                services=form.chosen_services(),
                **{
                    f: data[f]
                    for f in ("username", "first_name", "last_name", "email", "job_title")
                },
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"An invitation is sent to {user.email}")
            return redirect("portal:team-users")
    return render(request, "portal/team/invite.html", {"form": form, "provider": provider})


@require_permission(Permission.MANAGE_PROVIDER_USERS)
def user_access(request, pk, change):
    user = access.load_provider_user(request.user, pk)
    if request.method != "POST":
        return redirect("portal:team-users")
    try:
        if change == "suspend":
            actions.suspend_provider_user(user=user, by=request.user)
            messages.success(request, f"{user.display_name} can no longer sign in")
        else:
            actions.restore_provider_user(user=user, by=request.user)
            messages.success(request, f"{user.display_name} can sign in again")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("portal:team-users")


# ---- Factual-accuracy comments ------------------------------------------


@require_permission(Permission.ANSWER_FACTUAL_ACCURACY)
def comments(request):
    rows = FactualAccuracyComment.objects.select_related(
        "report__visit__service", "made_by", "answered_by"
    ).order_by("status", "-made_at")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "portal/team/comments.html", {"page_obj": page})


@require_permission(Permission.ANSWER_FACTUAL_ACCURACY)
def comment_answer(request, pk):
    comment = get_object_or_404(
        FactualAccuracyComment.objects.select_related("report__visit__service", "made_by"), pk=pk
    )
    form = forms.AnswerForm(request.POST or None)
    if comment.status != CommentStatus.AWAITING:
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            visit_actions.answer_comment(
                comment=comment,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your answer is sent to the provider")
            return redirect("portal:team-comment", pk=comment.pk)
    report = comment.report
    return render(
        request,
        "portal/team/comment.html",
        {
            "comment": comment,
            "report": report,
            "form": form,
            "can_correct": comment.status == CommentStatus.ACCEPTED
            and report.status == "issued"
            and has_permission(request.user, Permission.ISSUE_REPORTS, obj=report),
        },
    )


# ---- Notices to providers ------------------------------------------


@require_permission(Permission.SEND_PROVIDER_NOTICES)
def notices(request):
    from django.db.models import Count, Q

    sent = ProviderNotice.objects.annotate(
        providers=Count("recipients"),
        read=Count("recipients", filter=Q(recipients__first_read_at__isnull=False)),
    ).order_by("-sent_at", "-pk")
    page = Paginator(sent, 25).get_page(request.GET.get("page"))
    return render(request, "portal/team/notices.html", {"page_obj": page})


def _our_councils():
    from careqa.areas.models import CouncilProfile

    profile = CouncilProfile.objects.first()
    return list(profile.our_area.order_by("name")) if profile else []


@require_permission(Permission.SEND_PROVIDER_NOTICES)
def notice_send(request):
    form = forms.NoticeForm(request.POST or None, councils=_our_councils())
    documents = request.FILES.getlist("documents") if request.method == "POST" else []
    document_error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = actions.send_notice(
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                service_types=data["service_types"],
                councils=form.chosen_councils(),
                documents=documents,
            )
        except ValidationError as error:
            found = error.message_dict  # a new dict each time it is read
            document_error = " ".join(found.pop("documents", []))
            if document_error:
                form.add_error(None, document_error)
            for field, errors in found.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            count = notice.recipients.count()
            messages.success(request, f"The notice is sent to {count} providers")
            return redirect("portal:team-notice", pk=notice.pk)
    return render(
        request, "portal/team/notice_send.html", {"form": form, "document_error": document_error}
    )


@require_permission(Permission.SEND_PROVIDER_NOTICES)
def notice_readers(request, pk):
    notice = get_object_or_404(ProviderNotice, pk=pk)
    recipients = notice.recipients.select_related("provider", "first_read_by")
    return render(
        request,
        "portal/team/notice.html",
        {"notice": notice, "recipients": recipients, "documents": notice.documents.all()},
    )


# ---- Sharing an intelligence entry ------------------------------------------


@require_permission(Permission.SHARE_WITH_PROVIDERS)
def share_entry(request, pk):
    from careqa.risk.models import IntelligenceEntry

    entry = get_object_or_404(IntelligenceEntry.objects.select_related("service__provider"), pk=pk)
    if not has_permission(request.user, entry.permission, obj=entry):
        raise Http404("No such entry")
    if request.method != "POST":
        return (
            redirect("providers:service-detail", pk=entry.service_id)
            if entry.service_id
            else redirect("portal:team-users")
        )
    try:
        shared = actions.share_entry(entry=entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Shared with {shared.shared_with}")
    if entry.service_id:
        return redirect("providers:service-detail", pk=entry.service_id)
    return redirect("portal:team-users")
