"""Property-based: every import, fed arbitrary tables (known names mixed with junk, odd
numbers, control characters, missing or extra columns) as CSV or XLSX, saves every row or none;
each refusal names its row (or the file) in German; nothing raises.

More examples: HYPOTHESIS_BEISPIELE=200 make test."""

from __future__ import annotations

import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from empfehlungen import services as empfehlungen
from empfehlungen.models import Anregung, Veranstaltung
from stammdaten import services as stammdaten
from stammdaten.models import Handlungsfeld, Kennzahl, Kennzahlwert, Sozialquartier, Sozialraum
from tests import factories
from tests.dateien import csv_bytes, xlsx_bytes
from tests.factories import demo
from weltcafe import services as weltcafe
from weltcafe.models import Angebotsabfrage, Karte

pytestmark = pytest.mark.django_db
BEISPIELE = int(os.environ.get("HYPOTHESIS_BEISPIELE", "15"))
EINSTELLUNGEN = settings(
    max_examples=BEISPIELE, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)

junk = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "\x00", "a\nb", "=HYPERLINK(1)", "1e309", "-0", "٣", "x" * 6000]),
    st.integers(-(10**15), 10**15),
    st.floats(),
    st.none(),
)


def zelle(bekannt: list) -> st.SearchStrategy:
    return st.one_of(st.sampled_from(bekannt), junk) if bekannt else junk


@st.composite
def tabelle(draw, spalten: dict[str, list]) -> tuple[list, list[list]]:
    """A header (the expected columns, some dropped, some extra) and up to 8 rows."""
    kopf = draw(st.permutations(list(spalten)))
    kopf = kopf[: draw(st.integers(max(1, len(kopf) - 1), len(kopf)))]
    if draw(st.booleans()):
        kopf = [*kopf, draw(st.sampled_from(["Bemerkung", "", "TEXT", "ja"]))]
    zeilen = draw(
        st.lists(
            st.tuples(*(zelle(spalten.get(k, [])) for k in kopf)).map(list), min_size=0, max_size=8
        )
    )
    return kopf, zeilen


def datei(kopf, zeilen, art: str) -> tuple[bytes, str]:
    if art == "csv":
        return csv_bytes([kopf, *[["" if z is None else z for z in r] for r in zeilen]]), "d.csv"
    sauber = [
        [ILLEGAL_CHARACTERS_RE.sub("", z) if isinstance(z, str) else z for z in r]
        for r in [kopf, *zeilen]
    ]
    return xlsx_bytes(sauber), "d.xlsx"


def _zeilenfehler_passen(fehler, anzahl_zeilen: int) -> None:
    for f in fehler:
        assert f.meldung.strip(), f
        # Row 1 is the header; data rows follow. None: the file as a whole.
        assert f.zeile is None or 1 <= f.zeile <= anzahl_zeilen + 1, f


def _zurueckrollen(pruefung):
    """Run one example in a savepoint that is rolled back: examples do not see each other."""
    try:
        with transaction.atomic():
            pruefung()
            raise _Zurueck
    except _Zurueck:
        pass


class _Zurueck(Exception):
    pass


def test_anregungen_import_saves_all_rows_or_none():
    spalten = {
        "Text": ["Mehr Bänke am Markt", "Streetwork am Bahnhof"],
        "Sozialraum": [*[r.name for r in Sozialraum.objects.all()][:3], "OST"],
        "Handlungsfeld": [h.name for h in Handlungsfeld.objects.all()][:3],
        "Zielgruppe": ["Jugendliche", ""],
        "Quelle": ["E-Mail eines Trägers", ""],
    }
    veranstaltungen = [None, Veranstaltung.objects.first()]
    ausgang = set()

    @EINSTELLUNGEN
    @given(tabelle(spalten), st.sampled_from(["csv", "xlsx"]), st.sampled_from(veranstaltungen))
    @example(
        (["Text", "Quelle"], [["Mehr Bänke", "Brief"], ["Ein Treffpunkt", "Mail"]]), "csv", None
    )
    @example((["Text", "Quelle"], [["Mehr Bänke", "Brief"], ["Ohne Quelle", ""]]), "xlsx", None)
    def beispiel(t, art, veranstaltung):
        kopf, zeilen = t
        daten, name = datei(kopf, zeilen, art)

        def pruefung():
            vorher = Anregung.objects.count()
            ergebnis = empfehlungen.anregungen_importieren(
                daten=daten,
                dateiname=name,
                user=demo("sozialplanung"),
                speichern=True,
                veranstaltung=veranstaltung,
            )
            ausgang.add(bool(ergebnis.fehler))
            if ergebnis.fehler:
                _zeilenfehler_passen(ergebnis.fehler, len(zeilen))
                assert Anregung.objects.count() == vorher
            else:
                assert ergebnis.neu >= 1 and Anregung.objects.count() == vorher + ergebnis.neu

        _zurueckrollen(pruefung)

    beispiel()
    assert ausgang == {True, False}  # both ways were taken


