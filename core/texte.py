"""What a text field may hold: one-line fields no line break or control character, multi-line
fields at most so many characters and lines. The validators sit on the model fields, so
`full_clean()` (forms, services) and the imports apply the same limits; documents shorten what
is longer anyway (older data) instead of failing."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Tab, line feed and carriage return are text; everything else below 0x20, DEL, and the
# Unicode line and paragraph separators are not.
_STEUERZEICHEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_ZEILENWECHSEL = re.compile(r"[\r\n\t\x85]")


def _zahl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@deconstructible
class Einzeilig:
    """A title, a name, a contact: one line, no control characters."""

    def __call__(self, wert) -> None:
        if not isinstance(wert, str):
            return
        if _ZEILENWECHSEL.search(wert):
            raise ValidationError(
                "Bitte in einer Zeile schreiben (ohne Zeilenumbruch oder Tabulator).",
                code="einzeilig",
            )
        if _STEUERZEICHEN.search(wert):
            raise ValidationError(
                "Der Text enthält unzulässige Steuerzeichen.", code="steuerzeichen"
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, Einzeilig)


@deconstructible
class Mehrzeilig:
    """A description, a Sachstand, a reason: at most `max_zeichen` characters in at most
    `max_zeilen` lines, no control characters but tab and line breaks."""

    def __init__(self, max_zeichen: int, max_zeilen: int):
        self.max_zeichen = max_zeichen
        self.max_zeilen = max_zeilen

    def __call__(self, wert) -> None:
        if not isinstance(wert, str):
            return
        if len(wert) > self.max_zeichen:
            raise ValidationError(
                f"Höchstens {_zahl(self.max_zeichen)} Zeichen (jetzt {_zahl(len(wert))}).",
                code="zu_lang",
            )
        zeilen = wert.count("\n") + 1
        if zeilen > self.max_zeilen:
            raise ValidationError(
                f"Höchstens {_zahl(self.max_zeilen)} Zeilen (jetzt {_zahl(zeilen)}).",
                code="zu_viele_zeilen",
            )
        if _STEUERZEICHEN.search(wert):
            raise ValidationError(
                "Der Text enthält unzulässige Steuerzeichen.", code="steuerzeichen"
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, Mehrzeilig) and (self.max_zeichen, self.max_zeilen) == (
            other.max_zeichen,
            other.max_zeilen,
        )


EINZEILIG = Einzeilig()
# The sizes the city's texts need, with room to spare; nothing a page or PDF cannot carry.
KURZTEXT = Mehrzeilig(2_000, 40)  # Finanzierung, Anmerkungen, Gründe
TEXT = Mehrzeilig(5_000, 100)  # Sachstand, Ziele, Anregung, Begründung
LANGTEXT = Mehrzeilig(10_000, 200)  # Beschreibung eines Angebots, Text einer Empfehlung
LISTE = Mehrzeilig(10_000, 500)  # one entry per line (Institutionen)


def ohne_steuerzeichen(text: str) -> str:
    """For documents: control characters of older data dropped (a PDF shows them as boxes)."""
    return _STEUERZEICHEN.sub("", text)


def text_fehler(wert: str, validator, feld: str) -> dict[str, str]:
    """The validator's German message for this field, or nothing (for services that take a
    text without a model instance, e.g. a reason)."""
    try:
        validator(wert)
    except ValidationError as exc:
        return {feld: " ".join(exc.messages)}
    return {}


def ganzzahl(wert) -> int | None:
    """A whole number sent as text (an id, a count), or None: only the digits 0–9 and at most
    18 of them, so no giant number is converted and no database integer overflows."""
    wert = str(wert if wert is not None else "").strip()
    return int(wert) if re.fullmatch(r"[0-9]{1,18}", wert) else None
