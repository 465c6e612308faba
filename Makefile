# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV ?= uv
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/xaso
export UV_LINK_MODE := copy

.PHONY: demo test lint test-sqlite test-pg test-e2e bench uv sync system-deps postgres messages assets frontend

uv:
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --user --quiet uv || python3 -m pip install --quiet uv

sync: uv
	$(UV) sync --frozen

demo: sync
	$(UV) run xaso demo --host $(HOST) --port $(PORT)

lint: sync
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	XASO_TESTING=1 $(UV) run xaso makemigrations --check --dry-run

test-sqlite: sync system-deps
	XASO_TESTING=1 $(UV) run pytest -q -m "not e2e" -p no:cacheprovider

postgres:
	@pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done

test-pg: sync postgres
	XASO_TESTING=1 DATABASE_URL=$(PG_URL) $(UV) run pytest -q -m "not e2e" -p no:cacheprovider

# Debian packages the tests use: Chromium (browser tests), Times-compatible fonts with
# every Vietnamese glyph, LibreOffice and poppler (exports must open and render).
SYSTEM_PACKAGES := chromium fonts-liberation2 fonts-croscore libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils libpango-1.0-0 libpangoft2-1.0-0
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

# Build-time front-end tools from the npm registry (frontend/package-lock.json): axe-core
# for the browser tests, GOV.UK Frontend and Sass for `make assets`. Nothing at run time.
frontend/node_modules/.package-lock.json: frontend/package-lock.json
	@command -v npm >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	npm ci --prefix frontend --ignore-scripts --no-audit --no-fund
frontend: frontend/node_modules/.package-lock.json

# Recompiles the vendored GOV.UK Frontend (committed in core/static/vendor/).
assets: frontend
	frontend/build.sh

test-e2e: sync system-deps frontend
	XASO_TESTING=1 $(UV) run pytest -q -m e2e -p no:cacheprovider

# The SQLite pass, the PostgreSQL pass and the browser tests run side by side (each its
# own database; two cores), each one's output printed whole when it ends.
test: lint
	$(MAKE) --no-print-directory -j3 --output-sync=target test-sqlite test-pg test-e2e

bench: sync
	$(UV) run python -m bench $(BENCH_ARGS)

messages: sync
	cd src/xaso && $(UV) run django-admin makemessages -l en --no-location && $(UV) run django-admin compilemessages
