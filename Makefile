# Two commands matter: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve-room test lint bench lock system-deps docs-images clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m checklist.ui.serve

# A workshop in one room: serve on this machine's network address (not loopback), print the join
# address and its QR code. Reachable by everyone on that network while it runs. ROOM_ADDRESS=, PORT=
serve-room: $(STAMP)
	$(BIN)/python scripts/serve_room.py

system-deps:
	scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(STAMP) system-deps
	scripts/test.sh

# The guides' pictures, taken from the real app by browser tests; commit the changed PNGs.
docs-images: $(STAMP) system-deps
	$(BIN)/python -m pytest -m docs_images tests/e2e/test_guide_screenshots_e2e.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lock: $(STAMP)
	{ echo "# Exact versions the tests pass with; installs use it as pip constraints (make run / make test)."; \
	  echo "# Remake after changing dependencies: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^#'; } > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
