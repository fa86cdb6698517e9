# CareQA: one command per job. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PGURL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?= -n 2

.PHONY: run test bench load lint check test-sqlite test-postgres system-deps demo

## make run: set up, load the demo council on SQLite and serve on http://127.0.0.1:8000
run: .venv/.installed node_modules/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "CareQA is starting on http://127.0.0.1:8000/ (Ctrl-C stops it)"
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: install what the tests need, then run them all on SQLite and PostgreSQL
test: system-deps .venv/.installed node_modules/.installed check test-sqlite test-postgres

system-deps:
	scripts/system-deps

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

check: .venv/.installed
	.venv/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run >/dev/null
	DJANGO_SETTINGS_MODULE=careqa.production \
		DJANGO_SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") \
		$(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: .venv/.installed node_modules/.installed
	@echo "== tests on SQLite"
	.venv/bin/pytest $(PYTEST_ARGS)

test-postgres: .venv/.installed node_modules/.installed
	@echo "== tests on PostgreSQL"
	DATABASE_URL=$(PGURL) .venv/bin/pytest $(PYTEST_ARGS)

lint: .venv/.installed
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

## make bench: imports, insight figures and visits on SQLite and PostgreSQL (not in make test)
bench: system-deps .venv/.installed
	$(PY) -m careqa.bench

## make load: 50 people for 60 s against the production server on SQLite and PostgreSQL (not in make test)
load: .venv/.installed node_modules/.installed
	$(PY) scripts/load-test $(LOAD_ARGS)
