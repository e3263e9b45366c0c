"""core.formular.Renderer writes the common widgets in Python: byte for byte what Django's
widget templates write, for every kind of widget and for hostile values."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.forms import DatumInput
from core.formular import Renderer

SCHNELL = Renderer()
VORLAGEN = DjangoTemplates()

FEINDLICH = "<script>alert(\"x\")</script> & 'quote' ü €"


class Alles(forms.Form):
    text = forms.CharField(help_text="Hilfe", max_length=20)
    zahl = forms.IntegerField(required=False, min_value=0)
    dezimal = forms.DecimalField(required=False, decimal_places=2)
    mail = forms.EmailField(required=False)
    adresse = forms.URLField(required=False, assume_scheme="https")
    geheim = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    verborgen = forms.CharField(widget=forms.HiddenInput, required=False)
    datum = forms.DateField(widget=DatumInput, required=False)
    zeit = forms.DateTimeField(required=False)
    haken = forms.BooleanField(required=False)
    lang = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    wahl = forms.ChoiceField(choices=[("", "–"), ("a", FEINDLICH), (1, 1234), ("b", "B")])
    gruppen = forms.ChoiceField(
        choices=[("Gruppe <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False
    )
    mehrere = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B"), ("c", "C")], required=False
    )
    suche = forms.CharField(widget=forms.SearchInput(attrs={"placeholder": FEINDLICH}))
    farbe = forms.CharField(widget=forms.ColorInput, required=False)
    telefon = forms.CharField(widget=forms.TelInput, required=False)
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("a", "A")], required=False)


def _beide(feld, attrs=None) -> tuple[str, str]:
    feld.form.renderer = VORLAGEN
    langsam = feld.as_widget(attrs=attrs)
    feld.form.renderer = SCHNELL
    schnell = feld.as_widget(attrs=attrs)
    return schnell, langsam


@pytest.mark.parametrize(
    "daten",
    [
        None,
        {},
        {
            "text": FEINDLICH,
            "zahl": "-1",
            "dezimal": "1234567,891",
            "mail": "kein@",
            "adresse": 'javascript:"',
            "geheim": FEINDLICH,
            "verborgen": "\x00\n",
            "datum": "31.02.2026",
            "zeit": "2026-12-01 10:00",
            "haken": "on",
            "lang": FEINDLICH + "\n\n" + "x" * 5000,
            "wahl": "1",
            "gruppen": "y",
            "mehrere": ["a", "c", "<b>"],
            "suche": mark_safe("<b>sicher</b>"),  # a safe value stays unescaped
            "farbe": "#ff0000",
            "telefon": "0208 825-0",
            "radio": "a",
        },
    ],
)
def test_jedes_widget_wie_die_vorlage(daten):
    initial = {
        "text": "Anfang",
        "zahl": 1234567,
        "dezimal": Decimal("1234.50"),
        "datum": datetime.date(2026, 12, 1),
        "zeit": datetime.datetime(2026, 12, 1, 10, 30, tzinfo=datetime.UTC),
        "haken": True,
        "wahl": 1,
        "mehrere": ["b"],
    }
    form = Alles(daten, initial=initial) if daten is not None else Alles(initial=initial)
    form.is_valid() if daten is not None else None
    for feld in form:
        for attrs in (None, {"aria-describedby": "x_hilfe", "disabled": True, "hidden": False}):
            schnell, langsam = _beide(feld, attrs)
            assert schnell == langsam, feld.name


def test_felder_der_anwendung_wie_die_vorlage(db):
    """Every form of the application that can be built without arguments."""
    from core.forms import ImportForm
    from empfehlungen.forms import AnregungForm, FilterForm, SammelForm
    from empfehlungen.models import Veranstaltung

    veranstaltungen = list(Veranstaltung.objects.all())
    assert veranstaltungen  # the demo master data of the test database
    geprueft = 0
    for form in (
        ImportForm(),
        AnregungForm(),
        AnregungForm({"text": FEINDLICH, "sozialraum": "999"}),
        FilterForm({"status": "neu", "suche": FEINDLICH}, veranstaltungen=veranstaltungen),
        SammelForm({"aktion": "dublette"}),
    ):
        form.is_valid()
        for feld in form:
            schnell, langsam = _beide(feld)
            assert schnell == langsam, feld.name
            geprueft += 1
    assert geprueft > 15


def test_nur_bekannte_vorlagen_in_python():
    """Radio lists and file inputs keep their templates; an option with its own template too."""
    form = Alles()
    schnell, langsam = _beide(form["radio"])
    assert schnell == langsam
    assert 'type="radio"' in schnell

    class EigeneOption(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    class F(forms.Form):
        w = forms.ChoiceField(choices=[("a", "A")], widget=EigeneOption)

    schnell, langsam = _beide(F()["w"])
    assert schnell == langsam


# templates/partials/feld.html as it was before ui.feld_html wrote it in Python.
FELD_VORLAGE = '{% load ui %}{% comment %}One labelled form field; help text and errors are tied to the input for screen readers.{% endcomment %}\n{% if feld.use_fieldset %}\n  <fieldset class="feld feld-gruppe{% if feld.errors %} feld-fehler{% endif %}"{% if feld.help_text or feld.errors %} aria-describedby="{% if feld.help_text %}{{ feld.auto_id }}_helptext{% endif %}{% if feld.errors %} {{ feld.auto_id }}_fehler{% endif %}"{% endif %}>\n    <legend>{{ feld.label }}{% if feld.field.required %} <span class="pflicht">(Pflichtfeld)</span>{% endif %}</legend>\n    {% if feld.help_text %}<p class="feld-hilfe" id="{{ feld.auto_id }}_helptext">{{ feld.help_text }}</p>{% endif %}\n    {% if feld.errors %}<p class="feld-fehlertext" id="{{ feld.auto_id }}_fehler">{{ feld.errors|join:" " }}</p>{% endif %}\n    {{ feld }}\n  </fieldset>\n{% elif feld.widget_type == "checkbox" %}\n  <div class="feld feld-checkbox{% if feld.errors %} feld-fehler{% endif %}">\n    {{ feld|feld_widget }}\n    <label for="{{ feld.id_for_label }}">{{ feld.label }}</label>\n    {% if feld.help_text %}<p class="feld-hilfe" id="{{ feld.auto_id }}_helptext">{{ feld.help_text }}</p>{% endif %}\n    {% if feld.errors %}<p class="feld-fehlertext" id="{{ feld.auto_id }}_fehler">{{ feld.errors|join:" " }}</p>{% endif %}\n  </div>\n{% else %}\n  <div class="feld{% if feld.errors %} feld-fehler{% endif %}">\n    <label for="{{ feld.id_for_label }}">{{ feld.label }}{% if feld.field.required %} <span class="pflicht">(Pflichtfeld)</span>{% endif %}</label>\n    {% if feld.help_text %}<p class="feld-hilfe" id="{{ feld.auto_id }}_helptext">{{ feld.help_text }}</p>{% endif %}\n    {% if feld.errors %}<p class="feld-fehlertext" id="{{ feld.auto_id }}_fehler">{{ feld.errors|join:" " }}</p>{% endif %}\n    {{ feld|feld_widget }}\n  </div>\n{% endif %}\n'


class Felder(forms.Form):
    pflicht = forms.CharField(label="Titel <b>", help_text="Hilfe & mehr")
    frei = forms.CharField(label="Frei", required=False)
    haken = forms.BooleanField(label="Ja <i>", required=False, help_text="nur <wenn>")
    haken_pflicht = forms.BooleanField(label="Muss")
    radio = forms.ChoiceField(
        label="Wahl", widget=forms.RadioSelect, choices=[("a", "A <1>"), ("b", "B")]
    )
    mehrere = forms.MultipleChoiceField(
        label="Mehrere",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("a", "A"), ("b", "B")],
        help_text="beliebig viele",
    )
    liste = forms.ChoiceField(label="Liste", choices=[("", "–"), ("x", "X")])
    text = forms.CharField(label="Text", widget=forms.Textarea, max_length=5)


@pytest.mark.parametrize("daten", [None, {}, {"frei": "x" * 9, "text": FEINDLICH, "radio": "z"}])
def test_feld_wie_die_vorlage(daten):
    from django.template import Context, Template

    from core.templatetags.ui import feld_html

    vorlage = Template(FELD_VORLAGE)
    form = Felder(daten) if daten is not None else Felder()
    if daten is not None:
        form.is_valid()
        form.add_error("frei", "Zweiter <Fehler> & mehr")
    for feld in form:
        assert feld_html(feld) == vorlage.render(Context({"feld": feld})), feld.name
