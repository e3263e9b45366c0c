from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stammdaten.models import Kennzahlwert
from tests import dateien

URL = reverse("admin:stammdaten_kennzahlwert_importieren")
GUT = [
    ["Kennzahl", "Ebene", "Gebiet", "Jahr", "Wert"],
    ["Kinderarmut", "Sozialquartier", "Innenstadt", 2031, "41,5"],
    ["Kinderarmut", "Stadt", None, 2031, "25,0"],
]


def hochladen(client, daten, name="werte.xlsx"):
    return client.post(URL, {"datei": SimpleUploadedFile(name, daten)})


def test_preview_then_confirm_saves(client, benutzer, django_assert_max_num_queries):
    client.force_login(benutzer["sozialplanung"])
    vorschau = hochladen(client, dateien.xlsx_bytes(GUT))
    html = vorschau.content.decode()
    assert "Vorschau „werte.xlsx“:</strong> 2 Zeilen – 2 neu" in html
    assert Kennzahlwert.objects.filter(jahr=2031).count() == 0
    ablage = vorschau.context["ablage"]
    with django_assert_max_num_queries(40):
        bestaetigt = client.post(URL, {"ablage": ablage})
    assert bestaetigt.status_code == 302
    assert Kennzahlwert.objects.filter(jahr=2031).count() == 2
    # The stored preview is gone after use.
    assert client.post(URL, {"ablage": ablage}).status_code == 302
    assert Kennzahlwert.objects.filter(jahr=2031).count() == 2


def test_errors_are_shown_and_nothing_is_offered_for_saving(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    antwort = hochladen(
        client, dateien.csv_bytes([*GUT, ["Kinderarmut", "Stadt", "", "2031", "x"]]), "werte.csv"
    )
    html = antwort.content.decode()
    assert "1 Fehler in „werte.csv“ – es wurde nichts gespeichert." in html
    assert "Zeile 4, Spalte „Wert“: „x“ ist keine Zahl (Beispiel: 12,5)." in html
    assert "Import bestätigen" not in html


def test_another_users_preview_cannot_be_confirmed(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    ablage = hochladen(client, dateien.xlsx_bytes(GUT)).context["ablage"]
    client.force_login(benutzer["admin"])
    antwort = client.post(URL, {"ablage": ablage}, follow=True)
    assert "abgelaufen oder schon übernommen" in antwort.content.decode()
    assert Kennzahlwert.objects.filter(jahr=2031).count() == 0


def test_export_offers_xlsx_and_csv(client, benutzer):
    client.force_login(benutzer["sozialplanung"])
    html = client.get(reverse("admin:stammdaten_kennzahlwert_changelist")).content.decode()
    assert "Importieren" in html and "Export" in html


def test_the_admin_export_defuses_formulas(client, benutzer):
    """A Kennzahl named like a formula leaves the admin's export as text, not as a formula."""
    import csv
    import io

    from stammdaten.models import Kennzahl

    Kennzahl.objects.create(name='=HYPERLINK("http://example.org","Klick")', einheit="%")
    wert = Kennzahlwert.objects.first()
    wert.kennzahl = Kennzahl.objects.get(name__startswith="=HYPERLINK")
    wert.save()
    client.force_login(benutzer["sozialplanung"])
    url = reverse("admin:stammdaten_kennzahlwert_export")
    formular = client.get(url).context["form"]
    daten = {"format": "1", "resource": "0"}  # CSV
    daten.update({n: "on" for n in formular.fields if n.startswith("kennzahlwertresource_")})
    antwort = client.post(url, daten)
    assert antwort.status_code == 200, antwort.content[:500]
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig"))))
    zellen = [zelle for zeile in zeilen for zelle in zeile]
    assert '\'=HYPERLINK("http://example.org","Klick")' in zellen
    assert not any(z.startswith("=") for z in zellen)
