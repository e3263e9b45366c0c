# Two commands do everything on a fresh machine with Python 3.11:
#   make run   – set up, load the demo and start web + worker + beat (SQLite, no Redis)
#   make test  – set up and run the whole test suite
# Both are idempotent: a second call only reinstalls when the lock file changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements-dev.lock | cksum | cut -d' ' -f1)
PORT   ?= 8000
# Test processes (pytest-xdist). `--dist load` hands tests out in collection order, in which
# pytest-django puts the flushing (transactional) tests last: no process then runs a test that
# needs the shared demo data after a flush. Each process above gw0 takes the next Redis
# database (16 by default), so stay below 16 with CELERY_BROKER_URL on Redis.
TEST_PROZESSE ?= 2

export DEBUG ?= 1
export STADT_NAME ?= Oberhausen
# The demo's public pages and DCAT-AP.de catalogue (Oberhausen: Gemeindeschlüssel 05119000,
# delivering through Open.NRW).
export TRANSPARENZ_GEMEINDESCHLUESSEL ?= 05119000
export TRANSPARENZ_CONTRIBUTOR_ID ?= http://dcat-ap.de/def/contributors/openNRW
export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test lint format lock check-deploy bench-smoke clean help

help:
	@echo "make run    – Anwendung mit Demo-Daten starten (http://127.0.0.1:$(PORT))"
	@echo "make test   – alle Tests ausführen"
	@echo "make lint   – ruff (Lint und Format) und die Schichtung der Räume (import-linter) prüfen"
	@echo "make lock   – requirements*.lock aus pyproject.toml neu erzeugen"
	@echo "make bench-smoke – jedes Messskript in Kleinstgröße auf frischen Datenbanken (CI)"

$(STAMP): requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 wird benötigt, gefunden: " + sys.version)'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

# A local .env lets `.venv/bin/python manage.py …` work directly in a development checkout.
.env:
	@printf '# Entwicklung (von make angelegt); Produktion: siehe .env.example\nDEBUG=1\nSTADT_NAME=Oberhausen\n' > .env

run: export PATH := $(CURDIR)/$(BIN):$(PATH)
run: export WEB_PORT := $(PORT)
run: $(STAMP) .env
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@$(BIN)/python manage.py anmeldehinweise
	$(BIN)/honcho --no-colour -f Procfile.dev start

test: $(STAMP) .env
	$(BIN)/python -m pytest -n $(TEST_PROZESSE) --dist load $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml

# Production settings must pass Django's deployment checks without a single warning.
check-deploy: $(STAMP)
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=sozialplanung.example.org DATABASE_URL=$${DATABASE_URL:-sqlite:///var/check.sqlite3} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} EMAIL_HOST=mail.example.org \
	DEFAULT_FROM_EMAIL=sozialplanung@example.org SITE_URL=https://sozialplanung.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Every bench script at a tiny size on fresh databases, so that none can rot (CI runs it).
# The SQLite ones share one fresh folder; with DATABASE_URL on PostgreSQL the PostgreSQL-only
# benches (queue, load) run too, each on a database of its own.
SMOKE := env -u DATABASE_URL VAR_DIR=$(CURDIR)/var/bench-smoke $(BIN)/python
bench-smoke: $(STAMP)
	rm -rf var/bench-smoke
	$(SMOKE) bench/strategiepapier.py 3 2
	$(SMOKE) bench/controlling_bericht.py 20
	$(SMOKE) bench/controlling_lauf.py 20 40
	$(SMOKE) bench/import_kennzahlwerte.py 100
	$(SMOKE) bench/import_anregungen.py 50
	$(SMOKE) bench/dokumente_feindlich.py 2000
	env -u DATABASE_URL $(BIN)/python bench/live.py --teilnehmende 10 --sekunden 3
	@case "$${DATABASE_URL:-}" in postgres*) \
	  set -e; \
	  $(BIN)/python bench/intake.py --klein; \
	  $(BIN)/python bench/last.py --smoke --neu;; \
	*) echo "DATABASE_URL zeigt nicht auf PostgreSQL: bench/intake.py und bench/last.py ausgelassen";; \
	esac

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
