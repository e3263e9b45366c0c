"""Column mapping of the Anregungen import (the template) and export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from core.tabellen import NachNameWidget, SichererExport, TabellenResource
from core.tabellen import text as _text
from empfehlungen.models import Anregung
from stammdaten.models import Handlungsfeld, Sozialraum

STADTWEIT = {"stadtweit", "stadt", "gesamtstadt"}


class SozialraumWidget(widgets.Widget):
    """Name or short code; empty means the Veranstaltung's Sozialraum, "stadtweit" city-wide."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._cache: dict[str, Sozialraum] | None = None

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text or text.casefold() in STADTWEIT:
            return None
        if self._cache is None:
            self._cache = {}
            for r in Sozialraum.objects.all():
                self._cache[r.name.casefold()] = r
                self._cache[r.kurzname.casefold()] = r
        try:
            return self._cache[text.casefold()]
        except KeyError:
            raise ValueError(
                f"Sozialraum „{text}“ ist unbekannt (Name, Kürzel oder „stadtweit“)."
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.name if value else "stadtweit"


class TextWidget(widgets.Widget):
    """A text cell, checked by the model field's own limits (length, lines, control chars)."""

    def __init__(self, feld: str, **kwargs):
        super().__init__(**kwargs)
        modellfeld = Anregung._meta.get_field(feld)
        self.pruefungen = [*modellfeld.validators]

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        for pruefung in self.pruefungen:
            try:
                pruefung(text)
            except ValidationError as exc:
                raise ValueError(" ".join(exc.messages)) from None
        return text

    def render(self, value, obj=None, **kwargs):
        return value or ""


class AnregungImportResource(TabellenResource):
    """Template columns: Text, Sozialraum, Handlungsfeld, Zielgruppe, Quelle."""

    text = fields.Field(attribute="text", column_name="Text", widget=TextWidget("text"))
    sozialraum = fields.Field(
        attribute="sozialraum",
        column_name="Sozialraum",
        widget=SozialraumWidget(),
        saves_null_values=True,
    )
    handlungsfeld = fields.Field(
        attribute="handlungsfeld",
        column_name="Handlungsfeld",
        widget=NachNameWidget(Handlungsfeld, "Handlungsfeld"),
    )
    zielgruppe = fields.Field(
        attribute="zielgruppe", column_name="Zielgruppe", widget=TextWidget("zielgruppe")
    )
    quelle = fields.Field(attribute="quelle", column_name="Quelle", widget=TextWidget("quelle"))

    PFLICHTSPALTEN = ["Text"]
    SPALTEN = ["Text", "Sozialraum", "Handlungsfeld", "Zielgruppe", "Quelle"]

    class Meta:
        model = Anregung
        fields = ("text", "sozialraum", "handlungsfeld", "zielgruppe", "quelle")
        import_order = fields
        import_id_fields = ()
        force_init_instance = True  # every row is a new card
        skip_diff = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, *, user, veranstaltung=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.veranstaltung = veranstaltung

    def import_instance(self, instance, row, **kwargs):
        instance.erfasst_von = self.user
        instance.veranstaltung = self.veranstaltung
        if not _text(row.get("Sozialraum")) and self.veranstaltung is not None:
            row = {
                **row,
                "Sozialraum": self.veranstaltung.sozialraum.kurzname
                if self.veranstaltung.sozialraum_id
                else "stadtweit",
            }
        super().import_instance(instance, row, **kwargs)
        if not instance.text:
            raise ValidationError({"text": "Bitte den Text der Anregung angeben."})
        if fehler := instance.herkunft_fehler():
            raise ValidationError(fehler)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The widgets check every column (lengths, known names); the workflow fields are the
        # services' business. So no model full_clean per row, which costs at 10,000 rows.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)


class AnregungExportResource(SichererExport, resources.ModelResource):
    nummer = fields.Field(attribute="nummer", column_name="Nummer")
    text = fields.Field(attribute="text", column_name="Text")
    sozialraum = fields.Field(
        attribute="sozialraum", column_name="Sozialraum", widget=SozialraumWidget()
    )
    handlungsfeld = fields.Field(attribute="handlungsfeld__name", column_name="Handlungsfeld")
    zielgruppe = fields.Field(attribute="zielgruppe", column_name="Zielgruppe")
    quelle = fields.Field(attribute="quelle", column_name="Quelle")
    veranstaltung = fields.Field(attribute="veranstaltung", column_name="Veranstaltung")
    status = fields.Field(column_name="Status")
    zustaendig = fields.Field(attribute="zustaendig", column_name="zuständig")
    erfasst_am = fields.Field(
        attribute="erfasst_am",
        column_name="erfasst am",
        widget=widgets.DateTimeWidget(format="%d.%m.%Y %H:%M"),
    )

    class Meta:
        model = Anregung
        fields = (
            "nummer",
            "text",
            "sozialraum",
            "handlungsfeld",
            "zielgruppe",
            "quelle",
            "veranstaltung",
            "status",
            "zustaendig",
            "erfasst_am",
        )
        export_order = fields

    def dehydrate_status(self, anregung):
        return anregung.get_status_display()
