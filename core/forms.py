"""Form widgets and fields every room uses; no domain knowledge."""

from django import forms
from django.conf import settings

from core.workflow import WorkflowError


class DatumInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO date."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ImportForm(forms.Form):
    datei = forms.FileField(
        label="Datei (XLSX oder CSV)",
        help_text="Excel-Arbeitsmappe (.xlsx) oder CSV (UTF-8 oder Windows-1252, Trennzeichen ; oder ,).",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_datei(self):
        """The size first: a file that is too big is refused before anything reads it."""
        datei = self.cleaned_data["datei"]
        grenze = settings.IMPORT_MAX_BYTES
        if datei.size > grenze:
            groesse = f"{datei.size / 1_048_576:.1f}".replace(".", ",")
            raise forms.ValidationError(
                f"Die Datei „{datei.name}“ ist zu groß ({groesse} MB; erlaubt sind "
                f"{grenze / 1_048_576:.0f} MB)."
            )
        return datei


def fehler_uebernehmen(form: forms.Form, fehler: dict[str, str]) -> None:
    """Show a service's field messages beside the fields (the rest above the form)."""
    for name, meldung in fehler.items():
        form.add_error(name if name in form.fields else None, meldung)


def fehler_anzeigen(form: forms.Form, exc: WorkflowError) -> None:
    """A refusal of a service on the form: field messages at their fields, else on top."""
    if exc.felder:
        fehler_uebernehmen(form, exc.felder)
    else:
        form.add_error(None, str(exc))
