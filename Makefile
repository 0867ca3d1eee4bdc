# Batayon: two commands set everything up on a fresh machine.
#   make demo   installs, creates the embedded SQLite database, loads the demo, serves it
#   make test   installs the test dependencies and runs the whole suite
# PORT=8001 make demo serves on another port. DATABASE_URL=postgres://… make test runs the
# suite on PostgreSQL.

VENV ?= .venv
PYTHON ?= python3
PORT ?= 8000
BIN := $(VENV)/bin
export BATAYON_DATA_DIR ?= $(CURDIR)/var

.PHONY: install system-deps fonts demo serve test test-postgres bench-evaluate bench-search messages lint clean

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

demo: install fonts
	BATAYON_DEBUG=1 $(BIN)/batayon migrate --no-input -v0
	BATAYON_DEBUG=1 $(BIN)/batayon loaddemo --port $(PORT)
	$(DEMO_SERVER)

# The demo serves as production does (DEBUG off: the Bangla 404/403/500 pages, not Django's
# debug page), on plain http: BATAYON_HTTPS=0 lets the session and CSRF cookies travel
# without TLS. WhiteNoise serves /static/ and the media view /media/, as in production.
# (DEBUG stays on for loaddemo only: it is what allows the printed demo accounts.)
DEMO_SERVER = BATAYON_DEBUG=0 BATAYON_HTTPS=0 $(BIN)/batayon runserver 127.0.0.1:$(PORT)

serve: install
	$(DEMO_SERVER)

test: install system-deps
	BATAYON_TESTING=1 $(BIN)/pytest

test-postgres: install system-deps
	BATAYON_TESTING=1 DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest

bench-evaluate: install
	$(BIN)/python bench/evaluate.py

bench-search: install
	$(BIN)/python bench/search.py

messages: install
	cd src/batayon && BATAYON_DATA_DIR=$(BATAYON_DATA_DIR) ../../$(BIN)/batayon makemessages -l bn -l en --no-obsolete
	$(BIN)/python tools/fill_catalogues.py

lint: install
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) var .pytest_cache
