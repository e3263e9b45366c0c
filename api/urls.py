from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from api import konto, views


def frei(view):
    """The API authenticates itself (token or session); the site's login redirect must not."""
    return login_not_required(view)


v1 = [
    ("oeffentlich/empfehlungen/", views.OeffentlicheEmpfehlungen, "api_oeffentlich_empfehlungen"),
    (
        "oeffentlich/empfehlungen/<str:kennung>/",
        views.OeffentlicheEmpfehlung,
        "api_oeffentlich_empfehlung",
    ),
    ("oeffentlich/massnahmen/", views.OeffentlicheMassnahmen, "api_oeffentlich_massnahmen"),
    (
        "oeffentlich/massnahmen/<str:kennung>/",
        views.OeffentlicheMassnahme,
        "api_oeffentlich_massnahme",
    ),
    ("oeffentlich/strategiepapiere/", views.OeffentlichePapiere, "api_oeffentlich_papiere"),
    ("empfehlungen/", views.Empfehlungen, "api_empfehlungen"),
    ("empfehlungen/<int:pk>/", views.Empfehlung, "api_empfehlung"),
    ("steckbriefe/", views.Steckbriefe, "api_steckbriefe"),
    ("steckbriefe/<int:pk>/", views.Steckbrief, "api_steckbrief"),
    ("sachstandsmeldungen/", views.Sachstandsmeldungen, "api_meldungen"),
    ("sachstandsmeldungen/<int:pk>/", views.SachstandsmeldungAnsehen, "api_meldung"),
    ("sachstandsmeldungen/<int:pk>/speichern/", views.SachstandSpeichern, "api_meldung_speichern"),
    ("schema/", SpectacularAPIView, "api_schema"),
]

urlpatterns = [
    *(path(f"api/v1/{route}", frei(view.as_view()), name=name) for route, view, name in v1),
    path(
        "api/v1/docs/",
        # Swagger UI draws its icons as data: images.
        frei(
            csp_update({"img-src": [SELF, "data:"]})(
                SpectacularSwaggerSplitView.as_view(
                    url_name="api_schema", template_name="api/swagger_ui.html"
                )
            )
        ),
        name="api_docs",
    ),
    # Redoc styles itself with <style> elements it creates, draws data: icons and searches in
    # a blob: worker: allowed on this page only (it shows no data of a person).
    path(
        "api/v1/redoc/",
        frei(
            csp_update(
                {
                    "style-src": [SELF, UNSAFE_INLINE],
                    "img-src": [SELF, "data:"],
                    "worker-src": [SELF, "blob:"],
                }
            )(SpectacularRedocView.as_view(url_name="api_schema", template_name="api/redoc.html"))
        ),
        name="api_redoc",
    ),
    path("konto/api-zugang/", konto.zugang, name="api_zugang"),
    path(
        "konto/api-zugang/<str:token_key>/widerrufen/",
        konto.widerrufen,
        name="api_token_widerrufen",
    ),
]
