"""The form renderer: the widgets every page draws (inputs, selects, text areas) are written
in Python, byte for byte what Django's widget templates give; every other template (forms,
radio lists, files) still goes through the templates.

Why: Django renders each <option> through its own template include. A filter form with a few
selects cost the Arbeitsliste about 40 % of its template time (measured with py-spy under
bench/last.py); tests/core/test_formular.py compares both ways for every widget kind."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.template.defaultfilters import stringformat
from django.utils.safestring import SafeData, mark_safe

# What `{{ … }}` does in an autoescaping template: local time, localisation, escaping.
_KONTEXT = Context(autoescape=True)


def _wert(wert) -> str:
    return render_value_in_context(wert, _KONTEXT)


def _als_text(wert) -> str:
    """{{ wert|stringformat:'s' }} (a safe value stays safe: the filter is is_safe)"""
    text = stringformat(wert, "s")
    return _wert(mark_safe(text) if isinstance(wert, SafeData) else text)  # noqa: S308


def _attribute(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    teile = []
    for name, wert in attrs.items():
        if wert is False:
            continue
        teile.append(f" {_wert(name)}" if wert is True else f' {_wert(name)}="{_als_text(wert)}"')
    return "".join(teile)


def _input(w: dict) -> str:
    """django/forms/widgets/input.html (text, number, date, hidden, checkbox, …)"""
    wert = f' value="{_als_text(w["value"])}"' if w["value"] != None else ""  # noqa: E711 (as the template)
    return (
        f'<input type="{_wert(w["type"])}" name="{_wert(w["name"])}"{wert}{_attribute(w["attrs"])}>'
    )


def _option(o: dict) -> str:
    """django/forms/widgets/select_option.html"""
    return f'<option value="{_als_text(o["value"])}"{_attribute(o["attrs"])}>{_wert(o["label"])}</option>'


def _select(w: dict) -> str:
    """django/forms/widgets/select.html"""
    teile = [f'<select name="{_wert(w["name"])}"{_attribute(w["attrs"])}>']
    for gruppe, optionen, _index in w["optgroups"]:
        if gruppe:
            teile.append(f'\n  <optgroup label="{_wert(gruppe)}">')
        for option in optionen:
            if option["template_name"] != "django/forms/widgets/select_option.html":
                return ""  # a widget with its own option template: the template decides
            teile.append(f"\n  {_option(option)}\n")  # the option template ends with a newline
        if gruppe:
            teile.append("\n  </optgroup>")
    teile.append("\n</select>")
    return "".join(teile)


def _textarea(w: dict) -> str:
    """django/forms/widgets/textarea.html"""
    inhalt = _wert(w["value"]) if w["value"] else ""
    return f'<textarea name="{_wert(w["name"])}"{_attribute(w["attrs"])}>\n{inhalt}</textarea>'


_IN_PYTHON = {
    f"django/forms/widgets/{name}.html": _input
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "color",
        "checkbox",
    )
} | {
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
}


class Renderer(DjangoTemplates):
    """settings.FORM_RENDERER"""

    def render(self, template_name, context, request=None):
        schreiben = _IN_PYTHON.get(template_name)
        if schreiben is not None and "widget" in context:
            html = schreiben(context["widget"])
            if html:
                return mark_safe(html)  # noqa: S308 (every value above went through escaping)
        return super().render(template_name, context, request)
