"""A real OpenLDAP server (Debian's slapd) for tests, on 127.0.0.1 at a free port, with a small
directory it loads itself: a service account, people, and groups (groupOfNames, as AD's groups
with `member`). Optional StartTLS with a certificate made for the run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

SLAPD = "/usr/sbin/slapd"
BASIS = "dc=stadt,dc=example"
DIENST = (f"cn=dienst,{BASIS}", "dienst-geheim")

PERSONEN = {
    # uid: (Vorname, Nachname, Passwort)
    "a.krause": ("Anna", "Krause", "Sommer-2026"),
    "b.oezdemir": ("Berk", "Özdemir", "Winter-2026"),
    "c.nowak": ("Clara", "Nowak", "Herbst-2026"),
}
GRUPPEN = {
    "gg-sozialplanung": ["a.krause"],
    "gg-jugend-leitung": ["b.oezdemir"],
    "gg-jugend-mitarbeit": ["b.oezdemir", "c.nowak"],
    "gg-lesend": ["c.nowak"],
    "gg-kantine": ["a.krause", "c.nowak"],
}


def person_dn(uid: str) -> str:
    return f"uid={uid},ou=personen,{BASIS}"


def gruppe_dn(name: str) -> str:
    return f"cn={name},ou=gruppen,{BASIS}"


def verfuegbar() -> bool:
    return Path(SLAPD).exists() and shutil.which("slapadd") is not None


def _ldif(gruppen: dict[str, list[str]]) -> str:
    teile = [
        f"dn: {BASIS}\nobjectClass: dcObject\nobjectClass: organization\ndc: stadt\no: Stadt\n",
        f"dn: ou=personen,{BASIS}\nobjectClass: organizationalUnit\nou: personen\n",
        f"dn: ou=gruppen,{BASIS}\nobjectClass: organizationalUnit\nou: gruppen\n",
        f"dn: {DIENST[0]}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\n"
        f"cn: dienst\nuserPassword: {DIENST[1]}\n",
    ]
    for uid, (vorname, nachname, passwort) in PERSONEN.items():
        teile.append(
            f"dn: {person_dn(uid)}\nobjectClass: inetOrgPerson\nuid: {uid}\n"
            f"givenName: {vorname}\nsn: {nachname}\ncn: {vorname} {nachname}\n"
            f"mail: {uid}@stadt.example\nuserPassword: {passwort}\n"
        )
    for name, mitglieder in gruppen.items():
        zeilen = "".join(f"member: {person_dn(u)}\n" for u in mitglieder)
        teile.append(f"dn: {gruppe_dn(name)}\nobjectClass: groupOfNames\ncn: {name}\n{zeilen}")
    return "\n".join(teile)


class Slapd:
    def __init__(self, ordner: Path, *, tls: bool = False, gruppen: dict | None = None):
        self.ordner = Path(ordner)
        self.tls = tls
        self.gruppen = gruppen or GRUPPEN
        self.port = _freier_port()
        self.uri = f"ldap://127.0.0.1:{self.port}"
        self.prozess: subprocess.Popen | None = None
        self.ca_datei: Path | None = None

    def _konfiguration(self) -> Path:
        (self.ordner / "daten").mkdir(parents=True, exist_ok=True)
        zeilen = [
            *(f"include /etc/ldap/schema/{s}.schema" for s in ("core", "cosine", "inetorgperson")),
            "modulepath /usr/lib/ldap",
            "moduleload back_mdb",
            f"pidfile {self.ordner / 'slapd.pid'}",
            # Anyone may bind; only the service account and the person herself read entries.
            "access to attrs=userPassword by self write by anonymous auth by * none",
            f'access to * by dn.exact="{DIENST[0]}" read by self read by * none',
        ]
        if self.tls:
            self._zertifikat()
            zeilen += [
                f"TLSCACertificateFile {self.ordner / 'ca.pem'}",
                f"TLSCertificateFile {self.ordner / 'server.pem'}",
                f"TLSCertificateKeyFile {self.ordner / 'server.key'}",
            ]
        zeilen += [
            "database mdb",
            f'suffix "{BASIS}"',
            f'rootdn "cn=admin,{BASIS}"',
            "rootpw admin-geheim",
            f"directory {self.ordner / 'daten'}",
        ]
        konfiguration = self.ordner / "slapd.conf"
        konfiguration.write_text("\n".join(zeilen) + "\n")
        return konfiguration

    def _zertifikat(self) -> None:
        """A CA and a server certificate for 127.0.0.1 (openssl), made for this run."""
        o = self.ordner

        def ssl(*args):
            subprocess.run(["openssl", *args], cwd=o, check=True, capture_output=True)

        ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Test-CA",
            "-keyout", "ca.key", "-out", "ca.pem")  # fmt: skip
        ssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "server.key", "-out", "server.csr")  # fmt: skip
        (o / "san.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
        ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "1", "-out", "server.pem", "-extfile", "san.cnf")  # fmt: skip
        self.ca_datei = o / "ca.pem"

    def __enter__(self) -> Slapd:
        konfiguration = self._konfiguration()
        daten = self.ordner / "daten.ldif"
        daten.write_text(_ldif(self.gruppen))
        subprocess.run(
            [shutil.which("slapadd"), "-f", str(konfiguration), "-l", str(daten)],
            check=True,
            capture_output=True,
        )
        self.prozess = subprocess.Popen(
            [SLAPD, "-f", str(konfiguration), "-h", self.uri, "-d", "0"],
            stdout=(self.ordner / "slapd.log").open("wb"),
            stderr=subprocess.STDOUT,
            env={**os.environ},
        )
        ende = time.monotonic() + 20
        while time.monotonic() < ende:
            if self.prozess.poll() is not None:
                raise RuntimeError(
                    "slapd startet nicht:\n" + (self.ordner / "slapd.log").read_text()
                )
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.1)
        raise RuntimeError("slapd antwortet nicht.")

    def __exit__(self, *exc) -> None:
        if self.prozess and self.prozess.poll() is None:
            self.prozess.terminate()
            self.prozess.wait(timeout=10)

    def gruppe_setzen(self, name: str, mitglieder: list[str]) -> None:
        """Change a group's members while the server runs (ldapmodify as the root DN)."""
        zeilen = "".join(f"member: {person_dn(u)}\n" for u in mitglieder)
        ldif = f"dn: {gruppe_dn(name)}\nchangetype: modify\nreplace: member\n{zeilen}"
        subprocess.run(
            [
                shutil.which("ldapmodify"),
                "-x",
                "-H",
                self.uri,
                "-D",
                f"cn=admin,{BASIS}",
                "-w",
                "admin-geheim",
            ],
            input=ldif.encode(),
            check=True,
            capture_output=True,
        )


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
