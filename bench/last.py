"""Load on the production stack: gunicorn as docker-compose.yml runs it (its command line, so
its workers and worker class), DEBUG=0, PostgreSQL, Redis and a Celery worker, all on
127.0.0.1. The six demo roles sign in through the login form and, with anonymous visitors of
the public pages, send a mix of page requests at a fixed arrival rate (open model: a request
starts on schedule whatever the earlier ones do, and its time counts from that scheduled start).
Prints throughput, p50/p95/p99, the slowest pages, CPU per request of gunicorn, PostgreSQL and
the load generator itself, the workers' memory at start, middle and end, and the verdict.

    .venv/bin/python bench/last.py                            # 120 req/s for 10 min (issue 15)
    .venv/bin/python bench/last.py --rate 50 --dauer 180
    .venv/bin/python bench/last.py --suche                    # 40, 60, 80, … req/s, 30 s each
    .venv/bin/python bench/last.py --oeffentlich              # public pages only, 500 req/s
    .venv/bin/python bench/last.py --je-art 40                # CPU per kind of page, alone
    .venv/bin/python bench/last.py --smoke      # CI: 5 req/s for 3 s on 200 Anregungen, few pages

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth; another server: DATABASE_URL)
and Redis on 127.0.0.1:6379 (another: REDIS_URL; the bench uses and flushes its dbs 4 and 5).
The database sozialplanung_bench_last (sozialplanung_bench_last_<N> for another --anregungen)
is filled once (migrate, demo, bench/volumen.py) and reused; --neu builds it again. Server
logs: var/bench/last/.

Production settings stay as they are: the bench plays the city's TLS proxy (BEHIND_TLS_PROXY=1,
X-Forwarded-Proto: https, X-Forwarded-For, as README "Was der Proxy davor tun muss" asks), so
the HTTPS redirect, secure cookies and HSTS stay on. TRANSPARENZ_AKTIV=1 switches the public
pages on, as a city that publishes would.

The client is a small HTTP/1.1 client on asyncio streams, because the generator shares the
two cores with the server: 0.6–0.7 ms CPU per request against gunicorn's sync workers, which
close every connection (a bare asyncio Protocol costs the same: the event loop and a new TCP
connection per request are the floor), where httpx took 2 ms in the same test.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import ctypes
import html
import os
import random
import re
import resource
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE = Path(__file__).resolve().parent.parent
VAR = BASE / "var" / "bench" / "last"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATENBANK = "sozialplanung_bench_last"
ANREGUNGEN = 20_000
REDIS_BROKER, REDIS_CACHE = 4, 5
ROLLEN = ["sozialplanung", "fb-jugend", "bl-jugend", "fb-gesundheit", "bl-gesundheit", "lesend"]
PASSWORT = "demo"  # start.demo.DEMO_PASSWORT; not imported, so this process stays without Django
ZEITLIMIT = 30.0
TAKT = 0.5  # seconds between /proc samples
TICK = os.sysconf("SC_CLK_TCK")
SEITE = os.sysconf("SC_PAGE_SIZE")

# Share of each kind of page in percent (issue 15: start page, queue with filters and search,
# item pages, dashboard, Sozialindex, World-Café, public pages). A kind no role may see is
# left out and the others scale up; within a kind, role and page are drawn evenly.
ARTEN = {
    "Startseite": 12,
    "Arbeitsliste": 6,
    "Arbeitsliste mit Filter": 8,
    "Arbeitsliste mit Suche": 6,
    "Anregung": 14,
    "Empfehlungsliste": 4,
    "Empfehlung": 8,
    "Steckbriefliste": 3,
    "Steckbrief": 6,
    "Controlling-Dashboard": 5,
    "Sachstandsmeldungen": 3,
    "Sozialindex": 3,
    "Sozialräume und Kennzahlen": 2,
    "World-Café": 5,
    "Benachrichtigungen": 2,
    "Strategiepapiere und Wirkung": 3,
    "Öffentlich: Start": 2,
    "Öffentlich: Überblick": 1,
    "Öffentlich: Listen": 2.5,
    "Öffentlich: Einträge": 3.5,
    "Öffentlich: Strategiepapiere": 0.7,
    "Öffentlich: Daten": 0.3,
}
OEFFENTLICH = {
    "Öffentlich: Start": re.compile(r"/transparenz/"),
    "Öffentlich: Überblick": re.compile(r"/transparenz/ueberblick/"),
    "Öffentlich: Listen": re.compile(r"/transparenz/(empfehlungen|massnahmen)/(\?.*)?"),
    "Öffentlich: Einträge": re.compile(r"/transparenz/(empfehlungen|massnahmen)/[^/?]+/"),
    "Öffentlich: Strategiepapiere": re.compile(r"/transparenz/strategiepapiere/(\d+/)?(\?.*)?"),
    "Öffentlich: Daten": re.compile(r"/transparenz/daten/"),
}
# Words from bench/volumen.py's pools: each hits a few percent of the cards.
SUCHWOERTER = ["Jugendtreff", "Streetwork", "Familienzentrum", "Spielplatz", "Sprachkurs"]
ZIEL = {False: (0.300, "p95 ≤ 300 ms, 0 Fehler"), True: (0.100, "p95 ≤ 100 ms, 0 Fehler")}


# --- The stack ----------------------------------------------------------------------------------


def _compose() -> tuple[list[str], list[str], dict[str, str]]:
    """gunicorn's and the worker's arguments and the app's environment from docker-compose.yml,
    so that a change of the server settings there is what gets measured."""
    import yaml

    dienste = yaml.safe_load((BASE / "docker-compose.yml").read_text(encoding="utf-8"))["services"]

    def befehl(dienst: str, programm: str) -> list[str]:
        teile = dienste[dienst]["command"]
        zeile = teile[-1] if teile[:2] == ["sh", "-c"] else shlex.join(teile)
        for schritt in re.split(r"&&|;", zeile):
            woerter = shlex.split(schritt)
            if programm in woerter:
                return woerter[woerter.index(programm) + 1 :]
        raise SystemExit(f"docker-compose.yml: kein {programm} im Dienst {dienst}.")

    umgebung = {
        name: str(wert)
        for name, wert in (dienste["web"].get("environment") or {}).items()
        if "${" not in str(wert)  # the URLs of the compose network; the bench sets its own
    }
    return befehl("web", "gunicorn"), befehl("worker", "celery"), umgebung


def _gunicorn_befehl(argumente: list[str], port: int) -> list[str]:
    """compose's arguments with the bind address replaced by the bench's."""
    ergebnis, i = [], 0
    while i < len(argumente):
        a = argumente[i]
        if a in ("-b", "--bind"):
            i += 2
            continue
        if not a.startswith("--bind="):
            ergebnis.append(a)
        i += 1
    return [str(BIN / "gunicorn"), *ergebnis, "--bind", f"127.0.0.1:{port}"]


def _server_url() -> str:
    return os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"


def _mit_name(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def _datenbank(args) -> tuple[str, bool]:
    """The bench's database and whether it is filled already. It is filled once, under a
    temporary name renamed when complete: a run broken off while filling leaves nothing that
    looks ready."""
    import psycopg

    name = DATENBANK if args.anregungen == ANREGUNGEN else f"{DATENBANK}_{args.anregungen}"
    with psycopg.connect(_server_url(), autocommit=True) as db:
        if args.neu:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return name, True
        db.execute(f'DROP DATABASE IF EXISTS "{name}_neu" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}_neu"')
    return name, False


def _fuellen(args, name: str) -> None:
    import psycopg

    print(f"Aufbau: Datenbank {name} (Demo + {args.anregungen} Anregungen) …", flush=True)
    beginn = time.monotonic()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",  # the demo refuses production
        "VAR_DIR": str(VAR),
        "DATABASE_URL": _mit_name(_server_url(), name + "_neu"),
    }
    subprocess.run(
        [PYTHON, __file__, "--aufbau-intern", str(args.anregungen)], cwd=BASE, env=env, check=True
    )
    with psycopg.connect(_server_url(), autocommit=True) as db:
        db.execute(f'ALTER DATABASE "{name}_neu" RENAME TO "{name}"')
    print(f"  fertig in {time.monotonic() - beginn:.0f} s", flush=True)


def _anregungen(datenbank_url: str) -> int:
    import psycopg

    with psycopg.connect(datenbank_url) as db:
        return db.execute("SELECT count(*) FROM empfehlungen_anregung").fetchone()[0]


def _aufbau_intern(anregungen: int) -> None:
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.core.management import call_command

    from bench import volumen
    from empfehlungen.models import Anregung
    from start import demo

    call_command("migrate", "--noinput", verbosity=0)
    demo.laden()
    fehlen = anregungen - Anregung.objects.count()
    if fehlen > 0:
        volumen.erzeugen(
            anregungen=fehlen, empfehlungen=anregungen // 10, steckbriefe=anregungen // 10
        )


def _redis_url(nummer: int) -> str:
    return (os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379").rstrip("/") + f"/{nummer}"


def _produktion(datenbank_url: str, port: int, compose: dict[str, str]) -> dict[str, str]:
    # A gunicorn setting in the caller's shell would measure something compose does not run.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "DATABASE_URL")
    }
    env.update(compose)
    env.update(
        {
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"https://127.0.0.1:{port}",
            "EMAIL_HOST": "127.0.0.1",
            "DEFAULT_FROM_EMAIL": "bench@example.org",
            "DATABASE_URL": datenbank_url,
            "CELERY_BROKER_URL": _redis_url(REDIS_BROKER),
            "CACHE_URL": _redis_url(REDIS_CACHE),
            "BEHIND_TLS_PROXY": "1",
            "TRANSPARENZ_AKTIV": "1",
            "STADT_NAME": "Oberhausen",
            "TRANSPARENZ_GEMEINDESCHLUESSEL": "05119000",
            "VAR_DIR": str(VAR),
        }
    )
    return env


def _redis_leeren() -> None:
    import redis

    for nummer in (REDIS_BROKER, REDIS_CACHE):
        redis.Redis.from_url(_redis_url(nummer)).flushdb()


def _mit_eltern_enden() -> None:
    # A child outlives a bench killed with SIGKILL otherwise (PR_SET_PDEATHSIG).
    ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)


class Stapel:
    """The processes the bench started; each in its own process group, ended with it."""

    def __init__(self):
        self.prozesse: list[subprocess.Popen] = []

    def starten(self, befehl: list[str], env: dict[str, str], log: str) -> subprocess.Popen:
        with (VAR / log).open("w") as ausgabe:
            p = subprocess.Popen(
                befehl,
                cwd=BASE,
                env=env,
                stdout=ausgabe,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_mit_eltern_enden,  # no threads yet, so safe here
            )
        self.prozesse.append(p)
        return p

    def beenden(self) -> None:
        for p in self.prozesse:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.prozesse:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        self.prozesse = []


def _frei() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _warten_auf(bedingung, sekunden: float, was: str, prozess: subprocess.Popen, log: str):
    ende = time.monotonic() + sekunden
    while time.monotonic() < ende:
        if prozess.poll() is not None:
            raise SystemExit(f"{was} ist beendet (Code {prozess.returncode}), siehe {VAR / log}.")
        if bedingung():
            return
        time.sleep(0.2)
    raise SystemExit(f"{was} ist nach {sekunden:.0f} s nicht bereit, siehe {VAR / log}.")


def _gesund(port: int) -> bool:
    """/healthz answers 200 once database and a worker (through Redis) answer."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return b" 200 " in s.recv(64).split(b"\r\n", 1)[0]
    except OSError:
        return False


