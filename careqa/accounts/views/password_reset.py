"""Password reset by e-mail: Django's token views (a link that works once and expires),
with GOV.UK pages and the message sent through careqa.notify.

The page after asking says the same whether or not the address belongs to an account.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from careqa.accounts import actions
from careqa.accounts.forms import NewPasswordForm, PasswordResetRequestForm
from careqa.accounts.models import User
from careqa.accounts.security import Kind, log_security_event


@method_decorator(login_not_required, name="dispatch")
class AskForReset(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def get_context_data(self, **kwargs):
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        return {**super().get_context_data(**kwargs), "valid_hours": hours}

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        log_security_event(
            Kind.PASSWORD_RESET_ASKED,
            request=self.request,
            user=user,
            detail="" if user else f"No active account has the address {email}",
        )
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class ResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


@method_decorator(login_not_required, name="dispatch")
class ChooseNewPassword(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_choose.html"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        try:
            actions.reset_password(
                user=self.user, password=form.cleaned_data["password"], request=self.request
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


@method_decorator(login_not_required, name="dispatch")
class ResetDone(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"
