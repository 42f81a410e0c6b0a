# The two commands a newcomer needs: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint migrate demo lock bench-seats bench-registration-cpu bench-pages bench-qa clean chromium

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

## make run: the platform with demo data on the embedded defaults (SQLite, local files, console mail).
run: export MFA_REQUIRED_FOR_ADMIN ?= false
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: ruff, migrations check and pytest against real PostgreSQL.
test: install chromium
	$(VENV)/bin/ruff check .
	$(PY) scripts/with_postgres.py -- sh -c '$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test && $(PY) -m pytest $(PYTEST_ARGS)'

## chromium: the e2e tests (pytest -m e2e) drive Debian's Chromium; installed here when missing
## (only as root with apt-get; otherwise install it yourself or set CHROMIUM_PATH).
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x "$${CHROMIUM_PATH:-/nonexistent}" ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    { apt-get update -qq; apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || \
	    echo "chromium missing: install it (apt-get install chromium) or set CHROMIUM_PATH" >&2; }

## make bench-seats: 1,000 members rush 15 seats through gunicorn vs the same SQL via psycopg (targets in README).
bench-seats: install
	$(PY) bench/seat_rush.py $(BENCH_ARGS)

## make bench-registration-cpu: CPU per registration in-process, one after another, and by phase (no contention).
bench-registration-cpu: install
	$(PY) bench/registration_cpu.py $(BENCH_ARGS)

## make bench-pages: render time and query count per page type with 200 materials vs a plain Django view.
bench-pages: install
	$(PY) scripts/with_postgres.py -- $(PY) bench/pages.py

## make bench-qa: question list throughput, DRF endpoint vs a bare Django view on the same SQL (target ratio >= 0.5).
bench-qa: install
	$(PY) scripts/with_postgres.py -- $(PY) bench/qa_list.py

lint: install
	$(VENV)/bin/ruff check .

lock: install
	$(VENV)/bin/pip install --quiet uv
	$(VENV)/bin/uv pip compile -q requirements/base.in -o requirements/base.txt --python-version 3.11
	$(VENV)/bin/uv pip compile -q requirements/dev.in -o requirements/dev.txt --python-version 3.11

clean:
	rm -rf $(VENV) var db.sqlite3
