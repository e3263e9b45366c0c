"""Every error of the API as JSON with a German message: {"fehler": "…", "felder": {…}}.
Library messages (DRF, knox) are replaced where they would be English or vague."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.workflow import WorkflowError

MELDUNGEN = {
    exceptions.NotAuthenticated: "Nicht angemeldet: bitte ein gültiges Token senden "
    "(Kopfzeile „Authorization: Token …“).",
    exceptions.AuthenticationFailed: "Das Token ist ungültig, abgelaufen oder widerrufen.",
    exceptions.PermissionDenied: "Dafür fehlt die Berechtigung.",
    exceptions.NotFound: "Nicht gefunden.",
    exceptions.ParseError: "Der Inhalt ist kein gültiges JSON.",
    exceptions.UnsupportedMediaType: "Bitte JSON senden (Content-Type: application/json).",
    exceptions.NotAcceptable: "Diese API antwortet nur mit JSON.",
}


def antwort(fehler: str, code: int, felder: dict | None = None, **kopf) -> Response:
    daten = {"fehler": fehler}
    if felder:
        daten["felder"] = felder
    return Response(daten, status=code, headers=kopf or None)


def behandeln(exc, context):
    if isinstance(exc, WorkflowError):
        return antwort(str(exc), status.HTTP_400_BAD_REQUEST, exc.felder)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    standard = exception_handler(exc, context)
    if standard is None:
        return None  # a real fault: Django's 500 handler answers (as JSON under /api/)
    kopf = {
        k: v
        for k, v in standard.headers.items()
        if k in ("WWW-Authenticate", "Retry-After", "Allow")
    }
    if isinstance(exc, exceptions.ValidationError):
        felder = exc.detail if isinstance(exc.detail, dict) else {"nicht_feldbezogen": exc.detail}
        return antwort("Bitte die Angaben prüfen.", standard.status_code, felder, **kopf)
    if isinstance(exc, exceptions.Throttled):
        warten = int(exc.wait or 60)
        return antwort(
            f"Zu viele Anfragen; bitte in {warten} Sekunden erneut versuchen.",
            standard.status_code,
            **kopf,
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        methode = context["request"].method
        return antwort(f"Die Methode {methode} ist hier nicht erlaubt.", 405, **kopf)
    if isinstance(exc, exceptions.PermissionDenied) and "CSRF" in str(exc.detail):
        return antwort(
            "CSRF-Prüfung fehlgeschlagen: mit Anmeldung im Browser bitte das CSRF-Token "
            "mitsenden, sonst ein API-Token verwenden.",
            403,
        )
    for klasse, meldung in MELDUNGEN.items():
        if isinstance(exc, klasse):
            return antwort(meldung, standard.status_code, **kopf)
    return antwort(str(exc.detail), standard.status_code, **kopf)


# Django's own error pages for URLs below /api/ (no view of ours was reached).
def nicht_gefunden(request) -> JsonResponse:
    return JsonResponse({"fehler": "Diese Adresse gibt es in der API nicht."}, status=404)


def serverfehler(request) -> JsonResponse:
    return JsonResponse(
        {"fehler": "Interner Fehler; er wurde protokolliert. Bitte später erneut versuchen."},
        status=500,
    )
