# make serve: live-reloading site on http://127.0.0.1:8000 | make test: lint, build and run every test
# make check: lint and the tests that need no build and no browser (the edit-test loop, seconds)
# make build: the site into site/. Each target first installs the pinned dependencies into .venv.
# make bench: times, page weights and Lighthouse scores into BENCHMARKS.md (needs node and chromium).
# make mutate: applies each regression of tests/mutations/ to a scratch copy, reports the test that caught it.
# make verify-releases: every lesson's code on a second torch release too; writes RELEASES.toml (README).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
BIN := $(VENV)/bin
# torch's exact pin, read from pyproject.toml and installed first: nothing can then pull a CUDA build.
TORCH_PIN := $(shell grep -o '"torch==[^"]*"' pyproject.toml | tr -d '"')
export NO_MKDOCS_2_WARNING := 1
# Lighthouse 12 (13 needs node 22), pinned, in a project-local, gitignored folder; only make bench uses it.
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse

.PHONY: install serve build test check lint bench mutate verify-releases clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q "$(TORCH_PIN)" 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	$(BIN)/pip install -q -e ".[test]" 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	touch $@

# serve reuses a page's results while nothing they depend on changed (lessonkit/cache.py);
# `make serve FRESH=1` clears that cache first. build and test always run everything.
serve: install
	$(if $(FRESH),rm -rf .cache/exec)
	LESSON_CACHE=.cache/exec $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two workers (CI has 2 cores); the site is built once and shared (tests/conftest.py). The order is
# shuffled (pytest-randomly; `-p no:randomly` to turn it off). `make test LESSON=rnn`: that lesson's
# tests (tests/rnn/) and every site-wide and machinery test, parametrized over that lesson only.
test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile $(if $(LESSON),tests/$(LESSON) $(wildcard tests/test_*.py))

check: lint
	$(BIN)/python -m pytest -m "not build and not browser and not site and not slow"

bench: install $(LIGHTHOUSE)
	$(BIN)/python bench/bench.py

# Slow (a site build per mutation), so not part of `make test`; its report is committed as MUTATIONS.md.
mutate: install
	$(BIN)/python tests/mutations/run.py --jobs 2 --write MUTATIONS.md

# The second release's environment: the same pins but torch (its registry build brings CUDA libraries,
# ~5.5 GB, run on the CPU). The project runs there from its folder (PYTHONPATH), not installed.
RELEASE := 2.14.1
RELEASE_VENV := .cache/torch-$(RELEASE)

verify-releases: install $(RELEASE_VENV)/.installed
	$(BIN)/python -m lessonkit.releases verify --second $(RELEASE_VENV)/bin/python

$(RELEASE_VENV)/.installed: pyproject.toml
	test -d $(RELEASE_VENV) || python3 -m venv $(RELEASE_VENV)
	$(RELEASE_VENV)/bin/pip install -q "torch==$(RELEASE)" 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	$(BIN)/python -c 'import tomllib; print("\n".join(d for d in tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"] if not d.startswith("torch")))' > $(RELEASE_VENV)/pins.txt
	$(RELEASE_VENV)/bin/pip install -q -r $(RELEASE_VENV)/pins.txt "torch==$(RELEASE)" 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	touch $@

$(LIGHTHOUSE):
	npm install --prefix .cache/lighthouse --no-audit --no-fund --loglevel=error lighthouse@12.8.2

clean:
	rm -rf site build .pytest_cache
