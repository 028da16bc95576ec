# The co-production signposting assistant. `make help` lists the targets.
# People and CI use the same targets: `make run` to chat, `make test` to test everything.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
MODEL := models/current.tar.gz
SPACY_MODEL := var/spacy/coprod_en-$(shell sed -n 's/^PIPELINE_VERSION = "\(.*\)"/\1/p' bot/text/pipeline.py)/meta.json
# Training data: what Rasa reads under data/, not the catalogue or the topic titles. The list is
# rewritten only when it changes, so removing a file retrains too.
TRAIN_DATA := $(shell find data -name '*.yml' -not -path 'data/catalogue/*' -not -name 'topics.yml' | sort)
TRAIN_LIST := var/train-files.txt
$(shell mkdir -p var && (echo "$(TRAIN_DATA)" | cmp -s - $(TRAIN_LIST) || echo "$(TRAIN_DATA)" > $(TRAIN_LIST)))
SYSTEM := scripts/system-packages

export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED ?= false
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
# Rasa's training cache lives outside the clone, so a fresh checkout trains quickly.
export RASA_CACHE_DIRECTORY ?= $(HOME)/.cache/coprod-bot/rasa
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONPATH := $(CURDIR)
export CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)

# Python 3.10: $PYTHON310, else python3.10 on PATH, else the newest 3.10 under pyenv.
find_python = for p in "$${PYTHON310:-}" python3.10 $$(ls -d $$HOME/.pyenv/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r); do \
	  [ -n "$$p" ] && command -v "$$p" >/dev/null 2>&1 && "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { command -v "$$p"; exit 0; }; \
	done; exit 1

