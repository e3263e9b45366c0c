"""Abstimmung and Freigabe of every item kind: each step is one service in one transaction with
the item's row locked, so parallel clicks queue up and the last missing approval frees the item
exactly once. Also the content changes both item kinds share: the stale-edit guard, a new
stand that asks every Bereich again, and saving a version."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.rechte import erzwingen
from core.texte import TEXT, text_fehler
from core.workflow import WorkflowError, gesperrt, uebergaenge, uebergang
from freigabe.models import Abstimmung, Freigabe, Freigabeobjekt, alle_freigegeben
from freigabe.models import Freigabestatus as F
from freigabe.rules import stimmt_ab_fuer
from freigabe.selectors import vertretene_leitung
from notifications.models import Benachrichtigung
from notifications.services import benachrichtigen
from stammdaten.models import Bereich, Mitgliedschaft, User, Vertretung

V = TypeVar("V", bound=Freigabeobjekt)


def _mitglieder(bereich: Bereich):
    return User.objects.filter(mitgliedschaften__bereich=bereich, is_active=True)


def _leitungen(bereich: Bereich) -> list[User]:
    leitungen = list(
        User.objects.filter(
            mitgliedschaften__bereich=bereich,
            is_active=True,
            mitgliedschaften__rolle=Mitgliedschaft.Rolle.LEITUNG,
        )
    )
    vertretungen = [
        v.vertretung
        for v in Vertretung.objects.gueltig().filter(bereich=bereich).select_related("vertretung")
    ]
    return leitungen + vertretungen


# --- Sozialplanung steers -----------------------------------------------------------------------
@transaction.atomic
def vorgang_zur_abstimmung_geben(*, objekt: V, user: User, kommentar: str = "") -> V:
    objekt = gesperrt(objekt)
    uebergang(objekt, "zur_abstimmung", user=user, kommentar=kommentar)
    _abstimmung_erbitten(objekt)
    return objekt


def _abstimmung_erbitten(objekt: Freigabeobjekt) -> None:
    for bereich in objekt.bereiche():
        benachrichtigen(
            empfaenger=_mitglieder(bereich),
            art=Benachrichtigung.Art.ABSTIMMUNG,
            titel=f"Abstimmung erbeten: {objekt.bezeichnung}",
            text=f"Bitte stimmen Sie für den Bereich {bereich} ab: einverstanden oder "
            f"Änderungsbedarf (Fassung {objekt.fassung}, Stand {objekt.stand}).",
            link=objekt.get_absolute_url() + "#abstimmung",
            schluessel=f"abstimmung:{objekt.TYP}:{objekt.pk}:{objekt.fassung}:{objekt.stand}:"
            f"{bereich.pk}",
        )


@transaction.atomic
def vorgang_zur_freigabe_geben(*, objekt: V, user: User, kommentar: str = "") -> V:
    objekt = gesperrt(objekt)
    uebergang(objekt, "zur_freigabe", user=user, kommentar=kommentar)
    for bereich in objekt.bereiche():
        benachrichtigen(
            empfaenger=_leitungen(bereich),
            art=Benachrichtigung.Art.FREIGABE,
            titel=f"Freigabe erbeten: {objekt.bezeichnung}",
            text=f"Alle Bereiche haben zugestimmt. Bitte geben Sie für den Bereich {bereich} frei "
            "oder lehnen Sie mit Begründung ab.",
            link=objekt.entscheidungs_url(),
            schluessel=f"freigabe:{objekt.TYP}:{objekt.pk}:{objekt.fassung}:{bereich.pk}",
        )
    return objekt


@transaction.atomic
def vorgang_neue_fassung_anlegen(*, objekt: V, user: User, kommentar: str) -> V:
    if not kommentar.strip():
        raise WorkflowError("Bitte begründen, warum eine neue Fassung nötig ist.")
    objekt = gesperrt(objekt)
    uebergang(objekt, "neue_fassung", user=user, kommentar=kommentar.strip())
    return objekt


@transaction.atomic
def vorgang_zurueckziehen(*, objekt: V, user: User, grund: str) -> V:
    if not grund.strip():
        raise WorkflowError("Bitte begründen, warum zurückgezogen wird.")
    objekt = gesperrt(objekt)
    uebergang(objekt, "zurueckziehen", user=user, kommentar=grund.strip())
    return objekt


def vorgaenge_veroeffentlichen(*, objekte: list[V], user: User, kommentar: str = "") -> None:
    """Called by the publication of a document (the Strategiepapier) inside its transaction,
    with the items' rows already locked: all at once, one UPDATE and one INSERT per model
    instead of two statements per item."""
    nach_modell: dict[type, list[V]] = {}
    for objekt in objekte:
        nach_modell.setdefault(type(objekt), []).append(objekt)
    for gruppe in nach_modell.values():
        uebergaenge(gruppe, "veroeffentlichen", user=user, kommentar=kommentar)


# --- The Bereiche agree -------------------------------------------------------------------------
@transaction.atomic
def abstimmung_beantworten(
    *,
    objekt: Freigabeobjekt,
    user: User,
    bereich: Bereich,
    antwort: str,
    text: str = "",
    stand: int,
) -> Abstimmung:
    objekt = gesperrt(objekt)
    erzwingen(user, "freigabe.abstimmen", objekt)
    if objekt.status != F.IN_ABSTIMMUNG:
        raise WorkflowError(f"{objekt.bezeichnung} ist nicht in Abstimmung.")
    if bereich not in objekt.bereiche():
        raise WorkflowError(f"Der Bereich {bereich} ist an {objekt.bezeichnung} nicht beteiligt.")
    if not stimmt_ab_fuer(user, bereich):
        raise PermissionDenied
    if stand != objekt.stand:
        raise WorkflowError(
            "Der Inhalt wurde inzwischen geändert. Bitte den aktuellen Stand "
            "lesen und dann antworten."
        )
    if antwort not in Abstimmung.Antwort.values:
        raise WorkflowError("Bitte „einverstanden“ oder „Änderungsbedarf“ wählen.")
    if antwort == Abstimmung.Antwort.AENDERUNGSBEDARF and not text.strip():
        raise WorkflowError(
            "Bitte den Änderungsbedarf beschreiben.",
            felder={"text": "Bitte den Änderungsbedarf beschreiben."},
        )
    if fehler := text_fehler(text.strip(), TEXT, "text"):
        raise WorkflowError(f"Anmerkung: {fehler['text']}", felder=fehler)
    abstimmung = Abstimmung.objects.create(
        **Abstimmung.bezug(objekt),
        bereich=bereich,
        fassung=objekt.fassung,
        stand=objekt.stand,
        antwort=antwort,
        text=text.strip(),
        user=user,
    )
    if antwort == Abstimmung.Antwort.AENDERUNGSBEDARF:
        benachrichtigen(
            empfaenger=[objekt.erstellt_von],
            art=Benachrichtigung.Art.HINWEIS,
            titel=f"Änderungsbedarf: {objekt.bezeichnung}",
            text=f"{bereich}: {abstimmung.text}",
            link=objekt.get_absolute_url() + "#abstimmung",
            schluessel=f"aenderungsbedarf:abstimmung:{abstimmung.pk}",
        )
    return abstimmung


# --- The Bereichsleitungen approve --------------------------------------------------------------
@transaction.atomic
def freigabe_entscheiden(
    *,
    objekt: Freigabeobjekt,
    user: User,
    bereich: Bereich,
    freigeben: bool,
    begruendung: str = "",
    fassung: int | None = None,
) -> Freigabe:
    """`fassung`: the Fassung the Leitung read; a decision never lands on a newer one."""
    # The row lock serialises decisions on one item: of two approvals at the same moment the
    # second sees the first, so only the last missing one frees the item, and only once.
    objekt = gesperrt(objekt)
    erzwingen(user, "freigabe.entscheiden", objekt)
    if objekt.status != F.ZUR_FREIGABE:
        raise WorkflowError(f"{objekt.bezeichnung} wartet nicht (mehr) auf eine Freigabe.")
    if fassung is not None and fassung != objekt.fassung:
        raise WorkflowError(
            f"Inzwischen liegt Fassung {objekt.fassung} vor (Sie haben Fassung {fassung} "
            "gelesen). Bitte den aktuellen Inhalt lesen und dann entscheiden."
        )
    if bereich not in objekt.bereiche():
        raise WorkflowError(f"Der Bereich {bereich} ist an {objekt.bezeichnung} nicht beteiligt.")
    vertreten = vertretene_leitung(user, bereich)  # PermissionDenied if not hers to decide
    vorhanden = objekt.freigaben.filter(fassung=objekt.fassung, bereich=bereich).first()
    if vorhanden is not None:
        raise WorkflowError(
            f"Für den Bereich {bereich} ist schon entschieden: {vorhanden.get_entscheidung_display()} "
            f"von {vorhanden.unterschrift} am {vorhanden.zeitpunkt:%d.%m.%Y}."
        )
    if not freigeben and not begruendung.strip():
        raise WorkflowError(
            "Bitte die Ablehnung begründen.",
            felder={"begruendung": "Bitte die Ablehnung begründen."},
        )
    fassung = objekt.fassung
    try:
        with transaction.atomic():
            freigabe = Freigabe.objects.create(
                **Freigabe.bezug(objekt),
                bereich=bereich,
                fassung=fassung,
                entscheidung=Freigabe.Entscheidung.FREIGEGEBEN
                if freigeben
                else Freigabe.Entscheidung.ABGELEHNT,
                begruendung=begruendung.strip(),
                user=user,
                in_vertretung_fuer=vertreten,
            )
    except IntegrityError as exc:
        raise WorkflowError(f"Für den Bereich {bereich} ist soeben entschieden worden.") from exc
    if not freigeben:
        uebergang(
            objekt,
            "ablehnen",
            user=user,
            kommentar=f"Abgelehnt für {bereich}: {freigabe.begruendung}",
        )
        benachrichtigen(
            empfaenger=[objekt.erstellt_von],
            art=Benachrichtigung.Art.ABGELEHNT,
            titel=f"Abgelehnt: {objekt.bezeichnung}",
            text=f"{freigabe.unterschrift} ({bereich}) hat abgelehnt: {freigabe.begruendung}\n"
            f"Der Vorgang ist wieder im Entwurf (Fassung {objekt.fassung}).",
            link=objekt.get_absolute_url(),
            schluessel=f"abgelehnt:{objekt.TYP}:{objekt.pk}:{fassung}",
        )
    elif alle_freigegeben(objekt):
        uebergang(
            objekt,
            "freigeben",
            user=user,
            kommentar=f"Letzte Freigabe: {bereich} ({freigabe.unterschrift})",
        )
        empfaenger = [objekt.erstellt_von] + [u for b in objekt.bereiche() for u in _leitungen(b)]
        benachrichtigen(
            empfaenger=empfaenger,
            art=Benachrichtigung.Art.FREIGEGEBEN,
            titel=f"Freigegeben: {objekt.bezeichnung}",
            text="Alle beteiligten Bereichsleitungen haben freigegeben.",
            link=objekt.get_absolute_url(),
            schluessel=f"freigegeben:{objekt.TYP}:{objekt.pk}:{fassung}",
        )
    return freigabe


# --- Content changes (both item kinds) ----------------------------------------------------------
def inhalt_pruefen(objekt: Freigabeobjekt, stand: int | None) -> None:
    """Before a content change: allowed in this state, and nobody saved in between."""
    if not objekt.bearbeitbar:
        raise WorkflowError(
            f"{objekt.bezeichnung} ist {objekt.get_status_display()}; der Inhalt ist gesperrt. "
            "Für eine Änderung bitte „Neue Fassung anlegen“."
        )
    if stand is not None and stand != objekt.stand:
        raise WorkflowError(
            _aenderungen_seit(objekt, stand)
            + " Ihre Eingaben wurden nicht gespeichert; bitte die Seite neu laden."
        )


def _aenderungen_seit(objekt: Freigabeobjekt, stand: int) -> str:
    """Who changed what since the stand a user started editing from (from the history)."""
    from freigabe.versionen import aenderungen, staende

    versionen = staende(objekt, stand)
    if len(versionen) < 2 or versionen[0].stand != stand:
        return "Der Inhalt wurde inzwischen von jemand anderem geändert."
    felder, wer = [], []
    for alt, neu in pairwise(versionen):
        for aenderung in aenderungen(objekt, alt, neu):
            if aenderung.feld not in felder:
                felder.append(aenderung.feld)
        eintrag = f"{neu.history_user or 'unbekannt'} ({neu.history_date:%d.%m.%Y, %H:%M})"
        if eintrag not in wer:
            wer.append(eintrag)
    return f"Inzwischen geändert von {', '.join(wer)}: {', '.join(felder) or 'Inhalt'}."


def _unveraendert(objekt: Freigabeobjekt, felder: dict) -> bool:
    """Whether saving `felder` would change nothing: such a save keeps the stand, so no answer
    is invalidated and nobody is asked again."""
    for name, wert in felder.items():
        feld = objekt._meta.get_field(name)
        if feld.many_to_many:
            jetzt = set(getattr(objekt, name).values_list("pk", flat=True))
            if jetzt != {getattr(w, "pk", w) for w in wert or []}:
                return False
        elif getattr(objekt, name) != wert:
            return False
    return True


def felder_setzen(objekt: Freigabeobjekt, felder: dict) -> dict[str, list]:
    """Write the content fields to the (unsaved) object; return the many-to-many values,
    which are set after saving. Stadtweit means for the whole city: no Sozialräume beside it."""
    felder = dict(felder)
    m2m = {k: list(felder.pop(k) or []) for k in objekt.M2M_FELDER if k in felder}
    for name, wert in felder.items():
        setattr(objekt, name, wert)
    if objekt.stadtweit and "sozialraeume" in m2m:
        m2m["sozialraeume"] = []
    return m2m


def inhalt_validieren(objekt: Freigabeobjekt, m2m: dict[str, list]) -> None:
    """The model's rules and constraints and the Sozialräume-or-stadtweit rule; a refusal
    names the fields, in German."""
    sozialraeume = (
        m2m["sozialraeume"]
        if "sozialraeume" in m2m
        else (list(objekt.sozialraeume.all()) if objekt.pk else [])
    )
    fehler = objekt.gebiet_fehler(sozialraeume)
    try:
        objekt.full_clean(exclude=["status"])
    except ValidationError as exc:
        for name, meldungen in exc.message_dict.items():
            fehler.setdefault(name if name != "__all__" else "", " ".join(meldungen))
    if fehler:
        raise WorkflowError(" ".join(fehler.values()), felder=fehler)


def inhalt_speichern(objekt: V, m2m: dict[str, list], *, user: User) -> V:
    """Validate, then save the content as a version named after the user."""
    inhalt_validieren(objekt, m2m)
    objekt._history_user = user  # the version history names who changed what
    objekt.save()
    for name, werte in m2m.items():
        getattr(objekt, name).set(werte)
    return objekt


@transaction.atomic
def inhalt_ergaenzt(*, objekt: V, user: User) -> V:
    """A part of the content kept by another room (e.g. the Wirkungsziele) changed: the same
    rules as for the item's own fields – only while editable, a new stand, every Bereich in
    Abstimmung asked again – and a version in the item's history."""
    objekt = gesperrt(objekt)
    inhalt_pruefen(objekt, None)
    objekt.stand += 1
    objekt._history_user = user
    objekt.save(update_fields=["stand", "geaendert_am"])
    if objekt.status == F.IN_ABSTIMMUNG:
        _abstimmung_erbitten(objekt)
    return objekt


@transaction.atomic
def vorgang_inhalt_aendern(
    *,
    objekt: V,
    user: User,
    regel: str,
    felder: dict,
    stand: int | None = None,
    vor_dem_speichern: Callable[[V, dict[str, list]], None] | None = None,
) -> V:
    """Change an item's content: allowed while it is editable, refused over someone else's
    change (`stand` is the one the user started from), a new stand that every Bereich in
    Abstimmung is asked about again; an unchanged save changes nothing."""
    erzwingen(user, regel, objekt)
    objekt = gesperrt(objekt)
    inhalt_pruefen(objekt, stand)
    if _unveraendert(objekt, felder):
        return objekt
    m2m = felder_setzen(objekt, felder)
    if vor_dem_speichern is not None:
        vor_dem_speichern(objekt, m2m)
    objekt.stand += 1
    inhalt_speichern(objekt, m2m, user=user)
    if objekt.status == F.IN_ABSTIMMUNG:
        _abstimmung_erbitten(objekt)
    return objekt
