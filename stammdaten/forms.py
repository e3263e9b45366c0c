from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.forms import DatumInput
from stammdaten import sozialindex


class SozialindexForm(forms.Form):
    """Query of the Sozialindex page (GET): year, base year of the Dynamik, level."""

    jahr = forms.TypedChoiceField(label="Jahr (Status)", coerce=int)
    basisjahr = forms.TypedChoiceField(label="Basisjahr (Dynamik)", coerce=int)
    ebene = forms.ChoiceField(
        label="Ebene",
        choices=[
            (sozialindex.EBENE_QUARTIER, "Sozialquartiere"),
            (sozialindex.EBENE_SOZIALRAUM, "Sozialräume"),
        ],
    )

    def __init__(self, data, *, jahre: list[int]):
        self.jahre = jahre
        auswahl = [(j, str(j)) for j in reversed(jahre)]
        neuestes = jahre[-1] if jahre else None
        basis = max(
            (j for j in jahre if j <= (neuestes or 0) - sozialindex.STANDARD_SPANNE),
            default=jahre[0] if jahre else None,
        )
        self.standard = {"jahr": neuestes, "basisjahr": basis, "ebene": sozialindex.EBENE_QUARTIER}
        super().__init__({**self.standard, **{k: v for k, v in data.items() if v}})
        self.fields["jahr"].choices = auswahl
        self.fields["basisjahr"].choices = auswahl

    def clean(self):
        daten = super().clean()
        if daten.get("jahr") and daten.get("basisjahr") and daten["basisjahr"] >= daten["jahr"]:
            self.add_error("basisjahr", "Das Basisjahr muss vor dem Jahr des Status liegen.")
        return daten

    def werte(self) -> dict:
        """The valid query, or the defaults where the request was invalid."""
        if self.is_valid():
            return self.cleaned_data
        return {
            k: self.cleaned_data.get(k) if k not in self.errors else v
            for k, v in self.standard.items()
        }


class AnmeldeForm(AuthenticationForm):
    """The same message for a wrong password and an unknown user: no hint who exists."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch. Beide "
        "Felder unterscheiden Groß- und Kleinschreibung.",
    }


class VertretungForm(forms.Form):
    vertretung = forms.ModelChoiceField(
        queryset=None, label="Vertretung", help_text="Ein Mitglied des Bereichs."
    )
    von = forms.DateField(label="von", widget=DatumInput())
    bis = forms.DateField(label="bis", widget=DatumInput())

    def __init__(self, *args, bereich, leitung, **kwargs):
        from stammdaten.models import User

        super().__init__(*args, **kwargs)
        self.fields["vertretung"].queryset = User.objects.filter(
            mitgliedschaften__bereich=bereich, is_active=True
        ).exclude(pk=leitung.pk)

    def clean(self):
        daten = super().clean()
        if daten.get("von") and daten.get("bis") and daten["bis"] < daten["von"]:
            self.add_error("bis", "„bis“ liegt vor „von“.")
        return daten
