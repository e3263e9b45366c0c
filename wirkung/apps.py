from django.apps import AppConfig


class WirkungConfig(AppConfig):
    """Wirkungsziele of Empfehlungen and Steckbriefe, actual values, Zielerreichung against
    the city, and the Wirkungsprüfung."""

    name = "wirkung"
    verbose_name = "Wirkung"

    def ready(self) -> None:
        from core.erweiterungen import Abschnitt
        from empfehlungen.erweiterungen import ANREGUNG_HERKUNFT, EMPFEHLUNG_ABSCHNITTE
        from massnahmen.erweiterungen import STECKBRIEF_ABSCHNITTE
        from wirkung import abschnitte, rules  # noqa: F401  (rules: registers them)

        EMPFEHLUNG_ABSCHNITTE.registrieren(
            Abschnitt("wirkung/partials/wirkung.html", abschnitte.wirkung_des_eintrags, 20)
        )
        STECKBRIEF_ABSCHNITTE.registrieren(
            Abschnitt("wirkung/partials/wirkung.html", abschnitte.wirkung_des_eintrags, 20)
        )
        ANREGUNG_HERKUNFT.registrieren(
            Abschnitt("wirkung/partials/herkunft.html", abschnitte.pruefung_der_anregung)
        )
