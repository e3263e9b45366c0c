"""Abstimmung and Freigabe of Maßnahmensteckbriefe and Handlungsempfehlungen: every step is one
service in one transaction, with the item's row locked, so parallel clicks queue up and the last
missing approval frees the item exactly once."""

from __future__ import annotations

from itertools import pairwise

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from empfehlungen.models import Abstimmung, Freigabe, Handlungsempfehlung
from massnahmen.models import Massnahmensteckbrief
from notifications.models import Benachrichtigung
from notifications.services import benachrichtigen
from stammdaten.freigabeobjekt import Freigabestatus as F
from stammdaten.freigabeobjekt import alle_freigegeben
from stammdaten.models import Bereich, Mitgliedschaft, User, Vertretung
from stammdaten.permissions import erzwingen
from stammdaten.workflow import WorkflowError, uebergang


def typ(objekt) -> str:
    return "empfehlung" if isinstance(objekt, Handlungsempfehlung) else "steckbrief"


def bezeichnung(objekt) -> str:
    if isinstance(objekt, Handlungsempfehlung):
        return f"Handlungsempfehlung {objekt.nummer} „{objekt.titel}“"
    return f"Maßnahmensteckbrief „{objekt.titel}“"


def detail_url(objekt) -> str:
    return reverse(f"{typ(objekt)}_detail", args=[objekt.pk])


def entscheidungs_url(objekt) -> str:
    return reverse("freigabe_entscheiden", args=[typ(objekt), objekt.pk])


def gesperrt(objekt):
    return type(objekt).objects.select_for_update().get(pk=objekt.pk)


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
def zur_abstimmung_geben(*, objekt, user, kommentar: str = ""):
    objekt = gesperrt(objekt)
    uebergang(objekt, "zur_abstimmung", user=user, kommentar=kommentar)
    _abstimmung_erbitten(objekt)
    return objekt


def _abstimmung_erbitten(objekt, bereiche=None) -> None:
    for bereich in bereiche or objekt.bereiche():
        benachrichtigen(
            empfaenger=_mitglieder(bereich),
            art=Benachrichtigung.Art.ABSTIMMUNG,
            titel=f"Abstimmung erbeten: {bezeichnung(objekt)}",
            text=f"Bitte stimmen Sie für den Bereich {bereich} ab: einverstanden oder "
            f"Änderungsbedarf (Fassung {objekt.fassung}, Stand {objekt.stand}).",
            link=detail_url(objekt) + "#abstimmung",
            schluessel=f"abstimmung:{typ(objekt)}:{objekt.pk}:{objekt.fassung}:{objekt.stand}:"
            f"{bereich.pk}",
        )


@transaction.atomic
def zur_freigabe_geben(*, objekt, user, kommentar: str = ""):
    objekt = gesperrt(objekt)
    uebergang(objekt, "zur_freigabe", user=user, kommentar=kommentar)
    for bereich in objekt.bereiche():
        benachrichtigen(
            empfaenger=_leitungen(bereich),
            art=Benachrichtigung.Art.FREIGABE,
            titel=f"Freigabe erbeten: {bezeichnung(objekt)}",
            text=f"Alle Bereiche haben zugestimmt. Bitte geben Sie für den Bereich {bereich} frei "
            "oder lehnen Sie mit Begründung ab.",
            link=entscheidungs_url(objekt),
            schluessel=f"freigabe:{typ(objekt)}:{objekt.pk}:{objekt.fassung}:{bereich.pk}",
        )
    return objekt


@transaction.atomic
def neue_fassung_anlegen(*, objekt, user, kommentar: str):
    if not kommentar.strip():
        raise WorkflowError("Bitte begründen, warum eine neue Fassung nötig ist.")
    objekt = gesperrt(objekt)
    uebergang(objekt, "neue_fassung", user=user, kommentar=kommentar.strip())
    return objekt


@transaction.atomic
def zurueckziehen(*, objekt, user, grund: str):
    if not grund.strip():
        raise WorkflowError("Bitte begründen, warum zurückgezogen wird.")
    objekt = gesperrt(objekt)
    uebergang(objekt, "zurueckziehen", user=user, kommentar=grund.strip())
    return objekt


@transaction.atomic
def umsetzung_melden(*, empfehlung: Handlungsempfehlung, user, schritt: str, kommentar: str = ""):
    if schritt not in ("umsetzung_beginnen", "als_umgesetzt", "als_nicht_umsetzbar"):
        raise WorkflowError("Unbekannter Schritt.")
    if schritt == "als_nicht_umsetzbar" and not kommentar.strip():
        raise WorkflowError("Bitte begründen, warum die Empfehlung nicht umsetzbar ist.")
    empfehlung = gesperrt(empfehlung)
    uebergang(empfehlung, schritt, user=user, kommentar=kommentar.strip())
    return empfehlung


