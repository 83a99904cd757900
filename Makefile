# Hearth: two commands.
#   make run   set everything up (virtual environment from uv.lock, front-end assets, database,
#              demo landlord) and serve the product with its task worker
#   make test  set up, then run ruff, import-linter, mypy and pytest on SQLite, and on PostgreSQL as well
#              when DATABASE_URL or TEST_DATABASE_URL names one

SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_VERSION := 0.13.9
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
HEARTH := $(VENV)/bin/hearth
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL := $(or $(TEST_DATABASE_URL),$(filter postgres%,$(DATABASE_URL)))

.PHONY: help run test setup dev assets messages lint typecheck pytest pytest-sqlite pytest-postgres browser serve demo bench clean

help:
	@echo "make run    set up and serve Hearth with the demo landlord on http://$(HOST):$(PORT)/"
	@echo "make test   set up and run the checks and tests (SQLite, and PostgreSQL if DATABASE_URL names one)"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.runtime: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --no-dev
	@touch $@

$(VENV)/.dev: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --group dev
	@touch $@ $(VENV)/.runtime

node_modules/.installed: package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

hearth/static/build/hearth.css: node_modules/.installed frontend/build.mjs frontend/hearth.scss frontend/init.mjs
	npm run --silent build

assets: hearth/static/build/hearth.css

# Translations: each hearth/locale/<lang>/LC_MESSAGES/django.po is compiled to django.mo here
# (the .mo files are built, never committed). GNU gettext's msgfmt does it; install it when
# missing (needs root, as for chromium below).
PO_FILES := $(wildcard hearth/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

hearth/locale/%/LC_MESSAGES/django.mo: hearth/locale/%/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null || { echo "Installing GNU gettext (msgfmt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	msgfmt --check-format -o $@ $<

messages: $(MO_FILES)

setup: $(VENV)/.runtime assets messages
	$(HEARTH) migrate --no-input -v 0
	$(HEARTH) createcachetable
	$(HEARTH) collectstatic --no-input -v 0
	$(HEARTH) demo --if-empty

# With no mail server configured, the demo's emails are written to var/mail/ to read; with no
# Notify key, its texts and letters to var/texts/ and var/letters/.
run: export EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
run: export HEARTH_NOTIFY_FILE_PATH ?= $(if $(NOTIFY_API_KEY),,$(or $(HEARTH_VAR_DIR),$(CURDIR)/var))
run: setup
	@echo
	@echo "Hearth is at http://$(HOST):$(PORT)/"
	@$(HEARTH) demo_sign_ins
	@if [ "$$EMAIL_BACKEND" = "django.core.mail.backends.filebased.EmailBackend" ]; then \
	  echo "Emails (password resets, messages to residents) are written to var/mail/."; fi
	@if [ -n "$$HEARTH_NOTIFY_FILE_PATH" ]; then \
	  echo "Texts and letters are written to $$HEARTH_NOTIFY_FILE_PATH/texts/ and letters/."; fi
	@echo "Press Ctrl+C to stop."
	@$(HEARTH) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn hearth.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

dev: $(VENV)/.dev assets messages

# Browser tests drive Debian's Chromium; install it when it is missing (needs root, as on CI).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	fi

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy hearth

pytest-sqlite: dev browser
	@echo "== pytest on SQLite"
	env -u DATABASE_URL -u TEST_DATABASE_URL HEARTH_TESTING=1 $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

pytest-postgres: dev browser
	@echo "== pytest on PostgreSQL ($(PG_TEST_URL))"
	HEARTH_TESTING=1 TEST_DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

pytest: pytest-sqlite
ifneq ($(PG_TEST_URL),)
pytest: pytest-postgres
endif

test: lint typecheck pytest

bench: $(VENV)/.dev
	$(VENV)/bin/python bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) node_modules hearth/static/build var
