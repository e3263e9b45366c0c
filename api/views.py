"""The endpoints of /api/v1/. Views stay thin: the public data comes from the transparency
selectors, the internal lists from each room's "what may this person see" selector, and a
Sachstand is written by the same service as the form."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers as s
from controlling import selectors as controlling_selectors
from controlling import services as controlling
from empfehlungen.selectors import empfehlungen_fuer
from massnahmen.selectors import steckbriefe_fuer
from transparenz import selectors as oeffentlich
from transparenz.forms import Filter
from transparenz.models import OeffentlicherEintrag

FILTER_PARAMETER = [
    OpenApiParameter("suche", str, description="Volltextsuche; jedes Wort auch als Wortanfang."),
    OpenApiParameter(
        "sozialraum",
        str,
        description="Kürzel des Sozialraums, z. B. OST (stadtweite Einträge gehören zu jedem).",
    ),
    OpenApiParameter("handlungsfeld", int, description="Nummer des Handlungsfelds."),
    OpenApiParameter("bereich", str, description="Code des Bereichs, z. B. 3-1."),
    OpenApiParameter(
        "umsetzungsstand",
        str,
        enum=[k for k, _ in OeffentlicherEintrag._meta.get_field("umsetzungsstand").choices],
    ),
]


class Oeffentlich(permissions.BasePermission):
    """Anyone, read-only, while the transparency pages are switched on."""

    def has_permission(self, request, view) -> bool:
        if not settings.TRANSPARENZ_AKTIV:
            raise Http404
        return request.method in permissions.SAFE_METHODS


class _OeffentlicheListe(generics.ListAPIView):
    permission_classes = [Oeffentlich]
    serializer_class = s.OeffentlicherEintragSerializer
    art = ""

    def paginate_queryset(self, queryset):
        return oeffentlich.mit_ratsvorlagen(super().paginate_queryset(queryset))

    def get_queryset(self):
        form = Filter(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({k: list(v) for k, v in form.errors.items()})
        werte = {k: v for k, v in form.cleaned_data.items() if v}
        qs = oeffentlich.gefiltert(oeffentlich.eintraege(self.art), **werte)
        return qs.prefetch_related("sozialraeume").order_by("kennung")


@extend_schema_view(
    get=extend_schema(parameters=FILTER_PARAMETER, summary="Veröffentlichte Handlungsempfehlungen")
)
class OeffentlicheEmpfehlungen(_OeffentlicheListe):
    art = OeffentlicherEintrag.Art.EMPFEHLUNG


@extend_schema_view(
    get=extend_schema(parameters=FILTER_PARAMETER, summary="Veröffentlichte Maßnahmen")
)
class OeffentlicheMassnahmen(_OeffentlicheListe):
    art = OeffentlicherEintrag.Art.MASSNAHME


class _OeffentlicherEintrag(generics.RetrieveAPIView):
    permission_classes = [Oeffentlich]
    serializer_class = s.OeffentlicherEintragSerializer
    lookup_field = "kennung"
    art = ""

    def get_queryset(self):
        return oeffentlich.eintraege(self.art).prefetch_related("sozialraeume")

    def get_object(self):
        return oeffentlich.mit_ratsvorlagen([super().get_object()])[0]


@extend_schema_view(get=extend_schema(summary="Eine veröffentlichte Handlungsempfehlung"))
class OeffentlicheEmpfehlung(_OeffentlicherEintrag):
    art = OeffentlicherEintrag.Art.EMPFEHLUNG


@extend_schema_view(get=extend_schema(summary="Eine veröffentlichte Maßnahme"))
class OeffentlicheMassnahme(_OeffentlicherEintrag):
    art = OeffentlicherEintrag.Art.MASSNAHME


@extend_schema_view(get=extend_schema(summary="Veröffentlichte Strategiepapiere"))
class OeffentlichePapiere(generics.ListAPIView):
    permission_classes = [Oeffentlich]
    serializer_class = s.OeffentlichesPapierSerializer

    def get_queryset(self):
        return oeffentlich.papiere()


# --- With a token -----------------------------------------------------------------------------------
class DarfLesen(permissions.BasePermission):
    """The rule the room's list page asks (e.g. empfehlungen.empfehlung_ansehen)."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated) and request.user.has_perm(
            view.regel
        )


