from django.urls import path

from freigabe import views

urlpatterns = [
    path(
        "vorgang/<slug:typ>/<int:pk>/schritt/<slug:aktion>/",
        views.schritt,
        name="vorgang_schritt",
    ),
    path("abstimmung/<slug:typ>/<int:pk>/", views.abstimmen, name="abstimmen"),
    path("freigabe/<slug:typ>/<int:pk>/", views.entscheiden, name="freigabe_entscheiden"),
]
