"""A room answering live: N participants (default 100) arrive within one minute, each sends a
feedback word and taps ja/nein for every offer of one Themeninsel, while the projector page
polls every two seconds as in the browser. Prints errors, answer times, how long each word
took to appear on the projector (p50/p95/max), and checks that every answer was counted
exactly once.

    .venv/bin/python bench/live.py                       # embedded: runserver, SQLite (make run)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/live.py --gunicorn         # production: gunicorn (3 workers),
                                                          # DEBUG=0, PostgreSQL, Redis cache
    .venv/bin/python bench/live.py --teilnehmende 20 --sekunden 10   # a quick look

The server runs as a separate process (its log: var/bench/live/server.log) on 127.0.0.1 with a fresh database (SQLite under
var/bench/live/, or the database sozialplanung_bench_live on the given PostgreSQL server)
and the demo data. The participants use plain HTTP clients with their own cookies, like
phones; the flood guard stays at its default.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
VAR = BASE / "var" / "bench" / "live"
SECRET = "bench-live-" + "k3Y9x" * 10
PYTHON = sys.executable


def _frei() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _umgebung(args) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(VAR),
        "SECRET_KEY": SECRET,
    }
    if args.gunicorn:
        teile = urlsplit(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = urlunsplit(teile._replace(path="/sozialplanung_bench_live"))
        env["CACHE_URL"] = os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/3")
        env["CELERY_BROKER_URL"] = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/3")
    else:
        env["DATABASE_URL"] = f"sqlite:///{VAR / 'db.sqlite3'}"
    return env


def _frische_datenbank(args, env: dict[str, str]) -> None:
    if VAR.exists():
        shutil.rmtree(VAR)
    VAR.mkdir(parents=True)
    if args.gunicorn:
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as verbindung:
            verbindung.execute("DROP DATABASE IF EXISTS sozialplanung_bench_live")
            verbindung.execute("CREATE DATABASE sozialplanung_bench_live")
    entwicklung = {**env, "DEBUG": "1"}
    for befehl in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *befehl],
            cwd=BASE,
            env=entwicklung,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def _vorbereiten(env: dict[str, str]):
    """Open the two rounds and sign Sozialplanung in for the projector (ORM, same database)."""
    os.environ.update({**env, "DEBUG": "1"})
    import django

    django.setup()
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count

    from stammdaten.models import User
    from weltcafe import live
    from weltcafe.models import Themeninsel

    sp = User.objects.get(username="sozialplanung")
    insel = (
        Themeninsel.objects.annotate(n=Count("abfragen"))
        .filter(n__gte=3)
        .select_related("veranstaltung")
        .order_by("-veranstaltung__datum", "pk")
        .first()
    )
    veranstaltung = insel.veranstaltung
    woerter = live.runde_oeffnen(user=sp, veranstaltung=veranstaltung, art="woerter")
    punkte = live.runde_oeffnen(
        user=sp, veranstaltung=veranstaltung, art="bekanntheit", themeninsel=insel
    )
    sitzung = SessionStore()
    sitzung[SESSION_KEY] = str(sp.pk)
    sitzung[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")
    )
    sitzung[HASH_SESSION_KEY] = sp.get_session_auth_hash()
    sitzung.create()
    abfragen = [a.pk for a in live.runden_abfragen(punkte)]
    return veranstaltung, woerter, punkte, abfragen, settings.SESSION_COOKIE_NAME, sitzung


def _server(args, env: dict[str, str], port: int) -> subprocess.Popen:
    if args.gunicorn:
        env = {
            **env,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "EMAIL_HOST": "127.0.0.1",
            "DEFAULT_FROM_EMAIL": "bench@example.org",
            "SITE_URL": f"http://127.0.0.1:{port}",
        }
        # As the image does: the hashed static files for production.
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=BASE,
            env=env,
            check=True,
        )
        befehl = [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--timeout",
            "120",
        ]
    else:
        env = {**env, "DEBUG": "1"}
        befehl = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    protokoll = (VAR / "server.log").open("w")
    prozess = subprocess.Popen(befehl, cwd=BASE, env=env, stdout=protokoll, stderr=protokoll)
    import httpx

    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return prozess
        except httpx.HTTPError:
            time.sleep(0.1)
    prozess.kill()
    raise SystemExit("Der Server startet nicht.")


class Telefon:
    """A phone: its own cookies (kept by hand, as the production cookies are marked Secure and
    the bench speaks plain HTTP to 127.0.0.1)."""

    def __init__(self, basis: str):
        import httpx

        self.http = httpx.Client(base_url=basis, timeout=30, follow_redirects=False)
        self.kekse: dict[str, str] = {}

    def _merken(self, antwort):
        for zeile in antwort.headers.get_list("set-cookie"):
            name, _, rest = zeile.partition("=")
            self.kekse[name.strip()] = rest.split(";", 1)[0]

    def _kopf(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.kekse.items())}

    def seite(self, pfad: str) -> str:
        antwort = self.http.get(pfad, headers=self._kopf())
        self._merken(antwort)
        antwort.raise_for_status()
        return antwort.text

    def senden(self, pfad: str, daten: dict, token: str) -> int:
        antwort = self.http.post(
            pfad, data={"csrfmiddlewaretoken": token, **daten}, headers=self._kopf()
        )
        self._merken(antwort)
        return antwort.status_code


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gunicorn", action="store_true", help="Produktion: gunicorn + PostgreSQL")
    parser.add_argument("--teilnehmende", type=int, default=100)
    parser.add_argument("--sekunden", type=float, default=60.0)
    args = parser.parse_args()
    if args.gunicorn and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("--gunicorn braucht DATABASE_URL=postgres://…")

    env = _umgebung(args)
    print(f"Aufbau: frische Datenbank ({'PostgreSQL' if args.gunicorn else 'SQLite'}), Demo …")
    _frische_datenbank(args, env)
    veranstaltung, woerter, punkte, abfragen, keks, sitzung = _vorbereiten(env)
    port = _frei()
    server = _server(args, env, port)
    basis = f"http://127.0.0.1:{port}"
    art = (
        "gunicorn (3 Worker), DEBUG=0, PostgreSQL, Redis"
        if args.gunicorn
        else ("runserver, DEBUG=1, SQLite (wie make run)")
    )
    print(
        f"Server: {art}; {args.teilnehmende} Teilnehmende in {args.sekunden:.0f} s, "
        f"je 1 Wort + {len(abfragen)} Angebote ja/nein"
    )

    fehler: list[str] = []
    gesendet: dict[str, float] = {}
    gesehen: dict[str, float] = {}
    antwortzeiten: list[float] = []
    sperre = threading.Lock()
    fertig = threading.Event()

    def teilnehmen(i: int, start: float) -> None:
        time.sleep(max(0.0, start - time.monotonic()))
        telefon = Telefon(basis)
        wort = f"wort{i:04d}"
        try:
            pfad = f"/l/{woerter.kurzcode}/"
            token = _token(telefon.seite(pfad))
            t0 = time.monotonic()
            code = telefon.senden(pfad, {"text": wort}, token)
            t1 = time.monotonic()
            with sperre:
                antwortzeiten.append(t1 - t0)
                gesendet[wort] = t1
                if code != 302:
                    fehler.append(f"{wort}: HTTP {code}")
            pfad = f"/l/{punkte.kurzcode}/"
            token = _token(telefon.seite(pfad))
            for abfrage in abfragen:
                t0 = time.monotonic()
                code = telefon.senden(
                    pfad, {"abfrage": abfrage, "bekannt": random.choice(["ja", "nein"])}, token
                )
                with sperre:
                    antwortzeiten.append(time.monotonic() - t0)
                    if code != 302:
                        fehler.append(f"{wort} Angebot {abfrage}: HTTP {code}")
        except Exception as exc:
            with sperre:
                fehler.append(f"{wort}: {exc!r}")

    def projektor() -> None:
        import httpx

        url = f"{basis}/veranstaltungen/{veranstaltung.pk}/live/{woerter.pk}/stand/"
        etag = None
        with httpx.Client(timeout=30) as http:
            while not fertig.is_set():
                kopf = {"Cookie": f"{keks}={sitzung.session_key}"}
                if etag:
                    kopf["If-None-Match"] = etag
                antwort = http.get(url, headers=kopf)
                jetzt = time.monotonic()
                if antwort.status_code == 200:
                    etag = antwort.headers.get("ETag")
                    for wort in re.findall(r"wort\d{4}", antwort.json()["html"]):
                        gesehen.setdefault(wort, jetzt)
                elif antwort.status_code != 304:
                    fehler.append(f"Projektor: HTTP {antwort.status_code}")
                if len(gesehen) >= args.teilnehmende:
                    return
                fertig.wait(2.0)

    beginn = time.monotonic() + 1
    ankunft = [beginn + args.sekunden * i / args.teilnehmende for i in range(args.teilnehmende)]
    random.shuffle(ankunft)
    anzeige = threading.Thread(target=projektor)
    anzeige.start()
    leute = [threading.Thread(target=teilnehmen, args=(i, t)) for i, t in enumerate(ankunft)]
    for t in leute:
        t.start()
    for t in leute:
        t.join()
    dauer = time.monotonic() - beginn
    anzeige.join(timeout=15)
    fertig.set()
    server.terminate()
    server.wait(timeout=30)

    from weltcafe.models import Angebotsabfrage, Liveantwort, Rueckmeldewort

    zaehlung = {
        w.wort: w.anzahl
        for w in Rueckmeldewort.objects.filter(veranstaltung=veranstaltung, wort__startswith="wort")
    }
    digital = sum(
        a.ja_digital + a.nein_digital for a in Angebotsabfrage.objects.filter(pk__in=abfragen)
    )
    erwartet = args.teilnehmende * len(abfragen)
    verzug = sorted(gesehen[w] - gesendet[w] for w in gesendet if w in gesehen)
    fehlt = sorted(set(gesendet) - set(gesehen))
    genau_einmal = (
        len(zaehlung) == args.teilnehmende
        and set(zaehlung.values()) == {1}
        and digital == erwartet
        and Liveantwort.objects.filter(runde__in=[woerter, punkte]).count()
        == args.teilnehmende + erwartet
    )

    def q(werte, p):
        return werte[min(len(werte) - 1, round(p * (len(werte) - 1)))] if werte else float("nan")

    zeiten = sorted(antwortzeiten)
    print(f"Antworten gesendet: {len(zeiten)} in {dauer:.1f} s; Fehler: {len(fehler)}")
    for f in fehler[:10]:
        print("  ", f)
    print(
        f"Antwortzeit (POST): Median {q(zeiten, 0.5) * 1000:.0f} ms, p95 "
        f"{q(zeiten, 0.95) * 1000:.0f} ms, max {zeiten[-1] * 1000 if zeiten else 0:.0f} ms"
    )
    print(
        f"Bis zum Projektor: Median {q(verzug, 0.5):.2f} s, p95 {q(verzug, 0.95):.2f} s, "
        f"max {verzug[-1] if verzug else float('nan'):.2f} s (Ziel p95 ≤ 3 s); "
        f"nie gezeigt: {len(fehlt)}"
    )
    print(
        f"Genau einmal gezählt: {'ja' if genau_einmal else 'NEIN'} "
        f"({len(zaehlung)} Wörter je 1×, {digital} von {erwartet} digitalen Punkten)"
    )
    ok = not fehler and not fehlt and genau_einmal and verzug and q(verzug, 0.95) <= 3.0
    print("Ergebnis:", "Ziel erreicht" if ok else "Ziel VERFEHLT")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
