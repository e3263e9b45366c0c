"""The agreement and approval workflow shared by Maßnahmensteckbrief and Handlungsempfehlung.

Entwurf -> in Abstimmung -> zur Freigabe -> freigegeben -> veröffentlicht; zurückgezogen from
any state before publication; a rejection sends the item back to Entwurf as a new Fassung, and
so does a change after Freigabe. `stand` counts content changes: an Abstimmung answer is given
to one stand, so a revision asks every Bereich again.

Concrete models declare `status = statusfeld(...)` and provide `bereiche()` and the reverse
relations `abstimmungen` and `freigaben` (empfehlungen.Abstimmung / empfehlungen.Freigabe).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from stammdaten.workflow import bedingung, regel


class Freigabestatus(models.TextChoices):
    ENTWURF = "entwurf", "Entwurf"
    IN_ABSTIMMUNG = "in_abstimmung", "in Abstimmung"
    ZUR_FREIGABE = "zur_freigabe", "zur Freigabe"
    FREIGEGEBEN = "freigegeben", "freigegeben"
    VEROEFFENTLICHT = "veroeffentlicht", "veröffentlicht"
    ZURUECKGEZOGEN = "zurueckgezogen", "zurückgezogen"


F = Freigabestatus
# Content may be edited only here; afterwards a change needs a new Fassung.
BEARBEITBAR = {F.ENTWURF, F.IN_ABSTIMMUNG}
VOR_VEROEFFENTLICHUNG = [F.ENTWURF, F.IN_ABSTIMMUNG, F.ZUR_FREIGABE, F.FREIGEGEBEN]

steuern = regel("freigabe.steuern")
entscheiden = regel("freigabe.entscheiden")


def statusfeld(choices=F.choices) -> FSMField:
    """Each model declares its own state field (see __init_subclass__ below)."""
    return FSMField("Status", default=F.ENTWURF, choices=choices, protected=True, max_length=30)


class Freigabeobjekt(FSMModelMixin, models.Model):
    fassung = models.PositiveIntegerField("Fassung", default=1, editable=False)
    stand = models.PositiveIntegerField("Bearbeitungsstand", default=0, editable=False)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="erstellt von",
    )
    erstellt_am = models.DateTimeField("erstellt am", default=timezone.now)
    geaendert_am = models.DateTimeField("geändert am", auto_now=True)

    UEBERGAENGE = {
        "zur_abstimmung": "Zur Abstimmung geben",
        "zur_freigabe": "Zur Freigabe geben",
        "freigeben": "Freigeben",
        "ablehnen": "Ablehnen",
        "neue_fassung": "Neue Fassung anlegen",
        "veroeffentlichen": "Veröffentlichen",
        "zurueckziehen": "Zurückziehen",
    }

    class Meta:
        abstract = True

    # --- What the workflow needs to know --------------------------------------------------------
    def bereiche(self) -> list:
        raise NotImplementedError

    @property
    def bearbeitbar(self) -> bool:
        return self.status in BEARBEITBAR

    def antworten(self) -> dict[int, object]:
        """The latest Abstimmung answer of each Bereich in this Fassung (any stand)."""
        letzte = {}
        for a in self.abstimmungen.filter(fassung=self.fassung).order_by("zeitpunkt", "pk"):
            letzte[a.bereich_id] = a
        return letzte

    def entscheidungen(self) -> dict[int, object]:
        return {f.bereich_id: f for f in self.freigaben.filter(fassung=self.fassung)}

    def __init_subclass__(cls, **kwargs):  # noqa: DJ012 (kept beside the transition table)
        # django-fsm keeps a transition's field on the function object, and a state field on
        # an abstract base would claim its subclasses' transitions. So the base has no state
        # field, and each model gets its own copies of the shared transitions.
        super().__init_subclass__(**kwargs)
        for name, (rumpf, optionen) in UEBERGAENGE.items():
            if name not in cls.__dict__:
                setattr(cls, name, transition("status", **optionen)(_kopie(rumpf, name)))


# --- Conditions (German message when not met) ------------------------------------------------
@bedingung("Bitte zuerst den verantwortlichen Bereich oder beteiligte Bereiche angeben.")
def hat_bereiche(obj) -> bool:
    return bool(obj.bereiche())


@bedingung("Noch nicht alle Bereiche haben dem aktuellen Stand zugestimmt.")
def alle_einverstanden(obj) -> bool:
    antworten = obj.antworten()
    return all(
        (a := antworten.get(b.pk)) is not None and a.stand == obj.stand and a.einverstanden
        for b in obj.bereiche()
    )


@bedingung("Noch nicht alle Bereichsleitungen haben freigegeben.")
def alle_freigegeben(obj) -> bool:
    entscheidungen = obj.entscheidungen()
    return all(
        (f := entscheidungen.get(b.pk)) is not None and f.freigegeben for b in obj.bereiche()
    )


# --- Transitions ---------------------------------------------------------------------------------
def _nichts(self) -> None:
    pass


def _neue_fassung(self) -> None:
    self.fassung += 1  # approvals and answers of the old Fassung no longer count


def _kopie(rumpf, name):
    def uebergang(self):
        return rumpf(self)

    uebergang.__name__ = uebergang.__qualname__ = name
    return uebergang


UEBERGAENGE = {
    "zur_abstimmung": (
        _nichts,
        {
            "source": F.ENTWURF,
            "target": F.IN_ABSTIMMUNG,
            "permission": steuern,
            "conditions": [hat_bereiche],
        },
    ),
    "zur_freigabe": (
        _nichts,
        {
            "source": F.IN_ABSTIMMUNG,
            "target": F.ZUR_FREIGABE,
            "permission": steuern,
            "conditions": [alle_einverstanden],
        },
    ),
    "freigeben": (
        _nichts,
        {
            "source": F.ZUR_FREIGABE,
            "target": F.FREIGEGEBEN,
            "permission": entscheiden,
            "conditions": [alle_freigegeben],
        },
    ),
    "ablehnen": (
        _neue_fassung,
        {"source": F.ZUR_FREIGABE, "target": F.ENTWURF, "permission": entscheiden},
    ),
    "neue_fassung": (
        _neue_fassung,
        {"source": [F.FREIGEGEBEN, F.VEROEFFENTLICHT], "target": F.ENTWURF, "permission": steuern},
    ),
    "veroeffentlichen": (
        _nichts,
        {"source": F.FREIGEGEBEN, "target": F.VEROEFFENTLICHT, "permission": steuern},
    ),
    "zurueckziehen": (
        _nichts,
        {"source": VOR_VEROEFFENTLICHUNG, "target": F.ZURUECKGEZOGEN, "permission": steuern},
    ),
}