# --- /proc: CPU and memory of the server processes ---------------------------------------------


def _stat(pid: int) -> tuple[int, float] | None:
    """(start time, CPU seconds) of a process, None once it has gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            teile = f.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return int(teile[19]), (int(teile[11]) + int(teile[12])) / TICK


def _kinder(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", "rb") as f:
            return [int(k) for k in f.read().split()]
    except OSError:
        return []


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * SEITE / 1e6
    except OSError:
        return None


def _maschine() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine."""
    with open("/proc/stat", "rb") as f:
        werte = [int(x) for x in f.readline().split()[1:9]]
    return (sum(werte) - werte[3] - werte[4]) / TICK, sum(werte) / TICK


class Gruppe:
    """CPU of a changing set of processes. Each process keeps its last sampled counter, so one
    that exits between samples loses at most one sampling interval."""

    def __init__(self, finden):
        self.finden = finden
        self.zuletzt: dict[tuple[int, int], float] = {}

    def probe(self) -> None:
        for pid in self.finden():
            werte = _stat(pid)
            if werte:
                self.zuletzt[(pid, werte[0])] = werte[1]

    def stand(self) -> dict[tuple[int, int], float]:
        self.probe()
        return dict(self.zuletzt)

    @staticmethod
    def zwischen(a: dict, b: dict) -> float:
        return sum(cpu - a.get(schluessel, 0.0) for schluessel, cpu in b.items())


