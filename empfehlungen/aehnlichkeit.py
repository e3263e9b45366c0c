"""Similarity hints: which other Anregungen, Empfehlungen and Steckbriefe say much the same?

PostgreSQL: German full-text search (stemmed lexemes, the trigger-kept search vector and its
GIN index), candidates sharing two of the card's significant words, ranked by ts_rank. SQLite (the embedded run): the same idea in Python over a bounded
pool of candidates (same Sozialraum or Handlungsfeld first), by shared word stems.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db.models import F, Q, QuerySet

from core.suche import ist_postgres
from empfehlungen.models import Anregung, Handlungsempfehlung
from massnahmen.models import Massnahmensteckbrief

STOPPWOERTER = frozenset(
    """aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei
    beim bin bis bitte da damit dann das dass dem den denn der des die dies diese diesem
    diesen dieser doch dort durch ein eine einem einen einer eines es etwa etwas fehlt
    fehlen für gibt gut hat hier ich ihr im in ins ist ja jede jeden jeder kann kein keine
    mehr mit muss nach nicht noch nur oder ohne sehr sich sie sind so soll sollte sowie über
    um und uns unter viel vom von vor war was weil wenn werden wie wir wird wo zu zum zur
    zwischen stadt angebot angebote""".split()  # noqa: SIM905
)
MAX_WOERTER = 12
POOL = 3000
KANDIDATEN = 500
WORT = re.compile(r"[a-zäöüß]+")


def woerter(text: str) -> list[str]:
    gesehen, ergebnis = set(), []
    for wort in WORT.findall(text.lower()):
        if len(wort) < 4 or wort in STOPPWOERTER or wort in gesehen:
            continue
        gesehen.add(wort)
        ergebnis.append(wort)
    return ergebnis[:MAX_WOERTER]


ENDUNGEN = ("ungen", "ung", "en", "er", "es", "e", "n", "s")


def _stamm(wort: str) -> str:
    """A crude German stem: drop one common ending, keep at most 8 letters
    ("Jugendlichen" and "Jugendliche" meet, "Grundsicherung" and "Grundschule" do not)."""
    for endung in ENDUNGEN:
        if wort.endswith(endung) and len(wort) - len(endung) >= 4:
            wort = wort[: -len(endung)]
            break
    return wort[:8]


@dataclass
class Treffer:
    objekt: object
    wert: float


def _postgres(qs: QuerySet, text: str, anzahl: int) -> list[Treffer]:
    """Candidates first share two of the card's words, then (if too few) one, found through
    the GIN index; only the most recent candidates are ranked. That bounds the work at any
    volume and favours cards of the current round."""
    liste = woerter(text)
    if not liste:
        return []
    begriffe = [SearchQuery(w, config="german") for w in liste]
    breit = begriffe[0]
    for b in begriffe[1:]:
        breit |= b
    anfragen = []
    if len(begriffe) > 1:
        paare = [a & b for i, a in enumerate(begriffe) for b in begriffe[i + 1 :]]
        eng = paare[0]
        for paar in paare[1:]:
            eng |= paar
        anfragen.append(eng)
    anfragen.append(breit)
    gefunden: list[Treffer] = []
    for anfrage in anfragen:
        kandidaten = (
            qs.filter(suchvektor=anfrage)
            .exclude(pk__in=[t.objekt.pk for t in gefunden])
            .order_by("-pk")
            .values("pk")[:KANDIDATEN]
        )
        rangfolge = (
            qs.filter(pk__in=kandidaten)
            .annotate(_rang=SearchRank(F("suchvektor"), breit))
            .order_by("-_rang", "-pk")[: anzahl - len(gefunden)]
        )
        gefunden += [Treffer(o, float(o._rang)) for o in rangfolge]
        if len(gefunden) >= anzahl:
            break
    return gefunden


def _python(
    qs: QuerySet, felder: tuple[str, ...], text: str, anzahl: int, bevorzugt: Q | None = None
) -> list[Treffer]:
    eigene = {_stamm(w) for w in woerter(text)}
    if not eigene:
        return []
    pool = list(qs.filter(bevorzugt)[:POOL]) if bevorzugt is not None else []
    if len(pool) < POOL:
        pool += list(qs.exclude(pk__in=[o.pk for o in pool])[: POOL - len(pool)])
    treffer = []
    for o in pool:
        andere = {_stamm(w) for f in felder for w in woerter(getattr(o, f) or "")}
        gemeinsam = len(eigene & andere)
        if gemeinsam:
            treffer.append(Treffer(o, gemeinsam / len(eigene | andere)))
    treffer.sort(key=lambda t: (-t.wert, -t.objekt.pk))
    return treffer[:anzahl]


def _suchen(qs, text, anzahl, bevorzugt=None, *, schluessel: str) -> list[Treffer]:
    """The hints, kept in the cache for AEHNLICHKEIT_CACHE_SEKUNDEN as ids and ranks: the
    ranking is the costly part of an Anregung's page (several full-text queries), and a hint
    may lag a few minutes behind a new card. The objects are read fresh every time, so a
    changed title or state shows at once and a deleted item drops out."""
    teil = hashlib.sha256(f"{schluessel}|{anzahl}|{text}".encode()).hexdigest()
    cache_schluessel = f"aehnlich:{qs.model._meta.label_lower}:{teil}"
    gemerkt = cache.get(cache_schluessel)
    if gemerkt is None:
        if ist_postgres():
            treffer = _postgres(qs, text, anzahl)
        else:
            treffer = _python(qs, qs.model.SUCHFELDER, text, anzahl, bevorzugt)
        gemerkt = [(t.objekt.pk, t.wert) for t in treffer]
        cache.set(cache_schluessel, gemerkt, settings.AEHNLICHKEIT_CACHE_SEKUNDEN)
        return treffer
    objekte = qs.in_bulk([pk for pk, _ in gemerkt])
    return [Treffer(objekte[pk], wert) for pk, wert in gemerkt if pk in objekte]


def aehnliche_anregungen(anregung: Anregung, anzahl: int = 5) -> list[Treffer]:
    qs = Anregung.objects.exclude(pk=anregung.pk).select_related("sozialraum", "handlungsfeld")
    bevorzugt = Q(sozialraum=anregung.sozialraum_id) | Q(handlungsfeld=anregung.handlungsfeld_id)
    schluessel = f"{anregung.pk}|{anregung.sozialraum_id}|{anregung.handlungsfeld_id}"
    return _suchen(qs, anregung.text, anzahl, bevorzugt, schluessel=schluessel)


def aehnliche_empfehlungen(text: str, anzahl: int = 5) -> list[Treffer]:
    qs = Handlungsempfehlung.objects.select_related("handlungsfeld")
    return _suchen(qs, text, anzahl, schluessel="")


def aehnliche_steckbriefe(text: str, anzahl: int = 5) -> list[Treffer]:
    qs = Massnahmensteckbrief.objects.select_related("federfuehrung")
    return _suchen(qs, text, anzahl, schluessel="")
