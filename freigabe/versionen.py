"""Readable versions of a Steckbrief or an Empfehlung, from django-simple-history."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

AUSGELASSEN = ["stand", "fassung", "erstellt_am", "erstellt_von", "laufende_nummer", "nummernkreis"]


@dataclass
class Aenderung:
    feld: str
    diff: SafeString


@dataclass
class Version:
    datum: object
    user: object
    stand: int
    fassung: int
    aenderungen: list[Aenderung]


class _Namen:
    """Names of related objects for the diffs, loaded once per model and id."""

    def __init__(self):
        self.cache: dict[tuple[type, object], str] = {}

    def __call__(self, modell, ids) -> list[str]:
        fehlend = [i for i in ids if (modell, i) not in self.cache]
        if fehlend:
            for pk, obj in modell.objects.in_bulk(fehlend).items():
                self.cache[(modell, pk)] = str(obj)
        return [self.cache.get((modell, i), "") for i in ids]


def _text(feld, wert, namen: _Namen) -> str:
    if wert is None:
        return ""
    if feld.is_relation and feld.related_model is not None:
        return namen(feld.related_model, [wert])[0]
    if feld.choices:
        return str(dict(feld.flatchoices).get(wert, wert))
    return str(wert)


def wortdiff(alt: str, neu: str) -> SafeString:
    """Words removed in <del>, words added in <ins>; the rest as is (escaped)."""
    a, b = alt.split(), neu.split()
    teile = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            teile.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            teile.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            teile.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(teile))  # noqa: S308 (every piece escaped above)


def _m2m_felder(objekt) -> list[tuple]:
    """(field, accessor of its history rows on a history record) per tracked m2m field;
    django-simple-history names the row models "<history model>_<field>"."""
    historie = objekt.history.model
    zugriffe = {
        r.related_model._meta.model_name: r.get_accessor_name()
        for r in historie._meta.related_objects
        if r.field.name == "history"
    }
    return [
        (f, zugriffe[f"{historie._meta.model_name}_{f.name}".lower()])
        for f in historie._history_m2m_fields
    ]


def staende(objekt, ab_stand: int) -> list:
    """One history record per Bearbeitungsstand, oldest first. A service call writes several
    records (the row, then each many-to-many field); the last one holds the complete stand."""
    letzte = {}
    qs = (
        objekt.history.filter(stand__gte=max(ab_stand, 0))
        .select_related("history_user")
        .prefetch_related(*(zugriff for _, zugriff in _m2m_felder(objekt)))
    )
    for eintrag in qs.order_by("history_date", "history_id"):
        letzte[eintrag.stand] = eintrag
    return [letzte[s] for s in sorted(letzte)]


def aenderungen(objekt, alt, neu, namen: _Namen | None = None) -> list[Aenderung]:
    """What changed between two history records. Many-to-many rows come from the prefetch in
    `staende()`, so a page of versions costs a fixed number of queries."""
    namen = namen or _Namen()
    modell = type(objekt)
    m2m = _m2m_felder(objekt)
    ergebnis = []
    ausgelassen = AUSGELASSEN + [f.name for f, _ in m2m]
    for c in neu.diff_against(alt, excluded_fields=ausgelassen).changes:
        feld = modell._meta.get_field(c.field)
        ergebnis.append(
            Aenderung(
                str(feld.verbose_name),
                wortdiff(_text(feld, c.old, namen), _text(feld, c.new, namen)),
            )
        )
    for feld, zugriff in m2m:
        ziel = feld.m2m_reverse_field_name()
        vorher, nachher = (
            sorted(getattr(z, f"{ziel}_id") for z in getattr(eintrag, zugriff).all())
            for eintrag in (alt, neu)
        )
        if vorher != nachher:
            alt_text, neu_text = (
                ", ".join(sorted(namen(feld.related_model, ids))) for ids in (vorher, nachher)
            )
            ergebnis.append(Aenderung(str(feld.verbose_name), wortdiff(alt_text, neu_text)))
    return ergebnis


def versionen(objekt, anzahl: int = 20) -> list[Version]:
    """Newest first; each with what changed against the stand before."""
    eintraege = staende(objekt, objekt.stand - anzahl)
    namen = _Namen()
    ergebnis = []
    for alt, neu in zip([None, *eintraege], eintraege, strict=False):
        ergebnis.append(
            Version(
                neu.history_date,
                neu.history_user,
                neu.stand,
                neu.fassung,
                aenderungen(objekt, alt, neu, namen) if alt is not None else [],
            )
        )
    return ergebnis[::-1][:anzahl]
