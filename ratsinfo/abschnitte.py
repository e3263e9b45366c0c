"""The "Ratsvorlagen" section on the pages of an Empfehlung and of a Strategiepapier."""

from ratsinfo.forms import VerknuepfenForm
from ratsinfo.services import BEARBEITEN


def ratsvorlagen(request, objekt) -> dict | None:
    vorlagen = list(objekt.ratsvorlagen.all())
    darf = request.user.has_perm(BEARBEITEN)
    if not vorlagen and not darf:
        return None
    art = "empfehlung" if objekt._meta.model_name == "handlungsempfehlung" else "strategiepapier"
    return {
        "vorlagen": vorlagen,
        "darf_bearbeiten": darf,
        "form": VerknuepfenForm() if darf else None,
        "art": art,
        "objekt": objekt,
    }
