from decimal import Decimal

from django import template
from django.utils.formats import number_format

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
