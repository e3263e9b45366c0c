"""A small OParl 1.1 server for tests, on 127.0.0.1, written from the specification (OParl/spec
v1.1.1: schema/*.json, src/2-05 lists and pagination, src/2-08 deleted objects): System, Body,
a paginated Paper list, Papers with embedded Consultations, Meetings, AgendaItems; a deleted
Paper, a slow one, broken ones, one that fails a few times before it answers, and one that
redirects to a foreign host. Tests change `papiere` to simulate the council's system."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from copy import deepcopy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

T = "https://schema.oparl.org/1.1/"
ZEIT = "2026-03-01T09:00:00+01:00"


class OParlServer:
    def __init__(self, *, langsam_sekunden: float = 3.0):
        self.langsam_sekunden = langsam_sekunden
        self.fehler_vor_erfolg = 0  # /paper/wackelig answers 500 this many times
        self.anfragen: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.basis = f"http://127.0.0.1:{self._server.server_port}/oparl/v1"
        self.papiere = {
            "749": self._paper("749", "1234/2026", "Handlungsempfehlung Streetwork am Bahnhof"),
            "750": self._paper(
                "750", "1235/2026", "Strategiepapier Oberhausen-Ost", beschluss=False
            ),
            "wackelig": self._paper("wackelig", "1300/2026", "Erst beim dritten Mal"),
        }

    # --- Objects as the spec describes them ---------------------------------------------------
    def url(self, pfad: str) -> str:
        return f"{self.basis}/{pfad}"

    def _paper(self, nr: str, nummer: str, name: str, *, beschluss: bool = True) -> dict:
        beratung = {
            "id": self.url(f"consultation/{nr}"),
            "type": T + "Consultation",
            "organization": [self.url("organization/1")],
            "authoritative": beschluss,
            "role": "Beschlussfassung" if beschluss else "Kenntnisnahme",
            "created": ZEIT,
            "modified": ZEIT,
        }
        if beschluss:
            beratung["meeting"] = self.url("meeting/243")
            beratung["agendaItem"] = self.url("agendaitem/15569")
        return {
            "id": self.url(f"paper/{nr}"),
            "type": T + "Paper",
            "body": self.url("body/1"),
            "name": name,
            "reference": nummer,
            "date": "2026-02-12",
            "paperType": "Beschlussvorlage",
            "consultation": [beratung],
            "web": f"https://ris.example.org/vorlage/{nr}",
            "created": ZEIT,
            "modified": ZEIT,
        }

    def loeschen(self, nr: str) -> None:
        """A soft delete (src/2-08): id, type, created stay; deleted: true; HTTP 200."""
        self.papiere[nr] = {
            "id": self.url(f"paper/{nr}"),
            "type": T + "Paper",
            "created": ZEIT,
            "modified": "2026-06-01T10:00:00+02:00",
            "deleted": True,
        }

    def _objekt(self, pfad: str, query: dict) -> tuple[int, object]:
        teile = pfad.strip("/").split("/")[2:]  # after oparl/v1
        if teile == ["system"]:
            return 200, {
                "id": self.url("system"),
                "type": T + "System",
                "oparlVersion": "https://schema.oparl.org/1.1/",
                "body": self.url("bodies"),
                "name": "Testrat",
                "created": ZEIT,
                "modified": ZEIT,
            }
        if teile == ["bodies"]:
            return 200, self._liste([self._body()], 1, 1, "bodies")
        if teile == ["body", "1"]:
            return 200, self._body()
        if teile == ["body", "1", "paper"]:
            seite = int((query.get("page") or ["1"])[0])
            alle = [p for p in self.papiere.values() if not p.get("deleted")]
            return 200, self._liste(
                alle[(seite - 1) * 2 : seite * 2],
                seite,
                (len(alle) + 1) // 2,
                "body/1/paper",
                len(alle),
            )
        if teile == ["meeting", "243"]:
            return 200, {
                "id": self.url("meeting/243"),
                "type": T + "Meeting",
                "name": "12. Sitzung des Rates",
                "start": "2026-03-10T17:00:00+01:00",
                "end": "2026-03-10T21:00:00+01:00",
                "agendaItem": [self._punkt(eingebettet=True)],
                "created": ZEIT,
                "modified": ZEIT,
            }
        if teile == ["agendaitem", "15569"]:
            return 200, self._punkt(eingebettet=False)
        if teile[:1] == ["paper"] and len(teile) == 2:
            nr = teile[1]
            if nr == "langsam":
                time.sleep(self.langsam_sekunden)
                return 200, self.papiere["749"]
            if nr == "kaputt":
                return 200, "{kein json"
            if nr == "fremd":
                return 200, {"id": self.url("paper/fremd"), "type": "https://example.org/Other"}
            if nr == "wackelig" and self.fehler_vor_erfolg > 0:
                self.fehler_vor_erfolg -= 1
                return 500, {"type": T + "Error", "message": "Wartung"}
            if nr in self.papiere:
                return 200, self.papiere[nr]
        return 404, {"type": T + "Error", "message": "Not found"}

    def _body(self) -> dict:
        return {
            "id": self.url("body/1"),
            "type": T + "Body",
            "name": "Stadt Beispiel",
            "shortName": "Beispiel",
            "ags": "05119000",
            "organization": self.url("body/1/organization"),
            "person": self.url("body/1/person"),
            "meeting": self.url("body/1/meeting"),
            "paper": self.url("body/1/paper"),
            "agendaItem": self.url("body/1/agendaItem"),
            "consultation": self.url("body/1/consultation"),
            "file": self.url("body/1/file"),
            "membership": self.url("body/1/membership"),
            "locationList": self.url("body/1/location"),
            "legislativeTermList": self.url("body/1/legislativeTerm"),
            "legislativeTerm": [],
            "created": ZEIT,
            "modified": ZEIT,
        }

    def _punkt(self, *, eingebettet: bool) -> dict:
        punkt = {
            "id": self.url("agendaitem/15569"),
            "type": T + "AgendaItem",
            "order": 0,
            "number": "10.1",
            "name": "Handlungsempfehlung Streetwork",
            "public": True,
            "consultation": self.url("consultation/749"),
            "result": "Geändert beschlossen",
            "created": ZEIT,
            "modified": ZEIT,
        }
        if not eingebettet:
            punkt["meeting"] = self.url("meeting/243")
        return punkt

    def _liste(self, daten, seite, seiten, pfad, gesamt=None) -> dict:
        links = {
            "first": self.url(f"{pfad}?page=1"),
            "last": self.url(f"{pfad}?page={max(seiten, 1)}"),
        }
        if seite < seiten:
            links["next"] = self.url(f"{pfad}?page={seite + 1}")
        if seite > 1:
            links["prev"] = self.url(f"{pfad}?page={seite - 1}")
        return {
            "data": deepcopy(daten),
            "pagination": {
                "totalElements": len(daten) if gesamt is None else gesamt,
                "elementsPerPage": 2,
                "currentPage": seite,
                "totalPages": max(seiten, 1),
            },
            "links": links,
        }

    # --- HTTP ---------------------------------------------------------------------------------
    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                teile = urlsplit(self.path)
                server.anfragen.append(teile.path)
                if teile.path.endswith("/paper/umleitung"):
                    self.send_response(301)
                    self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                    self.end_headers()
                    return
                status, inhalt = server._objekt(teile.path, parse_qs(teile.query))
                roh = inhalt if isinstance(inhalt, str) else json.dumps(inhalt, ensure_ascii=False)
                daten = roh.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Length", str(len(daten)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(daten)  # the client may have given up (timeout test)

            def log_message(self, *args):  # quiet
                pass

        return Handler

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
