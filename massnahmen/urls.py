from django.urls import path

from massnahmen import views

urlpatterns = [
    path("steckbriefe/", views.steckbrief_liste, name="steckbrief_liste"),
    path("steckbriefe/neu/", views.steckbrief_bearbeiten, name="steckbrief_neu"),
    path("steckbriefe/<int:pk>/", views.steckbrief_detail, name="steckbrief_detail"),
    path(
        "steckbriefe/<int:pk>/bearbeiten/",
        views.steckbrief_bearbeiten,
        name="steckbrief_bearbeiten",
    ),
]
