"""Reads of the public pages and open data: only the public copy and published papers."""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet

from core.suche import textsuche
from ratsinfo.models import Ratsvorlage
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum
from strategiepapier.models import Strategiepapier
from transparenz.models import OeffentlicherEintrag, Umsetzungsstand


def eintraege(art: str | None = None) -> QuerySet[OeffentlicherEintrag]:
    qs = OeffentlicherEintrag.objects.select_related("handlungsfeld", "federfuehrung")
    return qs.filter(art=art) if art else qs


def gefiltert(
    qs: QuerySet,
    *,
    sozialraum: Sozialraum | None = None,
    handlungsfeld: Handlungsfeld | None = None,
    bereich: Bereich | None = None,
    umsetzungsstand: str = "",
    suche: str = "",
) -> QuerySet[OeffentlicherEintrag]:
    """A Sozialraum's items include the stadtweit ones (they apply there too)."""
    if sozialraum is not None:
        qs = qs.filter(Q(stadtweit=True) | Q(sozialraeume=sozialraum)).distinct()
    if handlungsfeld is not None:
        qs = qs.filter(handlungsfeld=handlungsfeld)
    if bereich is not None:
        qs = qs.filter(Q(federfuehrung=bereich) | Q(beteiligte=bereich)).distinct()
    if umsetzungsstand:
        qs = qs.filter(umsetzungsstand=umsetzungsstand)
    return textsuche(qs, suche, praefix=True)


RATSVORLAGE_FELDER = (
    "nummer",
    "titel",
    "datum",
    "art",
    "web",
    "beschluss",
    "beschluss_am",
    "gremium",
)


def ratsvorlage_oeffentlich(v: Ratsvorlage) -> dict:
    """What the public sees of a council paper (not how fetching it went)."""
    werte = {f: getattr(v, f) for f in RATSVORLAGE_FELDER}
    for f in ("datum", "beschluss_am"):
        werte[f] = werte[f].isoformat() if werte[f] else None
    return werte


def mit_ratsvorlagen(eintraege) -> list[OeffentlicherEintrag]:
    """The entries, each with `.ratsvorlagen` (its Empfehlung's council papers), one query."""
    eintraege = list(eintraege)
    ids = [e.quelle_id for e in eintraege if e.art == OeffentlicherEintrag.Art.EMPFEHLUNG]
    je_empfehlung: dict[int, list[dict]] = {}
    verbindungen = (
        Ratsvorlage.empfehlungen.through.objects.filter(handlungsempfehlung_id__in=ids)
        .select_related("ratsvorlage")
        .order_by("ratsvorlage__datum", "ratsvorlage__pk")
    )
    for v in verbindungen:
        je_empfehlung.setdefault(v.handlungsempfehlung_id, []).append(
            ratsvorlage_oeffentlich(v.ratsvorlage)
        )
    for e in eintraege:
        e.ratsvorlagen = (
            je_empfehlung.get(e.quelle_id, [])
            if e.art == OeffentlicherEintrag.Art.EMPFEHLUNG
            else []
        )
    return eintraege


def papiere() -> QuerySet[Strategiepapier]:
    return (
        Strategiepapier.objects.filter(status=Strategiepapier.Status.VEROEFFENTLICHT)
        .select_related("sozialraum")
        .order_by("-ausgabe", "sozialraum__reihenfolge")
    )


@dataclass(frozen=True)
class Stand:
    """When the public data last changed, and a fingerprint of it (ETag)."""

    geaendert: datetime | None
    etag: str


@functools.cache
def _fassung_der_seiten() -> str:
    """A new deployment (templates, styles, public settings) must not be answered 304 from
    the old pages: their fingerprint is part of the ETag. Same on every worker of a release."""
    teile = [
        str(getattr(settings, name))
        for name in dir(settings)
        if name.startswith("TRANSPARENZ_") or name in ("STADT_NAME", "SITE_URL")
    ]
    basis = Path(__file__).resolve().parent.parent
    for pfad in sorted(
        [*basis.glob("transparenz/templates/**/*.html"), basis / "static/css/app.css"]
    ):
        if pfad.exists():
            teile.append(hashlib.sha256(pfad.read_bytes()).hexdigest())
    return hashlib.sha256("|".join(teile).encode()).hexdigest()[:12]


