"""The rooms' layering beyond Python imports (those are import-linter's, in `make lint`):
templates link, include and load only what belongs to their own room or a room below, and
no room grows past a third of the application code."""

import re
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

BASIS = Path(__file__).resolve().parent.parent


def _schichten() -> dict[str, int]:
    """Room -> height, from the layers contract in pyproject.toml (top = highest)."""
    konfiguration = tomllib.loads((BASIS / "pyproject.toml").read_text())["tool"]["importlinter"]
    vertrag = next(c for c in konfiguration["contracts"] if c["type"] == "layers")
    schichten = {}
    for hoehe, schicht in enumerate(reversed(vertrag["layers"])):
        for raum in schicht.split("|"):
            schichten[raum.strip()] = hoehe
    return schichten


SCHICHTEN = _schichten()
RAEUME = [r for r in SCHICHTEN if r != "config"]


def _url_raeume(resolver=None) -> dict[str, str]:
    """URL name -> the room whose view answers it."""
    ergebnis = {}
    for muster in (resolver or get_resolver()).url_patterns:
        if isinstance(muster, URLResolver):
            ergebnis.update(_url_raeume(muster))
        elif isinstance(muster, URLPattern) and muster.name:
            raum = muster.callback.__module__.split(".")[0]
            if raum in SCHICHTEN:
                ergebnis[muster.name] = raum
    return ergebnis


def _templates(raum: str) -> list[Path]:
    ordner = Path(apps.get_app_config(raum).path) / "templates"
    return sorted(ordner.rglob("*.html")) if ordner.exists() else []


def _template_raum(pfad: str) -> str | None:
    """The room that owns a template name like "weltcafe/partials/x.html"."""
    erster = pfad.split("/")[0]
    return erster if erster in SCHICHTEN else None


@pytest.mark.parametrize("raum", RAEUME)
def test_templates_reach_only_downwards(raum):
    url_raeume = _url_raeume()
    hoehe = SCHICHTEN[raum]
    verstoesse = []
    for datei in _templates(raum):
        text = datei.read_text()
        for name in re.findall(r"{%\s*url\s+['\"]([\w:]+)['\"]", text):
            ziel = url_raeume.get(name)
            if ziel is not None and SCHICHTEN[ziel] > hoehe:
                verstoesse.append(f"{datei.name}: Link auf {name} ({ziel})")
        for pfad in re.findall(r"{%\s*(?:include|extends)\s+['\"]([^'\"]+)['\"]", text):
            ziel = _template_raum(pfad)
            if ziel is not None and SCHICHTEN[ziel] > hoehe:
                verstoesse.append(f"{datei.name}: bindet {pfad} ein ({ziel})")
        for bibliothek in re.findall(r"{%\s*load\s+([\w ]+?)\s*%}", text):
            for name in bibliothek.split():
                ziel = _tag_raum(name)
                if ziel is not None and SCHICHTEN[ziel] > hoehe:
                    verstoesse.append(f"{datei.name}: lädt {name} ({ziel})")
    assert not verstoesse, verstoesse


def _tag_raum(bibliothek: str) -> str | None:
    for raum in RAEUME:
        if (Path(apps.get_app_config(raum).path) / "templatetags" / f"{bibliothek}.py").exists():
            return raum
    return None


def test_every_room_has_its_layer_and_the_layers_know_every_room():
    projekt = {a.name for a in apps.get_app_configs() if Path(a.path).resolve().parent == BASIS}
    assert projekt == set(RAEUME)


def test_no_room_holds_more_than_a_third_of_the_code():
    zeilen = {}
    for raum in RAEUME:
        ordner = Path(apps.get_app_config(raum).path)
        zeilen[raum] = sum(
            len(p.read_text().splitlines())
            for p in ordner.rglob("*.py")
            if "migrations" not in p.parts
        )
    gesamt = sum(zeilen.values())
    zu_gross = {r: f"{n / gesamt:.0%}" for r, n in zeilen.items() if n > gesamt / 3}
    assert not zu_gross, zu_gross
