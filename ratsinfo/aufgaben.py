"""Meine Aufgaben: council papers the OParl server could not deliver."""

from django.db.models import Count, Min, Q
from django.urls import reverse

from core.aufgaben import Aufgabe
from core.text import anzahl
from ratsinfo.models import Ratsvorlage
from ratsinfo.services import BEARBEITEN


def abrufprobleme(user) -> list[Aufgabe]:
    if not user.has_perm(BEARBEITEN):
        return []
    offen = Ratsvorlage.objects.filter(~Q(abruf_fehler="") | Q(geloescht=True)).aggregate(
        n=Count("pk"), seit=Min("abruf_fehler_seit")
    )
    if not offen["n"]:
        return []
    return [
        Aufgabe(
            "Sozialplanung",
            "Ratsvorlagen prüfen",
            anzahl(offen["n"], "Ratsvorlage mit Abrufproblem", "Ratsvorlagen mit Abrufproblem"),
            reverse("ratsvorlage_liste"),
            offen["seit"],
            "zuletzt bekannte Angaben gelten weiter",
        )
    ]
