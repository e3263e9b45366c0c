"""django-import-export resources: the column mapping of every table import and export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields

from core.tabellen import DezimalWidget, GanzzahlWidget, NachNameWidget, TabellenResource
from core.tabellen import text as _text
from stammdaten.models import Kennzahl, Kennzahlwert, Sozialquartier, Sozialraum

EBENEN = {
    "stadt": Kennzahlwert.Ebene.STADT,
    "sozialraum": Kennzahlwert.Ebene.SOZIALRAUM,
    "sozialquartier": Kennzahlwert.Ebene.SOZIALQUARTIER,
}


class GebietFeld(fields.Field):
    """Reads the columns Ebene and Gebiet into sozialquartier / sozialraum (none: the city)."""

    def __init__(self, **kwargs):
        super().__init__(attribute="gebiet", column_name="Gebiet", **kwargs)
        self._raeume: dict[str, Sozialraum] | None = None
        self._quartiere: dict[str, Sozialquartier] | None = None

    def aufloesen(self, row) -> tuple[Sozialquartier | None, Sozialraum | None]:
        ebene_text = _text(row.get("Ebene"))
        gebiet = _text(row.get("Gebiet"))
        ebene = EBENEN.get(ebene_text.casefold())
        if ebene is None:
            raise ValueError(
                f"Ebene „{ebene_text}“ ist unbekannt (erlaubt: Stadt, Sozialraum, Sozialquartier)."
                if ebene_text
                else "Bitte die Ebene angeben (Stadt, Sozialraum oder Sozialquartier)."
            )
        if ebene == Kennzahlwert.Ebene.STADT:
            return None, None
        if not gebiet:
            raise ValueError(f"Bitte angeben, für welches Gebiet ({ebene.label}) der Wert gilt.")
        if ebene == Kennzahlwert.Ebene.SOZIALRAUM:
            if self._raeume is None:
                self._raeume = {}
                for r in Sozialraum.objects.all():
                    self._raeume[r.name.casefold()] = r
                    self._raeume[r.kurzname.casefold()] = r
            raum = self._raeume.get(gebiet.casefold())
            if raum is None:
                raise ValueError(f"Sozialraum „{gebiet}“ ist unbekannt (Name oder Kürzel).")
            return None, raum
        if self._quartiere is None:
            self._quartiere = {q.name.casefold(): q for q in Sozialquartier.objects.all()}
        quartier = self._quartiere.get(gebiet.casefold())
        if quartier is None:
            raise ValueError(f"Sozialquartier „{gebiet}“ ist unbekannt.")
        return quartier, None

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.sozialquartier, instance.sozialraum = self.aufloesen(row)

    def get_value(self, instance):
        if instance.sozialquartier_id:
            return instance.sozialquartier.name
        if instance.sozialraum_id:
            return instance.sozialraum.name
        return ""


class EbeneFeld(fields.Field):
    def __init__(self, **kwargs):
        super().__init__(attribute="ebene", column_name="Ebene", readonly=True, **kwargs)

    def get_value(self, instance):
        return Kennzahlwert.Ebene(instance.ebene).label


class KennzahlwertResource(TabellenResource):
    """Columns: Kennzahl, Ebene, Gebiet, Jahr, Wert. A row updates the value of the same
    Kennzahl, Gebiet and Jahr if there is one."""

    kennzahl = fields.Field(
        attribute="kennzahl", column_name="Kennzahl", widget=NachNameWidget(Kennzahl, "Kennzahl")
    )
    ebene = EbeneFeld()
    gebiet = GebietFeld()
    jahr = fields.Field(attribute="jahr", column_name="Jahr", widget=GanzzahlWidget())
    wert = fields.Field(attribute="wert", column_name="Wert", widget=DezimalWidget())

    PFLICHTSPALTEN = ["Kennzahl", "Ebene", "Jahr", "Wert"]
    # Model errors on these fields belong to the Gebiet column.
    fehler_spalten = {"sozialquartier": "Gebiet", "sozialraum": "Gebiet"}

    class Meta:
        model = Kennzahlwert
        fields = ("kennzahl", "ebene", "gebiet", "jahr", "wert")
        import_order = ("kennzahl", "ebene", "gebiet", "jahr", "wert")
        export_order = ("kennzahl", "ebene", "gebiet", "jahr", "wert")
        import_id_fields = ()
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._gesehen: dict[tuple, int | None] = {}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Model checks only make sense once every column could be read. Uniqueness needs no
        # query per row: get_instance finds the stored value, import_instance the file's own
        # repeats, and the database constraints still guard both.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        # The related objects come from the database already; no query to re-check them.
        instance.full_clean(
            exclude=["kennzahl", "sozialquartier", "sozialraum"],
            validate_unique=False,
            validate_constraints=False,
        )

    def get_queryset(self):
        return Kennzahlwert.objects.select_related("kennzahl", "sozialquartier", "sozialraum")

    def before_import(self, dataset, **kwargs):
        # Load the stored values of the file's years once, instead of one query per row.
        jahre = set()
        for wert in dataset["Jahr"] if "Jahr" in (dataset.headers or []) else []:
            try:
                jahre.add(GanzzahlWidget().clean(wert))
            except ValueError:
                continue
        self._vorhanden = {
            (w.kennzahl_id, w.sozialquartier_id, w.sozialraum_id, w.jahr): w
            for w in self.get_queryset().filter(jahr__in=jahre - {None})
        }

    def get_instance(self, instance_loader, row):
        try:
            kennzahl = self.fields["kennzahl"].clean(row)
            jahr = self.fields["jahr"].clean(row)
            quartier, raum = self.fields["gebiet"].aufloesen(row)
        except ValueError:
            return None  # the field import reports the error with its column
        if kennzahl is None or jahr is None:
            return None
        schluessel = (kennzahl.pk, quartier and quartier.pk, raum and raum.pk, jahr)
        return self._vorhanden.get(schluessel)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        schluessel = (
            instance.kennzahl_id,
            instance.sozialquartier_id,
            instance.sozialraum_id,
            instance.jahr,
        )
        zeile = self.dateizeile(kwargs.get("row_number"))
        if schluessel in self._gesehen:
            raise ValidationError(
                "Derselbe Wert (gleiche Kennzahl, gleiches Gebiet, gleiches Jahr) steht schon in "
                f"Zeile {self._gesehen[schluessel]}."
            )
        self._gesehen[schluessel] = zeile
