"""Strategiepapier: selection, preview, publication, the frozen PDF and its text."""

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from core import dokumente
from core.models import Dokumentauftrag
from core.workflow import WorkflowError
from empfehlungen import services
from freigabe import services as freigabe
from freigabe.models import Freigabestatus as F
from stammdaten.models import Handlungsfeld, Sozialraum
from strategiepapier import services as strategiepapier
from strategiepapier.models import Strategiepapier
from tests import factories
from tests.factories import in_freigabe_zustand

pytestmark = pytest.mark.django_db


def pdf_text(inhalt: bytes) -> str:
    return "\n".join(seite.extract_text() for seite in PdfReader(io.BytesIO(inhalt)).pages)


@pytest.fixture
def ost():
    return Sozialraum.objects.get(kurzname="OST")


@pytest.fixture
def freigegeben(ost):
    """Freigegebene items of OST and of the whole city, and some that must stay out."""
    anregungen = [factories.in_zustand("bedarf_belegt") for _ in range(3)]
    return {
        "ost": in_freigabe_zustand(
            factories.empfehlung(
                titel="Straßensozialarbeit für Jugendliche in Bermensfeld",
                handlungsfeld=Handlungsfeld.objects.get(name="Jugend"),
                anregungen=anregungen,
            ),
            F.FREIGEGEBEN,
        ),
        "stadtweit": in_freigabe_zustand(
            factories.empfehlung(titel="Übergänge Schule–Beruf begleiten", stadtweit=True),
            F.FREIGEGEBEN,
        ),
        "steckbrief": in_freigabe_zustand(
            factories.steckbrief(titel="Gesundheitsförderung für Ältere", stadtweit=True),
            F.FREIGEGEBEN,
        ),
        "andere": in_freigabe_zustand(
            factories.empfehlung(
                titel="Anderer Sozialraum",
                sozialraeume=[Sozialraum.objects.get(kurzname="OSF")],
            ),
            F.FREIGEGEBEN,
        ),
        "entwurf": factories.empfehlung(titel="Noch im Entwurf"),
    }


def test_default_selection_is_the_sozialraum_and_the_stadtweit_items(freigegeben, ost):
    papier = strategiepapier.strategiepapier_anlegen(
        user=factories.sozialplanung(), sozialraum=ost, ausgabe=2030
    )
    empfehlungen = set(papier.empfehlungen.all())
    assert {freigegeben["ost"], freigegeben["stadtweit"]} <= empfehlungen
    assert freigegeben["andere"] not in empfehlungen and freigegeben["entwurf"] not in empfehlungen
    assert all(e.status == F.FREIGEGEBEN for e in empfehlungen)
    assert freigegeben["steckbrief"] in set(papier.steckbriefe.all())
    with pytest.raises(WorkflowError, match="gibt es die Ausgabe 2030 schon"):
        strategiepapier.strategiepapier_anlegen(
            user=factories.sozialplanung(), sozialraum=ost, ausgabe=2030
        )


def test_selection_refuses_what_may_not_go_in(freigegeben, ost):
    sp = factories.sozialplanung()
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2031)
    vorher = set(papier.empfehlungen.all())
    with pytest.raises(
        WorkflowError, match="Nicht \\(mehr\\) auswählbar.*Anderer Sozialraum; .*Noch im Entwurf"
    ):
        strategiepapier.strategiepapier_auswahl_speichern(
            papier=papier,
            user=sp,
            empfehlung_ids=[
                freigegeben["ost"].pk,
                freigegeben["andere"].pk,
                freigegeben["entwurf"].pk,
            ],
            steckbrief_ids=[],
        )
    assert set(papier.empfehlungen.all()) == vorher
    strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier, user=sp, empfehlung_ids=[freigegeben["ost"].pk], steckbrief_ids=[]
    )
    assert list(papier.empfehlungen.all()) == [freigegeben["ost"]]
    assert not papier.steckbriefe.exists()


