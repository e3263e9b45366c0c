"""The POST forms of a page as the browser sees them (action, fields, options), for tests
that fill every form with arbitrary input."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Feld:
    name: str
    art: str  # text, textarea, number, date, checkbox, radio, select, file, hidden, …
    wert: str = ""
    optionen: list[str] = field(default_factory=list)
    mehrfach: bool = False


@dataclass
class Formular:
    action: str
    felder: dict[str, Feld] = field(default_factory=dict)
    knoepfe: list[tuple[str, str]] = field(default_factory=list)  # (name, value) of submits

    def schluessel(self) -> tuple:
        return (self.action, tuple(sorted(self.felder)))


class _Leser(HTMLParser):
    def __init__(self, seite: str):
        super().__init__(convert_charrefs=True)
        self.seite = seite
        self.formulare: list[Formular] = []
        self.aktuell: Formular | None = None
        self.auswahl: Feld | None = None
        self.textfeld: Feld | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self.aktuell = Formular(action=a.get("action") or self.seite)
            self.formulare.append(self.aktuell)
            return
        f = self.aktuell
        if f is None:
            return
        name = a.get("name")
        if tag == "button" and (a.get("type") or "submit") == "submit":
            if a.get("formaction"):
                # Another target: a form of its own with the same fields.
                kopie = Formular(action=a["formaction"], felder=f.felder)
                self.formulare.append(kopie)
            if name:
                f.knoepfe.append((name, a.get("value") or ""))
        elif tag == "input" and name:
            art = (a.get("type") or "text").lower()
            if art in ("submit", "button", "reset", "image"):
                return
            if art in ("checkbox", "radio") and name in f.felder:
                f.felder[name].optionen.append(a.get("value") or "on")
                f.felder[name].mehrfach = art == "checkbox"
                return
            wert = a.get("value") or ""
            optionen = [a.get("value") or "on"] if art in ("checkbox", "radio") else []
            f.felder[name] = Feld(
                name,
                art,
                wert if "checked" in a or art not in ("checkbox", "radio") else "",
                optionen,
            )
        elif tag == "textarea" and name:
            self.textfeld = f.felder[name] = Feld(name, "textarea")
        elif tag == "select" and name:
            self.auswahl = f.felder[name] = Feld(name, "select", mehrfach="multiple" in a)
        elif tag == "option" and self.auswahl is not None:
            self.auswahl.optionen.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.aktuell = None
        elif tag == "select":
            self.auswahl = None
        elif tag == "textarea":
            self.textfeld = None

    def handle_data(self, data):
        if self.textfeld is not None:
            self.textfeld.wert += data


def formulare(html: str, seite: str) -> list[Formular]:
    """Every POST form of the page (a button with formaction counts as a form of its own)."""
    leser = _Leser(seite)
    leser.feed(html)
    return leser.formulare


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("/") and not href.startswith("//"):
            self.links.append(href)


def links(html: str) -> list[str]:
    """The page's links to this site (href starting with one slash)."""
    leser = _Links()
    leser.feed(html)
    return leser.links