def _postgres_backends(datenbank: str):
    """The backends of the bench's database, found below the postmaster (when it runs here)."""
    import psycopg

    with psycopg.connect(_mit_name(_server_url(), datenbank)) as db:
        backend = db.execute("SELECT pg_backend_pid()").fetchone()[0]
        try:  # while the backend lives
            with open(f"/proc/{backend}/stat", "rb") as f:
                postmaster = int(f.read().rsplit(b")", 1)[1].split()[1])
        except OSError:
            return None
    kennung = f" {datenbank} ".encode()
    fremd: set[int] = set()

    def finden() -> list[int]:
        unsere = []
        for pid in _kinder(postmaster):
            if pid in fremd:
                continue
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    titel = f.read()
            except OSError:
                continue
            if kennung in titel:
                unsere.append(pid)
            elif titel.startswith(b"postgres:"):  # a fresh fork still shows the postmaster's
                fremd.add(pid)
        return unsere

    return finden


def _baum(pid: int) -> list[int]:
    return [pid, *(k for kind in _kinder(pid) for k in _baum(kind))]


# --- HTTP ---------------------------------------------------------------------------------------


class Sitzung:
    """One browser: its cookies (kept by hand: the production cookies are Secure, and the
    bench speaks plain HTTP behind the proxy as the proxy does) and its client address."""

    def __init__(self, rolle: str | None, adresse: str):
        self.rolle = rolle
        self.kekse: dict[str, str] = {}
        self.adresse = adresse
        self.kopf = f"X-Forwarded-For: {adresse}\r\n"
        self.seiten: dict[str, list[tuple[str, str]]] = {}

    def merken(self, set_cookie: list[str]) -> None:
        if self.rolle is None:  # every anonymous request is another visitor
            return
        for zeile in set_cookie:
            name, _, rest = zeile.partition("=")
            wert = rest.split(";", 1)[0]
            if "max-age=0" in rest.lower():
                self.kekse.pop(name.strip(), None)
            else:
                self.kekse[name.strip()] = wert
        kekse = "; ".join(f"{k}={v}" for k, v in self.kekse.items())
        self.kopf = f"X-Forwarded-For: {self.adresse}\r\n" + (
            f"Cookie: {kekse}\r\n" if kekse else ""
        )


class Fehler(Exception):
    pass


class Http:
    """HTTP/1.1 on asyncio streams: keeps a connection open when the server does (gunicorn's
    sync workers close each one), reads Content-Length, chunked or up to the close."""

    def __init__(self, port: int):
        self.port = port
        self.frei: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.verbindungen = 0
        self.basis = (
            f"Host: 127.0.0.1:{port}\r\nX-Forwarded-Proto: https\r\nUser-Agent: bench-last\r\n"
            "Accept: text/html,*/*\r\nAccept-Encoding: gzip\r\nAccept-Language: de\r\n"
        )

    async def anfrage(
        self, sitzung: Sitzung, pfad: str, methode: str = "GET", extra: str = "", daten=b""
    ) -> tuple[int, dict[str, str], bytes]:
        anfrage = (
            f"{methode} {pfad} HTTP/1.1\r\n{self.basis}{sitzung.kopf}{extra}\r\n".encode() + daten
        )
        while True:
            alt = bool(self.frei)
            if alt:
                leser, schreiber = self.frei.pop()
            else:
                leser, schreiber = await asyncio.open_connection("127.0.0.1", self.port)
                self.verbindungen += 1
            try:
                schreiber.write(anfrage)
                kopf = await leser.readuntil(b"\r\n\r\n")
                break
            except (OSError, asyncio.IncompleteReadError):
                schreiber.close()
                if not alt:  # only a kept connection may have been closed by the server
                    raise
            except BaseException:  # a timeout's cancellation among them
                schreiber.close()
                raise
        try:
            zeilen = kopf.decode("latin-1").split("\r\n")
            status = int(zeilen[0].split(" ", 2)[1])
            felder: dict[str, str] = {}
            kekse = []
            for zeile in zeilen[1:]:
                if zeile:
                    name, _, wert = zeile.partition(":")
                    name = name.lower()
                    if name == "set-cookie":
                        kekse.append(wert.strip())
                    else:
                        felder[name] = wert.strip()
            offen = zeilen[0].startswith("HTTP/1.1") and felder.get("connection") != "close"
            if methode == "HEAD" or status in (204, 304):
                koerper = b""
            elif "chunked" in felder.get("transfer-encoding", ""):
                stuecke = []
                while groesse := int((await leser.readline()).split(b";")[0], 16):
                    stuecke.append(await leser.readexactly(groesse))
                    await leser.readexactly(2)
                while (await leser.readline()) not in (b"\r\n", b""):
                    pass
                koerper = b"".join(stuecke)
            elif "content-length" in felder:
                koerper = await leser.readexactly(int(felder["content-length"]))
            else:
                koerper, offen = await leser.read(), False
        except BaseException:
            schreiber.close()
            raise
        if offen:
            self.frei.append((leser, schreiber))
        else:
            schreiber.close()
        sitzung.merken(kekse)
        return status, felder, koerper

    async def seite(self, sitzung: Sitzung, pfad: str) -> str | None:
        """A page's HTML during discovery; None unless 200 with a body."""
        status, felder, koerper = await self.anfrage(sitzung, pfad)
        if status != 200 or not koerper:
            return None
        if felder.get("content-encoding") == "gzip":
            koerper = zlib.decompress(koerper, 31)
        return koerper.decode("utf-8", "replace")

    async def anmelden(self, sitzung: Sitzung) -> None:
        """Through the login form, with its CSRF token, as a browser behind the proxy does."""
        seite = await self.seite(sitzung, "/anmelden/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seite or "")
        if not token:
            raise SystemExit("Die Anmeldeseite hat kein CSRF-Feld.")
        daten = urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": sitzung.rolle, "password": PASSWORT}
        ).encode()
        herkunft = f"https://127.0.0.1:{self.port}"
        status, _, _ = await self.anfrage(
            sitzung,
            "/anmelden/",
            "POST",
            f"Origin: {herkunft}\r\nReferer: {herkunft}/anmelden/\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(daten)}\r\n",
            daten,
        )
        if status != 302 or "sessionid" not in sitzung.kekse:
            raise SystemExit(f"Anmeldung als {sitzung.rolle} gescheitert (HTTP {status}).")