@extend_schema_view(
    get=extend_schema(
        summary="Handlungsempfehlungen, die ich sehen darf",
        parameters=[OpenApiParameter("suche", str)],
    )
)
class Empfehlungen(generics.ListAPIView):
    permission_classes = [DarfLesen]
    regel = "empfehlungen.empfehlung_ansehen"
    serializer_class = s.EmpfehlungSerializer

    def get_queryset(self):
        return empfehlungen_fuer(
            self.request.user, suche=self.request.query_params.get("suche", "")
        )


@extend_schema_view(get=extend_schema(summary="Eine Handlungsempfehlung"))
class Empfehlung(generics.RetrieveAPIView):
    permission_classes = [DarfLesen]
    regel = "empfehlungen.empfehlung_ansehen"
    serializer_class = s.EmpfehlungSerializer

    def get_queryset(self):
        return empfehlungen_fuer(self.request.user)


@extend_schema_view(
    get=extend_schema(
        summary="Maßnahmensteckbriefe, die ich sehen darf",
        parameters=[OpenApiParameter("suche", str)],
    )
)
class Steckbriefe(generics.ListAPIView):
    permission_classes = [DarfLesen]
    regel = "massnahmen.steckbrief_ansehen"
    serializer_class = s.SteckbriefSerializer

    def get_queryset(self):
        return steckbriefe_fuer(
            self.request.user, suche=self.request.query_params.get("suche", "")
        ).order_by("titel", "pk")


@extend_schema_view(get=extend_schema(summary="Ein Maßnahmensteckbrief"))
class Steckbrief(generics.RetrieveAPIView):
    permission_classes = [DarfLesen]
    regel = "massnahmen.steckbrief_ansehen"
    serializer_class = s.SteckbriefSerializer

    def get_queryset(self):
        return steckbriefe_fuer(self.request.user)


def _meldungen(user):
    return (
        controlling_selectors.sichtbare_meldungen(user)
        .select_related("periode", "bereich")
        .order_by("-periode__stichtag", "bereich__code", "nummer", "pk")
    )


@extend_schema_view(
    get=extend_schema(
        summary="Sachstandsmeldungen meiner Bereiche (Sozialplanung: alle)",
        parameters=[
            OpenApiParameter(
                "status", str, description="z. B. angefordert, in_bearbeitung, eingereicht"
            ),
            OpenApiParameter("periode", str, description="z. B. Q3/2026"),
        ],
    )
)
class Sachstandsmeldungen(generics.ListAPIView):
    serializer_class = s.SachstandsmeldungSerializer

    def get_queryset(self):
        qs = _meldungen(self.request.user)
        if status := self.request.query_params.get("status"):
            qs = qs.filter(status=status)
        if periode := self.request.query_params.get("periode", ""):
            quartal, _, jahr = periode.upper().removeprefix("Q").partition("/")
            if not (quartal.isdigit() and jahr.isdigit()):
                raise ValidationError(
                    {"periode": ["Bitte als Q<Quartal>/<Jahr> angeben, z. B. Q3/2026."]}
                )
            qs = qs.filter(periode__quartal=int(quartal), periode__jahr=int(jahr))
        return qs


@extend_schema_view(get=extend_schema(summary="Eine Sachstandsmeldung"))
class SachstandsmeldungAnsehen(generics.RetrieveAPIView):
    serializer_class = s.SachstandsmeldungSerializer

    def get_queryset(self):
        return _meldungen(self.request.user)


class SachstandSpeichern(APIView):
    """Save (and, with "einreichen": true, submit) a Sachstand, through the same service and
    checks as the form; a stale `version` is refused as there."""

    @extend_schema(
        summary="Sachstand speichern oder einreichen",
        request=s.SachstandEingabeSerializer,
        responses={200: s.SachstandsmeldungSerializer, 400: OpenApiTypes.OBJECT},
    )
    def post(self, request, pk: int):
        meldung = get_object_or_404(_meldungen(request.user), pk=pk)
        eingabe = s.SachstandEingabeSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        daten = dict(eingabe.validated_data)
        version, einreichen = daten.pop("version"), daten.pop("einreichen")
        meldung = controlling.sachstandsmeldung_speichern(
            meldung=meldung, user=request.user, daten=daten, version=version, einreichen=einreichen
        )
        meldung = _meldungen(request.user).get(pk=meldung.pk)
        return Response(s.SachstandsmeldungSerializer(meldung).data)
