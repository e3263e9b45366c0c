"""Compiling and publishing a Sozialraum's Strategiepapier."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from core import dokumente
from core.rechte import erzwingen
from core.workflow import WorkflowError, gesperrt, uebergang
from empfehlungen.selectors import anregungen_je_empfehlung
from freigabe.models import Freigabestatus as F
from freigabe.services import vorgaenge_veroeffentlichen
from stammdaten.models import Sozialraum, User
from stammdaten.rules import VEROEFFENTLICHT
from strategiepapier import ausgabe
from strategiepapier import pdf as papier_pdf
from strategiepapier.models import Strategiepapier
from strategiepapier.selectors import inhalt, kandidaten


@transaction.atomic
def strategiepapier_anlegen(*, user: User, sozialraum: Sozialraum, ausgabe: int) -> Strategiepapier:
    erzwingen(user, "strategiepapier.bearbeiten")
    schon = f"Für {sozialraum} gibt es die Ausgabe {ausgabe} schon."
    if Strategiepapier.objects.filter(sozialraum=sozialraum, ausgabe=ausgabe).exists():
        raise WorkflowError(schon)
    try:
        with transaction.atomic():
            papier = Strategiepapier.objects.create(
                sozialraum=sozialraum, ausgabe=ausgabe, erstellt_von=user
            )
    except IntegrityError as exc:  # created by someone else a moment ago
        raise WorkflowError(schon) from exc
    empfehlungen, steckbriefe = kandidaten(sozialraum)
    papier.empfehlungen.set(empfehlungen)  # default: everything that may go in
    papier.steckbriefe.set(steckbriefe)
    return papier


@transaction.atomic
def strategiepapier_auswahl_speichern(
    *,
    papier: Strategiepapier,
    user: User,
    empfehlung_ids: list[int],
    steckbrief_ids: list[int],
) -> Strategiepapier:
    erzwingen(user, "strategiepapier.bearbeiten")
    papier = gesperrt(papier)
    if papier.veroeffentlicht:
        raise WorkflowError(
            "Das Strategiepapier ist veröffentlicht und lässt sich nicht mehr ändern."
        )
    empfehlungen, steckbriefe = kandidaten(papier.sozialraum)
    gewaehlt = {}
    for name, qs, ids in (
        ("empfehlungen", empfehlungen, set(empfehlung_ids)),
        ("steckbriefe", steckbriefe, set(steckbrief_ids)),
    ):
        gewaehlt[name] = list(qs.filter(pk__in=ids))
        fehlend = ids - {o.pk for o in gewaehlt[name]}
        if fehlend:
            namen = [str(o) for o in qs.model.objects.filter(pk__in=fehlend)] or ["unbekannt"]
            raise WorkflowError(
                "Nicht (mehr) auswählbar, weil nicht freigegeben oder nicht aus diesem "
                f"Sozialraum: {'; '.join(namen)}. Bitte die Seite neu laden."
            )
    papier.empfehlungen.set(gewaehlt["empfehlungen"])
    papier.steckbriefe.set(gewaehlt["steckbriefe"])
    return papier


def _grundlage(papier: Strategiepapier) -> dict:
    """What both editions are built from: the items chosen now and the Anregungen behind."""
    empfehlungen, steckbriefe = inhalt(papier)
    _ziele_anhaengen([*empfehlungen, *steckbriefe])
    return {
        "empfehlungen": empfehlungen,
        "steckbriefe": steckbriefe,
        "anzahl_anregungen": anregungen_je_empfehlung([e.pk for e in empfehlungen]),
    }


def _ziele_anhaengen(gegenstaende: list) -> None:
    """Each item carries its Wirkungsziele (indicator, baseline, target) for both editions;
    one query for all (and one for the Kennzahlwerte)."""
    from wirkung import selectors as wirkung_selectors

    je_gegenstand: dict[tuple, list[dict]] = {}
    for a in wirkung_selectors.auswerten(wirkung_selectors.ziele_von(gegenstaende)):
        z = a.ziel
        schluessel = (
            ("empfehlung", z.empfehlung_id) if z.empfehlung_id else ("steckbrief", z.steckbrief_id)
        )
        je_gegenstand.setdefault(schluessel, []).append(
            {
                "indikator": z.bezeichnung
                + (f" ({z.gebiet})" if z.quelle == z.Quelle.KENNZAHL else ""),
                "art": z.get_art_display(),
                "ausgang": a.basis_text,
                "ziel": a.ziel_text if z.quelle != z.Quelle.QUALITATIV else z.beschreibung,
            }
        )
    for g in gegenstaende:
        g.wirkungsziele = je_gegenstand.get((g.TYP, g.pk), [])


def strategiepapier_pdf(*, papier: Strategiepapier, vorschau: bool) -> bytes:
    """The paper as PDF, built from the items chosen now (the preview; and at publication)."""
    return papier_pdf.erzeugen(papier, **_grundlage(papier), vorschau=vorschau)


VORSCHAU = "strategiepapier_vorschau"
VEROEFFENTLICHUNG = "strategiepapier_veroeffentlichung"


def strategiepapier_vorschau_anfordern(*, papier: Strategiepapier, user: User):
    """Queue the preview PDF (built by a worker: a whole Sozialraum takes seconds)."""
    erzwingen(user, "strategiepapier.bearbeiten")
    return dokumente.anfordern(art=VORSCHAU, objekt=papier, user=user)


def strategiepapier_veroeffentlichung_anfordern(
    *,
    papier: Strategiepapier,
    user: User,
    empfehlung_ids: list[int] | None = None,
    steckbrief_ids: list[int] | None = None,
):
    """Save the selection on screen, check that the paper can be published now (so a refusal
    is told at once), and queue the publication; the worker builds the PDF and publishes."""
    erzwingen(user, "strategiepapier.bearbeiten")
    with transaction.atomic():
        if empfehlung_ids is not None or steckbrief_ids is not None:
            papier = strategiepapier_auswahl_speichern(
                papier=papier,
                user=user,
                empfehlung_ids=empfehlung_ids or [],
                steckbrief_ids=steckbrief_ids or [],
            )
        _fingerabdruck(papier)
    return dokumente.anfordern(art=VEROEFFENTLICHUNG, objekt=papier, user=user)


def _fingerabdruck(papier: Strategiepapier, empfehlungen=None, steckbriefe=None) -> list:
    """What the PDF is built from: which items, in which Fassung and state. Refuses a paper
    that cannot be published (already published, empty, items no longer freigegeben). The
    items are read here unless the caller has them (locked) already."""
    papier.refresh_from_db(fields=["status"])
    if papier.veroeffentlicht:
        raise WorkflowError("Das Strategiepapier ist schon veröffentlicht.")
    if empfehlungen is None:
        empfehlungen = list(papier.empfehlungen.order_by("pk"))
    if steckbriefe is None:
        steckbriefe = list(papier.steckbriefe.order_by("pk"))
    if not empfehlungen and not steckbriefe:
        raise WorkflowError(
            "Das Strategiepapier enthält noch keine Empfehlung und keinen Steckbrief."
        )
    nicht_frei = [
        str(o)
        for o in empfehlungen + steckbriefe
        if o.status != F.FREIGEGEBEN and o.status not in VEROEFFENTLICHT
    ]
    if nicht_frei:
        raise WorkflowError(
            "Nicht (mehr) freigegeben: " + "; ".join(nicht_frei) + ". Bitte die Auswahl anpassen."
        )
    return [
        (o._meta.model_name, o.pk, o.fassung, o.geaendert_am.isoformat())
        for o in empfehlungen + steckbriefe
    ]


def strategiepapier_veroeffentlichen(
    *,
    papier: Strategiepapier,
    user: User,
    empfehlung_ids: list[int] | None = None,
    steckbrief_ids: list[int] | None = None,
    stand=lambda fortschritt, schritt: None,
) -> Strategiepapier:
    """Build the PDF, freeze it and mark every item in it veröffentlicht (all or nothing).

    The PDF is built outside any lock (it takes seconds); the short locked step after it
    publishes only if nothing in the paper changed meanwhile. With ids, the selection on
    screen is saved first. Runs in the worker (`strategiepapier_veroeffentlichung_anfordern`)
    and directly for the demo."""
    erzwingen(user, "strategiepapier.bearbeiten")
    if empfehlung_ids is not None or steckbrief_ids is not None:
        strategiepapier_auswahl_speichern(
            papier=papier,
            user=user,
            empfehlung_ids=empfehlung_ids or [],
            steckbrief_ids=steckbrief_ids or [],
        )
    vorher = _fingerabdruck(papier)
    stand(15, "PDF wird gesetzt")
    grundlage = _grundlage(papier)
    inhalt_pdf = papier_pdf.erzeugen(papier, **grundlage, vorschau=False)
    stand(75, "Barrierefreie Fassung wird erstellt")
    html = ausgabe.erzeugen(papier, **grundlage)
    stand(85, "Einträge werden veröffentlicht")
    dateiname = papier.pdf.storage.save(
        papier.pdf.field.generate_filename(
            papier, f"strategiepapier-{papier.sozialraum.kurzname}-{papier.ausgabe}.pdf"
        ),
        ContentFile(inhalt_pdf),
    )
    try:
        return _veroeffentlichen(papier, user, vorher, dateiname, inhalt_pdf, html)
    except Exception:
        papier.pdf.storage.delete(dateiname)  # no orphan file when nothing is published
        raise


@transaction.atomic
def _veroeffentlichen(
    papier: Strategiepapier,
    user: User,
    vorher: list,
    dateiname: str,
    inhalt_pdf: bytes,
    html: str,
) -> Strategiepapier:
    papier = gesperrt(papier)
    # Read once, locked: compared with the state the PDF was built from, then moved.
    empfehlungen = list(papier.empfehlungen.select_for_update().order_by("pk"))
    steckbriefe = list(papier.steckbriefe.select_for_update().order_by("pk"))
    if _fingerabdruck(papier, empfehlungen, steckbriefe) != vorher:
        raise WorkflowError(
            "Während das PDF entstand, wurde die Auswahl oder ein Eintrag geändert. Bitte "
            "die Seite neu laden und erneut veröffentlichen."
        )
    vorgaenge_veroeffentlichen(
        # stadtweit items may be published already, by another paper
        objekte=[o for o in empfehlungen + steckbriefe if o.status == F.FREIGEGEBEN],
        user=user,
        kommentar=f"Veröffentlicht in {papier}.",
    )
    reihenfolge_e, reihenfolge_s = inhalt(papier)
    eintraege = [
        {"typ": "steckbrief", "pk": s.pk, "nummer": "", "titel": s.titel, "handlungsfeld": ""}
        for s in reihenfolge_s
    ] + [
        {
            "typ": "empfehlung",
            "pk": e.pk,
            "nummer": e.nummer,
            "titel": e.titel,
            "handlungsfeld": e.handlungsfeld.name if e.handlungsfeld_id else "",
        }
        for e in reihenfolge_e
    ]
    uebergang(
        papier,
        "veroeffentlichen",
        user=user,
        kommentar=f"{len(eintraege)} Einträge",
        von=user,
        pdf_name=dateiname,
        pdf_sha256=hashlib.sha256(inhalt_pdf).hexdigest(),
        eintraege=eintraege,
        html_ausgabe=html,
    )
    return papier
