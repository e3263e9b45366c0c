"""Veranstaltung, Anregung (Recherche, Statistikprüfung), Handlungsempfehlung: see the intake issue."""
