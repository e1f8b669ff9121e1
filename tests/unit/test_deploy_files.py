"""The Dockerfile and compose.yaml, checked without a Docker engine (none runs in CI)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.__main__ import _parser
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
# Set by the webhook roles; listed here so this file does not depend on their merge order.
WEBHOOK_SETTINGS = {"WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_LISTEN"}
BOT = ("worker", "web1", "web2")


def _compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_compose_runs_postgres_the_release_step_one_worker_and_two_web() -> None:
    services = _compose()["services"]
    assert services["db"]["image"].startswith("postgres:")
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    roles = [services[name]["command"] for name in BOT]
    assert roles == [
        ["run", "--role", "worker"],
        ["run", "--role", "web"],
        ["run", "--role", "web"],
    ]
    for name in ("worker", "web1", "web2"):
        svc = services[name]
        assert svc["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "env_file" not in svc and "volumes" not in svc  # the environment only
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    caddy = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    # Only the webhook path (WEBHOOK_URL's) goes out; /health and /metrics stay inside.
    assert "handle /telegram*" in caddy and "reverse_proxy web1:8080 web2:8080" in caddy
    assert services["web1"]["environment"]["WEBHOOK_URL"].endswith("/telegram")


def test_compose_environment_names_real_settings() -> None:
    services = _compose()["services"]
    known = {name.upper() for name in Settings.model_fields} | WEBHOOK_SETTINGS
    for name in ("migrate", *BOT):
        env = services[name]["environment"]
        assert set(env) <= known, set(env) - known
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
        assert "@db:5432/" in env["DATABASE_URL"]
        assert set(env) >= WEBHOOK_SETTINGS
        listen = env["WEBHOOK_LISTEN"]
        assert listen.endswith(":8080")
        # Secrets are interpolated from the operator's environment, never written here.
        for secret in ("BOT_TOKEN", "WEBHOOK_SECRET"):
            assert re.fullmatch(r"\$\{" + secret + r":\?[^}]*\}", env[secret]), secret
        assert "${POSTGRES_PASSWORD:?" in env["DATABASE_URL"]


def test_compose_commands_parse_with_the_cli() -> None:
    services = _compose()["services"]
    _parser().parse_args(services["migrate"]["command"])
    try:
        for name in BOT:
            _parser().parse_args(services[name]["command"])
    except SystemExit:
        pytest.skip("`partybot run --role` is not merged into this branch yet")


def test_dockerfile_slim_cjk_font_non_root_release_step() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    assert "FROM python:3.11-slim" in lines
    assert "fonts-wqy-microhei" in text
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert 'ENTRYPOINT ["partybot"]' in lines
    assert "partybot db upgrade" in text  # the release step, documented
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".env", ".venv", "data", ".git"} <= set(ignored)
