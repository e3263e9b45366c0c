"""The dot grid: one row per offer, all rows saved or none, German messages."""

from django.urls import reverse

from weltcafe.models import Angebotsabfrage


def _url(insel):
    return reverse("themeninsel_punkte", args=[insel.veranstaltung_id, insel.pk])


def _felder(insel, werte):
    abfragen = list(insel.abfragen.order_by("reihenfolge"))
    daten = {}
    for a, (ja, nein) in zip(abfragen, werte, strict=True):
        daten[f"ja-{a.pk}"] = ja
        daten[f"nein-{a.pk}"] = nein
    return daten


def test_grid_has_labelled_number_inputs(client_als, insel):
    antwort = client_als("sozialplanung").get(_url(insel))
    html = antwort.content.decode()
    assert antwort.status_code == 200
    # Text fields with a numeric keyboard: arrow keys move between rows, not change values.
    assert html.count('inputmode="numeric"') == 4
    assert 'aria-label="ja – Testangebot Streetwork"' in html
    assert 'aria-label="nein – Testangebot Mädchenmobil"' in html


def test_it_saves_all_rows(client_als, insel):
    antwort = client_als("sozialplanung").post(_url(insel), _felder(insel, [(12, 3), (2, "")]))
    assert antwort.status_code == 302
    assert [(a.ja, a.nein) for a in insel.abfragen.order_by("reihenfolge")] == [(12, 3), (2, 0)]


def test_negative_count_saves_nothing(client_als, insel):
    antwort = client_als("sozialplanung").post(_url(insel), _felder(insel, [(5, 5), (-1, 2)]))
    assert antwort.status_code == 400
    assert "kann nicht negativ sein" in antwort.content.decode()
    assert not Angebotsabfrage.objects.filter(themeninsel=insel).exclude(ja=0, nein=0).exists()


def test_non_number_saves_nothing(client_als, insel):
    antwort = client_als("sozialplanung").post(_url(insel), _felder(insel, [(5, 5), ("zwölf", 2)]))
    assert antwort.status_code == 400
    html = antwort.content.decode()
    assert "„zwölf“ ist keine ganze Zahl" in html
    assert 'aria-invalid="true"' in html
    assert not Angebotsabfrage.objects.filter(themeninsel=insel).exclude(ja=0, nein=0).exists()


def test_fachbereich_may_read_but_not_post(client_als, insel):
    client = client_als("fb-jugend")
    assert (
        client.get(reverse("weltcafe_uebersicht", args=[insel.veranstaltung_id])).status_code == 200
    )
    assert client.get(reverse("bekanntheit_rangliste")).status_code == 200
    assert client.post(_url(insel), _felder(insel, [(1, 1), (1, 1)])).status_code == 403
    assert not Angebotsabfrage.objects.filter(themeninsel=insel, ja=1).exists()


def test_new_offer_became_a_steckbrief_draft(insel):
    neu = insel.abfragen.get(steckbrief__titel="Testangebot Mädchenmobil").steckbrief
    assert neu.status == "entwurf"
    assert neu.federfuehrung.code == "3-1"
