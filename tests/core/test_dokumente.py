"""Documents built in the background (`core.dokumente`): a failing build ends with a German
message and keeps no file, the time limit is told as such, a dead job is shown aborted and
replaced, old previews are removed, and a real worker builds an event's PDF."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from core import auftraege, dokumente
from core.dokumente import Dokumentart, Ergebnis
from core.models import Dokumentauftrag
from core.pdf import DokumentFehler
from empfehlungen.models import Veranstaltung
from tests import factories
from tests.factories import demo

S = Dokumentauftrag.Status


def _art(monkeypatch, bauen, **felder) -> Dokumentart:
    """A kind of document for these tests, about a Veranstaltung, readable by Sozialplanung."""
    art = Dokumentart(
        name="test_dokument",
        titel=lambda v: f"Testdokument {v.pk}",
        recht="weltcafe.bearbeiten",
        bauen=bauen,
        zurueck=lambda v: reverse("veranstaltung_detail", args=[v.pk]),
        **felder,
    )
    monkeypatch.setitem(dokumente.ARTEN, art.name, art)
    return art


@pytest.fixture
def veranstaltung(db) -> Veranstaltung:
    return factories.veranstaltung(titel="Dokumenttest")


def _anfordern(veranstaltung) -> Dokumentauftrag:
    return dokumente.anfordern(
        art="test_dokument", objekt=veranstaltung, user=demo("sozialplanung")
    )


def test_a_build_tells_its_steps_and_stores_the_file(monkeypatch, veranstaltung, client_als):
    gesehen = []

    def bauen(auftrag, objekt, stand):
        stand(40, "Seite 2 von 5")
        gesehen.append(Dokumentauftrag.objects.get(pk=auftrag.pk).schritt)
        return Ergebnis(inhalt=b"%PDF-1.4 Test", dateiname="test.pdf")

    _art(monkeypatch, bauen)
    auftrag = _anfordern(veranstaltung)
    assert auftrag.status == S.WARTEND and not auftrag.bereits_angefordert
    assert _anfordern(veranstaltung).pk == auftrag.pk  # a second click joins the waiting one
    assert dokumente.erstellen(auftrag.pk) is True
    assert dokumente.erstellen(auftrag.pk) is False  # delivered twice: built once
    auftrag.refresh_from_db()
    assert gesehen == ["Seite 2 von 5"]
    assert (auftrag.status, auftrag.fortschritt, auftrag.dateiname) == (S.FERTIG, 100, "test.pdf")
    antwort = client_als("sozialplanung").get(reverse("dokument_datei", args=[auftrag.pk]))
    assert b"".join(antwort.streaming_content) == b"%PDF-1.4 Test"
    assert 'filename="test.pdf"' in antwort["Content-Disposition"]


@pytest.mark.parametrize(
    ("fehler", "meldung"),
    [
        (DokumentFehler("Ein Teil passt nicht: „OST-07“."), "Ein Teil passt nicht: „OST-07“."),
        (SoftTimeLimitExceeded(), auftraege.ZEITLIMIT),
        (ValueError("intern"), "Das Dokument konnte nicht erstellt werden (ValueError)."),
    ],
)
def test_a_failing_build_ends_with_a_german_message(
    monkeypatch, veranstaltung, client_als, fehler, meldung
):
    def bauen(auftrag, objekt, stand):
        raise fehler

    _art(monkeypatch, bauen)
    auftrag = _anfordern(veranstaltung)
    assert dokumente.erstellen(auftrag.pk) is False
    auftrag.refresh_from_db()
    assert auftrag.status == S.FEHLER and auftrag.fehler.startswith(meldung)
    assert "intern" not in auftrag.fehler  # no internals for the user
    seite = client_als("sozialplanung").get(reverse("dokument_status", args=[auftrag.pk]))
    assert meldung in seite.content.decode() and not auftrag.datei
    assert (
        client_als("sozialplanung").get(reverse("dokument_datei", args=[auftrag.pk])).status_code
        == 404
    )


def test_the_object_deleted_meanwhile_is_told(monkeypatch, veranstaltung):
    _art(monkeypatch, lambda a, o, s: Ergebnis(inhalt=b"x", dateiname="x.pdf"))
    auftrag = _anfordern(veranstaltung)
    veranstaltung.delete()
    assert dokumente.erstellen(auftrag.pk) is False
    auftrag.refresh_from_db()
    assert "Gegenstand wurde gelöscht" in auftrag.fehler


def test_a_dead_job_is_shown_aborted_and_replaced(monkeypatch, veranstaltung, client_als):
    _art(monkeypatch, lambda a, o, s: Ergebnis(inhalt=b"x", dateiname="x.pdf"), einmalig=True)
    auftrag = _anfordern(veranstaltung)
    Dokumentauftrag.objects.filter(pk=auftrag.pk).update(
        status=S.LAEUFT, lebenszeichen=timezone.now() - timedelta(seconds=30)
    )
    assert _anfordern(veranstaltung).pk == auftrag.pk  # alive: one at a time
    Dokumentauftrag.objects.filter(pk=auftrag.pk).update(
        lebenszeichen=timezone.now() - timedelta(minutes=3)
    )
    seite = client_als("sozialplanung").get(reverse("dokument_status", args=[auftrag.pk]))
    assert "Die Erstellung ist abgebrochen" in seite.content.decode()
    neu = _anfordern(veranstaltung)
    assert neu.pk != auftrag.pk
    auftrag.refresh_from_db()
    assert auftrag.status == S.FEHLER and auftrag.fehler == auftraege.ABGEBROCHEN


def test_old_previews_are_removed_and_publications_kept(monkeypatch, veranstaltung, settings):
    _art(monkeypatch, lambda a, o, s: Ergebnis(inhalt=b"%PDF alt", dateiname="alt.pdf"))
    alt = _anfordern(veranstaltung)
    dokumente.erstellen(alt.pk)
    alt.refresh_from_db()
    Dokumentauftrag.objects.filter(pk=alt.pk).update(
        angefordert_am=timezone.now() - timedelta(hours=settings.DOKUMENT_AUFBEWAHRUNG_STUNDEN + 1)
    )
    frisch = _anfordern(veranstaltung)
    dokumente.erstellen(frisch.pk)
    frisch.refresh_from_db()
    # A publication's row stays: it tells who published when (its file belongs to the paper).
    veroeffentlichung = Dokumentauftrag.objects.create(
        art="strategiepapier_veroeffentlichung",
        objekt=veranstaltung,
        status=S.FERTIG,
        angefordert_am=timezone.now() - timedelta(days=30),
    )
    assert default_storage.exists(alt.datei.name)
    assert dokumente.aufraeumen() == 1
    assert not Dokumentauftrag.objects.filter(pk=alt.pk).exists()
    assert not default_storage.exists(alt.datei.name)
    assert default_storage.exists(frisch.datei.name)
    assert Dokumentauftrag.objects.filter(pk=veroeffentlichung.pk).exists()


def test_an_event_pdf_is_built_by_a_real_worker(transactional_db, celery_worker, settings):
    from django.db import transaction

    from start import demo as demo_laden

    demo_laden.laden()
    # The worker writes to its own media folder (var/test/media); read the file there.
    settings.MEDIA_ROOT = str(Path(settings.VAR_DIR) / "media")
    cafe = Veranstaltung.objects.filter(format=Veranstaltung.Format.WORLD_CAFE).first()
    with transaction.atomic():  # the task is queued when this commits
        auftrag = dokumente.anfordern(
            art="weltcafe_dokumentation", objekt=cafe, user=demo("lesend")
        )
    ende = time.monotonic() + 60
    while time.monotonic() < ende:
        auftrag.refresh_from_db()
        if auftrag.status in (S.FERTIG, S.FEHLER):
            break
        time.sleep(0.2)
    assert auftrag.status == S.FERTIG, (auftrag.status, auftrag.fehler, auftrag.schritt)
    try:
        assert Path(auftrag.datei.path).read_bytes().startswith(b"%PDF")
    finally:
        auftrag.datei.delete(save=False)
