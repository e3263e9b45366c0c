# Two commands do everything on a fresh machine with Python 3.11:
#   make run   – set up, load the demo and start web + worker + beat (SQLite, no Redis)
#   make test  – set up and run the whole test suite
# Both are idempotent: a second call only reinstalls when the lock file changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements-dev.lock | cksum | cut -d' ' -f1)
PORT   ?= 8000

export DEBUG ?= 1
export STADT_NAME ?= Oberhausen
# The demo's public pages and DCAT-AP.de catalogue (Oberhausen: Gemeindeschlüssel 05119000,
# delivering through Open.NRW).
export TRANSPARENZ_GEMEINDESCHLUESSEL ?= 05119000
export TRANSPARENZ_CONTRIBUTOR_ID ?= http://dcat-ap.de/def/contributors/openNRW
export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test lint format lock check-deploy clean help

help:
	@echo "make run    – Anwendung mit Demo-Daten starten (http://127.0.0.1:$(PORT))"
	@echo "make test   – alle Tests ausführen"
	@echo "make lint   – ruff (Lint und Format) und die Schichtung der Räume (import-linter) prüfen"
	@echo "make lock   – requirements*.lock aus pyproject.toml neu erzeugen"

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
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
