from django.apps import AppConfig


class StartConfig(AppConfig):
    """The top room: start page with "Meine Aufgaben", the main menu, the demo, health."""

    name = "start"
    verbose_name = "Start"
