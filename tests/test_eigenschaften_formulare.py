"""Property-based: every POST form of every page, filled with arbitrary text, numbers, choices
and files by Hypothesis, answers with a success or a German message, never a 500; and a refused
input writes nothing (every table counted before and after).

The forms are read from the pages as a browser sees them (tests/formulare.py), so a new form
is covered without a line here. More examples: HYPOTHESIS_BEISPIELE=200 make test."""

from __future__ import annotations

import os
import re

import pytest
from django.apps import apps
from django.contrib.messages import constants
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.dateien import csv_bytes, xlsx_bytes
from tests.formulare import Feld, Formular, formulare
from tests.test_permissions_matrix import MATRIX, objekte  # noqa: F401 (fixture)

BEISPIELE = int(os.environ.get("HYPOTHESIS_BEISPIELE", "15"))
ROLLEN = ["sozialplanung", "fb-jugend", "bl-jugend"]
# Signing out ends the session the examples run in; the admin has its own tests.
NICHT = re.compile(r"^/(abmelden|admin)/")
# Files, images and probes: no forms.
KEINE_SEITE = re.compile(
    r"_(datei|pdf|export|vorlage|diagramm|katalog|stand)$|^(favicon|healthz|admin/|anmelden)"
    r"|^api_(?!zugang$)"  # the API answers JSON (its own tests: tests/api/)
)
SEITEN = sorted(
    (rolle, name)
    for name, zeile in MATRIX.items()
    if zeile.methode == "get" and not KEINE_SEITE.search(name)
    for rolle in ROLLEN
    if zeile.erwartet.get(rolle) == 200
)
GEPRUEFT: set[tuple] = set()


class _Zurueck(Exception):
    """Leaves the example's savepoint: the next example sees the data as before."""


# --- What a user (or an attacker) may type --------------------------------------------------
texte = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.builds(lambda z, n: z * n, st.text(min_size=1, max_size=3), st.integers(1_000, 12_000)),
    st.sampled_from(["", " ", "\x00", "a\nb", "=SUMME(A1)", "<script>x</script>", "😀" * 50]),
)
zahlen = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1,5", "1.000", "²", "0x10", "-0", "1e309", "", "٣"]),
)
daten = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.sampled_from(["31.02.2025", "0000-00-00", "2025-13-01", "gestern", ""]),
)
zellen = st.one_of(st.none(), st.integers(-(10**9), 10**9), st.floats(), st.text(max_size=60))


@st.composite
def dateien(draw) -> SimpleUploadedFile:
    tabelle = draw(st.lists(st.lists(zellen, max_size=6), max_size=8))
    art = draw(st.sampled_from(["csv", "xlsx", "roh", "leer"]))
    if art == "csv":
        inhalt = csv_bytes([["" if z is None else z for z in zeile] for zeile in tabelle])
    elif art == "xlsx":  # a worksheet cannot hold control characters at all
        inhalt = xlsx_bytes(
            [
                [ILLEGAL_CHARACTERS_RE.sub("", z) if isinstance(z, str) else z for z in zeile]
                for zeile in tabelle
            ]
        )
    elif art == "roh":
        inhalt = draw(st.binary(max_size=2_000))
    else:
        inhalt = b""
    name = draw(st.sampled_from(["daten.csv", "daten.xlsx", "daten.txt", "ohne", "../../x.csv"]))
    return SimpleUploadedFile(name, inhalt)


def wert(feld: Feld):
    """Mostly what the page offers, often something it does not."""
    if feld.art == "file":
        return dateien()
    if feld.art in ("select", "checkbox", "radio"):
        angebot = [o for o in feld.optionen if o] or [""]
        einzeln = st.one_of(st.sampled_from(angebot), st.text(max_size=12), st.just(""))
        if feld.mehrfach:
            return st.lists(einzeln, max_size=4)
        return einzeln
    if feld.art == "hidden":
        return st.one_of(st.just(feld.wert), st.text(max_size=12), zahlen)
    if feld.art == "number":
        return zahlen
    if feld.art == "date":
        return daten
    return st.one_of(st.just(feld.wert), texte)


# --- The property -------------------------------------------------------------------------------
def _bestand() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}


def _fehler_gemeldet(antwort) -> bool:
    gesendet = getattr(antwort.wsgi_request, "_messages", None)
    meldungen = list(getattr(gesendet, "_queued_messages", []))
    return any(m.level >= constants.WARNING for m in meldungen)


def _pruefen(client, formular: Formular) -> None:
    strategien = {name: wert(feld) for name, feld in formular.felder.items()}
    knoepfe = [{}] + [{n: v} for n, v in formular.knoepfe]

    @settings(
        max_examples=BEISPIELE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(eingaben=st.fixed_dictionaries(strategien), knopf=st.sampled_from(knoepfe))
    def beispiel(eingaben, knopf):
        try:
            with transaction.atomic():
                vorher = _bestand()
                antwort = client.post(formular.action, {**eingaben, **knopf})
                code = antwort.status_code
                assert code < 500, (formular.action, code)
                html = antwort.content.decode(errors="replace") if code != 302 else ""
                abgelehnt = code in (400, 403, 404, 405) or _fehler_gemeldet(antwort)
                if code == 400:
                    assert re.search(
                        r"fehlerbox|feld-fehlertext|meldung-error|meldung-warning", html
                    ), f"{formular.action}: 400 ohne sichtbare Meldung"
                if code == 200 or abgelehnt:
                    # A form shown again (or refused) has saved nothing.
                    assert _bestand() == vorher, f"{formular.action}: {code}, trotzdem gespeichert"
                raise _Zurueck
        except _Zurueck:
            pass

    beispiel()


@pytest.mark.parametrize(("rolle", "name"), SEITEN)
def test_every_form_answers_arbitrary_input_without_500(rolle, name, client_als, objekte):  # noqa: F811
    zeile = MATRIX[name]
    kwargs = zeile.kwargs(objekte) if callable(zeile.kwargs) else zeile.kwargs
    url = (reverse(name, kwargs=kwargs) if "/" not in name else "/" + name) + zeile.query
    client = client_als(rolle)
    antwort = client.get(url)
    assert antwort.status_code == 200
    gefunden = [f for f in formulare(antwort.content.decode(), url) if not NICHT.match(f.action)]
    for formular in gefunden:
        schluessel = (rolle, re.sub(r"\d+", "N", formular.action), tuple(sorted(formular.felder)))
        if schluessel in GEPRUEFT:
            continue
        GEPRUEFT.add(schluessel)
        _pruefen(client, formular)


def test_the_form_reader_sees_fields_options_and_buttons():
    html = """<form method="post" action="/x/"><input type="hidden" name="v" value="3">
      <select name="s"><option value="">–</option><option value="a">A</option></select>
      <input type="checkbox" name="c" value="1"><input type="checkbox" name="c" value="2">
      <textarea name="t">Alt</textarea><button type="submit" name="aktion" value="senden">S</button>
      <button type="submit" formaction="/y/">Y</button></form><form method="get"><input name="q"></form>"""
    erstes, zweites = formulare(html, "/seite/")  # the GET form is not one of them
    assert erstes.action == "/x/" and zweites.action == "/y/"
    assert erstes.felder["s"].optionen == ["", "a"] and erstes.felder["c"].optionen == ["1", "2"]
    assert erstes.felder["c"].mehrfach and erstes.felder["t"].wert == "Alt"
    assert erstes.felder["v"].wert == "3" and erstes.knoepfe == [("aktion", "senden")]
