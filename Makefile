# `make run` opens the app; `make test` runs the whole suite. Both set up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ALSA_HEADER := /usr/include/alsa/asoundlib.h

.PHONY: run test bench lint setup sounds clean

run: $(STAMP)
	$(BIN)/workout-tui

test: $(STAMP)
	$(BIN)/ruff check workout_tui tests sounds benchmarks
	$(BIN)/mypy workout_tui/core
	$(BIN)/pytest

# The numbers in the README: each figure beside its baseline, measured in one run.
# termdown is a baseline only, so it is installed here and not as a dependency.
bench: $(STAMP)
	@$(BIN)/pip install --quiet termdown
	$(BIN)/python benchmarks/bench.py

lint: $(STAMP)
	$(BIN)/ruff check workout_tui tests sounds benchmarks
	$(BIN)/ruff format --check workout_tui tests sounds benchmarks
	$(BIN)/mypy workout_tui/core

setup: $(STAMP)

# Audio (simpleaudio) compiles against ALSA's headers and spoken cues need espeak-ng:
# install them when we can (root with apt); otherwise carry on and say how to get them.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -e '.[test]'
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
	elif ! $(BIN)/pip install --quiet -e '.[audio,test]'; then \
		echo "Audio is off: simpleaudio-patched did not build (see above); the app runs without it."; \
	fi
	@touch $(STAMP)

sounds:
	$(PYTHON) sounds/make_sounds.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build