def test_kennzahlwerte_import_saves_all_rows_or_none():
    spalten = {
        "Kennzahl": [k.name for k in Kennzahl.objects.all()][:3],
        "Ebene": ["Stadt", "Sozialraum", "Sozialquartier", "sozialraum"],
        "Gebiet": [r.name for r in Sozialraum.objects.all()][:2]
        + [q.name for q in Sozialquartier.objects.all()][:2],
        "Jahr": [2019, 2023, "2024", 1800, 3000],
        "Wert": [12.5, "12,5", "1.234,5", 0, -3],
    }
    kennzahl = spalten["Kennzahl"][0]
    ausgang = set()

    @EINSTELLUNGEN
    @given(tabelle(spalten), st.sampled_from(["csv", "xlsx"]))
    @example((["Kennzahl", "Ebene", "Jahr", "Wert"], [[kennzahl, "Stadt", 2031, "1,5"]]), "csv")
    @example((["Kennzahl", "Ebene", "Jahr", "Wert"], [[kennzahl, "Stadt", 2031, "viel"]]), "csv")
    def beispiel(t, art):
        kopf, zeilen = t
        daten, name = datei(kopf, zeilen, art)

        def pruefung():
            vorher = list(Kennzahlwert.objects.order_by("pk").values_list("pk", "wert"))
            ergebnis = stammdaten.kennzahlwerte_importieren(
                daten=daten, dateiname=name, speichern=True, user=demo("sozialplanung")
            )
            nachher = list(Kennzahlwert.objects.order_by("pk").values_list("pk", "wert"))
            ausgang.add(bool(ergebnis.fehler))
            if ergebnis.fehler:
                _zeilenfehler_passen(ergebnis.fehler, len(zeilen))
                assert nachher == vorher
            else:
                assert ergebnis.neu + ergebnis.geaendert + ergebnis.unveraendert == len(zeilen)
                assert len(nachher) == len(vorher) + ergebnis.neu

        _zurueckrollen(pruefung)

    beispiel()
    assert ausgang == {True, False}


@pytest.fixture
def cafe():
    cafe = factories.veranstaltung(
        titel="Eigenschaften-Café", format=Veranstaltung.Format.WORLD_CAFE, runde=5
    )
    weltcafe.themeninsel_speichern(
        user=demo("sozialplanung"),
        veranstaltung=cafe,
        titel="Jugend",
        steckbriefe=[factories.steckbrief(titel="Streetwork")],
    )
    return cafe


def test_worldcafe_dots_import_saves_all_rows_or_none(cafe):
    spalten = {
        "Themeninsel": ["Jugend", "jugend", "Alter"],
        "Angebot": ["Streetwork", "Unbekannt"],
        "ja": [0, 5, "12", 100_000, 100_001, -1, "3,0"],
        "nein": [0, 2, "7", "", 3.5],
    }
    ausgang = set()

    @EINSTELLUNGEN
    @given(tabelle(spalten), st.sampled_from(["csv", "xlsx"]))
    @example((["Themeninsel", "Angebot", "ja", "nein"], [["Jugend", "Streetwork", 4, 1]]), "csv")
    @example((["Themeninsel", "Angebot", "ja", "nein"], [["Jugend", "Streetwork", -4, 1]]), "csv")
    def beispiel(t, art):
        kopf, zeilen = t
        daten, name = datei(kopf, zeilen, art)

        def pruefung():
            abfragen = Angebotsabfrage.objects.filter(themeninsel__veranstaltung=cafe)
            vorher = list(abfragen.order_by("pk").values_list("pk", "ja", "nein"))
            anzahl, fehler = weltcafe.punkte_importieren(
                user=demo("sozialplanung"), veranstaltung=cafe, daten=daten, dateiname=name
            )
            ausgang.add(bool(fehler))
            if fehler:
                _zeilenfehler_passen(fehler, len(zeilen))
                assert anzahl == 0
                assert list(abfragen.order_by("pk").values_list("pk", "ja", "nein")) == vorher
            else:
                assert anzahl == len(zeilen)

        _zurueckrollen(pruefung)

    beispiel()
    assert ausgang == {True, False}


def test_worldcafe_cards_import_saves_all_rows_or_none(cafe):
    spalten = {
        "Art": ["sonstiges", "Woher bekannt?", "bekannter machen", "quatsch"],
        "Text": ["Flyer in Kitas", "x" * 1001, "Zeile\n" * 30],
        "Themeninsel": ["Jugend", "", "Alter"],
        "Angebot": ["Streetwork", "", "Unbekannt"],
    }
    ausgang = set()

    @EINSTELLUNGEN
    @given(tabelle(spalten), st.sampled_from(["csv", "xlsx"]))
    @example((["Art", "Text"], [["sonstiges", "Flyer"], ["Woher bekannt?", "Zeitung"]]), "xlsx")
    @example((["Art", "Text"], [["sonstiges", "Flyer"], ["quatsch", "Zeitung"]]), "csv")
    def beispiel(t, art):
        kopf, zeilen = t
        daten, name = datei(kopf, zeilen, art)

        def pruefung():
            vorher = Karte.objects.filter(veranstaltung=cafe).count()
            anzahl, fehler = weltcafe.karten_importieren(
                user=demo("sozialplanung"), veranstaltung=cafe, daten=daten, dateiname=name
            )
            nachher = Karte.objects.filter(veranstaltung=cafe).count()
            ausgang.add(bool(fehler))
            if fehler:
                _zeilenfehler_passen(fehler, len(zeilen))
                assert anzahl == 0 and nachher == vorher
            else:
                assert nachher == vorher + anzahl == vorher + len(zeilen)

        _zurueckrollen(pruefung)

    beispiel()
    assert ausgang == {True, False}
