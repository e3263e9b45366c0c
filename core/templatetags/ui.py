from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def feld_widget(feld):
    """Render a widget whose aria-describedby names its help text and its error message."""
    ids = []
    if feld.help_text:
        ids.append(f"{feld.auto_id}_helptext")
    if feld.errors:
        ids.append(f"{feld.auto_id}_fehler")
    return feld.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)


@register.filter
def zahl(wert, stellen=1):
    """German number with a fixed number of decimals; an en dash for a missing value."""
    if wert is None or wert == "":
        return "–"
    return number_format(
        Decimal(str(wert)), decimal_pos=int(stellen), use_l10n=True, force_grouping=True
    )


@register.filter
def vorzeichen(wert, stellen=2):
    """Signed German number (+0,35 / −1,20) for standardised values."""
    if wert is None:
        return "–"
    text = zahl(abs(wert), stellen)
    if round(wert, int(stellen)) == 0:
        return text
    return ("+" if wert > 0 else "−") + text


@register.filter
def nachschlagen(dictionary, key):
    return dictionary.get(key) if dictionary else None


@register.filter(name="seit")
def seit_filter(zeitpunkt):
    """{{ a.seit|seit }} -> "seit 7 Jahren" (German dative; timesince gives "7 Jahre")."""
    from core.text import seit

    return seit(zeitpunkt)


@register.simple_tag
def feld_html(feld):
    """templates/partials/feld.html: one labelled form field, its help text and errors tied to
    the input for screen readers. In Python because every form on every page draws its fields
    through it (the template version cost a list page with nine filters 3 ms);
    tests/core/test_formular.py compares it with the template it replaced."""
    e = conditional_escape
    fehler = feld.errors
    hilfe = feld.help_text
    kennung = e(feld.auto_id)
    hilfe_p = f'<p class="feld-hilfe" id="{kennung}_helptext">{e(hilfe)}</p>' if hilfe else ""
    fehler_p = (
        f'<p class="feld-fehlertext" id="{kennung}_fehler">{" ".join(e(f) for f in fehler)}</p>'
        if fehler
        else ""
    )
    pflicht = ' <span class="pflicht">(Pflichtfeld)</span>' if feld.field.required else ""
    fehlerklasse = " feld-fehler" if fehler else ""
    if feld.use_fieldset:
        beschrieben = ""
        if hilfe or fehler:
            beschrieben = (
                ' aria-describedby="'
                + (f"{kennung}_helptext" if hilfe else "")
                + (f" {kennung}_fehler" if fehler else "")
                + '"'
            )
        teil = (
            f'\n  <fieldset class="feld feld-gruppe{fehlerklasse}"{beschrieben}>\n'
            f"    <legend>{e(feld.label)}{pflicht}</legend>\n"
            f"    {hilfe_p}\n    {fehler_p}\n    {e(feld)}\n  </fieldset>\n"
        )
    elif feld.widget_type == "checkbox":
        teil = (
            f'\n  <div class="feld feld-checkbox{fehlerklasse}">\n'
            f"    {e(feld_widget(feld))}\n"
            f'    <label for="{e(feld.id_for_label)}">{e(feld.label)}</label>\n'
            f"    {hilfe_p}\n    {fehler_p}\n  </div>\n"
        )
    else:
        teil = (
            f'\n  <div class="feld{fehlerklasse}">\n'
            f'    <label for="{e(feld.id_for_label)}">{e(feld.label)}{pflicht}</label>\n'
            f"    {hilfe_p}\n    {fehler_p}\n    {e(feld_widget(feld))}\n  </div>\n"
        )
    return mark_safe(f"\n{teil}\n")  # noqa: S308 (every value above went through escaping)
