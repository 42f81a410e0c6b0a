# The two commands a newcomer needs: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint migrate demo lock bench-seats bench-pages bench-qa clean

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

## make run: the platform with demo data on the embedded defaults (SQLite, local files, console mail).
run: export MFA_REQUIRED_FOR_ADMIN ?= false
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: ruff, migrations check and pytest against real PostgreSQL.
test: install
	$(VENV)/bin/ruff check .
	$(PY) scripts/with_postgres.py -- sh -c '$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test && $(PY) -m pytest $(PYTEST_ARGS)'

lint: install
	$(VENV)/bin/ruff check .

lock: install
	$(VENV)/bin/pip install --quiet uv
	$(VENV)/bin/uv pip compile -q requirements/base.in -o requirements/base.txt --python-version 3.11
	$(VENV)/bin/uv pip compile -q requirements/dev.in -o requirements/dev.txt --python-version 3.11

clean:
	rm -rf $(VENV) var db.sqlite3
