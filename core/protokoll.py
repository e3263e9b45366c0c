"""Writing the audit log (core.models.Protokolleintrag): `protokollieren()` from services and
signal handlers. The request being served is remembered per thread (AnfrageMerken), so a
change made in the admin names who made it and from which address."""

from __future__ import annotations

import contextvars
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from core.models import Protokolleintrag
from core.netz import client_adresse

A = Protokolleintrag.Art
_anfrage: contextvars.ContextVar = contextvars.ContextVar("anfrage", default=None)


class AnfrageMerken:
    """Middleware: the current request for the audit log (user, address)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        marke = _anfrage.set(request)
        try:
            return self.get_response(request)
        finally:
            _anfrage.reset(marke)


def protokollieren(
    art: str,
    *,
    betroffen: str = "",
    text: str = "",
    handelnde=None,
    request=None,
) -> Protokolleintrag:
    request = request or _anfrage.get()
    if handelnde is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            handelnde = user
    return Protokolleintrag.objects.create(
        art=art,
        handelnde=handelnde,
        handelnde_name=handelnde.get_username() if handelnde else "",
        betroffen=str(betroffen)[:200],
        text=text,
        adresse=client_adresse(request) if request is not None else None,
    )


def aufraeumen(*, jetzt=None) -> int:
    """Entries older than PROTOKOLL_AUFBEWAHRUNG_TAGE are removed (beat, daily)."""
    grenze = (jetzt or timezone.now()) - timedelta(days=settings.PROTOKOLL_AUFBEWAHRUNG_TAGE)
    anzahl, _ = Protokolleintrag.objects.filter(zeitpunkt__lt=grenze).delete()
    return anzahl


@receiver(user_logged_in)
def _angemeldet(sender, request, user, **kwargs):
    quelle = getattr(user, "backend", "") or ""
    protokollieren(
        A.ANMELDUNG,
        betroffen=user.get_username(),
        text="über das Verzeichnis" if "verzeichnis" in quelle.lower() else "",
        handelnde=user,
        request=request,
    )


@receiver(user_login_failed)
def _fehlgeschlagen(sender, credentials, request=None, **kwargs):
    protokollieren(
        A.ANMELDUNG_FEHLGESCHLAGEN,
        betroffen=str(credentials.get("username", ""))[:150],
        request=request,
    )


@receiver(user_logged_out)
def _abgemeldet(sender, request, user, **kwargs):
    if user is not None:
        protokollieren(A.ABMELDUNG, betroffen=user.get_username(), handelnde=user, request=request)
