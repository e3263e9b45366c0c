from django.urls import path

from strategiepapier import views

urlpatterns = [
    path("strategiepapiere/", views.liste, name="strategiepapier_liste"),
    path("strategiepapiere/neu/", views.neu, name="strategiepapier_neu"),
    path("strategiepapiere/<int:pk>/", views.detail, name="strategiepapier_detail"),
    path("strategiepapiere/<int:pk>/vorschau/", views.vorschau, name="strategiepapier_vorschau"),
    path("strategiepapiere/<int:pk>/strategiepapier.pdf", views.pdf, name="strategiepapier_pdf"),
    path("strategiepapiere/<int:pk>/ausgabe/", views.ausgabe, name="strategiepapier_ausgabe"),
    path(
        "strategiepapiere/<int:pk>/veroeffentlichen/",
        views.veroeffentlichen,
        name="strategiepapier_veroeffentlichen",
    ),
]
