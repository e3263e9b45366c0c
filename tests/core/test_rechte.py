"""core.rechte.NurEchteModellrechte: a rule the role lacks is answered without ModelBackend's
permission queries; real model permissions (the admin's) still come from ModelBackend."""

from django.contrib.auth.models import Group, Permission

from stammdaten.models import User


def test_regel_ohne_recht_ohne_abfrage(ohne_rolle, django_assert_num_queries):
    user = User.objects.get(pk=ohne_rolle.pk)
    assert user.bereich_rollen == {}  # the rules read the roles once per request
    with django_assert_num_queries(0):
        assert not user.has_perm("empfehlungen.anregung_ansehen")
        assert not user.has_perm("controlling.ansehen")
        assert not user.has_perm("gibt_es.nicht")


def test_modellrecht_ueber_gruppe_und_direkt(ohne_rolle):
    gruppe = Group.objects.create(name="Kennzahlpflege (Test)")
    gruppe.permissions.add(Permission.objects.get(codename="change_kennzahl"))
    ohne_rolle.groups.add(gruppe)
    ohne_rolle.user_permissions.add(Permission.objects.get(codename="view_bereich"))
    user = User.objects.get(pk=ohne_rolle.pk)
    assert user.has_perm("stammdaten.change_kennzahl")
    assert user.has_perm("stammdaten.view_bereich")
    assert not user.has_perm("stammdaten.delete_kennzahl")
    assert not user.has_perm("stammdaten.ansehen")  # a rule: her role does not have it


def test_regel_der_rolle_bleibt(benutzer):
    assert benutzer["sozialplanung"].has_perm("empfehlungen.anregung_ansehen")
    assert not benutzer["lesend"].has_perm("empfehlungen.anregung_ansehen")


def test_jedes_gespeicherte_recht_ist_ein_modellrecht(db):
    """A permission row that no model declares (made in a data migration, say) would be
    refused by NurEchteModellrechte: none may exist, or the backend must learn it."""
    from core.rechte import _modellrechte

    gespeichert = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert gespeichert
    assert gespeichert <= _modellrechte()