# --- Which pages each role sees ------------------------------------------------------------------

HREF = re.compile(r'(?:href|src)="([^"#]+)"')


def _links(seite: str | None, muster: str, basis: str = "") -> list[str]:
    if not seite:
        return []
    ziel = re.compile(muster)
    gefunden = []
    for roh in HREF.findall(seite):
        pfad = html.unescape(roh)
        if pfad.startswith("?"):
            pfad = basis + pfad
        if ziel.fullmatch(pfad) and pfad not in gefunden:
            gefunden.append(pfad)
    return gefunden


def _optionen(seite: str, name: str) -> list[str]:
    auswahl = re.search(rf'<select name="{name}".*?</select>', seite or "", re.S)
    return [w for w in re.findall(r'value="([^"]*)"', auswahl.group(0)) if w] if auswahl else []


def muster(pfad: str) -> str:
    """A page's pattern for the table: ids and short names as placeholders, query keys only."""
    weg, _, abfrage = pfad.partition("?")
    weg = re.sub(r"/\d+/", "/<id>/", weg)
    weg = re.sub(r"^/(sozialraeume|bereiche)/[^/]+/", r"/\1/<kurzname>/", weg)
    weg = re.sub(
        r"^/transparenz/(empfehlungen|massnahmen)/[^/]+/$", r"/transparenz/\1/<kennung>/", weg
    )
    if abfrage:
        weg += "?" + "&".join(sorted({t.split("=")[0] for t in abfrage.split("&")}))
    return weg


async def _rolle_erkunden(
    http: Http, sitzung: Sitzung, zufall: random.Random, je_art: int
) -> list[str]:
    """Fill the role's pages by following its own links once; every page kept answered 200.
    Returns what was dropped (a link that does not answer 200)."""
    gleichzeitig = asyncio.Semaphore(3)

    async def holen(pfad: str) -> str | None:
        async with gleichzeitig:
            return await http.seite(sitzung, pfad)

    async def alle(pfade) -> dict[str, str | None]:
        pfade = list(dict.fromkeys(pfade))
        return dict(zip(pfade, await asyncio.gather(*(holen(p) for p in pfade)), strict=True))

    listen = await alle(
        [
            "/",
            "/anregungen/",
            "/empfehlungen/",
            "/steckbriefe/",
            "/controlling/",
            "/controlling/perioden/",
            "/sachstandsmeldungen/",
            "/sozialindex/",
            "/sozialraeume/",
            "/kennzahlen/",
            "/bereiche/",
            "/veranstaltungen/",
            "/bekanntheit/",
            "/benachrichtigungen/",
            "/strategiepapiere/",
            "/wirkung/",
        ]
    )
    kandidaten: dict[str, list[str]] = defaultdict(list)

    def da(*pfade: str) -> list[str]:
        return [p for p in pfade if listen.get(p)]

    kandidaten["Startseite"] = da("/")
    queue = listen.get("/anregungen/")
    if queue:
        kandidaten["Arbeitsliste"] = ["/anregungen/"]
        status = _optionen(queue, "status")
        raeume = _optionen(queue, "sozialraum")
        felder = _optionen(queue, "handlungsfeld")
        filter_ = [{"status": s} for s in status]
        filter_ += [{"sozialraum": r} for r in zufall.sample(raeume, min(4, len(raeume)))]
        filter_ += [{"handlungsfeld": h} for h in zufall.sample(felder, min(3, len(felder)))]
        filter_ += [
            {"status": zufall.choice(status), "sozialraum": zufall.choice(raeume)}
            for _ in range(6)
            if status and raeume
        ]
        filter_ += [{"seite": 2}, {"status": "eingegangen", "seite": 2}]
        kandidaten["Arbeitsliste mit Filter"] = [f"/anregungen/?{urlencode(f)}" for f in filter_]
        suche = [{"suche": w} for w in SUCHWOERTER]
        suche += [{"suche": w, "status": zufall.choice(status)} for w in SUCHWOERTER if status]
        kandidaten["Arbeitsliste mit Suche"] = [f"/anregungen/?{urlencode(s)}" for s in suche]
    for art in ("Arbeitsliste mit Filter", "Arbeitsliste mit Suche"):
        kandidaten[art] = zufall.sample(kandidaten[art], min(je_art, len(kandidaten[art])))
    erste = await alle(kandidaten["Arbeitsliste mit Filter"] + kandidaten["Arbeitsliste mit Suche"])
    listen.update(erste)
    for art in ("Arbeitsliste mit Filter", "Arbeitsliste mit Suche"):
        kandidaten[art] = [p for p in kandidaten[art] if listen.get(p)]
    for pfad, seite in listen.items():
        if pfad.startswith("/anregungen/"):
            kandidaten["Anregung"] += _links(seite, r"/anregungen/\d+/")
    kandidaten["Empfehlungsliste"] = da("/empfehlungen/") + _links(
        listen.get("/empfehlungen/"), r"/empfehlungen/\?seite=\d+", "/empfehlungen/"
    )
    kandidaten["Empfehlung"] = _links(listen.get("/empfehlungen/"), r"/empfehlungen/\d+/")
    kandidaten["Steckbriefliste"] = da("/steckbriefe/") + _links(
        listen.get("/steckbriefe/"), r"/steckbriefe/\?seite=\d+", "/steckbriefe/"
    )
    kandidaten["Steckbrief"] = _links(listen.get("/steckbriefe/"), r"/steckbriefe/\d+/")
    kandidaten["Controlling-Dashboard"] = da("/controlling/")
    kandidaten["Sachstandsmeldungen"] = (
        da("/sachstandsmeldungen/", "/controlling/perioden/")
        + _links(listen.get("/sachstandsmeldungen/"), r"/sachstandsmeldungen/\d+/")
        + _links(listen.get("/controlling/perioden/"), r"/controlling/perioden/\d+/")
    )
    # The chart is a request of its own for the browser showing the Sozialindex.
    kandidaten["Sozialindex"] = da("/sozialindex/") + _links(
        listen.get("/sozialindex/"), r"/sozialindex/diagramm\.svg\?.*"
    )
    kandidaten["Sozialräume und Kennzahlen"] = (
        da("/sozialraeume/", "/kennzahlen/", "/bereiche/")
        + _links(listen.get("/sozialraeume/"), r"/sozialraeume/[A-Za-z0-9-]+/")
        + _links(listen.get("/bereiche/"), r"/bereiche/[A-Za-z0-9-]+/")
    )
    veranstaltungen = _links(listen.get("/veranstaltungen/"), r"/veranstaltungen/\d+/")
    einzeln = await alle(veranstaltungen[:8])
    kandidaten["World-Café"] = da("/veranstaltungen/", "/bekanntheit/") + veranstaltungen
    for seite in einzeln.values():
        kandidaten["World-Café"] += _links(
            seite, r"/veranstaltungen/\d+/(weltcafe|karten|woerter|live)/"
        )
    kandidaten["Benachrichtigungen"] = da("/benachrichtigungen/")
    kandidaten["Strategiepapiere und Wirkung"] = da("/strategiepapiere/", "/wirkung/") + _links(
        listen.get("/strategiepapiere/"), r"/strategiepapiere/\d+/"
    )

    pruefen = {}
    for art, pfade in kandidaten.items():
        pfade = list(dict.fromkeys(pfade))
        pruefen[art] = zufall.sample(pfade, min(je_art, len(pfade)))
    ergebnis = await alle(p for pfade in pruefen.values() for p in pfade if p not in listen)
    listen.update(ergebnis)
    verworfen = []
    for art, pfade in pruefen.items():
        gut = [p for p in pfade if listen.get(p)]
        verworfen += [p for p in pfade if not listen.get(p)]
        if gut:
            sitzung.seiten[art] = [(p, muster(p)) for p in gut]
    return verworfen


