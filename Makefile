# `make run` opens the app; `make test` runs the whole suite. Both set up .venv on first use,
# with the exact versions of requirements/ (the lock); `make lock` refreshes it on purpose.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/dev.txt
AUDIO_LOCK := requirements/audio.txt
UV_LOCK := requirements/uv.txt
ALSA_HEADER := /usr/include/alsa/asoundlib.h
UV_VERSION := 0.13.9
PYTHONS := 3.11 3.12 3.13
# `make lock LOCK_UPGRADE=` adds a new dependency and keeps every other pin as it is.
LOCK_UPGRADE ?= --upgrade
COMPILE = pip compile --universal --python-version 3.11 --generate-hashes $(LOCK_UPGRADE) --quiet
# uv installs the lock (pip would take 20 s more); it comes from its own hashed lock. Byte-
# compiled, as pip does: this machine sets PYTHONDONTWRITEBYTECODE, so without .pyc files
# every start of the app would compile Textual again (1.3 s of CPU).
UV_INSTALL = $(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode

.PHONY: run test test-all test-latest bench bench-quick lint setup lock sounds clean dist

run: $(STAMP)
	$(BIN)/workout-tui

# ruff, mypy and pytest, from the venv in BIN (so test-latest can point it elsewhere).
# Byte-compiled first: this machine sets PYTHONDONTWRITEBYTECODE, and the tests start the
# app in a subprocess dozens of times. pytest runs with it unset, so that it keeps the test
# modules it rewrote for its asserts (3 s of CPU per worker on a second run). One more
# worker than the 2 cores here: many tests wait on a program in a terminal, and the extra
# worker fills that time; the tests that measure time run alone (see tests/conftest.py).
TEST_WORKERS ?= 3
CHECKS = $(BIN)/ruff check workout_tui tests sounds benchmarks release && \
	$(BIN)/ruff format --check --quiet workout_tui tests sounds benchmarks release && \
	$(BIN)/mypy workout_tui tests release && \
	$(BIN)/python -m compileall -q workout_tui > /dev/null && \
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(TEST_WORKERS) --durations=10

test: $(STAMP)
	$(CHECKS)

# The whole suite on each supported Python that is installed, each in its own venv from
# the lock; a line per version at the end.
test-all:
	@failed=0; summary=""; \
	for v in $(PYTHONS); do \
		py=$$(ls -d $$(pyenv root 2>/dev/null || echo /nonexistent)/versions/$$v*/bin/python$$v \
			2>/dev/null | tail -1); \
		[ -n "$$py" ] || py=$$(command -v python$$v); \
		if [ -z "$$py" ] || ! $$py -c '' 2>/dev/null; then \
			summary="$$summary\nPython $$v: not installed, skipped"; continue; fi; \
		echo "== Python $$v ($$py): make test VENV=.venv-$$v (log: .venv-$$v/test.log)"; \
		mkdir -p .venv-$$v; \
		if $(MAKE) --no-print-directory test PYTHON=$$py VENV=.venv-$$v > .venv-$$v/test.log 2>&1; \
		then result=passed; else result=FAILED; failed=1; fi; \
		line=$$(grep -E '^=* ?[0-9]+ (passed|failed)' .venv-$$v/test.log | tail -1 | tr -d '='); \
		summary="$$summary\nPython $$v ($$($$py -V 2>&1)): $$result:$$line"; \
	done; \
	printf "$$summary\n"; exit $$failed

# The newest versions pyproject allows, in a throwaway venv: catches a new release of
# Textual, PyYAML or rich before users do. Not part of CI; the lock test is skipped there.
test-latest: BIN := .venv-latest/bin
test-latest:
	rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	$(BIN)/pip install --quiet --require-hashes -r $(UV_LOCK)
	$(UV_INSTALL) --upgrade -e '.[test]'
	-$(UV_INSTALL) --upgrade -e '.[audio,test]'
	$(BIN)/pip list --format=freeze | grep -iE '^(textual|rich|pyyaml|platformdirs|simpleaudio)'
	export WORKOUT_TUI_UNLOCKED=1 && $(CHECKS)

# Refresh the lock to the newest versions pyproject allows, for every supported Python.
lock:
	@test -x $(VENV)-lock/bin/uv || \
		{ $(PYTHON) -m venv $(VENV)-lock && $(VENV)-lock/bin/pip install --quiet 'uv==$(UV_VERSION)'; }
	echo 'uv==$(UV_VERSION)' | $(VENV)-lock/bin/uv $(COMPILE) - --output-file $(UV_LOCK)
	$(VENV)-lock/bin/uv $(COMPILE) pyproject.toml requirements/build.in --extra test \
		--output-file $(LOCK)
	$(VENV)-lock/bin/uv $(COMPILE) pyproject.toml --extra audio --constraint $(LOCK) \
		--output-file $(AUDIO_LOCK)

# The release files in dist/: the sdist, and the wheel built from it, of what is committed
# (a clean tree, whatever lies around this one), checked by twine and by
# release/check_dist.py, which also builds the wheel straight from the tree to compare.
# Timestamps from the last commit, so that the same commit gives the same files.
DIST_WORK := build/dist
dist: $(STAMP)
	rm -rf dist $(DIST_WORK) && mkdir -p $(DIST_WORK)/tree
	git archive HEAD | tar -x -C $(DIST_WORK)/tree
	export SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct) && \
	$(BIN)/python -m build --no-isolation --outdir dist $(DIST_WORK)/tree && \
	$(BIN)/python -m build --no-isolation --wheel --outdir $(DIST_WORK)/direct $(DIST_WORK)/tree
	$(BIN)/twine check --strict dist/*
	$(BIN)/python release/check_dist.py dist $(DIST_WORK)/direct $(DIST_WORK)

# The numbers in the README: each figure beside its baseline, measured in one run.
# termdown is a baseline only, so it is installed here and not as a dependency.
bench: $(STAMP)
	@$(BIN)/pip install --quiet termdown
	$(BIN)/python benchmarks/bench.py

# Every figure in under two minutes, with wider error bars: for a quick look while working.
bench-quick: $(STAMP)
	@$(BIN)/pip install --quiet termdown
	$(BIN)/python benchmarks/bench.py --size quick

lint: $(STAMP)
	$(BIN)/ruff check workout_tui tests sounds benchmarks
	$(BIN)/ruff format --check workout_tui tests sounds benchmarks
	$(BIN)/mypy workout_tui tests

setup: $(STAMP)

# A new venv whenever pyproject or the lock changes, so it holds the lock and nothing else.
# Audio (simpleaudio) compiles against ALSA's headers and spoken cues need espeak-ng:
# install them when we can (root with apt); otherwise carry on and say how to get them.
$(STAMP): pyproject.toml $(LOCK) $(AUDIO_LOCK) $(UV_LOCK)
	@rm -rf $(VENV)/bin $(VENV)/lib $(VENV)/include $(VENV)/pyvenv.cfg
	$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --require-hashes -r $(UV_LOCK)
	@$(UV_INSTALL) --require-hashes -r $(LOCK)
	@$(UV_INSTALL) --no-deps --no-build-isolation -e .
	@missing=""; \
	[ -f $(ALSA_HEADER) ] || missing="$$missing libasound2-dev"; \
	command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing$$missing for audio and voice..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi; \
	command -v espeak-ng >/dev/null || echo "Voice is off: install espeak-ng for spoken cues (beeps still play)."
	@if [ ! -f $(ALSA_HEADER) ]; then \
		echo "Audio is off: simpleaudio needs ALSA's headers. Install libasound2-dev"; \
		echo "(e.g. sudo apt-get install libasound2-dev), then: rm $(STAMP) && make setup"; \
	elif ! $(UV_INSTALL) --require-hashes --no-build-isolation -r $(AUDIO_LOCK); then \
		echo "Audio is off: simpleaudio-patched did not build (see above); the app runs without it."; \
	fi
	@touch $(STAMP)

sounds:
	$(PYTHON) sounds/make_sounds.py

clean:
	rm -rf $(VENV) $(VENV)-lock .venv-latest .venv-3.* .pytest_cache .mypy_cache .ruff_cache \
		.hypothesis dist build
