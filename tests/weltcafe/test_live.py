"""Live rounds: what a phone may send, where the answers go (words, dots kept apart as digital,
cards), moderation that keeps hidden answers out of every count, and the device limit."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.workflow import WorkflowError
from empfehlungen.models import Anregung
from weltcafe import live, selectors
from weltcafe import services as weltcafe
from weltcafe.models import Karte, Liveantwort, Liverunde, Rueckmeldewort, Sperrwort


@pytest.fixture
def woerter(cafe, sp):
    return live.runde_oeffnen(user=sp, veranstaltung=cafe, art=Liverunde.Art.WOERTER)


@pytest.fixture
def bekanntheit(cafe, sp, insel):
    return live.runde_oeffnen(
        user=sp, veranstaltung=cafe, art=Liverunde.Art.BEKANNTHEIT, themeninsel=insel
    )


@pytest.fixture
def karten(cafe, sp, insel):
    return live.runde_oeffnen(
        user=sp,
        veranstaltung=cafe,
        art=Liverunde.Art.KARTEN,
        themeninsel=insel,
        karten_art=Karte.Art.BEKANNTER_MACHEN,
    )


def wortzahlen(veranstaltung) -> dict[str, int]:
    return {w.wort: w.anzahl for w in Rueckmeldewort.objects.filter(veranstaltung=veranstaltung)}


# --- Opening ------------------------------------------------------------------------------------
def test_a_round_gets_a_short_code_without_ambiguous_characters_and_the_usual_question(woerter):
    assert len(woerter.kurzcode) == live.KURZCODE_LAENGE
    assert not set(woerter.kurzcode) & set("0o1li")
    assert woerter.frage == live.FRAGEN[Liverunde.Art.WOERTER]
    assert woerter.offen and woerter.antworten_je_geraet == 1


def test_card_rounds_suggest_the_question_of_their_kind(karten):
    assert karten.frage == "Wie kann das Angebot bekannter gemacht werden?"


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        ({"art": Liverunde.Art.KARTEN}, "Bitte die Art der Karten wählen."),
        ({"art": Liverunde.Art.BEKANNTHEIT}, "noch kein Angebot"),
        (
            {"art": Liverunde.Art.WOERTER, "endet_um": timezone.now() - timedelta(minutes=1)},
            "Vergangenheit",
        ),
        ({"art": Liverunde.Art.WOERTER, "antworten_je_geraet": 11}, "10"),
        ({"art": "umfrage"}, "Art der Frage wählen"),
    ],
)
def test_opening_refuses_what_cannot_run(cafe, sp, felder, meldung):
    with pytest.raises(WorkflowError, match=meldung):
        live.runde_oeffnen(user=sp, veranstaltung=cafe, **felder)
    assert not Liverunde.objects.exists()


def test_only_sozialplanung_opens_and_moderates(cafe, benutzer, woerter):
    from django.core.exceptions import PermissionDenied

    antwort = live.antworten(runde=woerter, geraet="a", text="toll")
    for rolle in ("fb-jugend", "bl-jugend", "lesend"):
        with pytest.raises(PermissionDenied):
            live.runde_oeffnen(user=benutzer[rolle], veranstaltung=cafe, art="woerter")
        with pytest.raises(PermissionDenied):
            live.verbergen(user=benutzer[rolle], antwort=antwort)
        with pytest.raises(PermissionDenied):
            live.runde_schliessen(user=benutzer[rolle], runde=woerter)
    assert woerter.offen


# --- Words --------------------------------------------------------------------------------------
def test_words_count_case_insensitively_into_the_feedback_words(cafe, sp, woerter):
    weltcafe.rueckmeldewoerter_erfassen(user=sp, veranstaltung=cafe, woerter=[("Toll", 2)])
    live.antworten(runde=woerter, geraet="a", text="toll")
    live.antworten(runde=woerter, geraet="b", text="  sehr   informativ ")
    live.antworten(runde=woerter, geraet="c", text="TOLL")
    assert wortzahlen(cafe) == {"Toll": 4, "sehr informativ": 1}
    assert [(w.wort, w.anzahl) for w in live.wortwolke(woerter)] == [
        ("toll", 2),
        ("sehr informativ", 1),
    ]


@pytest.mark.parametrize(
    ("text", "meldung"),
    [
        ("", "ein oder zwei Worte"),
        ("drei ganze Worte", "höchstens zwei Worte"),
        ("x" * 61, "zu lang"),
        ("a\x00b", "Steuerzeichen"),
    ],
)
def test_a_word_answer_must_be_one_or_two_words(cafe, woerter, text, meldung):
    with pytest.raises(WorkflowError, match=meldung):
        live.antworten(runde=woerter, geraet="a", text=text)
    assert not Liveantwort.objects.exists() and wortzahlen(cafe) == {}


def test_one_device_answers_once_and_another_device_still_can(cafe, woerter):
    live.antworten(runde=woerter, geraet="a", text="toll")
    with pytest.raises(WorkflowError, match="schon beantwortet"):
        live.antworten(runde=woerter, geraet="a", text="noch mal")
    live.antworten(runde=woerter, geraet="b", text="noch mal")
    assert wortzahlen(cafe) == {"toll": 1, "noch mal": 1}


def test_the_limit_per_device_is_the_rounds(cafe, sp):
    runde = live.runde_oeffnen(user=sp, veranstaltung=cafe, art="woerter", antworten_je_geraet=2)
    live.antworten(runde=runde, geraet="a", text="eins")
    live.antworten(runde=runde, geraet="a", text="zwei")
    with pytest.raises(WorkflowError, match="schon 2 Antworten"):
        live.antworten(runde=runde, geraet="a", text="drei")


def test_a_closed_round_refuses_by_hand_and_at_its_set_time(cafe, sp, woerter):
    live.runde_schliessen(user=sp, runde=woerter)
    with pytest.raises(WorkflowError, match="geschlossen"):
        live.antworten(runde=woerter, geraet="a", text="spät")

    jetzt = timezone.now()
    runde = live.runde_oeffnen(
        user=sp, veranstaltung=cafe, art="woerter", endet_um=jetzt + timedelta(minutes=10)
    )
    with time_machine.travel(jetzt + timedelta(minutes=9), tick=False):
        live.antworten(runde=runde, geraet="a", text="rechtzeitig")
    with time_machine.travel(jetzt + timedelta(minutes=10), tick=False):
        with pytest.raises(WorkflowError, match="geschlossen"):
            live.antworten(runde=runde, geraet="b", text="zu spät")
        # Closing later keeps the set time as the moment answers stopped.
        live.runde_schliessen(user=sp, runde=runde)
    runde.refresh_from_db()
    assert runde.geschlossen_am == runde.endet_um
    assert wortzahlen(cafe) == {"rechtzeitig": 1}


def test_the_device_is_a_per_round_hash_of_the_token(woerter, cafe, sp):
    andere = live.runde_oeffnen(user=sp, veranstaltung=cafe, art="woerter")
    token = live.neues_geraet()
    assert len(token) >= 24
    assert live.geraet_hash(woerter, token) != live.geraet_hash(andere, token)
    assert token not in live.geraet_hash(woerter, token)


# --- Dots ---------------------------------------------------------------------------------------
def test_taps_count_as_digital_dots_beside_the_paper_ones(bekanntheit, insel, sp):
    erste, zweite = insel.abfragen.order_by("reihenfolge")
    weltcafe.themeninsel_punkte_speichern(
        user=sp, themeninsel=insel, werte={erste.pk: (6, 2), zweite.pk: (0, 0)}
    )
    live.antworten(runde=bekanntheit, geraet="a", abfrage_id=erste.pk, bekannt=True)
    live.antworten(runde=bekanntheit, geraet="a", abfrage_id=zweite.pk, bekannt=False)
    live.antworten(runde=bekanntheit, geraet="b", abfrage_id=erste.pk, bekannt=False)
    with pytest.raises(WorkflowError, match="schon beantwortet"):
        live.antworten(runde=bekanntheit, geraet="a", abfrage_id=erste.pk, bekannt=False)
    erste.refresh_from_db()
    zweite.refresh_from_db()
    assert (erste.ja, erste.nein, erste.ja_digital, erste.nein_digital) == (6, 2, 1, 1)
    assert (zweite.ja_digital, zweite.nein_digital) == (0, 1)
    (rate,) = selectors.bekanntheit(steckbrief_ids=[erste.steckbrief_id])
    assert (rate.ja, rate.nein, rate.n, rate.n_digital) == (7, 3, 10, 2)
    assert rate.prozent == "70 %"
    balken = {b.abfrage.pk: (b.ja, b.nein, b.prozent_ja) for b in live.balken(bekanntheit)}
    assert balken == {erste.pk: (1, 1, 50), zweite.pk: (0, 1, 0)}


def test_a_tap_needs_an_offer_of_the_round_and_ja_or_nein(bekanntheit, cafe, sp):
    fremde_insel = weltcafe.themeninsel_speichern(
        user=sp, veranstaltung=cafe, titel="Andere Insel", steckbriefe=[]
    )
    from tests import factories

    fremd = fremde_insel.abfragen.create(steckbrief=factories.steckbrief(titel="Woanders"))
    eigene = bekanntheit.themeninsel.abfragen.first()
    with pytest.raises(WorkflowError, match="gehört nicht"):
        live.antworten(runde=bekanntheit, geraet="a", abfrage_id=fremd.pk, bekannt=True)
    with pytest.raises(WorkflowError, match="ja"):
        live.antworten(runde=bekanntheit, geraet="a", abfrage_id=eigene.pk, bekannt=None)
    assert not Liveantwort.objects.exists()


# --- Cards --------------------------------------------------------------------------------------
def test_a_card_lands_at_its_island_marked_digital(karten, insel, cafe):
    live.antworten(runde=karten, geraet="a", text="Plakate im Bus\nund in der Schule")
    karte = Karte.objects.get(veranstaltung=cafe)
    assert karte.quelle == Karte.Quelle.DIGITAL
    assert (karte.themeninsel, karte.art) == (insel, Karte.Art.BEKANNTER_MACHEN)
    assert karte.text == "Plakate im Bus\nund in der Schule"
    assert karte.liveantwort.runde == karten


def test_hiding_a_card_removes_it_and_releasing_brings_it_back(karten, sp, cafe):
    antwort = live.antworten(runde=karten, geraet="a", text="Flyer beim Kinderarzt")
    live.verbergen(user=sp, antwort=antwort)
    assert not Karte.objects.filter(veranstaltung=cafe).exists()
    live.freigeben(user=sp, antwort=antwort)
    assert Karte.objects.get(veranstaltung=cafe).text == "Flyer beim Kinderarzt"


def test_a_card_that_became_an_anregung_cannot_be_hidden(karten, sp):
    antwort = live.antworten(runde=karten, geraet="a", text="Ein Jugendcafé am Markt")
    anregung = weltcafe.karte_als_anregung_uebernehmen(user=sp, karte=antwort.karte)
    with pytest.raises(WorkflowError, match=f"Anregung {anregung.pk}"):
        live.verbergen(user=sp, antwort=antwort)
    antwort.refresh_from_db()
    assert antwort.zustand == Liveantwort.Zustand.SICHTBAR and antwort.gezaehlt
    assert Anregung.objects.filter(pk=anregung.pk, karte__isnull=False).exists()


# --- Moderation ---------------------------------------------------------------------------------
def test_hidden_words_leave_every_count_exactly_once(cafe, sp, woerter):
    toll = live.antworten(runde=woerter, geraet="a", text="toll")
    live.antworten(runde=woerter, geraet="b", text="Toll")
    live.verbergen(user=sp, antwort=toll)
    live.verbergen(user=sp, antwort=toll)  # twice is once
    assert wortzahlen(cafe) == {"toll": 1}
    assert [(w.wort, w.anzahl) for w in live.wortwolke(woerter)] == [("Toll", 1)]
    live.freigeben(user=sp, antwort=toll)
    live.freigeben(user=sp, antwort=toll)
    assert wortzahlen(cafe) == {"toll": 2}


def test_the_last_hidden_word_leaves_no_empty_row(cafe, sp, woerter):
    antwort = live.antworten(runde=woerter, geraet="a", text="einzigartig")
    live.verbergen(user=sp, antwort=antwort)
    assert wortzahlen(cafe) == {}


def test_hidden_dots_leave_the_digital_count(bekanntheit, sp):
    abfrage = bekanntheit.themeninsel.abfragen.first()
    antwort = live.antworten(runde=bekanntheit, geraet="a", abfrage_id=abfrage.pk, bekannt=True)
    live.verbergen(user=sp, antwort=antwort)
    abfrage.refresh_from_db()
    assert abfrage.ja_digital == 0
    assert live.balken(bekanntheit)[0].n == 0


@pytest.mark.parametrize(
    ("text", "gesperrt"),
    [
        ("Idioten", True),
        ("total SCHEISSE", True),
        ("Scheißtag", True),
        ("Marsch", False),
        ("Hurensohn", True),
        ("Nazis raus", True),
        ("Schuhe", False),
    ],
)
def test_the_word_list_matches_word_beginnings_case_and_sharp_s_aside(text, gesperrt):
    assert live.gesperrt_durch_wortliste(text, ["idiot", "scheiß", "arsch", "hure", "nazi"]) is (
        gesperrt
    )


def test_a_listed_word_waits_hidden_until_released(cafe, sp, woerter):
    assert Sperrwort.objects.filter(wort="idiot").exists()  # the starting list
    antwort = live.antworten(runde=woerter, geraet="a", text="Idioten")
    assert antwort.zustand == Liveantwort.Zustand.GESPERRT and not antwort.gezaehlt
    assert wortzahlen(cafe) == {} and live.wortwolke(woerter) == []
    live.freigeben(user=sp, antwort=antwort)
    assert wortzahlen(cafe) == {"Idioten": 1}


def test_the_word_list_is_replaced_whole_or_not_at_all(sp):
    with pytest.raises(WorkflowError, match="Zeile 2: bitte ein Wort je Zeile"):
        live.sperrwoerter_speichern(user=sp, text="eins\nzwei Worte\n")
    assert Sperrwort.objects.filter(wort="idiot").exists()
    assert live.sperrwoerter_speichern(user=sp, text="Blöd\nblöd\n\n  doof ") == ["Blöd", "doof"]
    assert sorted(Sperrwort.objects.values_list("wort", flat=True)) == ["Blöd", "doof"]


def test_the_event_pdf_shows_both_sources_and_never_a_hidden_word(cafe, sp, woerter, bekanntheit):
    import io

    from pypdf import PdfReader

    from weltcafe.pdf import erzeugen

    abfrage = bekanntheit.themeninsel.abfragen.first()
    live.antworten(runde=bekanntheit, geraet="a", abfrage_id=abfrage.pk, bekannt=True)
    live.antworten(runde=woerter, geraet="a", text="Wunderbar")
    versteckt = live.antworten(runde=woerter, geraet="b", text="Geheimwort")
    live.verbergen(user=sp, antwort=versteckt)
    gesperrt = live.antworten(runde=woerter, geraet="c", text="Idiotie")
    assert gesperrt.zustand == Liveantwort.Zustand.GESPERRT
    text = " ".join(seite.extract_text() for seite in PdfReader(io.BytesIO(erzeugen(cafe))).pages)
    assert "Wunderbar" in text and "ja digital" in text
    assert "Geheimwort" not in text and "Idiotie" not in text
