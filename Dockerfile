# syntax=docker/dockerfile:1
# One image for every process; its command picks which (docs/deploying.md):
#   docker run IMAGE rasa       the Rasa server (:5005; actions at ACTION_SERVER_URL)
#   docker run IMAGE actions    the action server (:5055)
#   docker run IMAGE web        the web process: demo page, widget files, staff page (:8000)
#   docker run IMAGE db upgrade, catalogue load, needs purge …  (any `python -m bot` command)
# Build from the project root: docker build -t coprod-bot .

ARG PYTHON_IMAGE=python:3.10.13-slim-bookworm
ARG NODE_IMAGE=node:20.18.0-bookworm-slim

# Front-end packages the web process serves (NHS.UK styles, the socket.io client); no install scripts.
FROM ${NODE_IMAGE} AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error

# Build: the virtual environment (runtime packages only, at the versions locked in
# requirements.txt), then the spaCy pipeline and the trained model.
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    BOT_ENV_FILE= \
    BIND_HOST=0.0.0.0 \
    PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.in requirements.txt ./
# requirements.in lists the runtime packages (tests and tools are in requirements-dev.in);
# requirements.txt pins them and everything they need (tests/test_deploy.py checks that the
# runtime packages cover every import of bot/ and actions/).
RUN python -m venv /opt/venv \
 && pip install pip==24.0 \
 && pip install -r requirements.in -c requirements.txt \
 && pip check
COPY . .
RUN python -m bot nlp build --force \
 && rasa train --fixed-model-name current --out models \
 && rm -rf .rasa /tmp/*

# Run: no compilers, no build files; runs as an unprivileged user and writes only to /tmp and
# the needs spool, so the platform can keep the rest of the filesystem read-only.
FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    BOT_ENV_FILE= \
    HOME=/tmp \
    NEEDS_SPOOL=/app/var/spool/needs-spool.jsonl
RUN groupadd --system --gid 10001 bot \
 && useradd --system --uid 10001 --gid bot --no-create-home --shell /usr/sbin/nologin bot
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
COPY --from=assets /app/node_modules /app/node_modules
RUN install -d -o bot -g bot /app/var/spool
WORKDIR /app
USER 10001:10001
EXPOSE 5005 5055 8000
ENTRYPOINT ["python", "-m", "bot"]
CMD ["rasa"]
