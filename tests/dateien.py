"""Builders for import files, good and hostile, in memory."""

import csv
import io
import zipfile

import openpyxl


def csv_bytes(zeilen: list[list], *, trenner: str = ";", kodierung: str = "utf-8") -> bytes:
    puffer = io.StringIO()
    csv.writer(puffer, delimiter=trenner).writerows(zeilen)
    return puffer.getvalue().encode(kodierung)


def xlsx_bytes(zeilen: list[list]) -> bytes:
    mappe = openpyxl.Workbook()
    blatt = mappe.active
    for zeile in zeilen:
        blatt.append(zeile)
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def zip_ersetzen(
    daten: bytes, ersetzungen: dict[str, bytes], kompression=zipfile.ZIP_DEFLATED
) -> bytes:
    """Copy a zip archive, replacing (or adding) members."""
    quelle = zipfile.ZipFile(io.BytesIO(daten))
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", kompression) as ziel:
        for info in quelle.infolist():
            if info.filename not in ersetzungen:
                ziel.writestr(info, quelle.read(info.filename))
        for name, inhalt in ersetzungen.items():
            ziel.writestr(name, inhalt)
    return puffer.getvalue()


# "Billion laughs": nine levels of entities, a few hundred bytes that expand to gigabytes.
ENTITY_BOMBE = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>
</sheetData></worksheet>"""


def sparse_riesenblatt() -> bytes:
    """A tiny XLSX whose only data row is row 1,048,576 (a million rows when read naively)."""
    basis = xlsx_bytes([["Kennzahl", "Ebene", "Gebiet", "Jahr", "Wert"]])
    blatt = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Kennzahl</t></is></c></row>'
        b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
        b"</sheetData></worksheet>"
    )
    return zip_ersetzen(basis, {"xl/worksheets/sheet1.xml": blatt})