def test_stadtweit_items_go_into_every_sozialraums_paper(freigegeben, ost):
    sp = factories.sozialplanung()
    stadtweit = freigegeben["stadtweit"]
    erstes = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2037)
    strategiepapier.strategiepapier_veroeffentlichen(papier=erstes, user=sp)
    stadtweit.refresh_from_db()
    assert stadtweit.status == F.VEROEFFENTLICHT
    osf = Sozialraum.objects.get(kurzname="OSF")
    zweites = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=osf, ausgabe=2037)
    assert stadtweit in set(zweites.empfehlungen.all())
    zweites = strategiepapier.strategiepapier_veroeffentlichen(papier=zweites, user=sp)
    assert "Übergänge Schule–Beruf begleiten" in pdf_text(zweites.pdf.read())
    # Published once; the second paper adds no second transition.
    from core.workflow import verlauf

    assert verlauf(stadtweit).filter(uebergang="veroeffentlichen").count() == 1
    # A later edition of the same Sozialraum does not offer it again.
    drittes = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=osf, ausgabe=2038)
    assert stadtweit not in set(drittes.empfehlungen.all())


def test_published_page_lists_the_items_as_published(freigegeben, ost, client_als):
    sp = factories.sozialplanung()
    e = freigegeben["ost"]
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2039)
    strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    neu = freigabe.vorgang_neue_fassung_anlegen(objekt=e, user=sp, kommentar="Korrektur")
    services.empfehlung_aendern(
        empfehlung=neu, user=sp, stand=neu.stand, titel="Geheimer Entwurfstitel"
    )
    seite = client_als("lesend").get(reverse("strategiepapier_detail", args=[papier.pk]))
    html = seite.content.decode()
    assert f"{e.nummer} Straßensozialarbeit für Jugendliche in Bermensfeld" in html
    assert "Geheimer Entwurfstitel" not in html


def test_publishing_marks_the_items_and_freezes_the_pdf(freigegeben, ost, client_als):
    sp = factories.sozialplanung()
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2032)
    strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier,
        user=sp,
        empfehlung_ids=[freigegeben["ost"].pk, freigegeben["stadtweit"].pk],
        steckbrief_ids=[freigegeben["steckbrief"].pk],
    )
    papier = strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    for name in ("ost", "stadtweit", "steckbrief"):
        freigegeben[name].refresh_from_db()
        assert freigegeben[name].status == F.VEROEFFENTLICHT
    gespeichert = papier.pdf.read()
    assert hashlib.sha256(gespeichert).hexdigest() == papier.pdf_sha256

    text = pdf_text(gespeichert)
    e = freigegeben["ost"]
    for erwartet in [
        "Strategiepapier",
        "Sozialraum Oberhausen-Ost",
        "Ausgabe 2032",
        "Inhalt",
        "1 Sozialraumanalyse",
        "Sozialindex der Sozialquartiere",
        "2 Maßnahmensteckbriefe",
        "Gesundheitsförderung für Ältere",
        "3 Handlungsempfehlungen",
        "Jugend",
        f"{e.nummer} Straßensozialarbeit für Jugendliche in Bermensfeld",
        "Übergänge Schule–Beruf begleiten",
        "Anhang: Anregungen hinter den Empfehlungen",
    ]:
        assert erwartet in text, erwartet
    # The appendix counts the three Anregungen behind the OST Empfehlung.
    anhang = text[text.rindex("Anhang: Anregungen hinter den Empfehlungen") :]
    assert f"{e.nummer}\nStraßensozialarbeit für Jugendliche in Bermensfeld\n3\n" in anhang
    # Page 1 is the title page, page 2 the table of contents of all chapters and items.
    seiten = [seite.extract_text() for seite in PdfReader(io.BytesIO(gespeichert)).pages]
    assert "Ausgabe 2032" in seiten[0] and "Inhalt" not in seiten[0]
    for eintrag in (
        "Inhalt",
        "1 Sozialraumanalyse",
        "2 Maßnahmensteckbriefe",
        "3 Handlungsempfehlungen",
        "Anhang",
    ):
        assert eintrag in seiten[1], eintrag

    # A later change (new Fassung, new text) does not touch the published PDF.
    neu = freigabe.vorgang_neue_fassung_anlegen(objekt=e, user=sp, kommentar="Korrektur")
    services.empfehlung_aendern(empfehlung=neu, user=sp, stand=neu.stand, titel="Geänderter Titel")
    antwort = client_als("lesend").get(reverse("strategiepapier_pdf", args=[papier.pk]))
    assert antwort.status_code == 200
    assert b"".join(antwort.streaming_content) == gespeichert


