"""Tables from uploaded files (XLSX, CSV), read safely, and imports that save all or nothing.

Every import of the project goes through here, from the admin, an in-app page or a management
command alike, so the same German messages with the same row numbers appear everywhere.
Row numbers are those a spreadsheet program shows: the header is row 1.

Hostile files are refused before they cost memory or time: size cap before parsing, zip entry
and ratio checks before unpacking (zip bombs), defusedxml behind openpyxl (entity bombs),
a row cap counted while streaming (a million rows stop at the cap), NUL bytes and unknown
encodings refused with a message instead of a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, router, transaction

MAX_SPALTEN = 100
MAX_ZIP_EINTRAEGE = 2_000
MAX_KOMPRESSION = 100  # ratio above which a large member counts as a zip bomb
EXCEL_FORMELZEICHEN = ("=", "+", "-", "@", "\t", "\r")


class ImportFehler(Exception):
    """The file as a whole cannot be read; the message is German and names the file."""


@dataclass
class Tabelle:
    kopf: list[str]
    zeilen: list[list[Any]]
    zeilennummern: list[int]  # row number in the file for each data row (header = 1)

    def als_dataset(self) -> tablib.Dataset:
        return tablib.Dataset(*[tuple(z) for z in self.zeilen], headers=self.kopf)

    def als_dict(self) -> dict[str, list]:
        return {"kopf": self.kopf, "zeilen": self.zeilen, "zeilennummern": self.zeilennummern}

    def als_json(self) -> str:
        return json.dumps(self.als_dict(), default=str)

    @classmethod
    def aus_json(cls, text: str) -> Tabelle:
        return cls(**json.loads(text))


@dataclass
class Zeilenfehler:
    zeile: int | None
    spalte: str | None
    meldung: str

    def __str__(self) -> str:
        teile = []
        if self.zeile is not None:
            teile.append(f"Zeile {self.zeile}")
        if self.spalte:
            teile.append(f"Spalte „{self.spalte}“")
        return (", ".join(teile) + ": " if teile else "") + self.meldung


@dataclass
class ImportErgebnis:
    dateiname: str
    gespeichert: bool = False
    neu: int = 0
    geaendert: int = 0
    unveraendert: int = 0
    fehler: list[Zeilenfehler] = field(default_factory=list)
    vorschau: list[dict[str, Any]] = field(default_factory=list)
    # What the preview keeps for the confirmation: the table as read, or, for an import that
    # checks every row once in the preview, the rows' cleaned values.
    tabelle: Tabelle | None = None

    @property
    def ok(self) -> bool:
        return not self.fehler

    @property
    def zeilen(self) -> int:
        return self.neu + self.geaendert + self.unveraendert


# --- Reading ------------------------------------------------------------------------------------
def tabelle_lesen(daten: bytes, dateiname: str, *, max_zeilen: int | None = None) -> Tabelle:
    """Read the first sheet of an XLSX file or a CSV file into a Tabelle, or raise ImportFehler."""
    max_bytes = settings.IMPORT_MAX_BYTES
    max_zeilen = max_zeilen or settings.IMPORT_MAX_ROWS
    if not daten:
        raise ImportFehler(f"Die Datei „{dateiname}“ ist leer.")
    if len(daten) > max_bytes:
        groesse = f"{len(daten) / 1_048_576:.1f}".replace(".", ",")
        raise ImportFehler(
            f"Die Datei „{dateiname}“ ist zu groß ({groesse} MB; "
            f"erlaubt sind {max_bytes / 1_048_576:.0f} MB)."
        )
    if daten.startswith(b"PK\x03\x04"):
        roh = _xlsx_zeilen(daten, dateiname, max_zeilen)
    elif daten.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFehler(
            f"„{dateiname}“ ist im alten Excel-Format (.xls). Bitte als .xlsx oder .csv speichern."
        )
    else:
        if dateiname.lower().endswith((".xlsx", ".xlsm")):
            raise ImportFehler(
                f"„{dateiname}“ ist keine gültige XLSX-Datei (beschädigt, abgeschnitten oder "
                "umbenannt)."
            )
        roh = _csv_zeilen(daten, dateiname, max_zeilen)
    return _tabelle_bilden(roh, dateiname)


def _xlsx_zeilen(daten: bytes, dateiname: str, max_zeilen: int):
    import openpyxl
    from defusedxml import DefusedXmlException

    try:
        archiv = zipfile.ZipFile(io.BytesIO(daten))
        eintraege = archiv.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ImportFehler(
            f"„{dateiname}“ ist keine gültige XLSX-Datei (beschädigt oder abgeschnitten)."
        ) from exc
    if len(eintraege) > MAX_ZIP_EINTRAEGE:
        raise ImportFehler(f"„{dateiname}“ enthält ungewöhnlich viele Teile und wird abgelehnt.")
    # The sizes the archive declares; the reading below counts characters as well, in case an
    # entry lies about its size.
    entpackt = sum(e.file_size for e in eintraege)
    if entpackt > settings.IMPORT_MAX_ENTPACKT or any(
        e.file_size > 1_048_576 and e.file_size > MAX_KOMPRESSION * max(e.compress_size, 1)
        for e in eintraege
    ):
        raise ImportFehler(
            f"„{dateiname}“ würde entpackt unverhältnismäßig groß (mögliche ZIP-Bombe) und wird "
            "abgelehnt."
        )
    if "xl/workbook.xml" not in {e.filename for e in eintraege}:
        raise ImportFehler(f"„{dateiname}“ ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe.")
    try:
        mappe = openpyxl.load_workbook(io.BytesIO(daten), read_only=True, data_only=True)
        try:
            blatt = mappe.worksheets[0]
            breite = _kopfbreite(blatt)
            zaehler = _Zeichenzaehler(dateiname)
            for nummer, zeile in enumerate(blatt.iter_rows(max_col=breite, values_only=True), 1):
                if nummer > max_zeilen + 1:
                    raise ImportFehler(
                        f"„{dateiname}“ hat mehr als {max_zeilen:,} Datenzeilen; bitte aufteilen.".replace(
                            ",", "."
                        )
                    )
                zaehler.zeile(zeile)
                yield nummer, list(zeile)
        finally:
            mappe.close()
    except ImportFehler:
        raise
    except Exception as exc:  # openpyxl raises (and wraps) many kinds on broken files
        if _verursacht_durch(exc, DefusedXmlException):
            raise ImportFehler(
                f"„{dateiname}“ enthält unzulässige XML-Konstrukte (z. B. Entitäten) und wird "
                "abgelehnt."
            ) from exc
        raise ImportFehler(
            f"„{dateiname}“ konnte nicht als Excel-Arbeitsmappe gelesen werden "
            "(beschädigt oder abgeschnitten)."
        ) from exc


class _Zeichenzaehler:
    """All cells together may hold IMPORT_MAX_ZEICHEN characters (a few rows of huge cells
    cost as much memory as a million small ones)."""

    def __init__(self, dateiname: str):
        self.dateiname = dateiname
        self.zeichen = 0

    def zeile(self, zellen) -> None:
        self.zeichen += sum(len(z) if isinstance(z, str) else 16 for z in zellen if z is not None)
        if self.zeichen > settings.IMPORT_MAX_ZEICHEN:
            grenze = f"{settings.IMPORT_MAX_ZEICHEN:,}".replace(",", ".")
            raise ImportFehler(
                f"„{self.dateiname}“ enthält mehr Text, als ein Import aufnimmt "
                f"(über {grenze} Zeichen); bitte aufteilen."
            )


def _kopfbreite(blatt) -> int:
    """Columns up to the last filled header cell: later cells are ignored anyway, and no row
    is padded beyond it (a forged sheet dimension cannot blow up every row)."""
    for zeile in blatt.iter_rows(max_col=MAX_SPALTEN, values_only=True):
        gefuellt = [i for i, wert in enumerate(zeile, 1) if wert not in (None, "")]
        if gefuellt:
            return gefuellt[-1]
    return 1


def _verursacht_durch(exc: BaseException | None, art: type[BaseException]) -> bool:
    while exc is not None:
        if isinstance(exc, art):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _text_dekodieren(daten: bytes, dateiname: str) -> str:
    if daten.startswith((b"\xff\xfe", b"\xfe\xff")):
        kandidaten = ["utf-16"]  # Excel's "Unicode-Text"
    else:
        kandidaten = ["utf-8-sig", "cp1252"]
    for kodierung in kandidaten:
        try:
            text = daten.decode(kodierung)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise ImportFehler(
                f"„{dateiname}“ enthält NUL-Bytes; das ist keine Textdatei (CSV) und keine XLSX-Datei."
            )
        return text
    raise ImportFehler(
        f"Die Zeichenkodierung von „{dateiname}“ wurde nicht erkannt (erlaubt: UTF-8 oder "
        "Windows-1252, wie Excel CSV speichert)."
    )


def _trennzeichen(erste_zeile: str) -> str:
    # German Excel writes ";" — choose the candidate that splits the header most often.
    return max([";", ",", "\t"], key=erste_zeile.count)


def _csv_zeilen(daten: bytes, dateiname: str, max_zeilen: int):
    text = _text_dekodieren(daten, dateiname)
    erste = text.split("\n", 1)[0]
    leser = csv.reader(io.StringIO(text, newline=""), delimiter=_trennzeichen(erste))
    nummer = 0
    zaehler = _Zeichenzaehler(dateiname)
    try:
        for nummer, zeile in enumerate(leser, 1):
            if nummer > max_zeilen + 1:
                raise ImportFehler(
                    f"„{dateiname}“ hat mehr als {max_zeilen:,} Datenzeilen; bitte aufteilen.".replace(
                        ",", "."
                    )
                )
            zaehler.zeile(zeile[:MAX_SPALTEN])
            yield nummer, zeile[:MAX_SPALTEN]
    except csv.Error as exc:
        raise ImportFehler(
            f"„{dateiname}“, Zeile {nummer + 1}: die CSV-Datei ist fehlerhaft ({exc})."
        ) from exc


def _zelle(wert: Any) -> Any:
    if isinstance(wert, str):
        wert = wert.strip()
        return wert or None
    if isinstance(wert, float) and wert.is_integer():
        return int(wert)
    return wert


def _tabelle_bilden(roh, dateiname: str) -> Tabelle:
    kopf: list[str] | None = None
    zeilen: list[list[Any]] = []
    nummern: list[int] = []
    for nummer, zeile in roh:
        werte = [_zelle(w) for w in zeile]
        if not any(w is not None for w in werte):
            continue  # blank lines are common at the end of spreadsheets
        if kopf is None:
            kopf = [str(w) if w is not None else "" for w in werte]
            while kopf and not kopf[-1]:
                kopf.pop()
            doppelt = {k for k in kopf if k and kopf.count(k) > 1}
            if doppelt:
                raise ImportFehler(
                    f"„{dateiname}“, Zeile {nummer}: Spalte „{sorted(doppelt)[0]}“ kommt doppelt vor."
                )
            continue
        werte = (werte + [None] * len(kopf))[: len(kopf)]
        zeilen.append(werte)
        nummern.append(nummer)
    if kopf is None:
        raise ImportFehler(f"„{dateiname}“ enthält keine Kopfzeile und keine Daten.")
    return Tabelle(kopf=kopf, zeilen=zeilen, zeilennummern=nummern)


def kopf_angleichen(tabelle: Tabelle, spalten: list[str], pflicht: list[str]) -> list[Zeilenfehler]:
    """Match headers case-insensitively to the expected names; report missing required columns."""
    bekannt = {s.casefold(): s for s in spalten}
    tabelle.kopf = [bekannt.get(k.casefold(), k) for k in tabelle.kopf]
    return [
        Zeilenfehler(1, spalte, "Pflichtspalte fehlt.")
        for spalte in pflicht
        if spalte not in tabelle.kopf
    ]


# --- Importing ----------------------------------------------------------------------------------
def tabelle_vorbereiten(
    tabelle: Tabelle | bytes,
    *,
    dateiname: str,
    spalten: list[str],
    pflichtspalten: list[str],
    vorschau_zeilen: int = 50,
) -> ImportErgebnis:
    """What every import does before its rows: read the file (or take the table a preview
    read), match the header, refuse a file without data rows, keep the first rows for the
    preview. `ergebnis.tabelle` is the table; `ergebnis.fehler` says why the file as a whole
    cannot be imported."""
    ergebnis = ImportErgebnis(dateiname=dateiname)
    if isinstance(tabelle, bytes):
        try:
            tabelle = tabelle_lesen(tabelle, dateiname)
        except ImportFehler as exc:
            ergebnis.fehler = [Zeilenfehler(None, None, str(exc))]
            return ergebnis
    ergebnis.tabelle = tabelle
    ergebnis.fehler = kopf_angleichen(tabelle, spalten, pflichtspalten)
    if ergebnis.fehler:
        return ergebnis
    if not tabelle.zeilen:
        ergebnis.fehler.append(
            Zeilenfehler(None, None, f"„{dateiname}“ enthält keine Datenzeilen.")
        )
        return ergebnis
    for werte, nummer in zip(
        tabelle.zeilen[:vorschau_zeilen], tabelle.zeilennummern[:vorschau_zeilen], strict=True
    ):
        ergebnis.vorschau.append({"zeile": nummer, "werte": werte})
    return ergebnis


def importieren(
    resource,
    tabelle: Tabelle | bytes,
    *,
    dateiname: str,
    speichern: bool,
    pflichtspalten: list[str],
    vorschau_zeilen: int = 50,
    **kwargs,
) -> ImportErgebnis:
    """Run a django-import-export resource over a file's table: everything is saved, or
    nothing. `tabelle` is the uploaded file's content, or the table a preview already read."""
    ergebnis = tabelle_vorbereiten(
        tabelle,
        dateiname=dateiname,
        spalten=[f.column_name for f in resource.fields.values()],
        pflichtspalten=pflichtspalten,
        vorschau_zeilen=vorschau_zeilen,
    )
    if ergebnis.fehler:
        return ergebnis
    tabelle = ergebnis.tabelle
    resource.zeilennummern = tabelle.zeilennummern
    with transaction.atomic():
        result = resource.import_data(
            tabelle.als_dataset(),
            dry_run=not speichern,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        ergebnis.fehler = _fehler_sammeln(resource, result, tabelle)
        if ergebnis.fehler or not speichern:
            transaction.set_rollback(True)

    for row in result.rows:
        typ = row.import_type
        if typ == row.IMPORT_TYPE_NEW:
            ergebnis.neu += 1
        elif typ == row.IMPORT_TYPE_UPDATE:
            ergebnis.geaendert += 1
        elif typ == row.IMPORT_TYPE_SKIP:
            ergebnis.unveraendert += 1
    ergebnis.gespeichert = speichern and not ergebnis.fehler
    return ergebnis


def zeilen_einfuegen(model, felder: list[str], zeilen: list[list[Any]], **gemeinsam) -> None:
    """Insert new rows of `model` inside the caller's transaction: each row gives the values
    of `felder` (attnames, values ready for the database: str, int, None) in this order;
    `gemeinsam` and the model's defaults fill the other columns alike for all rows. No save(),
    no signals. PostgreSQL gets one COPY (a fraction of bulk_create's Python work at thousands
    of rows; row triggers such as a search vector still run); other databases bulk_create."""
    alias = router.db_for_write(model)
    verbindung = connections[alias]
    if verbindung.vendor != "postgresql":
        model.objects.using(alias).bulk_create(
            [model(**gemeinsam, **dict(zip(felder, zeile, strict=True))) for zeile in zeilen]
        )
        return
    vorlage = model(**gemeinsam)  # defaults once: a default now() is one moment for all rows
    spalten, werte = [], []
    for feld in model._meta.concrete_fields:
        if feld.primary_key and feld.db_returning:
            continue  # the sequence numbers the rows
        wert = None if feld.attname in felder else getattr(vorlage, feld.attname)
        if hasattr(wert, "resolve_expression"):
            continue  # a database default (db_default) applies
        spalten.append(feld)
        werte.append(wert if wert is None else feld.get_db_prep_save(wert, verbindung))
    stellen = [[f.attname for f in spalten].index(name) for name in felder]
    namen = ", ".join(verbindung.ops.quote_name(f.column) for f in spalten)
    tabelle = verbindung.ops.quote_name(model._meta.db_table)
    with (
        verbindung.cursor() as cursor,
        cursor.cursor.copy(f"COPY {tabelle} ({namen}) FROM STDIN") as kopie,
    ):
        for zeile in zeilen:
            for stelle, wert in zip(stellen, zeile, strict=True):
                werte[stelle] = wert
            kopie.write_row(werte)
    # Foreign keys are checked at commit (deferred); check them now, so a row whose target was
    # deleted meanwhile fails here, as an IntegrityError the caller reports, even inside an
    # outer transaction.
    verbindung.check_constraints()


def _fehler_sammeln(resource, result, tabelle: Tabelle) -> list[Zeilenfehler]:
    zeile = resource.dateizeile

    spalte_zu = {}
    for f in resource.get_import_fields():
        spalte_zu[f.attribute] = f.column_name
    spalte_zu.update(getattr(resource, "fehler_spalten", {}))

    fehler: list[Zeilenfehler] = []
    for err in result.base_errors:
        # Not tied to a row (e.g. a batch the database refused): the whole import stops.
        fehler.append(
            Zeilenfehler(
                None,
                None,
                "Der Import konnte nicht gespeichert werden "
                f"({type(err.error).__name__}); es wurde nichts übernommen.",
            )
        )
    for nummer, errs in result.row_errors():
        for err in errs:
            fehler.append(Zeilenfehler(zeile(nummer), None, _meldung(err.error)))
    for invalid in result.invalid_rows:
        for feld, meldungen in invalid.error_dict.items():
            spalte = None if feld == NON_FIELD_ERRORS else spalte_zu.get(feld, feld)
            for meldung in meldungen:
                fehler.append(Zeilenfehler(zeile(invalid.number), spalte, str(meldung)))
    fehler.sort(key=lambda f: (f.zeile or 0, f.spalte or ""))
    return fehler


def _meldung(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    if isinstance(exc, ValueError | LookupError):
        return str(exc)
    return f"Die Zeile konnte nicht gespeichert werden ({type(exc).__name__})."


# --- Exporting ----------------------------------------------------------------------------------
def zelle_entschaerfen(wert: Any) -> Any:
    """Keep spreadsheet programs from running a cell as a formula (CSV/formula injection)."""
    if isinstance(wert, str) and wert.startswith(EXCEL_FORMELZEICHEN):
        return "'" + wert
    return wert


# --- Keeping an upload between preview and confirmation -----------------------------------------
_ABLAGE_SCHLUESSEL = "import_ablagen"


def _ablage_ordner():
    from pathlib import Path

    ordner = Path(settings.VAR_DIR) / "import-ablage"
    ordner.mkdir(parents=True, exist_ok=True)
    return ordner


@dataclass
class Ablage:
    dateiname: str
    tabelle: Tabelle
    angaben: dict[str, Any]


def upload_ablegen(request, dateiname: str, tabelle: Tabelle, **angaben) -> str:
    """Keep the previewed table (and the choices made with it) on disk, so the confirmation
    neither uploads nor parses the file again; the token only works in this user's session.
    A session keeps its newest IMPORT_ABLAGE_JE_SITZUNG previews; all together may take
    IMPORT_ABLAGE_MAX_BYTES (else ImportFehler); beat removes old ones (ablagen_aufraeumen)."""
    import secrets

    ordner = _ablage_ordner()
    inhalt = json.dumps(
        {
            "dateiname": dateiname,
            "tabelle": tabelle.als_dict(),
            "angaben": angaben,
        },
        default=str,  # as Tabelle.als_json: dates in cells
    )
    belegt = sum(p.stat().st_size for p in ordner.iterdir() if p.is_file())
    if belegt + len(inhalt) > settings.IMPORT_ABLAGE_MAX_BYTES:
        raise ImportFehler(
            "Es warten gerade zu viele Import-Vorschauen auf ihre Bestätigung. Bitte später "
            "erneut hochladen."
        )
    token = secrets.token_urlsafe(24)
    (ordner / token).write_text(inhalt, encoding="utf-8")
    ablagen = [*request.session.get(_ABLAGE_SCHLUESSEL, []), token]
    for alt in ablagen[: -settings.IMPORT_ABLAGE_JE_SITZUNG]:  # this session's oldest
        (ordner / alt).unlink(missing_ok=True)
    request.session[_ABLAGE_SCHLUESSEL] = ablagen[-settings.IMPORT_ABLAGE_JE_SITZUNG :]
    return token


def ablagen_aufraeumen(*, jetzt: float | None = None) -> int:
    """Remove previews older than IMPORT_ABLAGE_STUNDEN (beat runs it hourly)."""
    import time

    grenze = (jetzt or time.time()) - settings.IMPORT_ABLAGE_STUNDEN * 3600
    entfernt = 0
    for pfad in _ablage_ordner().iterdir():
        if pfad.is_file() and pfad.stat().st_mtime < grenze:
            pfad.unlink(missing_ok=True)
            entfernt += 1
    return entfernt


def upload_uebernehmen(request, token: str) -> Ablage | None:
    """Claim a preview for its one confirmation. Renaming the file is atomic, so a double
    click (or a second tab) finds nothing and cannot import the same cards twice."""
    ablagen = request.session.get(_ABLAGE_SCHLUESSEL, [])
    if token not in ablagen:  # unknown token, or another user's: never touch the disk by name
        return None
    request.session[_ABLAGE_SCHLUESSEL] = [t for t in ablagen if t != token]
    pfad = _ablage_ordner() / token
    uebernommen = pfad.with_name(f"{token}.uebernommen")
    try:
        pfad.rename(uebernommen)
    except FileNotFoundError:
        return None
    try:
        inhalt = json.loads(uebernommen.read_text(encoding="utf-8"))
    finally:
        uebernommen.unlink(missing_ok=True)
    return Ablage(inhalt["dateiname"], Tabelle(**inhalt["tabelle"]), inhalt["angaben"])


EXPORT_FORMATE = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


def tabelle_exportieren(dataset: tablib.Dataset, format: str) -> bytes:
    """XLSX, or CSV as German Excel opens it (UTF-8 with BOM, ";"), every text cell defused."""
    sauber = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for zeile in dataset:
        sauber.append([zelle_entschaerfen(w) for w in zeile])
    if format == "xlsx":
        return sauber.export("xlsx")
    if format == "csv":
        return ("\ufeff" + sauber.export("csv", delimiter=";")).encode("utf-8")
    raise ValueError(f"Unbekanntes Format „{format}“ (erlaubt: xlsx, csv).")
