# Two commands for a newcomer: `make run` (portal on SQLite with demo data) and `make test`.
# Everything else here is what those two need, spelled out so CI and people run the same thing.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench translations translations-update clean-db

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

# Every language's catalogues (messages, and resident_texts where a language has one).
translations/en/LC_MESSAGES/messages.mo: $(wildcard translations/*/LC_MESSAGES/*.po) $(STAMP)
	$(BIN)/pybabel compile --statistics -d translations
	@for po in translations/*/LC_MESSAGES/resident_texts.po; do [ -e "$$po" ] || continue; \
	  $(BIN)/pybabel compile -D resident_texts -i "$$po" -o "$${po%.po}.mo"; done

translations: translations/en/LC_MESSAGES/messages.mo

# Re-extract every user-facing string and merge it into the catalogues (run after changing text).
translations-update: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output \
	  -o translations/messages.pot portal forms templates
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python tools/extract_resident_texts.py
	@if ls translations/*/LC_MESSAGES/resident_texts.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel update -D resident_texts -i translations/resident_texts.pot -d translations \
	    --no-fuzzy-matching --ignore-obsolete; fi

run: $(STAMP) translations
	@mkdir -p instance
	$(BIN)/flask --app portal db-upgrade
	$(BIN)/flask --app portal seed-demo
	$(BIN)/flask --app portal figures-refresh
	$(BIN)/flask --app portal run --port $${PORT:-5000}

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: $(STAMP) translations lint
	$(BIN)/python -m verordening check
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/verordening_bench.py

# A full submission under load (50 residents at once) against hello-world on the same server.
.PHONY: bench-load
bench-load: $(STAMP)
	$(BIN)/python bench/submission_load.py $(BENCH_ARGS)

# The production shape (issue #14): gunicorn on PostgreSQL, 200 residents for 60 seconds.
# BENCH_DATABASE: a PostgreSQL URL (a fresh schema is made in it and dropped afterwards).
BENCH_DATABASE ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
.PHONY: bench-load-production
bench-load-production: $(STAMP)
	$(BIN)/python bench/submission_load.py --server gunicorn --database $(BENCH_DATABASE) \
	  --residents 200 --duration 60 $(BENCH_ARGS)

# The contact person's caseload page on PostgreSQL at 1,000 and 1,000,000 households.
.PHONY: bench-caseload
bench-caseload: $(STAMP)
	$(BIN)/python bench/caseload_bench.py $(BENCH_ARGS)

# The .docx ondersteuningsplan of the largest household against bare python-docx, same run.
.PHONY: bench-plan
bench-plan: $(STAMP)
	$(BIN)/python bench/plan_docx_bench.py $(BENCH_ARGS)

# The hand-off: what the outbox adds to a submission, and hand-offs/s through Celery on Redis.
.PHONY: bench-handoff
bench-handoff: $(STAMP)
	$(BIN)/python bench/handoff_bench.py $(BENCH_ARGS)

clean-db:
	rm -f instance/eenloket.sqlite

# The policy what-if (issue #18): 100,000 stored intakes on PostgreSQL, its time and its ratio to
# the engine's own evaluations per second measured in the same run (goal <= 2).
.PHONY: bench-whatif
bench-whatif: $(STAMP)
	$(BIN)/python bench/whatif_bench.py --database $(BENCH_DATABASE) $(BENCH_ARGS)

# The management figures page (issue #18): p95 at 1,000 and 1,000,000 households on PostgreSQL.
.PHONY: bench-dashboard
bench-dashboard: $(STAMP)
	$(BIN)/python bench/dashboard_bench.py --database $(BENCH_DATABASE) $(BENCH_ARGS)
