# MIP: two commands from a clean clone. `make run` for the demo, `make test` for the suite.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve backup load test install lint format messages check-deploy bench clean

$(STAMP): pyproject.toml requirements.lock scripts/install-system-deps
	scripts/install-system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock ".[dev]"
	touch $@

install: $(STAMP) messages

messages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv --ignore=staticfiles >/dev/null

## Start the demo on SQLite with the Rotterdam data from Feb–May 2023 and the DOWR plan 2022–2025: the development server
## and the task worker beside it (publication, mail); Ctrl-C stops both. `make run PORT=8080`.
run: install
	PY=$(BIN)/python HOST=$(HOST) PORT=$(PORT) scripts/run

## Serve as in production: DEBUG off, PostgreSQL (DATABASE_URL, or a local cluster kept in
## var/postgres), nginx on HOST:PORT in front of gunicorn, and the task worker. See docs/operations.md.
serve: install
	PY=$(BIN)/python HOST=$(HOST) PORT=$(PORT) scripts/serve

## Back up the database (pg_dump) and the archived PDFs into backups/<date>/ with a manifest.
backup: $(STAMP)
	DEBUG=0 SECURE_SSL_REDIRECT=0 $(MANAGE) backup

## Run every test against a throwaway PostgreSQL server.
test: install
	TESTING=1 SECURE_SSL_REDIRECT=0 scripts/with-postgres $(BIN)/pytest -n $${PYTEST_WORKERS:-2} --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: $(STAMP)
	SECRET_KEY=$$(openssl rand -hex 40) ALLOWED_HOSTS=mip.example.org $(MANAGE) check --deploy --fail-level WARNING

## Benchmarks print figures; they are not tests (scripts/bench: pages cold and warm against a
## floor at 10, 100 and 500 programmes, the period PDF at 500, the import, the load run if a
## server answers at LOAD_URL), each step on its own. BENCH_QUICK=1 for a smoke run.
bench: install
	PY=$(BIN)/python HOST=$(HOST) PORT=$(PORT) scripts/bench

## wrk (nice 19): 50 connections for 60 s against a running `make serve` (LOAD_USERS, LOAD_SECONDS, LOAD_URL).
load: $(STAMP)
	$(BIN)/python bench/load.py --connections $${LOAD_USERS:-50} --seconds $${LOAD_SECONDS:-60} --url $${LOAD_URL:-http://$(HOST):$(PORT)}

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