async def _oeffentlich_erkunden(http: Http, besucher: Sitzung, je_art: int) -> None:
    """The public pages, reached by links from /transparenz/ (no files: PDF, CSV, RDF)."""
    gefunden: dict[str, list[str]] = defaultdict(list)
    offen, gesehen = ["/transparenz/"], {"/transparenz/"}
    while offen and len(gesehen) < 400:
        stapel, offen = offen[:6], offen[6:]
        seiten = await asyncio.gather(*(http.seite(besucher, p) for p in stapel))
        for pfad, seite in zip(stapel, seiten, strict=True):
            if not seite:
                continue
            art = next((a for a, m in OEFFENTLICH.items() if m.fullmatch(pfad)), None)
            if art and len(gefunden[art]) < je_art:
                gefunden[art].append(pfad)
            for link in _links(seite, r"/transparenz/[^.]*", "/transparenz/"):
                ziel = next((a for a, m in OEFFENTLICH.items() if m.fullmatch(link)), None)
                if ziel and link not in gesehen and len(gefunden[ziel]) < je_art:
                    gesehen.add(link)
                    offen.append(link)
    besucher.seiten = {art: [(p, muster(p)) for p in pfade] for art, pfade in gefunden.items()}


# --- Load ---------------------------------------------------------------------------------------


@dataclass
class Plan:
    zeit: list[float] = field(default_factory=list)
    sitzung: list[Sitzung] = field(default_factory=list)
    pfad: list[str] = field(default_factory=list)
    art: list[str] = field(default_factory=list)
    muster: list[str] = field(default_factory=list)


def planen(sitzungen: list[Sitzung], rate: float, dauer: float, zufall: random.Random) -> Plan:
    """Arrivals every 1/rate seconds; kind by its share, then role and page evenly."""
    arten = [a for a in ARTEN if any(a in s.seiten for s in sitzungen)]
    if not arten:
        raise SystemExit("Keine Seite gefunden, die mit 200 antwortet.")
    wer = {a: [s for s in sitzungen if a in s.seiten] for a in arten}
    summen, gesamt = [], 0.0
    for a in arten:
        gesamt += ARTEN[a]
        summen.append(gesamt)
    plan = Plan()
    for i in range(int(rate * dauer)):
        art = arten[bisect.bisect(summen, zufall.random() * gesamt)]
        sitzung = zufall.choice(wer[art])
        pfad, m = zufall.choice(sitzung.seiten[art])
        plan.zeit.append(i / rate)
        plan.sitzung.append(sitzung)
        plan.pfad.append(pfad)
        plan.art.append(art)
        plan.muster.append(m)
    return plan


@dataclass
class Ergebnis:
    rate: float
    dauer: float
    geplant: int = 0
    zeiten: list[float] = field(default_factory=list)  # per planned request; inf: error
    fehler: Counter = field(default_factory=Counter)
    letzte_antwort: float = 0.0
    cpu_selbst: float = 0.0
    cpu_selbst_kernel: float = 0.0
    verbindungen: int = 0
    cpu: dict[str, float | None] = field(default_factory=dict)
    maschine: tuple[float, float] = (0.0, 0.0)
    speicher: list[tuple[str, dict[int, float | None]]] = field(default_factory=list)

    @property
    def gut(self) -> list[float]:
        return sorted(z for z in self.zeiten if z != float("inf"))

    @property
    def anzahl_fehler(self) -> int:
        return sum(self.fehler.values())


def q(werte: list[float], anteil: float) -> float:
    return werte[min(len(werte) - 1, int(anteil * len(werte)))] if werte else float("nan")


