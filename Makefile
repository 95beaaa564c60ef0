# Two commands do all the set-up (see README.md): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run migrate load superuser test test-sqlite test-postgres lint import-source-table clean
.PHONY: backup restore

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[test]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_roles --verbosity 0

# Loads the 2005-2021 registry into an empty database; leaves a database with programs alone.
load: migrate
	$(BIN)/python manage.py load_registry

run: load
	@echo "Admin login: run 'make superuser' in another terminal, then open http://$(HOST):$(PORT)/admin/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

superuser: migrate
	$(BIN)/python manage.py createsuperuser

test: lint test-sqlite test-postgres

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: install
	.ci/with-postgres $(BIN)/pytest

# Formatting, lint and the one-way app dependencies (participants -> programs -> cities -> exchange_portal).
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	git ls-files -z '*.py' | xargs -0 $(BIN)/django-upgrade --target-version 5.2 --check

# Re-parse fixtures/sources/ and rewrite fixtures/registry.json (review the diff before committing).
import-source-table: migrate
	$(BIN)/python manage.py import_source_table

# Back up / restore the database DATABASE_URL names (SQLite under var/ by default); see README "Production".
# Backups go to backups/ (not var/, which `make clean` removes).
BACKUP ?= backups/portal-$(shell date -u +%Y%m%dT%H%M%SZ).backup
backup: install
	@mkdir -p $(dir $(BACKUP))
	$(BIN)/python manage.py backup $(BACKUP)

# make restore BACKUP=backups/portal-….backup [FORCE=1]
restore: install
	@if [ "$(origin BACKUP)" = file ]; then echo "Name the backup: make restore BACKUP=path [FORCE=1]"; exit 1; fi
	$(BIN)/python manage.py restore $(BACKUP) $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) var/ staticfiles/ .pytest_cache
