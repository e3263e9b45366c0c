from django.apps import AppConfig


class ControllingConfig(AppConfig):
    name = "controlling"
    verbose_name = "Controlling"
