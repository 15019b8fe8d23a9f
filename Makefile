# Two commands on a fresh machine: `make run` (set up everything and serve the demo) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run setup test lint messages check-messages

run: setup
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

setup: $(BIN)/.installed
	$(BIN)/python scripts/check_system.py
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py compile_catalogs

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# Tests run on one pytest-xdist worker per core (each with its own test database, made and seeded
# once per worker); `make test TEST_WORKERS=0` runs them in one process.
TEST_WORKERS ?= auto
test: $(BIN)/.installed
	$(BIN)/python scripts/check_system.py
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --check .
	$(BIN)/djlint --lint .

# Re-extract the interface strings (needs GNU gettext); translate them, then `make check-messages`.
messages: $(BIN)/.installed
	$(BIN)/python manage.py makemessages --no-obsolete $(foreach l,bg en fr ar fa,-l $(l)) --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=benchmarks --ignore=test-artefacts
	$(BIN)/python scripts/fill_english_catalog.py

check-messages: $(BIN)/.installed
	$(BIN)/python manage.py compile_catalogs --check
