"""PostgreSQL full-text triggers for migrations: a trigger keeps each row's search vector
current (however the row is written: ORM, bulk import, SQL) and a GIN index serves search and
similarity hints. SQLite (the embedded run) searches without them."""

from __future__ import annotations

from django.db import migrations


def _sql_anlegen(tabelle: str, spalten: list[str]) -> list[str]:
    ausdruck = " || ' ' || ".join(f"coalesce(NEW.{s}, '')" for s in spalten)
    fuellen = " || ' ' || ".join(f"coalesce({s}, '')" for s in spalten)
    return [
        f"""CREATE OR REPLACE FUNCTION {tabelle}_suchvektor() RETURNS trigger AS $$
            BEGIN NEW.suchvektor := to_tsvector('german', {ausdruck}); RETURN NEW; END
            $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {tabelle}_suchvektor BEFORE INSERT OR UPDATE ON {tabelle}
            FOR EACH ROW EXECUTE FUNCTION {tabelle}_suchvektor()""",
        f"UPDATE {tabelle} SET suchvektor = to_tsvector('german', {fuellen})",  # noqa: S608 (names from code)
        f"CREATE INDEX {tabelle}_suchvektor_gin ON {tabelle} USING gin (suchvektor)",
    ]


def _sql_entfernen(tabelle: str) -> list[str]:
    return [
        f"DROP INDEX IF EXISTS {tabelle}_suchvektor_gin",
        f"DROP TRIGGER IF EXISTS {tabelle}_suchvektor ON {tabelle}",
        f"DROP FUNCTION IF EXISTS {tabelle}_suchvektor()",
    ]


def suchvektor_trigger(tabelle: str, spalten: list[str]) -> migrations.RunPython:
    """The migration operation for one table (does nothing outside PostgreSQL)."""

    def anlegen(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in _sql_anlegen(tabelle, spalten):
                schema_editor.execute(sql)

    def entfernen(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in _sql_entfernen(tabelle):
                schema_editor.execute(sql)

    return migrations.RunPython(anlegen, entfernen)
