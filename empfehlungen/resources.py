"""Column mapping of the Anregungen import (the template) and export."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from core.importing import Tabelle, Zeilenfehler
from core.tabellen import NachNameWidget, SichererExport
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


class AnregungImport:
    """The import's columns and its check of a row: the widgets' checks and the model's rule
    for the source, without django-import-export's per-row machinery (result rows, instances,
    diffs), so checking 10,000 rows costs little beside reading the file. The preview checks
    each row once and keeps its cleaned values (FELDER: ids, not names) for the confirmation,
    which only re-checks what may change in between (`nachpruefen`)."""

    SPALTEN = ["Text", "Sozialraum", "Handlungsfeld", "Zielgruppe", "Quelle"]
    PFLICHTSPALTEN = ["Text"]
    FELDER = ["text", "sozialraum_id", "handlungsfeld_id", "zielgruppe", "quelle"]

    def __init__(self, *, veranstaltung=None):
        self.widgets = {
            "Text": TextWidget("text"),
            "Sozialraum": SozialraumWidget(),
            "Handlungsfeld": NachNameWidget(Handlungsfeld, "Handlungsfeld"),
            "Zielgruppe": TextWidget("zielgruppe"),
            "Quelle": TextWidget("quelle"),
        }
        # An empty Sozialraum cell takes the Veranstaltung's ("stadtweit" stays city-wide).
        self.sozialraum_leer = veranstaltung.sozialraum_id if veranstaltung else None
        # One card stands in for every row: the source rule is the model's, checked per row
        # without building a model instance per row.
        self._karte = Anregung(veranstaltung=veranstaltung)

    def pruefen(self, tabelle: Tabelle) -> tuple[list[list], list[Zeilenfehler]]:
        """Every row's values in FELDER order, or the rows' errors (then no values)."""
        stellen = [tabelle.kopf.index(s) if s in tabelle.kopf else None for s in self.SPALTEN]
        werte, fehler = [], []
        for zeile, nummer in zip(tabelle.zeilen, tabelle.zeilennummern, strict=True):
            zellen = dict(
                zip(self.SPALTEN, [None if i is None else zeile[i] for i in stellen], strict=True)
            )
            sauber, falsch = self._zeile(zellen)
            fehler += [Zeilenfehler(nummer, spalte, m) for spalte, m in sorted(falsch.items())]
            if not falsch:
                werte.append(sauber)
        return ([] if fehler else werte), fehler

    def _zeile(self, zellen: dict) -> tuple[list, dict[str, str]]:
        sauber, falsch = {}, {}
        for spalte, widget in self.widgets.items():
            try:
                sauber[spalte] = widget.clean(zellen[spalte])
            except ValueError as exc:
                falsch[spalte] = str(exc)
        if "Text" not in falsch and not sauber["Text"]:
            falsch["Text"] = "Bitte den Text der Anregung angeben."
        if "Quelle" not in falsch:
            self._karte.quelle = sauber["Quelle"]
            for feld, meldung in self._karte.herkunft_fehler().items():
                falsch[self.SPALTEN[self.FELDER.index(feld)]] = meldung
        if falsch:
            return [], falsch
        raum = sauber["Sozialraum"]
        if not _text(zellen["Sozialraum"]):
            raum_id = self.sozialraum_leer
        else:
            raum_id = raum.pk if raum else None
        feld = sauber["Handlungsfeld"]
        return [
            sauber["Text"],
            raum_id,
            feld.pk if feld else None,
            sauber["Zielgruppe"],
            sauber["Quelle"],
        ], {}

    def nachpruefen(self, werte: Tabelle) -> list[Zeilenfehler]:
        """Rows whose Sozialraum or Handlungsfeld was deleted since the preview."""
        fehler = []
        for spalte, feld, modell, was in [
            ("Sozialraum", "sozialraum_id", Sozialraum, "Diesen Sozialraum"),
            ("Handlungsfeld", "handlungsfeld_id", Handlungsfeld, "Dieses Handlungsfeld"),
        ]:
            stelle = self.FELDER.index(feld)
            genannt = {zeile[stelle] for zeile in werte.zeilen} - {None}
            fehlt = genannt - set(
                modell.objects.filter(pk__in=genannt).values_list("pk", flat=True)
            )
            fehler += [
                Zeilenfehler(
                    nummer,
                    spalte,
                    f"{was} gibt es seit der Vorschau nicht mehr. Bitte die Datei erneut "
                    "hochladen.",
                )
                for zeile, nummer in zip(werte.zeilen, werte.zeilennummern, strict=True)
                if zeile[stelle] in fehlt
            ]
        return sorted(fehler, key=lambda f: (f.zeile or 0, f.spalte or ""))


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
