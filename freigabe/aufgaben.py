"""Meine Aufgaben of the approval engine: open Freigaben (Leitung and Vertretung), open
Abstimmungen (members), and what Sozialplanung has to do next with each item."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from core.aufgaben import Aufgabe
from freigabe.models import ARTEN, Abstimmung, Freigabe
from freigabe.models import Freigabestatus as F
from freigabe.rules import entscheidet_fuer
from stammdaten.models import Mitgliedschaft


def _objekte(modell, status, bereiche=None):
    """Items in `status`; with `bereiche`, only those where one of them takes part."""
    qs = (
        modell.objects.filter(status__in=status)
        .select_related("federfuehrung")
        .prefetch_related(
            "beteiligte",
            Prefetch(
                "abstimmungen",
                queryset=Abstimmung.objects.select_related("bereich").order_by("zeitpunkt", "pk"),
            ),
            Prefetch("freigaben", queryset=Freigabe.objects.select_related("bereich", "user")),
        )
        .order_by("geaendert_am")
    )
    if bereiche is not None:
        qs = qs.filter(Q(federfuehrung__in=bereiche) | Q(beteiligte__in=bereiche)).distinct()
    return qs


def freigabe_aufgaben(user) -> list[Aufgabe]:
    aufgaben: list[Aufgabe] = []
    leitung = {b for b, r in user.bereich_rollen.items() if r == Mitgliedschaft.Rolle.LEITUNG}
    leitung |= set(user.vertretungen_heute)
    mitglied = set(user.bereich_rollen)
    steuert = user.has_perm("freigabe.steuern")
    if not (steuert or leitung or mitglied):
        return aufgaben
    status = [F.ZUR_FREIGABE, F.IN_ABSTIMMUNG]
    if steuert:
        status += [F.ENTWURF]
    # One query per item kind (plus its prefetches), whatever the roles: bounded start page.
    for modell in ARTEN.values():
        objekte = _objekte(modell, status, None if steuert else leitung | mitglied)
        # A first draft is ongoing work, not a task; a sent-back one (Fassung > 1) is.
        for o in objekte.exclude(status=F.ENTWURF, fassung=1):
            if o.status == F.ZUR_FREIGABE and leitung:
                aufgaben += _offene_freigaben(o, leitung, user)
            if o.status == F.IN_ABSTIMMUNG and mitglied:
                aufgaben += _offene_abstimmungen(o, mitglied)
            if steuert:
                aufgabe = _naechster_schritt(o)
                if aufgabe:
                    aufgaben.append(aufgabe)
    return aufgaben


def _offene_freigaben(o, leitung, user) -> list[Aufgabe]:
    entschieden = {f.bereich_id for f in o.freigaben.all() if f.fassung == o.fassung}
    return [
        Aufgabe(
            "Freigaben",
            "Freigabe",
            o.kurztitel,
            o.entscheidungs_url(),
            o.geaendert_am,
            f"für {b}" + (" (in Vertretung)" if b.pk in user.vertretungen_heute else ""),
        )
        for b in o.bereiche()
        if b.pk in leitung and b.pk not in entschieden and entscheidet_fuer(user, b)
    ]


def _offene_abstimmungen(o, mitglied) -> list[Aufgabe]:
    beantwortet = {
        a.bereich_id for a in o.abstimmungen.all() if a.fassung == o.fassung and a.stand == o.stand
    }
    return [
        Aufgabe(
            "Abstimmungen",
            "Abstimmung",
            o.kurztitel,
            o.get_absolute_url() + "#abstimmung",
            o.geaendert_am,
            f"für {b}",
        )
        for b in o.bereiche()
        if b.pk in mitglied and b.pk not in beantwortet
    ]


def _naechster_schritt(o) -> Aufgabe | None:
    """What Sozialplanung has to do next with an item, if anything."""
    url = o.get_absolute_url()
    if o.status == F.ENTWURF and o.fassung > 1:
        abgelehnt = [
            f for f in o.freigaben.all() if f.fassung == o.fassung - 1 and not f.freigegeben
        ]
        if abgelehnt:
            f = abgelehnt[0]
            return Aufgabe(
                "Sozialplanung",
                "Zurückgeschickt",
                o.kurztitel,
                url,
                f.zeitpunkt,
                f"abgelehnt von {f.unterschrift} ({f.bereich.code}): {f.begruendung}",
            )
    if o.status == F.IN_ABSTIMMUNG:
        letzte = {}
        for a in o.abstimmungen.all():
            if a.fassung == o.fassung:
                letzte[a.bereich_id] = a
        aktuell = [letzte.get(b.pk) for b in o.bereiche()]
        bedarf = [a for a in aktuell if a and a.stand == o.stand and not a.einverstanden]
        if bedarf:
            return Aufgabe(
                "Sozialplanung",
                "Änderungsbedarf",
                o.kurztitel,
                url + "#abstimmung",
                bedarf[0].zeitpunkt,
                f"{bedarf[0].bereich.code}: {bedarf[0].text}",
            )
        if all(a and a.stand == o.stand and a.einverstanden for a in aktuell):
            return Aufgabe(
                "Sozialplanung",
                "Bereit zur Freigabe",
                o.kurztitel,
                url + "#abstimmung",
                o.geaendert_am,
                "alle Bereiche einverstanden",
            )
    return None