class Messung:
    def __init__(self, http: Http, gunicorn: int, postgres, celery: int):
        self.http = http
        self.gunicorn = gunicorn
        self.gruppen = {
            "gunicorn-Worker": Gruppe(lambda: _kinder(gunicorn)),
            "PostgreSQL": Gruppe(postgres) if postgres else None,
            "Celery-Worker": Gruppe(lambda: _baum(celery)),
        }
        self.gleichzeitig = asyncio.Semaphore(_offene_dateien() - 100)

    def worker_speicher(self) -> dict[int, float | None]:
        return {pid: _rss_mb(pid) for pid in _kinder(self.gunicorn)}

    async def _proben(self) -> None:
        while True:
            await asyncio.sleep(TAKT)
            for g in self.gruppen.values():
                if g:
                    g.probe()

    async def _eine(self, plan: Plan, i: int, geplant: float, ergebnis: Ergebnis) -> None:
        schleife = asyncio.get_running_loop()
        try:
            async with self.gleichzeitig, asyncio.timeout(ZEITLIMIT):
                status, _, koerper = await self.http.anfrage(plan.sitzung[i], plan.pfad[i])
            if status != 200 or not koerper:
                raise Fehler(f"HTTP {status}" + ("" if koerper else ", leer"))
            ergebnis.zeiten[i] = schleife.time() - geplant
        except Exception as exc:  # every failure is counted and listed, never raised
            art = str(exc) if isinstance(exc, Fehler) else type(exc).__name__
            rolle = plan.sitzung[i].rolle or "anonym"
            ergebnis.fehler[(plan.muster[i], rolle, art)] += 1
        ergebnis.letzte_antwort = max(ergebnis.letzte_antwort, schleife.time())

    async def lauf(self, plan: Plan, rate: float, dauer: float, zaehlen: bool = True) -> Ergebnis:
        """Send the plan on schedule; measured from its first planned start to the last answer."""
        schleife = asyncio.get_running_loop()
        ergebnis = Ergebnis(rate=rate, dauer=dauer, geplant=len(plan.zeit))
        ergebnis.zeiten = [float("inf")] * len(plan.zeit)
        staende = {n: g.stand() for n, g in self.gruppen.items() if g}
        maschine, selbst, verbindungen = _maschine(), os.times(), self.http.verbindungen
        if zaehlen:
            ergebnis.speicher.append(("Start", self.worker_speicher()))
        proben = asyncio.create_task(self._proben())
        laufend = set()
        beginn = schleife.time() + 0.05
        mitte = beginn + dauer / 2 if zaehlen else None
        i, n = 0, len(plan.zeit)
        while i < n:
            jetzt = schleife.time()
            while i < n and beginn + plan.zeit[i] <= jetzt:
                t = asyncio.create_task(self._eine(plan, i, beginn + plan.zeit[i], ergebnis))
                laufend.add(t)
                t.add_done_callback(laufend.discard)
                i += 1
            if mitte and jetzt >= mitte:
                ergebnis.speicher.append(("Mitte", self.worker_speicher()))
                mitte = None
            if i < n:
                await asyncio.sleep(beginn + plan.zeit[i] - schleife.time())
        if laufend:
            await asyncio.wait(laufend)
        proben.cancel()
        ergebnis.verbindungen = self.http.verbindungen - verbindungen
        jetzt_selbst = os.times()
        ergebnis.cpu_selbst_kernel = jetzt_selbst.system - selbst.system
        ergebnis.cpu_selbst = jetzt_selbst.user - selbst.user + ergebnis.cpu_selbst_kernel
        jetzt_maschine = _maschine()
        ergebnis.maschine = (
            jetzt_maschine[0] - maschine[0],
            (jetzt_maschine[1] - maschine[1]) / (os.cpu_count() or 1),
        )
        ergebnis.cpu = {
            n: (Gruppe.zwischen(staende[n], g.stand()) if g else None)
            for n, g in self.gruppen.items()
        }
        if zaehlen:
            ergebnis.speicher.append(("Ende", self.worker_speicher()))
        ergebnis.letzte_antwort -= beginn
        return ergebnis


def _offene_dateien() -> int:
    weich, hart = resource.getrlimit(resource.RLIMIT_NOFILE)
    ziel = min(hart, 8192) if hart != resource.RLIM_INFINITY else 8192
    if weich < ziel:
        resource.setrlimit(resource.RLIMIT_NOFILE, (ziel, hart))
    return min(ziel, 4096)


# --- Report -------------------------------------------------------------------------------------


def _ms(sekunden: float) -> str:
    return f"{sekunden * 1000:.0f} ms"


def bericht(e: Ergebnis, plan: Plan, grenze: float, ziel: str) -> bool:
    gut = e.gut
    beantwortet = len(gut)
    print(f"\nAnfragen gesendet: {e.geplant} ({e.rate:g}/s über {e.dauer:g} s)")
    print(f"Fehler: {e.anzahl_fehler}")
    for (m, rolle, art), anzahl in e.fehler.most_common(15):
        print(f"  {anzahl:6d} × {art:<22} {m}  ({rolle})")
    durchsatz = beantwortet / e.letzte_antwort if e.letzte_antwort > 0 else 0.0
    print(f"Durchsatz erreicht: {durchsatz:.1f} Antworten/s (200 mit Inhalt)")
    print(
        f"Antwortzeit ab geplantem Start: p50 {_ms(q(gut, 0.5))}, p95 {_ms(q(gut, 0.95))}, "
        f"p99 {_ms(q(gut, 0.99))}, max {_ms(gut[-1] if gut else float('nan'))}"
    )

    je_muster: dict[str, list[float]] = defaultdict(list)
    for m, z in zip(plan.muster, e.zeiten, strict=True):
        if z != float("inf"):
            je_muster[m].append(z)
    print("Die 5 langsamsten Seiten (nach p95):")
    langsam = sorted(je_muster.items(), key=lambda kv: -q(sorted(kv[1]), 0.95))
    for m, zeiten in langsam[:5]:
        zeiten.sort()
        print(
            f"  {m:<48} {len(zeiten):6d} ×  p50 {_ms(q(zeiten, 0.5)):>7}  p95 {_ms(q(zeiten, 0.95)):>7}"
        )

    print("CPU je Anfrage:")
    for name, sekunden in e.cpu.items():
        wert = "nicht messbar (Server nicht auf diesem Rechner)"
        if sekunden is not None:
            wert = f"{_je(e, name)} ({sekunden:.1f} s)"
        print(f"  {name:<18} {wert}")
    print(
        f"  {'Lastgenerator':<18} {e.cpu_selbst / max(e.geplant, 1) * 1000:.2f} ms "
        f"({e.cpu_selbst:.1f} s, davon Kernel {e.cpu_selbst_kernel / max(e.cpu_selbst, 1e-9):.0%}; "
        f"{e.verbindungen / max(e.geplant, 1):.2f} neue TCP-Verbindungen je Anfrage)"
    )
    dauer = max(e.letzte_antwort, 1e-9)
    gemessen = sum(s for s in e.cpu.values() if s) + e.cpu_selbst
    print(
        f"Auslastung: Server und Generator {gemessen / dauer:.2f} Kerne, übrige Prozesse der "
        f"Maschine {max(0.0, e.maschine[0] - gemessen) / dauer:.2f} Kerne (von {os.cpu_count()})"
    )

    flach = True
    if e.speicher:
        print("Speicher (RSS) der gunicorn-Worker in MB:")
        pids = list(dict.fromkeys(pid for _, werte in e.speicher for pid in werte))
        print("  " + " " * 10 + "".join(f"{name:>9}" for name, _ in e.speicher))
        for pid in pids:
            werte = [w.get(pid) for _, w in e.speicher]
            zeile = "".join(f"{w:9.1f}" if w else f"{'–':>9}" for w in werte)
            print(f"  PID {pid:<6}{zeile}")
            if werte[0] and werte[-1]:
                flach = flach and werte[-1] - werte[0] <= max(10.0, 0.1 * werte[0])
        print(f"  Speicher {'flach' if flach else 'WÄCHST'} (Grenze: +10 % oder +10 MB)")

    ok = e.anzahl_fehler == 0 and bool(gut) and q(gut, 0.95) <= grenze
    print(f"Ziel {ziel} bei {e.rate:g}/s: {'erreicht' if ok else 'VERFEHLT'}")
    return ok


