# CareQA: one command per job. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
PGURL ?= postgres://postgres@127.0.0.1:5432/test

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $@

venv: .venv/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

assets: node_modules/.installed

.PHONY: venv assets lint test-sqlite test-postgres
lint: venv
	.venv/bin/ruff check .

test-sqlite: venv assets
	.venv/bin/pytest -q

test-postgres: venv assets
	DATABASE_URL=$(PGURL) .venv/bin/pytest -q
