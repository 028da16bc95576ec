# The co-production signposting assistant. `make help` lists the targets.
# People and CI use the same targets: `make run` to chat, `make test` to test everything.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
# Front-end packages (package.json): NHS.UK styles, the socket.io client, axe-core.
NODE_STAMP := node_modules/.installed
# The browser tests drive the system's Chromium (Debian's package): no browser download is possible.
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
export CHROMIUM
MODEL := models/current.tar.gz
SPACY_VERSION := $(shell sed -n 's/^PIPELINE_VERSION = "\(.*\)"/\1/p' bot/text/pipeline.py)
SPACY_MODEL := var/spacy/coprod_en-$(SPACY_VERSION)/meta.json
# Training data: everything Rasa reads under data/, but not the catalogue or the topic titles,
# which are not training data (changing them needs no retraining).
TRAIN_DATA := $(shell find data -name '*.yml' -not -path 'data/catalogue/*' -not -name 'topics.yml' 2>/dev/null | sort)
# The list of training files, rewritten only when it changes, so removing a file retrains too.
TRAIN_LIST := var/train-files.txt
$(shell mkdir -p var && (echo "$(TRAIN_DATA)" | cmp -s - $(TRAIN_LIST) || echo "$(TRAIN_DATA)" > $(TRAIN_LIST)))

# Local settings live in .env (git-ignored), read by bot/settings.py in every process.
# Here: quieter TensorFlow and no telemetry.
export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED ?= false
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
# Rasa's training cache lives outside the clone, so a fresh checkout trains quickly.
export RASA_CACHE_DIRECTORY ?= $(HOME)/.cache/coprod-bot/rasa
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONPATH := $(CURDIR)

# Python 3.10: $PYTHON310 if set, else python3.10 on PATH, else the newest 3.10 under pyenv.
find_python = for p in "$${PYTHON310:-}" python3.10 $$(ls -d $$HOME/.pyenv/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r); do \
	  [ -n "$$p" ] && command -v "$$p" >/dev/null 2>&1 && "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { command -v "$$p"; exit 0; }; \
	done; exit 1

.PHONY: help install browser nginx deploy-tools nlp train run run-prod test lint unit validate story-test e2e eval eval-activities bench bench-search bench-load bench-soak bench-needs screenshots sample-report lock clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@if [ ! -x $(PY) ]; then \
	  python=$$($(find_python)) || { \
	    echo "Python 3.10 is needed (Rasa 3.6 supports 3.8-3.10) and none was found."; \
	    echo "Install it with pyenv:  pyenv install 3.10  (or set PYTHON310=/path/to/python3.10)"; exit 1; }; \
	  echo "Creating $(VENV) with $$python"; \
	  "$$python" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade pip==24.0 2>&1 | sed '/^WARNING: Location/d'
	$(PY) -m pip install --quiet -r requirements.txt 2>&1 | sed '/^WARNING: Location/d'
	$(PY) -m pip check
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the widget's packages: install Node.js 18 or newer (Debian: apt-get install nodejs npm)."; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

install: $(STAMP) $(NODE_STAMP) ## create .venv and node_modules with the pinned packages (fast when done already)

browser: ## make sure Chromium is there for the browser tests (installs Debian's package when run as root)
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests (Debian package)…"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	  else \
	    echo "The browser tests need Chromium: install it (Debian: sudo apt-get install chromium) or set CHROMIUM=/path/to/chrome."; exit 1; \
	  fi; \
	fi

$(SPACY_MODEL): bot/text/pipeline.py | $(STAMP)
	$(PY) -m bot nlp build --force

nlp: $(SPACY_MODEL) ## build the spaCy pipeline (blank English + lookup lemmatiser)

$(MODEL): config.yml domain.yml $(TRAIN_DATA) $(TRAIN_LIST) $(SPACY_MODEL) bot/intents.py bot/rasa_ext/linear.py bot/rasa_ext/intent_classifier.py bot/rasa_ext/answer_selector.py | $(STAMP)
	$(RASA) train --fixed-model-name current --out models
	@touch $@

train: $(MODEL) ## train the model when config, domain or data changed

run: $(MODEL) $(NODE_STAMP) ## install, train if needed, start the Rasa server (:5005), the action server (:5055) and the web process (:8000)
	$(PY) -m bot serve

