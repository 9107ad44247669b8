# MIP: two commands from a clean clone. `make run` for the demo, `make test` for the suite.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages check-deploy bench clean

$(STAMP): pyproject.toml requirements.lock scripts/install-system-deps
	scripts/install-system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock ".[dev]"
	touch $@

install: $(STAMP) messages

messages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv --ignore=staticfiles >/dev/null

## Start the demo on SQLite with the Rotterdam data from Feb–May 2023.
run: install
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) loaddemo
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

## Run every test against a throwaway PostgreSQL server.
test: install
	TESTING=1 SECURE_SSL_REDIRECT=0 scripts/with-postgres $(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: $(STAMP)
	SECRET_KEY=$$(openssl rand -hex 40) ALLOWED_HOSTS=mip.example.org $(MANAGE) check --deploy --fail-level WARNING

## Benchmarks print figures; they are not tests. BENCH_SIZES=10,100 for a quicker table.
## (bench/load.py needs a running server: see its docstring.)
bench: install
	for script in bench/overview.py bench/pdf_render.py; do TESTING=1 SECURE_SSL_REDIRECT=0 scripts/with-postgres $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
