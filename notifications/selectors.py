"""Reads of notifications: failed mails for Sozialplanung."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications.models import Benachrichtigung

ANZEIGE_HOECHSTENS = 200


def fehlgeschlagene_mails() -> QuerySet[Benachrichtigung]:
    """Newest first; the page lists at most ANZEIGE_HOECHSTENS."""
    return (
        Benachrichtigung.objects.filter(mail=Benachrichtigung.Mail.FEHLGESCHLAGEN)
        .exclude(empfaenger__email="")
        .select_related("empfaenger")
        .order_by("-mail_versucht_am", "-pk")[:ANZEIGE_HOECHSTENS]
    )