# The production layout on this machine: PostgreSQL and Redis from the environment, or these defaults.
run-prod: export DATABASE_URL ?= postgresql+psycopg2://postgres@127.0.0.1:5432/coprod_bot
run-prod: export REDIS_URL ?= redis://127.0.0.1:6379/0
run-prod: export ALLOWED_ORIGINS ?= http://localhost:8080,http://127.0.0.1:8080
run-prod: export WIDGET_SERVER_URL ?= http://localhost:8080
run-prod: $(MODEL) $(NODE_STAMP) nginx ## production layout: nginx :8080 in front of two Rasa replicas (:5005, :5006) with their action servers, on PostgreSQL and Redis
	$(PY) -m bot db create
	$(PY) -m bot serve --replicas 2 --proxy-port 8080

nginx: ## make sure nginx is there for run-prod (installs Debian's nginx-light when run as root)
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing nginx (Debian package nginx-light)…"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null; }; \
	  else \
	    echo "run-prod needs nginx: install it (Debian: sudo apt-get install nginx-light)."; exit 1; \
	  fi; \
	fi

lint: $(STAMP) ## ruff, and hadolint on the Dockerfile
	$(VENV)/bin/ruff check bot actions tests migrations
	$(VENV)/bin/ruff format --check bot actions tests migrations
	$(VENV)/bin/hadolint Dockerfile

# tests/test_deploy.py renders the Kubernetes manifests with kubectl and checks docker-compose.yml
# with Debian's docker-compose (no container engine is needed for either).
deploy-tools: ## make sure kubectl and docker-compose are there for the deployment tests
	@command -v kubectl >/dev/null || { echo "The deployment tests need kubectl 1.27 or newer (with Kustomize 5): see https://kubernetes.io/docs/tasks/tools/"; exit 1; }
	@if ! command -v docker-compose >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing docker-compose (Debian package) to check docker-compose.yml…"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null; }; \
	  else \
	    echo "The deployment tests need docker-compose: install it (Debian: sudo apt-get install docker-compose)."; exit 1; \
	  fi; \
	fi

unit: $(SPACY_MODEL) $(NODE_STAMP) nginx deploy-tools ## pytest: unit and integration tests (SQLite and PostgreSQL), no trained model
	$(PY) -m pytest -m "not model" -q

validate: $(STAMP) ## rasa data validate (fails on any warning that is not a documented false alarm)
	$(PY) -m tests.tools.validate

story-test: $(MODEL) ## Rasa story tests (tests/stories) on the trained model
	$(RASA) test core --stories tests/stories --model $(MODEL) --out var/results/stories --fail-on-prediction-errors

e2e: $(MODEL) $(NODE_STAMP) browser nginx ## tests that need the trained model: servers over REST and socket.io, the widget in Chromium
	$(PY) -m pytest -m model -q

test: lint unit validate train story-test e2e ## everything: lint, pytest, data validation, training, story tests, end-to-end

eval: eval-activities $(MODEL) ## 5-fold cross-validated NLU (intent macro-F1), and the activity recommender's agreement
	$(PY) -m tests.tools.eval_nlu

eval-activities: $(STAMP) ## the activity recommender against tests/data/activity_requests.yml (agreement)
	$(PY) -m tests.tools.eval_activities

bench: bench-search bench-needs $(MODEL) ## search quality and latency, needs log speed, then message latency over REST beside a bare `rasa init`
	$(PY) -m tests.tools.bench_latency

bench-load: $(MODEL) $(NODE_STAMP) nginx ## load at 10, 20 and 50 users: one replica, two behind nginx, a bare `rasa init` (PostgreSQL, Redis; loopback)
	$(PY) -m tests.tools.bench_load

bench-soak: $(MODEL) $(NODE_STAMP) nginx ## 30-minute soak at 20 users on the production layout: errors and memory growth (run it in the background)
	$(PY) -m tests.tools.bench_soak

bench-needs: $(SPACY_MODEL) ## needs log: time to record a need (SQLite, PostgreSQL, spool) and to build the report
	$(PY) -m tests.tools.bench_needs

bench-search: $(SPACY_MODEL) ## catalogue search: MRR@5 and recall@3 beside BM25 and SQL LIKE; latency up to 100,000 resources
	$(PY) -m tests.tools.bench_search

screenshots: $(MODEL) $(NODE_STAMP) browser ## screenshots of the widget for docs/screenshots (desktop, 320 px, a phone full screen)
	$(PY) -m tests.tools.screenshots

sample-report: $(SPACY_MODEL) ## load the synthetic batch of needs into var/sample-needs.db and print its report
	$(PY) -m tests.tools.sample_needs

lock: ## regenerate requirements.txt from the venv after changing requirements.in
	$(PY) -m pip install --quiet -r requirements.in
	{ echo "# Locked: every package the venv holds, pinned. Generated by \`make lock\` from requirements.in."; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^pkg.resources'; } > requirements.txt

clean: ## remove generated files (models, var/), keep .venv
	rm -rf models var .pytest_cache .ruff_cache
