# Two commands on a fresh machine: `make run` (serve the portal with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format install migrate seed messages bench stack clean

# One virtualenv for running, testing and linting: it gets requirements-dev.txt (production requirements plus the test
# and lint tools). A production image installs requirements.txt alone.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Serve the portal with reference and demo data. SQLite and in-process tasks unless DATABASE_URL/REDIS_URL are set.
run: export DEBUG ?= true
run: $(STAMP)
	test -f .env || cp .env.example .env
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_reference
	$(PY) manage.py shell -c "from programmes.demo_data import demo_data_present as p; raise SystemExit(0 if p() else 1)" \
		|| $(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST)

# The whole suite (SQLite by default; .ci/run sets DATABASE_URL and REDIS_URL to the real services).
test: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v0 --settings=osce_baku.test_settings
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff, then the import contracts of pyproject.toml ([tool.importlinter]): the layers of docs/architecture.md.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the translation catalogues after changing user-facing strings.
messages: export DEBUG ?= true
messages: $(STAMP)
	$(PY) manage.py makemessages -l az -l ru --ignore=.venv --ignore=static/vendor --ignore=staticfiles --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Speed of the main pages at scale 1 and scale 200 (about a million participations) on PostgreSQL.
# make bench MODE=throughput: the main pages' share of a bare Django view's throughput (bench/README.md).
bench: $(STAMP)
	bench/run.sh $(MODE)

# Backup and restore of the PostgreSQL database named by DATABASE_URL (custom format, no owners: restores anywhere).
.PHONY: backup restore
BACKUP_FILE ?= backups/osce_baku-$(shell date +%Y%m%d-%H%M%S).dump

backup:
	@test -n "$$DATABASE_URL" || { echo "set DATABASE_URL=postgres://..."; exit 2; }
	mkdir -p $(dir $(BACKUP_FILE))
	pg_dump --format=custom --no-owner --no-privileges --dbname="$$DATABASE_URL" --file="$(BACKUP_FILE)"
	@echo "backup written to $(BACKUP_FILE)"

# make restore BACKUP_FILE=backups/....dump  (replaces what is in DATABASE_URL's database)
restore:
	@test -n "$$DATABASE_URL" || { echo "set DATABASE_URL=postgres://..."; exit 2; }
	@test -f "$(BACKUP_FILE)" || { echo "set BACKUP_FILE to an existing dump"; exit 2; }
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
		--dbname="$$DATABASE_URL" "$(BACKUP_FILE)"

# The production shape on one machine: gunicorn, a Celery worker and Celery beat (Procfile) against PostgreSQL and
# Redis from DATABASE_URL and REDIS_URL. Ctrl-C stops all three; if one exits, the others are stopped too.
stack: export DEBUG ?= true
stack: $(STAMP)
	@test -n "$$DATABASE_URL" && test -n "$$REDIS_URL" || { echo "make stack needs DATABASE_URL and REDIS_URL"; exit 2; }
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" bash -c 'trap "trap - EXIT; kill 0" EXIT INT TERM; \
		while IFS= read -r line; do case "$$line" in ""|"#"*) continue;; esac; \
			name=$${line%%:*}; (eval "$${line#*:}" 2>&1 | sed -u "s/^/[$$name] /") & done < Procfile; wait -n'

# Time and peak memory of the big exports (activity register, participation list) at the current database's scale.
.PHONY: bench-reports
bench-reports: $(STAMP)
	DJANGO_SETTINGS_MODULE=osce_baku.settings $(PY) bench/reports_export.py $(BENCH_ARGS)
