"""Sign-in through the city's directory (Active Directory, OpenLDAP) with ldap3.

At every sign-in: find the person with the service account, check the password by binding as
her, read her groups, and set her roles and Bereich memberships from the mapped groups
(Verzeichnisgruppe, kept in the admin). A person in no mapped group cannot sign in and loses
what she had; leaving a group takes its role away at the next sign-in. Local accounts (the
administration's emergency account, the demo) keep signing in with their password."""

from __future__ import annotations

import logging
import ssl

from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.db import transaction
from ldap3 import ALL_ATTRIBUTES, SUBTREE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPException
from ldap3.utils.conv import escape_filter_chars

from core.models import Protokolleintrag
from core.protokoll import protokollieren
from stammdaten.models import Mitgliedschaft, User, Verzeichnisgruppe, dn_normalisiert

logger = logging.getLogger(__name__)
R = Verzeichnisgruppe.Rolle


def eingestellt() -> bool:
    return bool(settings.LDAP_SERVER_URI)


def _server() -> Server:
    tls = None
    if settings.LDAP_SERVER_URI.startswith("ldaps://") or settings.LDAP_STARTTLS:
        tls = Tls(
            validate=ssl.CERT_REQUIRED if settings.LDAP_TLS_PRUEFEN else ssl.CERT_NONE,
            ca_certs_file=settings.LDAP_TLS_CA_DATEI or None,
            version=ssl.PROTOCOL_TLS_CLIENT,
        )
    return Server(settings.LDAP_SERVER_URI, tls=tls, connect_timeout=settings.LDAP_ZEITLIMIT)


def _verbinden(dn: str, passwort: str) -> Connection:
    verbindung = Connection(
        _server(),
        user=dn,
        password=passwort,
        receive_timeout=settings.LDAP_ZEITLIMIT,
        raise_exceptions=True,
        read_only=True,
    )
    verbindung.open()
    if settings.LDAP_STARTTLS and not settings.LDAP_SERVER_URI.startswith("ldaps://"):
        verbindung.start_tls()
    verbindung.bind()
    return verbindung


class VerzeichnisBackend(BaseBackend):
    """Django authentication backend; place before ModelBackend. A session it started finds
    its person again like ModelBackend (active accounts only)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not eingestellt() or not username or not password:
            return None
        try:
            person = _person_pruefen(username, password)
        except LDAPException as exc:
            logger.warning("Verzeichnis-Anmeldung für %r nicht möglich: %s", username, exc)
            return None
        if person is None:
            return None
        return abgleichen(username=person["username"], daten=person, request=request)

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()


def _person_pruefen(username: str, passwort: str) -> dict | None:
    """The person's DN, names and groups if her password is right; None otherwise."""
    dienst = _verbinden(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORT)
    try:
        dienst.search(
            settings.LDAP_BENUTZER_BASIS,
            settings.LDAP_BENUTZER_FILTER.format(username=escape_filter_chars(username)),
            search_scope=SUBTREE,
            attributes=ALL_ATTRIBUTES,
            size_limit=2,
        )
        treffer = [e for e in dienst.entries if e.entry_dn]
        if len(treffer) != 1:
            return None  # unknown, or ambiguous: never guess
        eintrag = treffer[0]
        dn = eintrag.entry_dn
        try:
            _verbinden(dn, passwort).unbind()
        except LDAPException:
            return None  # wrong password (or locked in the directory)
        dienst.search(
            settings.LDAP_GRUPPEN_BASIS,
            settings.LDAP_GRUPPEN_FILTER.format(dn=escape_filter_chars(dn)),
            search_scope=SUBTREE,
            attributes=[],
        )
        gruppen = {dn_normalisiert(g.entry_dn) for g in dienst.entries}
    finally:
        dienst.unbind()
    werte = eintrag.entry_attributes_as_dict

    def erstes(name: str) -> str:
        wert = werte.get(name) or [""]
        return str(wert[0])[:150]

    return {
        "username": erstes(settings.LDAP_ATTR_BENUTZERNAME) or username,
        "vorname": erstes(settings.LDAP_ATTR_VORNAME),
        "nachname": erstes(settings.LDAP_ATTR_NACHNAME),
        "email": erstes(settings.LDAP_ATTR_EMAIL),
        "gruppen": gruppen,
    }


@transaction.atomic
def abgleichen(*, username: str, daten: dict, request=None) -> User | None:
    """Create or update the person and set her roles from the mapped groups; None (and no
    role left) when no mapped group applies."""
    zuordnung = list(
        Verzeichnisgruppe.objects.filter(dn__in=daten["gruppen"]).select_related("bereich")
    )
    user = User.objects.filter(username=username).first()
    if user is not None and not user.aus_verzeichnis:
        # A local account of the same name is not taken over by the directory.
        logger.warning("Verzeichnis-Anmeldung: lokales Konto %r bleibt lokal.", username)
        return None
    if user is None:
        if not zuordnung:
            return None
        user = User(username=username, aus_verzeichnis=True)
        user.set_unusable_password()
    user.first_name, user.last_name = daten["vorname"], daten["nachname"]
    user.email = daten["email"]
    rollen = {g.rolle for g in zuordnung}
    user.ist_sozialplanung = R.SOZIALPLANUNG in rollen
    user.ist_lesend = R.LESEND in rollen
    user.is_staff = user.is_superuser = R.ADMINISTRATION in rollen
    user.is_active = bool(zuordnung)
    user.save()
    soll: dict[int, str] = {}
    for g in zuordnung:
        # Leitung wins over Mitarbeit in the same Bereich.
        if g.bereich_id and soll.get(g.bereich_id) != Mitgliedschaft.Rolle.LEITUNG:
            soll[g.bereich_id] = g.rolle
    for m in list(user.mitgliedschaften.all()):
        if m.bereich_id not in soll:
            m.delete()
        elif m.rolle != soll[m.bereich_id]:
            m.rolle = soll[m.bereich_id]
            m.save()
    vorhanden = set(user.mitgliedschaften.values_list("bereich_id", flat=True))
    for bereich_id, rolle in soll.items():
        if bereich_id not in vorhanden:
            Mitgliedschaft.objects.create(user=user, bereich_id=bereich_id, rolle=rolle)
    if not zuordnung:
        protokollieren(
            Protokolleintrag.Art.VERZEICHNIS,
            betroffen=username,
            text="Anmeldung abgelehnt: in keiner zugeordneten Verzeichnisgruppe mehr",
            request=request,
        )
        return None
    return user