def test_publishing_is_all_or_nothing(freigegeben, ost):
    sp = factories.sozialplanung()
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2033)
    # Withdrawn after it was chosen: publishing refuses and changes nothing.
    freigabe.vorgang_zurueckziehen(objekt=freigegeben["stadtweit"], user=sp, grund="Landesprogramm")
    with pytest.raises(WorkflowError, match="Nicht \\(mehr\\) freigegeben: .*Übergänge"):
        strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    papier.refresh_from_db()
    freigegeben["ost"].refresh_from_db()
    assert papier.status == Strategiepapier.Status.ENTWURF and not papier.pdf
    assert freigegeben["ost"].status == F.FREIGEGEBEN


def test_published_paper_cannot_change(freigegeben, ost):
    sp = factories.sozialplanung()
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2034)
    strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier, user=sp, empfehlung_ids=[freigegeben["ost"].pk], steckbrief_ids=[]
    )
    strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    with pytest.raises(WorkflowError, match="schon veröffentlicht"):
        strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    with pytest.raises(WorkflowError, match="lässt sich nicht mehr ändern"):
        strategiepapier.strategiepapier_auswahl_speichern(
            papier=papier, user=sp, empfehlung_ids=[], steckbrief_ids=[]
        )


def test_empty_paper_is_not_published(ost):
    sp = factories.sozialplanung()
    papier = Strategiepapier.objects.create(sozialraum=ost, ausgabe=2035, erstellt_von=sp)
    with pytest.raises(WorkflowError, match="enthält noch keine Empfehlung"):
        strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)


def test_preview_is_built_in_the_background_marked_and_publishes_nothing(
    freigegeben, ost, client_als, django_assert_max_num_queries
):
    papier = strategiepapier.strategiepapier_anlegen(
        user=factories.sozialplanung(), sozialraum=ost, ausgabe=2036
    )
    client = client_als("sozialplanung")
    antwort = client.post(
        reverse("strategiepapier_vorschau", args=[papier.pk]),
        {"auswahl": "1", "empfehlungen": [freigegeben["ost"].pk]},
    )
    auftrag = Dokumentauftrag.objects.get(object_id=papier.pk, art="strategiepapier_vorschau")
    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("dokument_status", args=[auftrag.pk])
    assert list(papier.empfehlungen.all()) == [freigegeben["ost"]]  # the ticks were saved
    with django_assert_max_num_queries(12):
        seite = client.get(antwort["Location"])
    assert "auftrag-status.js" in seite.content.decode() and "Fortschritt" in seite.content.decode()

    assert dokumente.erstellen(auftrag.pk) is True
    seite = client.get(antwort["Location"]).content.decode()
    assert "PDF öffnen" in seite and "auftrag-status.js" not in seite
    datei = client.get(reverse("dokument_datei", args=[auftrag.pk]))
    assert datei["Content-Type"] == "application/pdf"
    assert "VORSCHAU, nicht veröffentlicht" in pdf_text(b"".join(datei.streaming_content))
    freigegeben["ost"].refresh_from_db()
    assert freigegeben["ost"].status == F.FREIGEGEBEN
    assert (
        client_als("lesend").get(reverse("strategiepapier_pdf", args=[papier.pk])).status_code
        == 404
    )
    # Readers see neither the preview's page nor its file.
    assert client_als("lesend").get(antwort["Location"]).status_code == 403
    assert client_als("lesend").get(reverse("dokument_datei", args=[auftrag.pk])).status_code == 403


