"""Second factors: an authenticator app (TOTP) and ten single-use recovery codes.

Each change is written to the security log in the same transaction. A device is a secret,
not a record an auditor reads, so a replaced one is deleted; the log keeps that it was.
"""

import base64

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from careqa.accounts.security import Kind, log_security_event

RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
CODES_NAME = "Recovery codes"


def unconfirmed_app(user) -> TOTPDevice:
    """The app being set up: the same secret until it is confirmed, so a reload keeps the QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def typed_secret(device) -> str:
    """The secret as an app asks for it to be typed: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device) -> str:
    """The otpauth:// address as an inline SVG QR code, labelled for screen readers."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code to scan" ', 1)


def confirm_app(*, device, token, request=None, by=None) -> list[str] | None:
    """Confirm the app with its first code; None if the code is wrong. Replaces any
    earlier app and recovery codes, and returns the new codes (shown once)."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        log_security_event(Kind.SECOND_FACTOR_ADDED, request=request, user=device.user, by=by)
        return make_recovery_codes(user=device.user, request=request, by=by)


def make_recovery_codes(*, user, request=None, by=None) -> list[str]:
    """Ten new single-use codes; the old ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=CODES_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        log_security_event(Kind.RECOVERY_CODES_MADE, request=request, user=user, by=by)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remove_second_factor(*, user, request=None, by=None, note=""):
    """Delete the person's app and codes (a lost phone); where a second factor is required
    they set up a new one at their next sign-in."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        log_security_event(
            Kind.SECOND_FACTOR_REMOVED, request=request, user=user, by=by, detail=note
        )


def verify_code(user, token):
    """The confirmed device this code belongs to (app or recovery code), or None.

    Each device throttles its own failures (django-otp doubles the wait after each)."""
    token = token.replace(" ", "").lower()
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            if allowed and device.verify_token(token):
                return device
    return None