def _je(e: Ergebnis, gruppe: str) -> str:
    sekunden = e.cpu.get(gruppe)
    return "–" if sekunden is None else f"{sekunden / max(e.geplant, 1) * 1000:.1f} ms"


def _mix(sitzungen: list[Sitzung], plan: Plan) -> None:
    arten = Counter(plan.art)
    rollen = Counter(s.rolle or "anonym" for s in plan.sitzung)
    n = max(len(plan.art), 1)
    print("Mischung (Anteil der Anfragen, verschiedene Seiten je Art):")
    for art, anzahl in arten.most_common():
        seiten = {p for s in sitzungen for p, _ in s.seiten.get(art, [])}
        print(f"  {art:<30} {anzahl / n:6.1%}  {len(seiten):4d} Seiten")
    print("  Rollen: " + ", ".join(f"{r} {a / n:.0%}" for r, a in rollen.most_common()))


# --- Main ---------------------------------------------------------------------------------------


async def _lasttest(args, http: Http, messung: Messung, sitzungen: list[Sitzung]) -> bool:
    zufall = random.Random(args.seed)
    grenze, ziel = ZIEL[args.oeffentlich]
    if args.aufwaermen > 0:
        rate = args.rate or (100 if args.oeffentlich else 40)
        plan = planen(sitzungen, rate, args.aufwaermen, zufall)
        print(f"Aufwärmen: {args.aufwaermen:g} s bei {rate:g}/s (nicht gezählt)", flush=True)
        await messung.lauf(plan, rate, args.aufwaermen, zaehlen=False)
    if not args.suche:
        plan = planen(sitzungen, args.rate, args.dauer, zufall)
        _mix(sitzungen, plan)
        print(f"Last: {args.rate:g}/s für {args.dauer:g} s …", flush=True)
        ergebnis = await messung.lauf(plan, args.rate, args.dauer)
        return bericht(ergebnis, plan, grenze, ziel)

    rate, schritt = (args.rate or 100, 100) if args.oeffentlich else (args.rate or 40, 20)
    _mix(sitzungen, planen(sitzungen, 100, 100, random.Random(args.seed)))
    print(f"\nSuche: je Stufe {args.stufe:g} s, Ziel {ziel}")
    print(
        f"{'Rate':>6} {'Durchsatz':>10} {'p50':>8} {'p95':>8} {'p99':>8} {'Fehler':>7} "
        f"{'CPU gunicorn':>13} {'CPU PostgreSQL':>15}  Ziel"
    )
    beste = None
    while rate <= args.bis:
        plan = planen(sitzungen, rate, args.stufe, zufall)
        e = await messung.lauf(plan, rate, args.stufe, zaehlen=False)
        gut = e.gut
        ok = e.anzahl_fehler == 0 and bool(gut) and q(gut, 0.95) <= grenze
        durchsatz = len(gut) / e.letzte_antwort if e.letzte_antwort > 0 else 0.0
        print(
            f"{rate:6g} {durchsatz:10.1f} {_ms(q(gut, 0.5)):>8} {_ms(q(gut, 0.95)):>8} "
            f"{_ms(q(gut, 0.99)):>8} {e.anzahl_fehler:7d} {_je(e, 'gunicorn-Worker'):>13} "
            f"{_je(e, 'PostgreSQL'):>15}  {'ja' if ok else 'nein'}",
            flush=True,
        )
        if not ok:
            break
        beste = rate
        rate += schritt
    print(f"Höchste Rate mit {ziel}: " + (f"{beste:g}/s" if beste else "keine"))
    return beste is not None


async def _je_art(args, messung: Messung, sitzungen: list[Sitzung]) -> bool:
    """Where the CPU goes: each kind of page alone, one request after the other (at 5/s, far
    below any queueing), with the CPU gunicorn and PostgreSQL spent on it; then the mix's
    expected CPU per request, weighted by the shares of ARTEN."""
    zufall = random.Random(args.seed)
    arten = [a for a in ARTEN if any(a in s.seiten for s in sitzungen)]
    print(f"\nCPU je Art, jede Art allein ({args.je_art} Anfragen nacheinander, 5/s):")
    print(f"  {'Art':<30} {'gunicorn':>9} {'PostgreSQL':>11} {'p50':>7}  Anteil")
    summe = gewichtet = 0.0
    fehler = 0
    for art in arten:
        wer = [s for s in sitzungen if art in s.seiten]
        plan = Plan()
        for i in range(args.je_art):
            sitzung = zufall.choice(wer)
            pfad, m = zufall.choice(sitzung.seiten[art])
            plan.zeit.append(i / 5)
            plan.sitzung.append(sitzung)
            plan.pfad.append(pfad)
            plan.art.append(art)
            plan.muster.append(m)
        e = await messung.lauf(plan, 5, args.je_art / 5, zaehlen=False)
        fehler += e.anzahl_fehler
        cpu = {n: (v or 0.0) / max(e.geplant, 1) * 1000 for n, v in e.cpu.items()}
        je_anfrage = cpu["gunicorn-Worker"] + cpu["PostgreSQL"]
        summe += ARTEN[art]
        gewichtet += ARTEN[art] * je_anfrage
        print(
            f"  {art:<30} {cpu['gunicorn-Worker']:6.1f} ms {cpu['PostgreSQL']:8.1f} ms "
            f"{_ms(q(e.gut, 0.5)):>7}  {ARTEN[art]:5g} %",
            flush=True,
        )
    if summe and gewichtet:  # a tiny run may see no clock tick at all (10 ms per tick)
        print(
            f"  Mischung, gewichtet: {gewichtet / summe:.1f} ms CPU je Anfrage (gunicorn + "
            f"PostgreSQL); zwei Kerne tragen damit etwa {2000 / (gewichtet / summe):.0f}/s"
        )
    print(f"  Fehler: {fehler}")
    return fehler == 0


