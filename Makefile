# CareQA: one command per job. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PGURL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?= -n 2
# Development settings (a development key, local host names): make run only, never deployed.
DEV := DJANGO_SETTINGS_MODULE=careqa.development

.PHONY: run test bench load lint check test-sqlite test-postgres system-deps demo

## make run: set up, load the demo council on SQLite, and run the job worker beside the
## production web server (gunicorn, no debug) on http://127.0.0.1:8000; Ctrl-C stops both.
# The demo needs no authenticator app, and prints e-mails instead of sending them
# (docs/adr/0006-accounts-second-factor-in-the-demo.md); the production settings refuse the first.
run: export CAREQA_SECOND_FACTOR_REQUIRED = false
run: export CAREQA_EMAIL_BACKEND = django.core.mail.backends.console.EmailBackend
run: .venv/.installed node_modules/.installed
	$(DEV) $(PY) manage.py load_demo --migrate
	@echo "CareQA is starting on http://127.0.0.1:8000/ with its job worker (Ctrl-C stops both)"
	@$(DEV) bash -c 'trap "kill $$worker 2>/dev/null; wait" EXIT; \
		.venv/bin/careqa worker --verbosity 0 & worker=$$!; \
		.venv/bin/careqa serve --bind 127.0.0.1:8000 --workers 2 --threads 4'

## make test: install what the tests need, then run them all on SQLite and PostgreSQL
test: system-deps .venv/.installed node_modules/.installed check test-sqlite test-postgres

system-deps:
	scripts/system-deps

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	.venv/bin/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

check: .venv/.installed
	.venv/bin/ruff check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run >/dev/null
	DJANGO_SETTINGS_MODULE=careqa.production DJANGO_ALLOWED_HOSTS=careqa.example.gov.uk \
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
	$(DEV) $(PY) -m careqa.bench

## make load: 50 people for 60 s against the production server on SQLite and PostgreSQL (not in make test)
load: .venv/.installed node_modules/.installed
	$(DEV) $(PY) scripts/load-test $(LOAD_ARGS)
