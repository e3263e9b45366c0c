"""Text limits: one-line fields take no line break or control character, long texts have a
ceiling; every way in (form, service, import) refuses in German and saves nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from controlling import services as controlling
from controlling.models import Sachstandsmeldung
from core.texte import EINZEILIG, TEXT, ganzzahl, text_fehler
from core.workflow import WorkflowError
from empfehlungen.models import Anregung, Handlungsempfehlung
from tests import factories
from tests.controlling.hilfen import eroeffnet, nur_diese, veroeffentlicht
from tests.dateien import csv_bytes
from tests.factories import demo
from weltcafe import services as weltcafe
from weltcafe.models import Karte

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("wert", "meldung"),
    [
        ("Zeile eins\nZeile zwei", "in einer Zeile"),
        ("mit\tTab", "in einer Zeile"),
        ("Nullbyte\x00", "Steuerzeichen"),
        ("Glocke\x07", "Steuerzeichen"),
        ("Absatz\u2029trenner", "Steuerzeichen"),
    ],
)
def test_one_line_fields_refuse_breaks_and_control_characters(wert, meldung):
    with pytest.raises(ValidationError, match=meldung):
        EINZEILIG(wert)


def test_one_line_fields_take_any_printable_text():
    EINZEILIG("Straßensozialarbeit „Ölgang“ – 10 % mehr 🙂 <b>&amp;</b> ' OR 1=1 --")


def test_long_texts_have_a_ceiling_in_characters_and_lines():
    assert text_fehler("x" * 5_000, TEXT, "sachstand") == {}
    assert text_fehler("x" * 5_001, TEXT, "sachstand") == {
        "sachstand": "Höchstens 5.000 Zeichen (jetzt 5.001)."
    }
    assert text_fehler("\n" * 100, TEXT, "sachstand") == {
        "sachstand": "Höchstens 100 Zeilen (jetzt 101)."
    }
    assert "Steuerzeichen" in text_fehler("a\x1bb", TEXT, "s")["s"]


@pytest.fixture
def meldung(db):
    e = veroeffentlicht(Handlungsempfehlung, titel="Grenzen der Meldung")
    return nur_diese(eroeffnet(quartal=2), e).get()


def test_a_sachstand_of_200000_characters_is_refused_and_nothing_saved(meldung):
    daten = {
        "umsetzungsstatus": "in_umsetzung",
        "fortschritt": 30,
        "sachstand": "Sehr lang. " * 20_000,
        "naechste_schritte": "",
        "hindernisse": "",
    }
    with pytest.raises(WorkflowError) as fehler:
        controlling.sachstandsmeldung_speichern(
            meldung=meldung, user=demo("fb-jugend"), daten=daten, version=0, einreichen=True
        )
    assert fehler.value.felder["sachstand"] == "Höchstens 5.000 Zeichen (jetzt 220.000)."
    meldung.refresh_from_db()
    assert (meldung.status, meldung.version, meldung.sachstand) == (
        Sachstandsmeldung.Status.ANGEFORDERT,
        0,
        "",
    )


def test_the_meldung_form_shows_the_limit_at_the_field(client_als, meldung):
    antwort = client_als("fb-jugend").post(
        reverse("meldung_detail", args=[meldung.pk]),
        {
            "version": 0,
            "umsetzungsstatus": "in_umsetzung",
            "fortschritt": 30,
            "sachstand": "Zeile\n" * 150,
            "naechste_schritte": "",
            "hindernisse": "",
        },
    )
    assert antwort.status_code == 400
    assert "Höchstens 100 Zeilen (jetzt 150)." in antwort.content.decode()
    meldung.refresh_from_db()
    assert meldung.version == 0


def test_a_title_with_a_line_break_is_refused_in_the_form(client_als):
    vorher = Handlungsempfehlung.objects.count()
    antwort = client_als("sozialplanung").post(
        reverse("empfehlung_neu"),
        {"titel": "Erste Zeile\r\nZweite Zeile", "text": "Text", "stadtweit": "on"},
    )
    assert antwort.status_code in (200, 400)
    assert "in einer Zeile" in antwort.content.decode()
    assert Handlungsempfehlung.objects.count() == vorher


def test_an_anregung_with_a_control_character_is_refused_in_the_service():
    vorher = Anregung.objects.count()
    with pytest.raises(WorkflowError, match="Steuerzeichen"):
        factories.anregung(text="Mehr Angebote\x00für Kinder")
    assert Anregung.objects.count() == vorher


def test_card_import_names_the_row_of_a_too_long_card():
    cafe = factories.veranstaltung(titel="Grenzen-Café", format="world_cafe", runde=8)
    daten = csv_bytes(
        [
            ["Art", "Text"],
            ["sonstiges", "Ein Treffpunkt"],
            ["sonstiges", "x" * 5_001],
            ["sonstiges", "Glocke\x07"],
        ]
    )
    anzahl, fehler = weltcafe.karten_importieren(
        user=demo("sozialplanung"), veranstaltung=cafe, daten=daten, dateiname="karten.csv"
    )
    assert anzahl == 0
    assert [(f.zeile, f.spalte) for f in fehler] == [(3, "Text"), (4, "Text")]
    assert "Höchstens" in fehler[0].meldung and "Steuerzeichen" in fehler[1].meldung
    assert not Karte.objects.filter(veranstaltung=cafe).exists()


def test_a_feedback_word_with_a_control_character_is_refused():
    woerter, fehler = weltcafe.woerter_lesen("gut\nver\x00netzt; 2")
    assert woerter == [("gut", 1)]
    assert fehler == ["Zeile 2: Der Text enthält unzulässige Steuerzeichen."]


@pytest.mark.parametrize(
    ("wert", "zahl"),
    [
        ("17", 17),
        (" 42 ", 42),
        ("0" * 18, 0),
        ("1" * 19, None),
        ("0" * 4301, None),
        ("٣", None),
        ("-1", None),
        ("1.0", None),
        ("", None),
        (None, None),
    ],
)
def test_ids_sent_as_text_are_small_ascii_numbers(wert, zahl):
    assert ganzzahl(wert) == zahl
