"""The client's address, as the login lockout and the audit log need it.

Behind the city's TLS proxy every request comes from the proxy; the client is named in
X-Forwarded-For. That header is believed only when BEHIND_TLS_PROXY=1, and only the entry the
trusted proxies appended (VERTRAUTE_PROXYS, counted from the right): entries further left were
written by the client and may be forged."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_adresse(request) -> str | None:
    direkt = request.META.get("REMOTE_ADDR")
    if not settings.BEHIND_TLS_PROXY:
        return direkt
    eintraege = [
        e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()
    ]
    anzahl = settings.VERTRAUTE_PROXYS
    if anzahl < 1 or len(eintraege) < anzahl:
        return direkt
    kandidat = eintraege[-anzahl]
    try:
        return str(ipaddress.ip_address(kandidat))
    except ValueError:
        return direkt
