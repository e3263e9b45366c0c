"""Meine Aufgaben of the approval engine: open Freigaben (Leitung and Vertretung), open
Abstimmungen (members), and what Sozialplanung has to do next with each item."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from core.aufgaben import Aufgabe
from freigabe.models import ARTEN, Abstimmung, Freigabe
from freigabe.models import Freigabestatus as F
from freigabe.rules import entscheidet_fuer
from stammdaten.models import Mitgliedschaft


def _objekte(modell, status, bereiche=None):
    """Items in `status`; with `bereiche`, only those where one of them takes part."""
    qs = (
        modell.objects.filter(status__in=status)
        # A first draft is ongoing work, not a task; a sent-back one (Fassung > 1) is.
        .exclude(status=F.ENTWURF, fassung=1)
        .select_related("federfuehrung")
        .prefetch_related("beteiligte")
        .order_by("geaendert_am")
    )
    if bereiche is not None:
        qs = qs.filter(Q(federfuehrung__in=bereiche) | Q(beteiligte__in=bereiche)).distinct()
    return qs


def _antworten(objekte) -> tuple[dict, dict]:
    """Abstimmungen and Freigaben of all items, both kinds in one query each (the generic
    prefetches cost the start page of Sozialplanung more than everything else on it)."""
    arten = ContentType.objects.get_for_models(*{type(o) for o in objekte})
    je_art: dict[int, list[int]] = {}
    for o in objekte:
        je_art.setdefault(arten[type(o)].pk, []).append(o.pk)
    welche = Q()
    for art, pks in je_art.items():
        welche |= Q(content_type_id=art, object_id__in=pks)
    abstimmungen: dict[tuple, list[Abstimmung]] = {}
    for a in (
        Abstimmung.objects.filter(welche).select_related("bereich").order_by("zeitpunkt", "pk")
    ):
        abstimmungen.setdefault((a.content_type_id, a.object_id), []).append(a)
    freigaben: dict[tuple, list[Freigabe]] = {}
    for f in Freigabe.objects.filter(welche).select_related("bereich", "user"):
        freigaben.setdefault((f.content_type_id, f.object_id), []).append(f)
    return (
        {o: abstimmungen.get((arten[type(o)].pk, o.pk), []) for o in objekte},
        {o: freigaben.get((arten[type(o)].pk, o.pk), []) for o in objekte},
    )


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
    # One query per item kind (plus its Beteiligte), whatever the roles, and one each for all
    # answers: a bounded start page.
    objekte = [
        o
        for modell in ARTEN.values()
        for o in _objekte(modell, status, None if steuert else leitung | mitglied)
    ]
    if not objekte:
        return aufgaben
    abstimmungen, freigaben = _antworten(objekte)
    for o in objekte:
        if o.status == F.ZUR_FREIGABE and leitung:
            aufgaben += _offene_freigaben(o, freigaben[o], leitung, user)
        if o.status == F.IN_ABSTIMMUNG and mitglied:
            aufgaben += _offene_abstimmungen(o, abstimmungen[o], mitglied)
        if steuert:
            aufgabe = _naechster_schritt(o, abstimmungen[o], freigaben[o])
            if aufgabe:
                aufgaben.append(aufgabe)
    return aufgaben


def _offene_freigaben(o, freigaben, leitung, user) -> list[Aufgabe]:
    entschieden = {f.bereich_id for f in freigaben if f.fassung == o.fassung}
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


def _offene_abstimmungen(o, abstimmungen, mitglied) -> list[Aufgabe]:
    beantwortet = {
        a.bereich_id for a in abstimmungen if a.fassung == o.fassung and a.stand == o.stand
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


def _naechster_schritt(o, abstimmungen, freigaben) -> Aufgabe | None:
    """What Sozialplanung has to do next with an item, if anything."""
    url = o.get_absolute_url()
    if o.status == F.ENTWURF and o.fassung > 1:
        abgelehnt = [f for f in freigaben if f.fassung == o.fassung - 1 and not f.freigegeben]
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
        for a in abstimmungen:
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