STAND_SCHLUESSEL = "transparenz:stand"


def stand_gemerkt() -> Stand:
    """The Stand from the shared cache: the public pages answer hundreds of requests a second
    without three aggregates each. Every save or deletion of a copy, a paper or a council
    paper forgets it (transparenz.apps); TRANSPARENZ_STAND_SEKUNDEN bounds what a bulk
    update written past the models could leave stale."""
    gemerkt = cache.get(STAND_SCHLUESSEL)
    if gemerkt is None:
        gemerkt = stand()
        cache.set(STAND_SCHLUESSEL, gemerkt, settings.TRANSPARENZ_STAND_SEKUNDEN)
    return gemerkt


def stand_vergessen(**_) -> None:
    cache.delete(STAND_SCHLUESSEL)


def stand() -> Stand:
    """Three aggregate queries: a change of any copy, paper or council paper, and a deleted one
    (the counts), give a new ETag; so does a new release of the pages."""
    e = OeffentlicherEintrag.objects.aggregate(zuletzt=Max("aktualisiert_am"), n=Count("pk"))
    p = papiere().aggregate(zuletzt=Max("veroeffentlicht_am"), n=Count("pk"))
    r = Ratsvorlage.objects.aggregate(zuletzt=Max("aktualisiert_am"), n=Count("pk"))
    zeiten = [z for z in (e["zuletzt"], p["zuletzt"], r["zuletzt"]) if z is not None]
    geaendert = max(zeiten) if zeiten else None
    roh = "|".join(
        str(x)
        for x in (
            _fassung_der_seiten(),
            e["zuletzt"],
            e["n"],
            p["zuletzt"],
            p["n"],
            r["zuletzt"],
            r["n"],
        )
    )
    return Stand(geaendert, hashlib.sha256(roh.encode()).hexdigest()[:32])


@dataclass
class Ueberblick:
    """How many items are in each Umsetzungsstand, per Sozialraum and per Handlungsfeld."""

    kategorien: list[tuple[str, str]]
    je_sozialraum: list[tuple[str, list[int]]]
    je_handlungsfeld: list[tuple[str, list[int]]]
    gesamt: list[int]
    anzahl: int
    sachstand_periode: str


def ueberblick() -> Ueberblick:
    kategorien = list(Umsetzungsstand.choices)
    schluessel = [k for k, _ in kategorien]
    zeilen = list(
        OeffentlicherEintrag.objects.values_list(
            "pk", "umsetzungsstand", "stadtweit", "handlungsfeld__name"
        )
    )
    raeume_je_eintrag: dict[int, list[str]] = {}
    for pk, name in OeffentlicherEintrag.sozialraeume.through.objects.values_list(
        "oeffentlichereintrag_id", "sozialraum__name"
    ):
        raeume_je_eintrag.setdefault(pk, []).append(name)
    je_raum: dict[str, Counter] = {r.name: Counter() for r in Sozialraum.objects.filter(aktiv=True)}
    je_raum["stadtweit"] = Counter()
    je_feld: dict[str, Counter] = {}
    gesamt: Counter = Counter()
    for pk, zustand, stadtweit, feld in zeilen:
        gesamt[zustand] += 1
        je_feld.setdefault(feld or "ohne Handlungsfeld", Counter())[zustand] += 1
        for raum in ["stadtweit"] if stadtweit else raeume_je_eintrag.get(pk, []):
            je_raum.setdefault(raum, Counter())[zustand] += 1
    letzte = (
        OeffentlicherEintrag.objects.exclude(sachstand_periode="")
        .order_by("-sachstand_geprueft_am")
        .values_list("sachstand_periode", flat=True)
        .first()
    )
    return Ueberblick(
        kategorien=kategorien,
        je_sozialraum=[(r, [c[k] for k in schluessel]) for r, c in je_raum.items()],
        je_handlungsfeld=[(f, [c[k] for k in schluessel]) for f, c in sorted(je_feld.items())],
        gesamt=[gesamt[k] for k in schluessel],
        anzahl=len(zeilen),
        sachstand_periode=letzte or "",
    )