# --- The Bereiche agree -------------------------------------------------------------------------
@transaction.atomic
def abstimmung_beantworten(
    *, objekt, user, bereich: Bereich, antwort: str, text: str = "", stand: int
) -> Abstimmung:
    objekt = gesperrt(objekt)
    erzwingen(user, "freigabe.abstimmen", objekt)
    if objekt.status != F.IN_ABSTIMMUNG:
        raise WorkflowError(f"{bezeichnung(objekt)} ist nicht in Abstimmung.")
    if bereich not in objekt.bereiche():
        raise WorkflowError(f"Der Bereich {bereich} ist an {bezeichnung(objekt)} nicht beteiligt.")
    if bereich.pk not in user.bereich_rollen:
        raise PermissionDenied
    if stand != objekt.stand:
        raise WorkflowError(
            "Der Inhalt wurde inzwischen geändert. Bitte den aktuellen Stand "
            "lesen und dann antworten."
        )
    if antwort not in Abstimmung.Antwort.values:
        raise WorkflowError("Bitte „einverstanden“ oder „Änderungsbedarf“ wählen.")
    if antwort == Abstimmung.Antwort.AENDERUNGSBEDARF and not text.strip():
        raise WorkflowError("Bitte den Änderungsbedarf beschreiben.")
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
            titel=f"Änderungsbedarf: {bezeichnung(objekt)}",
            text=f"{bereich}: {abstimmung.text}",
            link=detail_url(objekt) + "#abstimmung",
            schluessel=f"aenderungsbedarf:abstimmung:{abstimmung.pk}",
        )
    return abstimmung


# --- The Bereichsleitungen approve --------------------------------------------------------------
def vertretene_leitung(user, bereich: Bereich) -> User | None:
    """None when the user is the Leitung herself; the Leitung she stands in for otherwise.
    Raises PermissionDenied when the user may not decide for the Bereich."""
    if user.bereich_rollen.get(bereich.pk) == Mitgliedschaft.Rolle.LEITUNG:
        return None
    if bereich.pk in user.vertretungen_heute:
        return user.vertretungen_heute[bereich.pk]
    raise PermissionDenied


@transaction.atomic
def freigabe_entscheiden(
    *,
    objekt,
    user,
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
        raise WorkflowError(f"{bezeichnung(objekt)} wartet nicht (mehr) auf eine Freigabe.")
    if fassung is not None and fassung != objekt.fassung:
        raise WorkflowError(
            f"Inzwischen liegt Fassung {objekt.fassung} vor (Sie haben Fassung {fassung} "
            "gelesen). Bitte den aktuellen Inhalt lesen und dann entscheiden."
        )
    if bereich not in objekt.bereiche():
        raise WorkflowError(f"Der Bereich {bereich} ist an {bezeichnung(objekt)} nicht beteiligt.")
    vertreten = vertretene_leitung(user, bereich)
    vorhanden = objekt.freigaben.filter(fassung=objekt.fassung, bereich=bereich).first()
    if vorhanden is not None:
        raise WorkflowError(
            f"Für den Bereich {bereich} ist schon entschieden: {vorhanden.get_entscheidung_display()} "
            f"von {vorhanden.unterschrift} am {vorhanden.zeitpunkt:%d.%m.%Y}."
        )
    if not freigeben and not begruendung.strip():
        raise WorkflowError("Bitte die Ablehnung begründen.")
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
            titel=f"Abgelehnt: {bezeichnung(objekt)}",
            text=f"{freigabe.unterschrift} ({bereich}) hat abgelehnt: {freigabe.begruendung}\n"
            f"Der Vorgang ist wieder im Entwurf (Fassung {objekt.fassung}).",
            link=detail_url(objekt),
            schluessel=f"abgelehnt:{typ(objekt)}:{objekt.pk}:{fassung}",
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
            titel=f"Freigegeben: {bezeichnung(objekt)}",
            text="Alle beteiligten Bereichsleitungen haben freigegeben.",
            link=detail_url(objekt),
            schluessel=f"freigegeben:{typ(objekt)}:{objekt.pk}:{fassung}",
        )
    return freigabe


def objekt_laden(typ_name: str, pk: int):
    modell = {"empfehlung": Handlungsempfehlung, "steckbrief": Massnahmensteckbrief}.get(typ_name)
    if modell is None:
        return None
    return modell.objects.filter(pk=pk).first()


# --- Content changes ----------------------------------------------------------------------------
def inhalt_pruefen(objekt, stand: int | None) -> None:
    """Before a content change: allowed in this state, and nobody saved in between."""
    if not objekt.bearbeitbar:
        raise WorkflowError(
            f"{bezeichnung(objekt)} ist {objekt.get_status_display()}; der Inhalt ist gesperrt. "
            "Für eine Änderung bitte „Neue Fassung anlegen“."
        )
    if stand is not None and stand != objekt.stand:
        raise WorkflowError(
            aenderungen_seit(objekt, stand)
            + " Ihre Eingaben wurden nicht gespeichert; bitte die Seite neu laden."
        )


def aenderungen_seit(objekt, stand: int) -> str:
    """Who changed what since the stand a user started editing from (from the history)."""
    from empfehlungen.versionen import aenderungen, staende

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


def unveraendert(objekt, felder: dict) -> bool:
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


def nach_aenderung(objekt, user) -> None:
    """After a content change in Abstimmung every Bereich is asked again for the new stand."""
    if objekt.status == F.IN_ABSTIMMUNG:
        _abstimmung_erbitten(objekt)
