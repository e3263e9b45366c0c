"""The controlling charts (dashboard and report alike), drawn with `core.charts`."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing

from core.charts import (
    AMPELFARBEN,
    AMPELMARKEN,
    UMSETZUNGSFARBEN,
    gestapelte_balken,
    gestapelte_saeulen,
    verlauf_linien,
)


def umsetzung_je_sozialraum_diagramm(zeilen, kategorien) -> Drawing:
    """Controlling: Umsetzungsstatus of the items per Sozialraum (stacked horizontal bars)."""
    return gestapelte_balken(
        zeilen, kategorien, UMSETZUNGSFARBEN, achse="Zahl der Einträge (Maßnahmen und Empfehlungen)"
    )


def ampel_je_bereich_diagramm(spalten, kategorien) -> Drawing:
    """Controlling: Ampel of the Meldungen per Bereich (stacked columns, Bereich codes)."""
    return gestapelte_saeulen(spalten, kategorien, AMPELFARBEN, achse="Meldungen")


def ampel_verlauf_diagramm(punkte, kategorien) -> Drawing:
    """Controlling: Ampel counts over the last periods (lines with distinct markers)."""
    return verlauf_linien(punkte, kategorien, AMPELFARBEN, AMPELMARKEN, achse="Meldungen")
