from django import forms

from freigabe.models import Abstimmung
from stammdaten.models import Bereich, Sozialraum


class SchrittForm(forms.Form):
    kommentar = forms.CharField(required=False)


class AbstimmungForm(forms.Form):
    bereich = forms.ModelChoiceField(queryset=Bereich.objects.none(), label="für den Bereich")
    antwort = forms.ChoiceField(
        choices=Abstimmung.Antwort.choices, widget=forms.RadioSelect, label="Antwort"
    )
    text = forms.CharField(
        label="Anmerkung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bei Änderungsbedarf bitte beschreiben, was sich ändern soll.",
    )
    stand = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, bereiche, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bereich"].queryset = Bereich.objects.filter(pk__in=[b.pk for b in bereiche])


class EntscheidungForm(forms.Form):
    bereich = forms.ModelChoiceField(queryset=Bereich.objects.none(), label="für den Bereich")
    entscheidung = forms.ChoiceField(
        choices=[("freigeben", "Freigeben"), ("ablehnen", "Ablehnen")],
        widget=forms.RadioSelect,
        label="Entscheidung",
        initial="freigeben",
    )
    begruendung = forms.CharField(
        label="Begründung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bei einer Ablehnung erforderlich.",
    )
    fassung = forms.IntegerField(widget=forms.HiddenInput)  # the Fassung the Leitung read

    def __init__(self, *args, bereiche, fassung, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fassung"].initial = fassung
        self.fields["bereich"].queryset = Bereich.objects.filter(pk__in=[b.pk for b in bereiche])
        if len(bereiche) == 1:
            self.fields["bereich"].initial = bereiche[0].pk


class VorgangForm(forms.ModelForm):
    """The content form both item kinds share: the stale-edit guard (`stand`) and the choices
    of Bereiche and Sozialräume. Rules beyond the model's own are the services' (see
    `freigabe.services.inhalt_speichern`), so a form, an import and the API obey the same; the
    views show their refusals at the fields."""

    # The version the user started from: a save over someone else's change is refused.
    stand = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing needs the stand the user started from: without it a save could
            # overwrite someone else's change unnoticed.
            self.fields["stand"].required = True
            if not self.is_bound:
                self.initial["stand"] = self.instance.stand
        for name in ("beteiligte", "federfuehrung"):
            if name in self.fields:
                self.fields[name].queryset = Bereich.objects.filter(aktiv=True)
        if "sozialraeume" in self.fields:
            self.fields["sozialraeume"].queryset = Sozialraum.objects.filter(aktiv=True)

    def clean(self):
        daten = super().clean()
        if "stadtweit" in self.fields and "sozialraeume" in self.fields:
            # The model's rule, asked here too so the form names every fault at once.
            probe = self._meta.model(stadtweit=bool(daten.get("stadtweit")))
            for name, meldung in probe.gebiet_fehler(daten.get("sozialraeume")).items():
                if name not in self.errors:
                    self.add_error(name, meldung)
        return daten

    def inhalt(self) -> dict:
        """The content fields for the services, without the version guard."""
        return {k: v for k, v in self.cleaned_data.items() if k != "stand"}