.PHONY: help install nlp train run run-prod test lint types unit validate story-test e2e eval bench bench-load bench-soak screenshots sample-report audit lock clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@[ -x $(PY) ] || { python=$$($(find_python)) || { echo "Python 3.10 is needed (Rasa 3.6 supports 3.8-3.10) and none was found. Install it with pyenv: pyenv install 3.10 (or set PYTHON310=/path/to/python3.10)"; exit 1; }; "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip==24.0 -r requirements.txt 2>&1 | sed '/^WARNING: Location/d'
	$(PY) -m pip check
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the widget's packages: install Node.js 18 or newer (Debian: apt-get install nodejs npm)."; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

install: $(STAMP) $(NODE_STAMP) ## create .venv and node_modules with the pinned packages

$(SPACY_MODEL): bot/text/pipeline.py | $(STAMP)
	$(PY) -m bot nlp build --force

nlp: $(SPACY_MODEL) ## build the spaCy pipeline (blank English + lookup lemmatiser)

$(MODEL): config.yml domain.yml $(TRAIN_DATA) $(TRAIN_LIST) $(SPACY_MODEL) bot/intents.py $(addprefix bot/rasa_ext/,linear.py intent_classifier.py answer_selector.py text_normaliser.py option_picker.py urgent_policy.py subject_policy.py) | $(STAMP)
	$(VENV)/bin/rasa train --fixed-model-name current --out models
	@touch $@

train: $(MODEL) ## train the model when config, domain, data or our components changed

run: $(MODEL) $(NODE_STAMP) ## install, train if needed, start Rasa (:5005), the actions (:5055) and the web process (:8000)
	$(PY) -m bot serve

run-prod: export DATABASE_URL ?= postgresql+psycopg2://postgres@127.0.0.1:5432/coprod_bot
run-prod: export REDIS_URL ?= redis://127.0.0.1:6379/0
run-prod: export ALLOWED_ORIGINS ?= http://localhost:8080,http://127.0.0.1:8080
run-prod: export WIDGET_SERVER_URL ?= http://localhost:8080
run-prod: $(MODEL) $(NODE_STAMP) ## production layout: nginx :8080, two Rasa replicas with their actions, PostgreSQL, Redis
	$(SYSTEM) nginx
	$(PY) -m bot db create
	$(PY) -m bot serve --replicas 2 --proxy-port 8080

test: lint types unit validate train story-test e2e ## everything: lint, types, pytest, data validation, training, story tests, end to end

lint: $(STAMP) ## ruff, and hadolint on the Dockerfile
	$(VENV)/bin/ruff check bot actions tests benchmarks migrations scripts/audit.py
	$(VENV)/bin/ruff format --check bot actions tests benchmarks migrations scripts/audit.py
	$(VENV)/bin/hadolint Dockerfile

types: $(STAMP) ## mypy on bot/
	$(PY) -m mypy bot

unit: $(SPACY_MODEL) $(NODE_STAMP) ## pytest without the trained model: unit and integration tests (SQLite, PostgreSQL)
	$(SYSTEM) nginx docker-compose kubectl
	$(PY) -m pytest -m "not model" -q

validate: $(STAMP) ## rasa data validate (fails on any warning that is not a documented false alarm)
	$(PY) -m tests.tools.validate

story-test: $(MODEL) ## Rasa story tests (tests/stories) on the trained model
	$(VENV)/bin/rasa test core --stories tests/stories --model $(MODEL) --out var/results/stories --fail-on-prediction-errors

e2e: $(MODEL) $(NODE_STAMP) ## tests that need the trained model: servers over REST and socket.io, the widget in Chromium
	$(SYSTEM) chromium nginx
	$(PY) -m pytest -m model -q

eval: $(MODEL) ## NLU cross-validation, the recommender, the safety and conversation sets end to end, reading grades
	$(PY) -m benchmarks.readability
	$(PY) -m benchmarks.eval_activities
	$(PY) -m benchmarks.eval_safety --guard
	$(PY) -m benchmarks.eval_conversations
	$(PY) -m benchmarks.eval_nlu

bench: $(MODEL) ## search quality and speed, needs log speed, redaction time by length, hostile input, command line speed, message latency (and a 200-turn conversation) beside a bare `rasa init`
	$(PY) -m benchmarks.search
	$(PY) -m benchmarks.needs
	$(PY) -m benchmarks.redaction
	$(PY) -m benchmarks.hostile
	$(PY) -m benchmarks.cli
	$(PY) -m benchmarks.latency

bench-load: $(MODEL) $(NODE_STAMP) ## load at 10, 20 and 50 users: one replica, two behind nginx, a bare `rasa init`
	$(SYSTEM) nginx
	$(PY) -m benchmarks.load

bench-soak: $(MODEL) $(NODE_STAMP) ## 30 minutes at 20 users on the production layout (run it in the background)
	$(SYSTEM) nginx
	$(PY) -m benchmarks.soak

screenshots: $(MODEL) $(NODE_STAMP) ## the widget's screenshots in docs/screenshots (desktop, 320 px, phone)
	$(SYSTEM) chromium
	$(PY) -m tests.tools.screenshots

sample-report: $(SPACY_MODEL) ## the report of a synthetic batch of needs (var/sample-needs.db)
	$(PY) -m benchmarks.sample_needs

# pip-audit lives in a venv of its own: its dependencies clash with Rasa 3.6's pins.
AUDIT_VENV := var/audit-venv
$(AUDIT_VENV)/bin/pip-audit: requirements-audit.txt | $(STAMP)
	$(PY) -m venv --clear $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet -r requirements-audit.txt
	@touch $@

audit: $(AUDIT_VENV)/bin/pip-audit ## Python and npm packages against the advisory databases; says so when none answers
	$(PY) scripts/audit.py --pip-audit $(AUDIT_VENV)/bin/pip-audit

lock: ## regenerate requirements.txt after changing requirements.in or requirements-dev.in
	$(PY) -m pip install --quiet -r requirements-dev.in
	{ echo "# Locked: every package the venv holds, pinned. Generated by \`make lock\` from requirements-dev.in."; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^pkg.resources'; } > requirements.txt

clean: ## remove generated files (models, var/), keep .venv
	rm -rf models var .pytest_cache .ruff_cache .mypy_cache
