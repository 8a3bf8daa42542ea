# Two commands from a fresh clone: `make run` and `make test`. Both build .venv first,
# from the lock in requirements/ (exact versions with hashes); `make lock` refreshes it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every package from the lock, checked against its hash (works with the pip a venv comes
# with); then the project itself, built by the locked setuptools rather than a fresh one.
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes
PIP_PROJECT := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation

.PHONY: run test lint format clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-run: requirements/run.txt pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) -r requirements/run.txt
	$(PIP_PROJECT) -e .
	touch $@

$(VENV)/.stamp-test: requirements/test.txt pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) -r requirements/test.txt
	$(PIP_PROJECT) -e .
	touch $@ $(VENV)/.stamp-run

run: $(VENV)/.stamp-run
	$(BIN)/python scripts/build_translations.py
	$(BIN)/claimtrack $(ARGS)

test: $(VENV)/.stamp-test
	bash scripts/system-deps.sh
	$(BIN)/python scripts/build_translations.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

format: $(VENV)/.stamp-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the lock after a change to pyproject.toml, then run the tests on it. Pins that
# still satisfy pyproject are kept; `make lock UPGRADE=1` moves everything to the newest.
# One universal file per set (markers for Linux, Windows, macOS; Python 3.11 and later),
# checked to have wheels for each platform and Python the README promises.
UV := $(BIN)/uv
LOCK := $(UV) pip compile --quiet --no-config --universal --python-version 3.11 \
	--generate-hashes $(if $(UPGRADE),--upgrade)
LOCK_PLATFORMS := x86_64-manylinux_2_34 aarch64-manylinux_2_39 x86_64-pc-windows-msvc \
	x86_64-apple-darwin aarch64-apple-darwin
LOCK_PYTHONS := 3.11 3.12 3.13

lock: | $(BIN)/python
	$(PIP_LOCKED) -r requirements/uv.txt
	$(LOCK) requirements/uv.in -o requirements/uv.txt
	$(LOCK) --extra test pyproject.toml requirements/build.in -o requirements/test.txt
	$(LOCK) -c requirements/test.txt pyproject.toml requirements/build.in -o requirements/run.txt
	$(LOCK) -c requirements/run.txt pyproject.toml requirements/build.in requirements/bundle.in \
		-o requirements/bundle.txt
	set -e; for platform in $(LOCK_PLATFORMS); do for python in $(LOCK_PYTHONS); do \
		for set in test bundle; do \
		$(UV) pip compile --quiet --no-config --no-deps --only-binary :all: -o /dev/null \
			--python-platform $$platform --python-version $$python requirements/$$set.txt \
		|| { echo "lock: no wheel of some $$set package for $$platform, Python $$python" >&2; \
			exit 1; }; \
		done; done; done
	$(MAKE) test

clean:
	rm -rf $(VENV) build *.egg-info
