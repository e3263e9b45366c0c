"""Meine Aufgaben: what waits for this user, per role, with its age."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Prefetch, Q
from django.urls import reverse

from empfehlungen import freigabe
from empfehlungen.models import Abstimmung, Anregung, Freigabe, Handlungsempfehlung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.freigabeobjekt import Freigabestatus as F
from stammdaten.models import Mitgliedschaft

MODELLE = (Handlungsempfehlung, Massnahmensteckbrief)


@dataclass
class Aufgabe:
    art: str
    titel: str
    url: str
    seit: datetime
    hinweis: str = ""


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


def _titel(objekt) -> str:
    if isinstance(objekt, Handlungsempfehlung):
        return f"{objekt.nummer} {objekt.titel}"
    return f"Steckbrief „{objekt.titel}“"


def meine_aufgaben(user) -> dict[str, list[Aufgabe]]:
    from controlling.aufgaben import sachstand_aufgaben

    aufgaben: dict[str, list[Aufgabe]] = {
        "freigaben": [],
        "abstimmungen": [],
        "sozialplanung": [],
        "sachstand": sachstand_aufgaben(user),
    }
    leitung = {b for b, r in user.bereich_rollen.items() if r == Mitgliedschaft.Rolle.LEITUNG}
    leitung |= set(user.vertretungen_heute)
    mitglied = set(user.bereich_rollen)

    steuert = user.has_perm("freigabe.steuern")
    status = [F.ZUR_FREIGABE, F.IN_ABSTIMMUNG]
    if steuert:
        status += [F.ENTWURF]
    # One query per model (plus its prefetches), whatever the roles: bounded start page.
    if not (steuert or leitung or mitglied):
        return aufgaben
    for modell in MODELLE:
        objekte = _objekte(modell, status, None if steuert else leitung | mitglied)
        # A first draft is ongoing work, not a task; a sent-back one (Fassung > 1) is.
        for o in objekte.exclude(status=F.ENTWURF, fassung=1):
            if o.status == F.ZUR_FREIGABE and leitung:
                aufgaben["freigaben"] += _offene_freigaben(o, leitung, user)
            if o.status == F.IN_ABSTIMMUNG and mitglied:
                aufgaben["abstimmungen"] += _offene_abstimmungen(o, mitglied)
            if steuert:
                aufgabe = _naechster_schritt(o)
                if aufgabe:
                    aufgaben["sozialplanung"].append(aufgabe)
    if steuert:
        aufgaben["sozialplanung"] += _bereit_zur_veroeffentlichung()
    if user.has_perm("empfehlungen.anregung_bearbeiten"):
        offen = Anregung.objects.filter(status=Anregung.Status.EINGEGANGEN).aggregate(
            anzahl=Count("pk"), seit=Min("erfasst_am")
        )
        if offen["anzahl"]:
            aufgaben["sozialplanung"].append(
                Aufgabe(
                    "Recherche",
                    f"{offen['anzahl']} Anregungen warten auf die Recherche",
                    reverse("anregung_liste") + "?status=eingegangen",
                    offen["seit"],
                )
            )
    for liste in aufgaben.values():
        liste.sort(key=lambda a: a.seit)
    return aufgaben


def _offene_freigaben(o, leitung, user) -> list[Aufgabe]:
    entschieden = {f.bereich_id for f in o.freigaben.all() if f.fassung == o.fassung}
    return [
        Aufgabe(
            "Freigabe",
            _titel(o),
            freigabe.entscheidungs_url(o),
            o.geaendert_am,
            f"für {b}" + (" (in Vertretung)" if b.pk in user.vertretungen_heute else ""),
        )
        for b in o.bereiche()
        if b.pk in leitung and b.pk not in entschieden
    ]


def _offene_abstimmungen(o, mitglied) -> list[Aufgabe]:
    beantwortet = {
        a.bereich_id for a in o.abstimmungen.all() if a.fassung == o.fassung and a.stand == o.stand
    }
    return [
        Aufgabe(
            "Abstimmung",
            _titel(o),
            freigabe.detail_url(o) + "#abstimmung",
            o.geaendert_am,
            f"für {b}",
        )
        for b in o.bereiche()
        if b.pk in mitglied and b.pk not in beantwortet
    ]


def _naechster_schritt(o) -> Aufgabe | None:
    """What Sozialplanung has to do next with an item, if anything."""
    url = freigabe.detail_url(o)
    if o.status == F.ENTWURF and o.fassung > 1:
        abgelehnt = [
            f for f in o.freigaben.all() if f.fassung == o.fassung - 1 and not f.freigegeben
        ]
        if abgelehnt:
            f = abgelehnt[0]
            return Aufgabe(
                "Zurückgeschickt",
                _titel(o),
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
                "Änderungsbedarf",
                _titel(o),
                url + "#abstimmung",
                bedarf[0].zeitpunkt,
                f"{bedarf[0].bereich.code}: {bedarf[0].text}",
            )
        if all(a and a.stand == o.stand and a.einverstanden for a in aktuell):
            return Aufgabe(
                "Bereit zur Freigabe",
                _titel(o),
                url + "#abstimmung",
                o.geaendert_am,
                "alle Bereiche einverstanden",
            )
    return None


def _bereit_zur_veroeffentlichung() -> list[Aufgabe]:
    """Freigegebene items, counted: they wait for the next Strategiepapier, not one by one."""
    aufgaben = []
    for modell, name in (
        (Handlungsempfehlung, "Empfehlungen"),
        (Massnahmensteckbrief, "Steckbriefe"),
    ):
        offen = modell.objects.filter(status=F.FREIGEGEBEN).aggregate(
            anzahl=Count("pk"), seit=Min("geaendert_am")
        )
        if offen["anzahl"]:
            aufgaben.append(
                Aufgabe(
                    "Bereit zur Veröffentlichung",
                    f"{offen['anzahl']} freigegebene {name}",
                    reverse("strategiepapier_liste"),
                    offen["seit"],
                    "in ein Strategiepapier aufnehmen",
                )
            )
    return aufgaben