def test_publication_through_the_page_runs_in_the_background(freigegeben, ost, client_als):
    papier = strategiepapier.strategiepapier_anlegen(
        user=factories.sozialplanung(), sozialraum=ost, ausgabe=2037
    )
    client = client_als("sozialplanung")
    url = reverse("strategiepapier_veroeffentlichen", args=[papier.pk])
    antwort = client.post(url, {"auswahl": "1", "empfehlungen": [freigegeben["ost"].pk]})
    auftrag = Dokumentauftrag.objects.get(
        object_id=papier.pk, art="strategiepapier_veroeffentlichung"
    )
    assert antwort["Location"] == reverse("dokument_status", args=[auftrag.pk])
    # A second click while it waits joins it instead of queueing another.
    nochmal = client.post(url, follow=True)
    assert "wird bereits veröffentlicht" in nochmal.content.decode()
    assert Dokumentauftrag.objects.filter(object_id=papier.pk, art=auftrag.art).count() == 1
    papier.refresh_from_db()
    assert papier.status == Strategiepapier.Status.ENTWURF  # nothing published in the request

    assert dokumente.erstellen(auftrag.pk) is True
    papier.refresh_from_db()
    freigegeben["ost"].refresh_from_db()
    assert papier.veroeffentlicht and freigegeben["ost"].status == F.VEROEFFENTLICHT
    seite = client.get(antwort["Location"]).content.decode()
    assert "ist veröffentlicht" in seite and "PDF öffnen" not in seite
    # Delivered again (its worker died after publishing): done, not an error.
    Dokumentauftrag.objects.filter(pk=auftrag.pk).update(status="wartend")
    assert dokumente.erstellen(auftrag.pk) is True


def test_a_refused_publication_is_told_at_once(freigegeben, ost, client_als):
    papier = Strategiepapier.objects.create(
        sozialraum=ost, ausgabe=2038, erstellt_von=factories.sozialplanung()
    )
    antwort = client_als("sozialplanung").post(
        reverse("strategiepapier_veroeffentlichen", args=[papier.pk]), follow=True
    )
    assert "enthält noch keine Empfehlung" in antwort.content.decode()
    assert not Dokumentauftrag.objects.filter(object_id=papier.pk).exists()


def test_a_change_while_the_pdf_is_built_stops_the_publication(freigegeben, ost):
    sp = factories.sozialplanung()
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2040)
    vorher = set(Path(settings.MEDIA_ROOT, "strategiepapiere").glob("*"))

    def stand(fortschritt, schritt):
        if fortschritt == 85:  # the PDF is built, not yet published: someone withdraws
            freigabe.vorgang_zurueckziehen(objekt=freigegeben["ost"], user=sp, grund="Neu")

    with pytest.raises(WorkflowError, match="Nicht \\(mehr\\) freigegeben"):
        strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp, stand=stand)
    papier.refresh_from_db()
    freigegeben["stadtweit"].refresh_from_db()
    assert papier.status == Strategiepapier.Status.ENTWURF and not papier.pdf
    assert freigegeben["stadtweit"].status == F.FREIGEGEBEN
    assert set(Path(settings.MEDIA_ROOT, "strategiepapiere").glob("*")) == vorher


def test_an_edit_while_the_pdf_is_built_stops_the_publication(freigegeben, ost):
    sp = factories.sozialplanung()
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2041)

    def stand(fortschritt, schritt):
        if fortschritt == 85:
            strategiepapier.strategiepapier_auswahl_speichern(
                papier=papier,
                user=sp,
                empfehlung_ids=[],
                steckbrief_ids=[freigegeben["steckbrief"].pk],
            )

    with pytest.raises(WorkflowError, match="Während das PDF entstand"):
        strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp, stand=stand)
    papier.refresh_from_db()
    assert papier.status == Strategiepapier.Status.ENTWURF


def test_demo_paper_is_published_and_readable():
    papier = Strategiepapier.objects.get(sozialraum__kurzname="OST", ausgabe=2024)
    assert papier.veroeffentlicht
    text = pdf_text(papier.pdf.read())
    for e in papier.empfehlungen.all():
        assert e.nummer in text


def test_markup_in_titles_is_text_in_the_pdf(ost):
    sp = factories.sozialplanung()
    s = in_freigabe_zustand(
        factories.steckbrief(titel="Gruppe <b> & Co", stadtweit=True), F.FREIGEGEBEN
    )
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=ost, ausgabe=2042)
    strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier, user=sp, empfehlung_ids=[], steckbrief_ids=[s.pk]
    )
    papier = strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp)
    text = pdf_text(papier.pdf.read())
    assert text.count("Gruppe <b> & Co") == 2  # table of contents and chapter
