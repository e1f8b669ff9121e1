# partybot: one image for every role (web, worker, all) and for the release step.
#
#   docker build -t partybot .
#   docker run --rm -e DATABASE_URL=... partybot db upgrade      # release step, once per deploy
#   docker run -d  -e DATABASE_URL=... -e BOT_TOKEN=... partybot run --role all
#
# Configuration comes only from the environment (.env is not copied into the image). Processes
# never migrate on their own: `partybot db upgrade` runs first (compose.yaml's `migrate`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The CJK font for the hours charts and certificates; pg_dump for `partybot db backup`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --home-dir /app --uid 10001 partybot
WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p bot handlers jobs storage \
    && touch bot/__init__.py handlers/__init__.py jobs/__init__.py storage/__init__.py \
    && pip install . \
    && pip uninstall -y partybot \
    && rm -rf bot handlers jobs storage build

COPY bot ./bot
COPY handlers ./handlers
COPY jobs ./jobs
COPY storage ./storage
RUN pip install --no-deps . && rm -rf build \
    && mkdir -p /app/data && chown partybot:partybot /app/data

USER partybot
# Only the embedded SQLite database (the default DATABASE_URL) lives here.
VOLUME ["/app/data"]
EXPOSE 8080

ENTRYPOINT ["partybot"]
CMD ["run", "--role", "all"]
