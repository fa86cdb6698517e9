"""Django's and django-axes' sign-in signals, written to the security log.

Signals are how Django reports its own sign-ins; everything CareQA does itself logs in
its actions instead.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from careqa.accounts.security import Kind, log_security_event


@receiver(user_logged_in, dispatch_uid="careqa-security-signed-in")
def _signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    import time

    from careqa.accounts.middleware import LAST_SEEN

    # The idle clock starts now, so the first page after signing in writes no session.
    request.session[LAST_SEEN] = int(time.time())
    log_security_event(Kind.SIGNED_IN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="careqa-security-sign-in-failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    from careqa.accounts.models import User

    username = credentials.get("username", "")
    user = User.objects.filter(username=username).first()
    paused = getattr(request, "axes_locked_out", False)
    log_security_event(
        Kind.SIGN_IN_FAILED,
        request=request,
        user=user,
        username=username,
        detail="Signing in is paused for this name and address" if paused else "",
    )


@receiver(user_locked_out, dispatch_uid="careqa-security-locked-out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    log_security_event(Kind.LOCKED_OUT, request=request, username=username or "")


@receiver(user_logged_out, dispatch_uid="careqa-security-signed-out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None and request is not None:
        idle = getattr(request, "careqa_signed_out_idle", False)
        log_security_event(
            Kind.SIGNED_OUT_IDLE if idle else Kind.SIGNED_OUT, request=request, user=user
        )
