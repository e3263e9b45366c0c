from django.urls import path, re_path

from transparenz import views

# Public, no login (see views.oeffentlich).
urlpatterns = [
    path("transparenz/", views.start, name="transparenz_start"),
    path("transparenz/ueberblick/", views.ueberblick, name="transparenz_ueberblick"),
    path("transparenz/strategiepapiere/", views.papiere, name="transparenz_papiere"),
    path("transparenz/strategiepapiere/<int:pk>/", views.papier, name="transparenz_papier"),
    path(
        "transparenz/strategiepapiere/<int:pk>/strategiepapier.pdf",
        views.papier_pdf,
        name="transparenz_papier_pdf",
    ),
    path("transparenz/daten/", views.daten_seite, name="transparenz_daten"),
    re_path(
        r"^transparenz/daten/katalog\.(?P<format>ttl|rdf)$",
        views.katalog_datei,
        name="transparenz_katalog",
    ),
    re_path(
        r"^transparenz/daten/(?P<name>[a-z]+)\.(?P<format>csv|json)$",
        views.datei,
        name="transparenz_datei",
    ),
    re_path(
        r"^transparenz/(?P<art>empfehlungen|massnahmen)/$", views.liste, name="transparenz_liste"
    ),
    re_path(
        r"^transparenz/(?P<art>empfehlungen|massnahmen)/(?P<kennung>[A-Za-z0-9-]{1,30})/$",
        views.eintrag,
        name="transparenz_eintrag",
    ),
]
