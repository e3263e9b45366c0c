from django import forms

from controlling.models import AMPEL_REGEL, Sachstandsmeldung, Umsetzungsstatus
from core.forms import DatumInput


class MeldungForm(forms.ModelForm):
    """What a Bereich reports; the Ampel follows from status and obstacles (AMPEL_REGEL). The
    rules between the fields are the model's (`Sachstandsmeldung.inhalt_fehler`), asked by the
    service; the view shows them at the fields."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Sachstandsmeldung
        fields = [
            "umsetzungsstatus",
            "fortschritt",
            "sachstand",
            "naechste_schritte",
            "hindernisse",
            "laufzeit_bis",
            "befristet",
            "finanzierung",
        ]
        widgets = {
            "umsetzungsstatus": forms.RadioSelect,
            "fortschritt": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
            "sachstand": forms.Textarea(attrs={"rows": 4}),
            "naechste_schritte": forms.Textarea(attrs={"rows": 3}),
            "hindernisse": forms.Textarea(attrs={"rows": 2}),
            "laufzeit_bis": DatumInput(),
            "finanzierung": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "hindernisse": "Benannte Hindernisse färben die Ampel gelb (mit „verzögert“ rot).",
            "sachstand": "Was ist zum Stichtag erreicht?",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["umsetzungsstatus"].required = True
        self.fields["umsetzungsstatus"].choices = Umsetzungsstatus.choices
        self.fields["umsetzungsstatus"].help_text = f"Ampel-Regel: {AMPEL_REGEL}"
        self.fields["sachstand"].required = True
        self.fields["version"].initial = self.instance.version
        if self.instance.empfehlung_id:
            for name in ("laufzeit_bis", "befristet", "finanzierung"):
                del self.fields[name]
        self._istwert_felder()

    def _istwert_felder(self) -> None:
        """One field per own Wirkung indicator of the item: its actual value for the
        period's quarter, prefilled with what was reported before."""
        from wirkung.forms import DezimalFeld
        from wirkung.selectors import istwert_felder

        periode = self.instance.periode
        for ziel, bisher in istwert_felder(self.instance):
            einheit = f" ({ziel.einheit})" if ziel.einheit else ""
            self.fields[f"istwert_{ziel.pk}"] = DezimalFeld(
                label=f"Istwert „{ziel.bezeichnung}“{einheit}, {periode.quartal}. Quartal "
                f"{periode.jahr}",
                help_text=f"Wirkungsziel: von {ziel.basis_wert.normalize():f} ({ziel.basis_jahr}) "
                f"auf {ziel.ziel_wert.normalize():f} ({ziel.ziel_jahr}). Leer lassen, wenn noch "
                "keine Zahl vorliegt.",
                initial=str(bisher.normalize()).replace(".", ",") if bisher is not None else "",
            )

    def inhalt(self) -> dict:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k != "version" and not k.startswith("istwert_")
        }

    def istwerte(self) -> dict[int, object]:
        """Wirkungsziel id -> the typed actual value (None: left empty)."""
        return {
            int(k.removeprefix("istwert_")): v
            for k, v in self.cleaned_data.items()
            if k.startswith("istwert_")
        }


class PruefForm(forms.Form):
    oeffentlicher_sachstand = forms.CharField(
        label="Öffentliche Zusammenfassung (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ein, zwei Sätze für die öffentlichen Transparenzseiten, ohne Namen und "
        "interne Details. Leer: öffentlich erscheinen nur Status und Fortschritt.",
    )


class RueckgabeForm(forms.Form):
    grund = forms.CharField(
        label="Grund der Rückgabe",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Was soll der Bereich ergänzen oder korrigieren?",
    )


class EroeffnenForm(forms.Form):
    jahr = forms.IntegerField(label="Jahr", min_value=2000, max_value=2100)
    quartal = forms.TypedChoiceField(
        label="Quartal", coerce=int, choices=[(q, f"{q}. Quartal") for q in range(1, 5)]
    )


class MeldungFilter(forms.Form):
    # Any period id is accepted (links name older ones); the list offers the recent ones.
    periode = forms.IntegerField(label="Berichtsperiode", required=False, widget=forms.Select)
    bereich = forms.TypedChoiceField(label="Bereich", coerce=int, required=False)
    status = forms.ChoiceField(label="Status", required=False)

    def __init__(self, *args, perioden, bereiche, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].widget.choices = [(p.pk, str(p)) for p in perioden]
        self.fields["bereich"].choices = [("", "alle")] + [(b.pk, str(b)) for b in bereiche]
        self.fields["status"].choices = [
            ("", "alle"),
            ("offen", "offen (noch nicht eingereicht)"),
            *Sachstandsmeldung.Status.choices,
        ]


class PeriodeWahl(forms.Form):
    periode = forms.TypedChoiceField(label="Berichtsperiode", coerce=int)

    def __init__(self, *args, perioden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [(p.pk, str(p)) for p in perioden]
