from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from stammdaten.forms import AnmeldeForm
from start import views as start_views

admin.site.site_header = "Sozialplanung – Verwaltung"
admin.site.site_title = "Sozialplanung"
admin.site.index_title = "Stammdaten und Benutzer*innen"

urlpatterns = [
    path(
        "anmelden/",
        auth_views.LoginView.as_view(
            template_name="registration/anmelden.html",
            authentication_form=AnmeldeForm,
            redirect_authenticated_user=True,
        ),
        name="anmelden",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="abmelden"),
    path(
        "passwort/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/passwort_aendern.html", success_url="/passwort/geaendert/"
        ),
        name="passwort_aendern",
    ),
    path(
        "passwort/geaendert/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/passwort_geaendert.html"
        ),
        name="passwort_geaendert",
    ),
    # One sign-in page for everything: the admin uses the app's (throttled, German) login.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="anmelden", query_string=True)),
    ),
    path("admin/", admin.site.urls),
    path("favicon.ico", start_views.favicon, name="favicon"),
    path("", include("start.urls")),
    path("", include("core.urls")),
    path("", include("stammdaten.urls")),
    path("", include("notifications.urls")),
    path("", include("freigabe.urls")),
    path("", include("massnahmen.urls")),
    path("", include("empfehlungen.urls")),
    path("", include("wirkung.urls")),
    path("", include("weltcafe.urls")),
    path("", include("strategiepapier.urls")),
    path("", include("controlling.urls")),
    path("", include("ratsinfo.urls")),
    path("", include("transparenz.urls")),
    path("", include("api.urls")),
]


def handler404(request, exception):
    """Under /api/ errors are JSON in German; elsewhere the site's page."""
    if request.path.startswith("/api/"):
        from api.fehler import nicht_gefunden

        return nicht_gefunden(request)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def handler500(request):
    if request.path.startswith("/api/"):
        from api.fehler import serverfehler

        return serverfehler(request)
    from django.views.defaults import server_error

    return server_error(request)
