"""Open data: CSV and JSON with the documented columns and stable ids; the DCAT-AP.de
catalogue parsed with rdflib, every mandatory property present, validated with pySHACL
against shapes written from the specification (dcat_ap_de_formen.ttl)."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from freigabe.models import Freigabestatus as F
from tests import factories
from tests.factories import in_freigabe_zustand
from transparenz import daten, services
from transparenz.katalog import DCATDE, VCARD

pytestmark = pytest.mark.django_db
FORMEN = Path(__file__).with_name("dcat_ap_de_formen.ttl")


@pytest.fixture(autouse=True)
def eingeschaltet(settings):
    settings.TRANSPARENZ_AKTIV = True
    settings.TRANSPARENZ_CONTRIBUTOR_ID = "http://dcat-ap.de/def/contributors/openNRW"
    settings.TRANSPARENZ_GEMEINDESCHLUESSEL = "05119000"
    services.alles_abgleichen()


@pytest.mark.parametrize("name", list(daten.DATENSAETZE))
def test_csv_and_json_carry_the_documented_columns(name):
    datensatz = daten.DATENSAETZE[name]
    client = Client()
    antwort = client.get(reverse("transparenz_datei", args=[name, "csv"]))
    assert antwort["Content-Type"] == "text/csv; charset=utf-8"
    zeilen = list(csv.DictReader(io.StringIO(antwort.content.decode("utf-8"))))
    assert zeilen, name
    assert list(zeilen[0]) == [s.name for s in datensatz.spalten]
    json_antwort = client.get(reverse("transparenz_datei", args=[name, "json"]))
    inhalt = json.loads(json_antwort.content)
    assert inhalt["anzahl"] == len(inhalt["daten"]) == len(zeilen)
    assert set(inhalt["spalten"]) == {s.name for s in datensatz.spalten}
    assert [d["id"] for d in inhalt["daten"]] == [z["id"] for z in zeilen]  # stable ids
    for d in inhalt["daten"]:
        pfad = d["html" if name == "strategiepapiere" else "url"].removeprefix(
            "http://127.0.0.1:8000"
        )
        assert client.get(pfad).status_code == 200, pfad


def test_a_title_a_spreadsheet_would_run_is_defused_in_the_csv():
    e = in_freigabe_zustand(factories.empfehlung(titel='=HYPERLINK("x")'), F.VEROEFFENTLICHT)
    services.eintrag_abgleichen(e)
    text = Client().get(reverse("transparenz_datei", args=["empfehlungen", "csv"])).content.decode()
    assert "'=HYPERLINK" in text
    daten_json = Client().get(reverse("transparenz_datei", args=["empfehlungen", "json"])).content
    assert any(d["titel"] == '=HYPERLINK("x")' for d in json.loads(daten_json)["daten"])


def _katalog(format: str) -> Graph:
    antwort = Client().get(reverse("transparenz_katalog", args=[format]))
    assert antwort.status_code == 200
    return Graph().parse(data=antwort.content, format="turtle" if format == "ttl" else "xml")


def test_the_catalogue_has_every_mandatory_property():
    g = _katalog("ttl")
    (katalog,) = g.subjects(RDF.type, DCAT.Catalog)
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher):
        assert g.value(katalog, p) is not None, p
    datensaetze = list(g.objects(katalog, DCAT.dataset))
    assert len(datensaetze) == len(daten.DATENSAETZE)
    for ds in datensaetze:
        for p in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint):
            assert g.value(ds, p) is not None, (ds, p)
        assert list(g.objects(ds, DCATDE.contributorID)) == [
            URIRef("http://dcat-ap.de/def/contributors/openNRW")
        ]
        assert g.value(g.value(ds, DCTERMS.publisher), FOAF.name) is not None
        assert str(g.value(g.value(ds, DCAT.contactPoint), VCARD.hasEmail)).startswith("mailto:")
        assert g.value(ds, DCTERMS.spatial) == URIRef(
            "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05119000"
        )
        verteilungen = list(g.objects(ds, DCAT.distribution))
        assert len(verteilungen) == 2
        for v in verteilungen:
            assert g.value(v, DCTERMS.license) == URIRef(
                "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
            )
            assert str(g.value(v, DCTERMS.format)).startswith(
                "http://publications.europa.eu/resource/authority/file-type/"
            )
            adresse = str(g.value(v, DCAT.accessURL)).removeprefix("http://127.0.0.1:8000")
            assert Client().get(adresse).status_code == 200, adresse


def test_turtle_and_rdf_xml_say_the_same():
    from rdflib.compare import isomorphic

    assert isomorphic(_katalog("ttl"), _katalog("rdf"))


def test_the_catalogue_conforms_to_the_dcat_ap_de_shapes():
    konform, _, bericht = validate(_katalog("ttl"), shacl_graph=str(FORMEN), inference="none")
    assert konform, bericht


def test_the_shapes_catch_a_missing_licence():
    g = _katalog("ttl")
    v = next(g.subjects(RDF.type, DCAT.Distribution))
    g.remove((v, DCTERMS.license, None))
    konform, _, bericht = validate(g, shacl_graph=str(FORMEN), inference="none")
    assert not konform and "license" in bericht
