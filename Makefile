# Reflectieportaal. `make run` serves the portal; `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app portal
HOST ?= 127.0.0.1
PORT ?= 5000
# Links the portal prints (set-password links, the calendar feed) point where `make run` serves;
# an explicit PORTAL_BASE_URL wins.
LINK_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
PORTAL_BASE_URL ?= http://$(LINK_HOST):$(PORT)
CHROMIUM := /usr/bin/chromium
PO := $(wildcard portal/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: all install run test lint format translations demo chromium clean bench soak FORCE

all: install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

install: $(VENV)/.installed $(MO)

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d portal/translations -D messages -i $< -o $@ --statistics 2>&1 | tail -n 1

# The session key and the key of the export pseudonyms, each written once; an existing config
# without a PSEUDONYM_KEY gets one appended (rotating SECRET_KEY never changes the pseudonyms).
instance/config.py: FORCE
	@mkdir -p instance
	@[ -f $@ ] || { echo "SECRET_KEY = '$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(32))')'" > $@; echo "Wrote a new SECRET_KEY to $@"; }
	@grep -q '^PSEUDONYM_KEY' $@ || { echo "PSEUDONYM_KEY = '$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(32))')'" >> $@; echo "Wrote a new PSEUDONYM_KEY to $@"; }

FORCE:

run: install instance/config.py
	$(FLASK) init
	PORTAL_BASE_URL='$(PORTAL_BASE_URL)' $(FLASK) run --debug --host $(HOST) --port $(PORT)

demo: install instance/config.py
	$(FLASK) init
	$(FLASK) demo $(if $(STORIES),--stories $(STORIES)) $(if $(PASSWORD),--password $(PASSWORD))

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:
	@command -v chromium >/dev/null || [ -x $(CHROMIUM) ] || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: install the Debian package 'chromium' (sudo apt-get install chromium)"; exit 1; fi; }

test: install node_modules/.installed chromium
	$(BIN)/pytest -n $${PYTEST_WORKERS:-2} $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/pages.py $(or $(SMALL),1000) $(or $(LARGE),50000)
	$(BIN)/python bench/exports.py $(or $(EXPORT_SIZES),10000 100000)

# Load and failure run against gunicorn (README, "Soak run"); not part of `make test`.
soak: install
	$(BIN)/python soak/run.py $(if $(SOAK_DATABASE_URL),--database-url '$(SOAK_DATABASE_URL)')

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

translations: install
	$(BIN)/pybabel extract --no-location --sort-output --ignore-dirs='.* __pycache__' -F babel.cfg -k _l -o portal/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i portal/translations/messages.pot -d portal/translations -D messages
	$(BIN)/pybabel compile -d portal/translations -D messages

clean:
	rm -rf $(VENV) node_modules portal/static/vendor
	find portal/translations -name '*.mo' -delete
