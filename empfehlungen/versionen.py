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


def _text(feld, wert) -> str:
    if wert is None:
        return ""
    if isinstance(wert, list):  # m2m: rows of the through table, the target as an id
        ziel = feld.related_model
        ids = [zeile.get(ziel._meta.model_name) for zeile in wert if isinstance(zeile, dict)]
        return ", ".join(sorted(str(o) for o in ziel.objects.filter(pk__in=ids)))
    if feld.is_relation and feld.related_model is not None:
        objekt = feld.related_model.objects.filter(pk=wert).first()
        return str(objekt) if objekt else ""
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


def staende(objekt, ab_stand: int) -> list:
    """One history record per Bearbeitungsstand, oldest first. A service call writes several
    records (the row, then each many-to-many field); the last one holds the complete stand."""
    letzte = {}
    qs = objekt.history.filter(stand__gte=max(ab_stand, 0)).select_related("history_user")
    for eintrag in qs.order_by("history_date", "history_id"):
        letzte[eintrag.stand] = eintrag
    return [letzte[s] for s in sorted(letzte)]


def aenderungen(modell, alt, neu) -> list[Aenderung]:
    ergebnis = []
    for c in neu.diff_against(alt, excluded_fields=AUSGELASSEN).changes:
        feld = modell._meta.get_field(c.field)
        ergebnis.append(
            Aenderung(str(feld.verbose_name), wortdiff(_text(feld, c.old), _text(feld, c.new)))
        )
    return ergebnis


def versionen(objekt, anzahl: int = 20) -> list[Version]:
    """Newest first; each with what changed against the stand before."""
    eintraege = staende(objekt, objekt.stand - anzahl)
    modell = type(objekt)
    ergebnis = []
    for alt, neu in zip([None, *eintraege], eintraege, strict=False):
        ergebnis.append(
            Version(
                neu.history_date,
                neu.history_user,
                neu.stand,
                neu.fassung,
                aenderungen(modell, alt, neu) if alt is not None else [],
            )
        )
    return ergebnis[::-1][:anzahl]
