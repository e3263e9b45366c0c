"""Meine Aufgaben of the notifications: undelivered mails (Sozialplanung)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.aufgaben import Aufgabe
from core.text import anzahl
from notifications.models import Benachrichtigung


def versand_aufgaben(user) -> list[Aufgabe]:
    if not user.has_perm("notifications.versand_pruefen"):
        return []
    offen = (
        Benachrichtigung.objects.filter(mail=Benachrichtigung.Mail.FEHLGESCHLAGEN)
        .exclude(empfaenger__email="")
        .aggregate(n=Count("pk"), seit=Coalesce(Min("mail_versucht_am"), Min("erstellt_am")))
    )
    if not offen["n"]:
        return []
    return [
        Aufgabe(
            "Sozialplanung",
            "Mailversand",
            anzahl(offen["n"], "E-Mail nicht zugestellt", "E-Mails nicht zugestellt"),
            reverse("mailversand"),
            offen["seit"],
            "Grund ansehen und erneut senden",
        )
    ]
