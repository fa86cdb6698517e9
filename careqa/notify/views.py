"""The Notices inbox: everyone signed in has one, and sees only their own notices."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careqa.accounts.authz import signed_in_only
from careqa.notify import actions, queries
from careqa.notify.models import Alert


@signed_in_only
def inbox(request):
    notices = list(queries.inbox(request.user)[: queries.INBOX_LIMIT])
    return render(
        request,
        "notify/inbox/list.html",
        {"notices": notices, "unread": sum(1 for n in notices if n.unread)},
    )


@signed_in_only
def open_notice(request, pk):
    # Another person's notice is not found, as if it did not exist.
    notice = get_object_or_404(Alert, pk=pk, user=request.user)
    was_unread = notice.unread
    actions.mark_read(alert=notice, by=request.user)
    return render(request, "notify/inbox/detail.html", {"notice": notice, "was_unread": was_unread})


@signed_in_only
@require_POST
def read_all(request):
    count = actions.mark_all_read(by=request.user)
    messages.success(request, f"{count} notice{'s' if count != 1 else ''} marked as read")
    return redirect("notify:inbox")
