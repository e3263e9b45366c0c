"""The event documentation PDF contains the Themeninseln, the cards and the words."""

import io

from django.urls import reverse
from pypdf import PdfReader

from core import dokumente
from core.models import Dokumentauftrag
from weltcafe import services as weltcafe
from weltcafe.models import Karte


def test_pdf_contains_islands_cards_and_words(client_als, sp, cafe, insel):
    weltcafe.karten_erfassen(
        user=sp,
        veranstaltung=cafe,
        art=Karte.Art.BEKANNTER_MACHEN,
        texte=["Aushang im Jugendzentrum"],
    )
    weltcafe.rueckmeldewoerter_erfassen(user=sp, veranstaltung=cafe, woerter=[("Vernetzung", 4)])
    client = client_als("lesend")
    antwort = client.post(reverse("weltcafe_pdf", args=[cafe.pk]))
    auftrag = Dokumentauftrag.objects.get(object_id=cafe.pk, art="weltcafe_dokumentation")
    assert antwort["Location"] == reverse("dokument_status", args=[auftrag.pk])
    assert dokumente.erstellen(auftrag.pk) is True
    antwort = client.get(reverse("dokument_datei", args=[auftrag.pk]))
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/pdf"
    inhalt = b"".join(antwort.streaming_content)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhalt)).pages)
    text = " ".join(text.split())
    for erwartet in (
        "Testinsel Jugend",
        "Aushang im Jugendzentrum",
        "Vernetzung",
        "Testangebot Streetwork",
    ):
        assert erwartet in text
