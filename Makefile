# The two commands a newcomer needs (see README): `make demo` and `make test`.
# Both bootstrap the virtualenv from pyproject.toml on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Options for `kiosk demo`, e.g. `make demo DEMO_ARGS=--portrait` (or --fullscreen).
DEMO_ARGS ?=

.PHONY: demo fleet-demo test lint reliability bench tour translations clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	bash scripts/ensure_qt_libs.sh $(VENV)
	@touch $(STAMP)

## demo: sandbox + printer and terminal emulators + the kiosk (headless: the screenshot tour)
# The Qt library check runs again here: the display the demo opens on (X11, Wayland)
# decides which system libraries Qt needs, and it may differ from the one at `make venv`.
demo: $(STAMP)
	bash scripts/ensure_qt_libs.sh $(VENV)
	$(PY) -m kiosk demo $(DEMO_ARGS)

## fleet-demo: the operators' view: the sandbox, three heartbeating kiosks, Debian's
## prometheus and alertmanager (installed by ensure_test_tools.sh); prints the URLs
fleet-demo: $(STAMP)
	bash scripts/ensure_test_tools.sh
	$(PY) -m sandbox.fleet_demo

## test: the whole test suite (offscreen Qt, real HTTPS sandbox, real emulators), then the
## line coverage of kiosk/ and sandbox/, subprocesses included (`coverage report` for detail)
test: $(STAMP)
	bash scripts/ensure_test_tools.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --cov --cov-report=
	@echo "coverage: $$($(PY) -m coverage report --format=total)% of kiosk/ and sandbox/ lines"

## lint: ruff, mypy --strict, import contracts, translations complete, shellcheck
lint: $(STAMP)
	bash scripts/ensure_test_tools.sh
	shellcheck scripts/*.sh .ci/run
	$(VENV)/bin/ruff check kiosk sandbox tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) -m kiosk.i18n.check

## reliability: the long crash-safety runs (200 SIGKILL trials)
reliability: $(STAMP)
	QT_QPA_PLATFORM=offscreen KIOSK_CRASH_TRIALS=200 $(PY) -m pytest -q -m slow tests/reliability

## bench: every benchmark, printing figures beside their same-run baselines
bench: $(STAMP)
	for b in bench/[!_]*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

## tour: screenshots of every screen into ./tour
tour: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m kiosk tour --out tour

## translations: refresh the .ts sources from the code and compile the .qm files
translations: $(STAMP)
	$(PY) -m kiosk.i18n.build

clean:
	rm -rf $(VENV) tour .mypy_cache .ruff_cache .coverage .coverage.*
