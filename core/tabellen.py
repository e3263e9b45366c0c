"""django-import-export building blocks every table import and export shares: German number
cells, foreign keys by name, and row numbers as the spreadsheet shows them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from import_export import resources, widgets

from core.importing import zelle_entschaerfen


def text(value) -> str:
    return "" if value is None else str(value).strip()


class GanzzahlWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        inhalt = text(value)
        if not inhalt:
            return None
        try:
            zahl = Decimal(inhalt.replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"„{inhalt}“ ist keine ganze Zahl.") from None
        if zahl != zahl.to_integral_value():
            raise ValueError(f"„{inhalt}“ ist keine ganze Zahl.")
        return int(zahl)

    def render(self, value, obj=None, **kwargs):
        return value


class DezimalWidget(widgets.Widget):
    """Accepts numbers as German spreadsheets write them: 12,5 and 1.234,5 (and 1234.5)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return Decimal(str(value))
        roh = text(value).replace(" ", "").replace("\u00a0", "")
        if not roh:
            return None
        if "," in roh:
            roh = roh.replace(".", "").replace(",", ".")
        try:
            zahl = Decimal(roh)
        except InvalidOperation:
            raise ValueError(f"„{text(value)}“ ist keine Zahl (Beispiel: 12,5).") from None
        if not zahl.is_finite():
            raise ValueError(f"„{text(value)}“ ist keine Zahl (Beispiel: 12,5).")
        return zahl

    def render(self, value, obj=None, **kwargs):
        return None if value is None else value.normalize()


class NachNameWidget(widgets.Widget):
    """A foreign key given by its name (any case); the German message names what is unknown."""

    def __init__(self, model, bezeichnung: str, **kwargs):
        super().__init__(**kwargs)
        self.model = model
        self.bezeichnung = bezeichnung
        self._cache: dict[str, object] | None = None

    def clean(self, value, row=None, **kwargs):
        inhalt = text(value)
        if not inhalt:
            return None
        if self._cache is None:
            self._cache = {o.name.casefold(): o for o in self.model.objects.all()}
        try:
            return self._cache[inhalt.casefold()]
        except KeyError:
            raise ValueError(f"{self.bezeichnung} „{inhalt}“ ist unbekannt.") from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.name


class SichererExport:
    """Every exported cell defused like the app's own exports (a spreadsheet program must not
    run "=…" as a formula), also where django-import-export exports, as in the admin."""

    def export_field(self, field, instance, **kwargs):
        return zelle_entschaerfen(super().export_field(field, instance, **kwargs))


class TabellenResource(SichererExport, resources.ModelResource):
    """Knows the file's row numbers, so its own messages name the row the user sees."""

    zeilennummern: list[int] = []
    fehler_spalten: dict[str, str] = {}

    def save_instance(self, instance, is_create, row, **kwargs):
        # A preview checks every row and writes nothing (django-import-export would write
        # and roll back: slow at thousands of rows, and triggers would run for nothing).
        if self._is_dry_run(kwargs):
            return
        super().save_instance(instance, is_create, row, **kwargs)

    def dateizeile(self, nummer: int | None) -> int | None:
        """The spreadsheet row of django-import-export's data row number (header = row 1)."""
        if nummer is None or not 1 <= nummer <= len(self.zeilennummern):
            return None
        return self.zeilennummern[nummer - 1]