async def _anmelden_und_erkunden(args, http: Http) -> list[Sitzung]:
    zufall = random.Random(args.seed)
    besucher = Sitzung(None, "198.51.100.7")
    await _oeffentlich_erkunden(http, besucher, args.seiten)
    if args.oeffentlich:
        print(f"Öffentliche Seiten: {sum(len(p) for p in besucher.seiten.values())}")
        return [besucher]
    sitzungen = [
        Sitzung(rolle, f"10.0.{r}.{n + 1}")
        for r, rolle in enumerate(ROLLEN)
        for n in range(args.sitzungen)
    ]
    # Three at a time, one per gunicorn worker: the password hash is slow on purpose.
    gleichzeitig = asyncio.Semaphore(3)

    async def anmelden(s: Sitzung) -> None:
        async with gleichzeitig:
            await http.anmelden(s)

    await asyncio.gather(*(anmelden(s) for s in sitzungen))
    erkundet = {}
    for s in sitzungen:
        if s.rolle not in erkundet:
            verworfen = await _rolle_erkunden(http, s, zufall, args.seiten)
            erkundet[s.rolle] = s.seiten
            n = sum(len(p) for p in s.seiten.values())
            hinweis = f"; verworfen (nicht 200): {', '.join(verworfen)}" if verworfen else ""
            print(f"  {s.rolle:<14} {n:4d} Seiten in {len(s.seiten)} Arten{hinweis}")
        s.seiten = erkundet[s.rolle]
    return [*sitzungen, besucher]


async def _hauptteil(args, port: int, gunicorn: int, postgres, celery: int) -> bool:
    http = Http(port)
    print("Anmelden und Seiten erkunden …", flush=True)
    sitzungen = await _anmelden_und_erkunden(args, http)
    messung = Messung(http, gunicorn, postgres, celery)
    if args.je_art and not args.smoke:
        if args.aufwaermen > 0:  # every worker has served each kind once
            plan = planen(sitzungen, 20, args.aufwaermen, random.Random(args.seed))
            await messung.lauf(plan, 20, args.aufwaermen, zaehlen=False)
        return await _je_art(args, messung, sitzungen)
    ok = await _lasttest(args, http, messung, sitzungen)
    if args.je_art:  # the smoke run passes through both, so neither can rot
        ok = await _je_art(args, messung, sitzungen) and ok
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, help="Anfragen je Sekunde (120, öffentlich 500)")
    parser.add_argument("--dauer", type=float, default=600, help="Sekunden unter Last (600)")
    parser.add_argument("--oeffentlich", action="store_true", help="nur die öffentlichen Seiten")
    parser.add_argument("--suche", action="store_true", help="Rate stufenweise steigern")
    parser.add_argument("--stufe", type=float, default=30, help="Sekunden je Stufe der Suche")
    parser.add_argument("--bis", type=float, default=2000, help="höchste Rate der Suche")
    parser.add_argument("--anregungen", type=int, default=ANREGUNGEN, help="Datenmenge")
    parser.add_argument("--neu", action="store_true", help="Datenbank neu aufbauen")
    parser.add_argument("--sitzungen", type=int, default=2, help="Anmeldungen je Rolle")
    parser.add_argument("--aufwaermen", type=float, default=5, help="Sekunden, nicht gezählt")
    parser.add_argument("--seiten", type=int, default=30, help="verschiedene Seiten je Art")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="winzig, für CI: --rate 5 --dauer 3 --anregungen 200, 1 s Aufwärmen, wenig Seiten",
    )
    parser.add_argument(
        "--je-art",
        type=int,
        default=0,
        help="CPU je Art der Seite: so viele Anfragen je Art, nacheinander (statt der Last)",
    )
    parser.add_argument("--aufbau-intern", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.aufbau_intern is not None:
        _aufbau_intern(args.aufbau_intern)
        return
    if args.smoke:
        args.rate, args.dauer, args.anregungen = 5.0, 3.0, 200
        args.aufwaermen, args.sitzungen, args.seiten, args.je_art = 1.0, 1, 3, 2
    if args.rate is None and not args.suche:
        args.rate = 500.0 if args.oeffentlich else 120.0

    # Ctrl+C (even where a shell started the bench with SIGINT ignored) and SIGTERM end it
    # through the finally below, which stops the stack.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    VAR.mkdir(parents=True, exist_ok=True)
    stapel = Stapel()
    ok = False
    try:
        name, gefuellt = _datenbank(args)
        datenbank_url = _mit_name(_server_url(), name)
        gunicorn_argumente, worker_argumente, compose = _compose()
        port = _frei()
        env = _produktion(datenbank_url, port, compose)
        _redis_leeren()
        # The worker boots and the static files are collected (as the image does) while the
        # data are built: neither touches the database.
        celery = stapel.starten([str(BIN / "celery"), *worker_argumente], env, "celery.log")
        statisch = subprocess.Popen(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE, env=env
        )
        if not gefuellt:
            _fuellen(args, name)
        # As the web container starts: migrations first (new ones of a reused database).
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=BASE, env=env, check=True
        )
        if statisch.wait():
            raise SystemExit("collectstatic ist gescheitert.")
        befehl = _gunicorn_befehl(gunicorn_argumente, port)
        gunicorn = stapel.starten(befehl, env, "gunicorn.log")
        print("Server: " + shlex.join(["gunicorn", *befehl[1:]]) + " (aus docker-compose.yml)")
        print(
            f"  DEBUG=0, PostgreSQL {name} ({_anregungen(datenbank_url)} Anregungen), Redis, Celery"
        )
        _warten_auf(
            lambda: b" ready." in (VAR / "celery.log").read_bytes(),
            90,
            "Der Celery-Worker",
            celery,
            "celery.log",
        )
        _warten_auf(lambda: _gesund(port), 90, "gunicorn", gunicorn, "gunicorn.log")
        print(f"  {len(_kinder(gunicorn.pid))} gunicorn-Worker bereit", flush=True)
        postgres = _postgres_backends(name)
        ok = asyncio.run(_hauptteil(args, port, gunicorn.pid, postgres, celery.pid))
    except KeyboardInterrupt:
        print("\nAbgebrochen.")
    finally:
        stapel.beenden()
        try:
            _redis_leeren()
        except Exception as exc:  # the stack is down; a message is enough here
            print(f"Redis nicht geleert: {exc}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
