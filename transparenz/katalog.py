"""The DCAT-AP.de 3.0 catalogue of the open data (GovDataOfficial/DCAT-AP.de, branch 3.0:
spec/03_overview_table.md, spec/05_vocabularies.md, shacl/). Mandatory: catalogue and dataset
with title, description, publisher (foaf:Agent with foaf:name); each distribution with
dcat:accessURL and dct:license from the dcat-ap.de licence list. Recommended and given here:
contact point, theme, keywords, format and media type, language, geocoding, modification dates.
A data portal (GovData, Open.NRW, CKAN) harvests it from /transparenz/daten/katalog.ttl."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from transparenz import selectors
from transparenz.daten import DATENSAETZE, absolut

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
DATEITYP = Namespace(EU + "file-type/")
THEMA = Namespace(EU + "data-theme/")
SPRACHE = URIRef(EU + "language/DEU")
ZUGANG = URIRef(EU + "access-right/PUBLIC")
HAEUFIGKEIT = URIRef(EU + "frequency/QUARTERLY")
IANA = "https://www.iana.org/assignments/media-types/"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
HERAUSGEBERTYP = URIRef("http://purl.org/adms/publishertype/LocalAuthority")

FORMATE = {  # endung: (EU file type, IANA media type)
    "csv": (DATEITYP.CSV, IANA + "text/csv"),
    "json": (DATEITYP.JSON, IANA + "application/json"),
}


def graph() -> Graph:
    g = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("dcatde", DCATDE),
        ("foaf", FOAF),
        ("vcard", VCARD),
    ):
        g.bind(prefix, ns)
    stand = selectors.stand().geaendert or timezone.now()
    geaendert = Literal(stand.isoformat(timespec="seconds"), datatype=XSD.dateTime)

    katalog = URIRef(absolut(reverse("transparenz_katalog", args=["ttl"])) + "#katalog")
    herausgeber = URIRef(absolut(reverse("transparenz_start")) + "#herausgeber")
    g.add((herausgeber, RDF.type, FOAF.Agent))
    g.add((herausgeber, FOAF.name, Literal(settings.TRANSPARENZ_HERAUSGEBER, lang="de")))
    g.add((herausgeber, DCTERMS.type, HERAUSGEBERTYP))
    kontakt = URIRef(absolut(reverse("transparenz_start")) + "#kontakt")
    g.add((kontakt, RDF.type, VCARD.Organization))
    g.add((kontakt, VCARD.fn, Literal(f"Sozialplanung – {settings.TRANSPARENZ_HERAUSGEBER}")))
    g.add((kontakt, VCARD.hasEmail, URIRef(f"mailto:{settings.TRANSPARENZ_KONTAKT_EMAIL}")))

    g.add((katalog, RDF.type, DCAT.Catalog))
    g.add((katalog, DCTERMS.title, Literal(_titel("Offene Daten der Sozialplanung"), lang="de")))
    g.add(
        (
            katalog,
            DCTERMS.description,
            Literal(
                "Was aus den Empfehlungen der strategischen Sozialplanung wurde: veröffentlichte "
                "Handlungsempfehlungen, Maßnahmen und Strategiepapiere mit ihrem Umsetzungsstand.",
                lang="de",
            ),
        )
    )
    g.add((katalog, DCTERMS.publisher, herausgeber))
    g.add((katalog, DCTERMS.language, SPRACHE))
    g.add((katalog, DCTERMS.license, URIRef(settings.TRANSPARENZ_LIZENZ)))
    g.add((katalog, DCTERMS.modified, geaendert))
    g.add((katalog, FOAF.homepage, URIRef(absolut(reverse("transparenz_start")))))
    g.add((katalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))

    for datensatz in DATENSAETZE.values():
        ds = URIRef(absolut(reverse("transparenz_daten")) + f"#{datensatz.name}")
        g.add((katalog, DCAT.dataset, ds))
        g.add((ds, RDF.type, DCAT.Dataset))
        g.add((ds, DCTERMS.title, Literal(_titel(datensatz.titel), lang="de")))
        g.add((ds, DCTERMS.description, Literal(datensatz.beschreibung, lang="de")))
        g.add((ds, DCTERMS.identifier, Literal(str(ds))))
        g.add((ds, DCTERMS.publisher, herausgeber))
        g.add((ds, DCAT.contactPoint, kontakt))
        g.add((ds, DCAT.theme, THEMA.SOCI))
        g.add((ds, DCTERMS.language, SPRACHE))
        g.add((ds, DCTERMS.accessRights, ZUGANG))
        g.add((ds, DCTERMS.accrualPeriodicity, HAEUFIGKEIT))
        g.add((ds, DCTERMS.modified, geaendert))
        g.add((ds, DCAT.landingPage, URIRef(absolut(reverse("transparenz_daten")))))
        for wort in datensatz.schlagworte:
            g.add((ds, DCAT.keyword, Literal(wort, lang="de")))
        if settings.TRANSPARENZ_CONTRIBUTOR_ID:
            g.add((ds, DCATDE.contributorID, URIRef(settings.TRANSPARENZ_CONTRIBUTOR_ID)))
        if schluessel := settings.TRANSPARENZ_GEMEINDESCHLUESSEL:
            ort = URIRef(f"{GEOCODING}municipalityKey/{schluessel}")
            g.add((ds, DCTERMS.spatial, ort))
            g.add((ds, DCATDE.politicalGeocodingLevelURI, URIRef(f"{GEOCODING}Level/municipality")))
        for endung, (dateityp, medientyp) in FORMATE.items():
            verteilung = URIRef(f"{ds}-{endung}")
            adresse = URIRef(absolut(reverse("transparenz_datei", args=[datensatz.name, endung])))
            g.add((ds, DCAT.distribution, verteilung))
            g.add((verteilung, RDF.type, DCAT.Distribution))
            g.add(
                (
                    verteilung,
                    DCTERMS.title,
                    Literal(f"{datensatz.titel} ({endung.upper()})", lang="de"),
                )
            )
            # A plain download: the same address as access and download URL (Konvention 39).
            g.add((verteilung, DCAT.accessURL, adresse))
            g.add((verteilung, DCAT.downloadURL, adresse))
            g.add((verteilung, DCTERMS.license, URIRef(settings.TRANSPARENZ_LIZENZ)))
            g.add((verteilung, DCTERMS.format, dateityp))
            g.add((verteilung, DCAT.mediaType, URIRef(medientyp)))
            g.add((verteilung, DCTERMS.modified, geaendert))
            g.add(
                (
                    verteilung,
                    DCATDE.licenseAttributionByText,
                    Literal(settings.TRANSPARENZ_HERAUSGEBER, lang="de"),
                )
            )
    return g


def _titel(text: str) -> str:
    return f"{text} – {settings.STADT_NAME}" if settings.STADT_NAME else text
