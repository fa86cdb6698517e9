"""Accepting an invitation: the e-mailed link, where the invitee chooses their password.

Open to everyone (the invitee has no password yet); the link's token is the key.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from careqa.accounts import actions, signing_in
from careqa.accounts.forms import NewPasswordForm
from careqa.accounts.invitations import usable_invitation
from careqa.accounts.second_factor import requires_second_factor


@login_not_required
def accept(request, token):
    invitation = usable_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_unusable.html", status=404)
    person = invitation.user
    form = NewPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.accept_invitation(
                invitation=invitation, password=form.cleaned_data["password"], request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            person.backend = "django.contrib.auth.backends.ModelBackend"
            # As if they had just typed the password: on to the second factor if needed.
            return signing_in.after_password(request, person, reverse("work:home"))
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "person": person, "second_factor": requires_second_factor(person)},
    )
