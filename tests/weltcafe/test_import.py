"""Dots and cards from CSV: all rows or none, errors with row numbers in German."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weltcafe import services as weltcafe
from weltcafe.models import Angebotsabfrage


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_dots_import_saves_all_rows(sp, cafe, insel):
    anzahl, fehler = weltcafe.punkte_importieren(
        user=sp,
        veranstaltung=cafe,
        daten=_csv(
            "Themeninsel;Angebot;ja;nein\n"
            "Testinsel Jugend;Testangebot Streetwork;7;2\n"
            "testinsel jugend;Testangebot Mädchenmobil;1;9\n"
        ),
        dateiname="punkte.csv",
    )
    assert (anzahl, fehler) == (2, [])
    assert {a.steckbrief.titel: (a.ja, a.nein) for a in insel.abfragen.all()} == {
        "Testangebot Streetwork": (7, 2),
        "Testangebot Mädchenmobil": (1, 9),
    }


def test_negative_count_and_unknown_offer_are_refused_with_rows(client_als, cafe, insel):
    datei = SimpleUploadedFile(
        "punkte.csv",
        _csv(
            "Themeninsel;Angebot;ja;nein\n"
            "Testinsel Jugend;Testangebot Streetwork;7;2\n"
            "Testinsel Jugend;Testangebot Mädchenmobil;-3;9\n"
            "Testinsel Jugend;Gibt es nicht;1;1\n"
        ),
    )
    antwort = client_als("sozialplanung").post(
        reverse("weltcafe_import", args=[cafe.pk]), {"inhalt": "punkte", "datei": datei}
    )
    html = antwort.content.decode()
    assert antwort.status_code == 400
    assert "es wurde nichts gespeichert" in html
    assert "Zeile 3, Spalte „ja“" in html and "nicht negativ" in html
    assert "Zeile 4, Spalte „Angebot“" in html and "„Gibt es nicht“ steht nicht an" in html
    assert not Angebotsabfrage.objects.filter(themeninsel=insel).exclude(ja=0, nein=0).exists()


def test_missing_column_is_reported(sp, cafe, insel):
    anzahl, fehler = weltcafe.punkte_importieren(
        user=sp,
        veranstaltung=cafe,
        daten=_csv("Themeninsel;Angebot;ja\nA;B;1\n"),
        dateiname="x.csv",
    )
    assert anzahl == 0
    assert [str(f) for f in fehler] == ["Zeile 1, Spalte „nein“: Pflichtspalte fehlt."]


def test_cards_import_all_or_nothing(sp, cafe, insel):
    anzahl, fehler = weltcafe.karten_importieren(
        user=sp,
        veranstaltung=cafe,
        daten=_csv("Art;Text;Themeninsel\nbekannter machen;Plakate;Testinsel Jugend\nquatsch;x;\n"),
        dateiname="karten.csv",
    )
    assert anzahl == 0 and "Zeile 3" in str(fehler[0])
    assert not cafe.karten.exists()
    anzahl, fehler = weltcafe.karten_importieren(
        user=sp,
        veranstaltung=cafe,
        daten=_csv(
            "Art;Text;Themeninsel\nbekannter machen;Plakate;Testinsel Jugend\nwoher bekannt;Zeitung;\n"
        ),
        dateiname="karten.csv",
    )
    assert (anzahl, fehler) == (2, [])
    assert cafe.karten.get(text="Plakate").themeninsel == insel


def test_a_header_alone_is_refused(sp, cafe, insel):
    anzahl, fehler = weltcafe.punkte_importieren(
        user=sp, veranstaltung=cafe, daten=_csv("Themeninsel;Angebot;ja;nein\n"), dateiname="p.csv"
    )
    assert anzahl == 0 and "enthält keine Datenzeilen" in fehler[0].meldung


def test_card_rows_name_their_offer_with_its_island_in_few_queries(
    sp, cafe, insel, django_assert_max_num_queries
):
    from weltcafe.models import Karte

    zeilen = "".join(
        f"bekannter machen;Flyer {i};Testinsel Jugend;Testangebot Streetwork\n" for i in range(40)
    )
    with django_assert_max_num_queries(20):
        anzahl, fehler = weltcafe.karten_importieren(
            user=sp,
            veranstaltung=cafe,
            daten=_csv("Art;Text;Themeninsel;Angebot\n" + zeilen),
            dateiname="k.csv",
        )
    assert (anzahl, fehler) == (40, [])
    assert Karte.objects.filter(steckbrief__titel="Testangebot Streetwork").count() == 40
    anzahl, fehler = weltcafe.karten_importieren(
        user=sp,
        veranstaltung=cafe,
        daten=_csv("Art;Text;Themeninsel;Angebot\nsonstiges;Gut;;Testangebot Streetwork\n"),
        dateiname="k.csv",
    )
    assert anzahl == 0 and "Zu einem Angebot gehört die Themeninsel." in fehler[0].meldung
