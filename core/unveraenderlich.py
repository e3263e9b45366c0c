"""History that must not change, enforced by PostgreSQL itself (triggers from migrations):
UPDATE and DELETE are refused on transition history, approval decisions, Abstimmung answers,
content versions, the reminder log, the audit log (UPDATE only: it is pruned by age) and
published Strategiepapiere with their contents – whatever path tries it, ORM or raw SQL.

Only the demo's loader may back-date a row (SET LOCAL sozialplanung.demo = 'an'), and only by
UPDATE; production refuses to load the demo. SQLite (the embedded run) has no such triggers."""

from __future__ import annotations

from django.db import migrations

FUNKTIONEN = [
    """CREATE OR REPLACE FUNCTION historie_unveraenderlich() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND current_setting('sozialplanung.demo', true) = 'an' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'Die Historie ist unveränderlich: % in % ist nicht erlaubt.',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION veroeffentlicht_unveraenderlich() RETURNS trigger AS $$
    BEGIN
      IF OLD.status = 'veroeffentlicht' THEN
        RAISE EXCEPTION 'Ein veröffentlichtes Strategiepapier ist unveränderlich: % in % ist nicht erlaubt.',
          TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION papierinhalt_unveraenderlich() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM strategiepapier_strategiepapier p
                 WHERE p.id IN (OLD.strategiepapier_id, NEW.strategiepapier_id)
                   AND p.status = 'veroeffentlicht') THEN
        RAISE EXCEPTION 'Der Inhalt eines veröffentlichten Strategiepapiers ist unveränderlich: % in % ist nicht erlaubt.',
          TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
      END IF;
      RETURN COALESCE(NEW, OLD);
    END $$ LANGUAGE plpgsql""",
]


def schuetzen(
    tabelle: str,
    *,
    funktion: str = "historie_unveraenderlich",
    ereignisse: str = "UPDATE OR DELETE",
) -> migrations.RunPython:
    """The migration operation for one table (does nothing outside PostgreSQL)."""
    name = "unveraenderlich"  # trigger names are per table

    def anlegen(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in FUNKTIONEN:
            schema_editor.execute(sql, params=None)  # "%" in RAISE is no placeholder
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {tabelle}")
        schema_editor.execute(
            f"CREATE TRIGGER {name} BEFORE {ereignisse} ON {tabelle} "
            f"FOR EACH ROW EXECUTE FUNCTION {funktion}()"
        )

    def entfernen(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {tabelle}")

    return migrations.RunPython(anlegen, entfernen)
