# orbit: `make demo` and `make test` set up .venv on first use (from PyPI) and run.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

DEMO_PORT ?= 8000
SEED := ../shared/seed/blinken-central-asia.txt

.PHONY: demo test bench eval gate train serve stop clean-venv browser

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; run 'make PYTHON=python3 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Debian's chromium for the browser tests (never `playwright install`: no downloads at test time)
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "make: could not install chromium; browser tests will be skipped"; \
	  else echo "make: /usr/bin/chromium missing (apt-get install chromium); browser tests will be skipped"; fi; \
	fi

# the samples as a table, then a demo store (samples + the seed article when ../shared is
# there) served with the dashboard in the background: `make stop` ends it
demo: $(STAMP)
	$(BIN)/orbit demo
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/orbit ingest samples --db demo.db --no-progress
	@if [ -f $(SEED) ]; then $(BIN)/orbit ingest $(SEED) --date 2023-02-28 --db demo.db --no-progress; fi
	@$(MAKE) --no-print-directory serve

serve: $(STAMP) stop
	@$(BIN)/orbit serve --db demo.db --port $(DEMO_PORT) --detach --pid-file .demo-server.pid --log demo-server.log
	@echo "orbit dashboard: http://127.0.0.1:$(DEMO_PORT)/   (API docs: http://127.0.0.1:$(DEMO_PORT)/api/docs; stop it with 'make stop')"

stop:
	@if [ -f .demo-server.pid ]; then kill $$(cat .demo-server.pid) 2>/dev/null || true; rm -f .demo-server.pid; fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

# rebuild the trained event coder from the annotated corpus (corpus/, texts from ../shared);
# deterministic (fixed seed), writes src/orbit/data/models/coder/
train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[train]"
	$(BIN)/python -m orbit.learn.train

# every evaluation, dev and test, both event coders, one table; saves bench/results.json
eval: $(STAMP)
	$(BIN)/python bench/eval_all.py --save

# the quality gate CI runs after the tests: pinned floors (bench/gate_floors.json) and the leak check
gate: $(STAMP)
	ORBIT_PYTHON=$(BIN)/python bench/gate

clean-venv:
	rm -rf $(VENV)
