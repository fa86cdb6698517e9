"""The address a request came from, behind the council's reverse proxies.

Each proxy appends the address it was reached from to X-Forwarded-For, so with N trusted
proxies in front the client is the Nth entry from the right (counting REMOTE_ADDR, the
last proxy, as the 0th). Entries further left were written by the client and can say
anything: they are never used, so no one can pose as another address (and lock a named
user out for everyone behind the proxy, or dodge the per-address limit).
"""

import ipaddress

from django.conf import settings


def address_from(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str | None:
    """The client's address; with 0 trusted proxies the header is ignored."""
    hops = (
        [part.strip() for part in forwarded_for.split(",") if part.strip()] if forwarded_for else []
    )
    hops.append(remote_addr or "")
    # Fewer entries than proxies: the header was cut short; the leftmost trusted hop is
    # the best we know (at worst the proxy itself, which locks more, never less).
    chosen = hops[max(len(hops) - 1 - max(trusted_proxies, 0), 0)]
    return _valid(chosen) or _valid(remote_addr)


def _valid(text):
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """For django-axes (AXES_CLIENT_IP_CALLABLE) and the security log."""
    return address_from(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.CAREQA_TRUSTED_PROXIES,
    )
