"""Settings from the environment and `.env`, validated once at start."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org/bot"
TELEGRAM_FILE_URL = "https://api.telegram.org/file/bot"
_TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_PLACEHOLDERS = {"changeme", "your-token-here", "123456:ABC-DEF"}


def default_database_url(data_dir: Path = Path("data")) -> str:
    return f"sqlite+aiosqlite:///{data_dir / 'partybot.sqlite3'}"


class Settings(BaseSettings):
    """Every knob of the bot; `.env.example` documents each one."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    bot_api_base_url: str = TELEGRAM_API_URL
    bot_api_base_file_url: str = TELEGRAM_FILE_URL
    database_url: str = Field(default_factory=default_database_url)
    bot_admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    bot_timezone: str = "Asia/Shanghai"
    bot_default_language: Literal["zh", "en"] = "zh"
    bot_log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    bot_log_format: Literal["text", "json"] = "text"
    # SQL parameters, Bot API payloads and whole updates in the log: personal data, off by default.
    bot_log_personal_data: bool = False
    bot_concurrency: int = Field(default=32, ge=1, le=512)
    # Updates one person may have waiting; past it, further ones are dropped until the bot
    # catches up, and the person is told once (issue 8: one account must not stall everyone).
    bot_flood_queue: int = Field(default=20, ge=1, le=10_000)
    # Messages one private chat may get back to back, within burst × 1.05 s. Telegram's FAQ only
    # says short bursts "may" pass, so the default is none: one message a second per person.
    bot_reply_burst: int = Field(default=1, ge=1, le=1000)
    sandbox_host: str = "127.0.0.1"
    sandbox_port: int = Field(default=8080, ge=0, le=65535)
    # A secret for signing check-in codes and similar; generated into the database when unset.
    bot_secret_key: SecretStr | None = None
    # Webhook mode (several web processes behind one address): the public https URL Telegram
    # posts updates to, the secret it sends back in X-Telegram-Bot-Api-Secret-Token, and the
    # host:port this process listens on. The listener also serves /health and /metrics (a
    # worker with WEBHOOK_LISTEN set serves only those two).
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str | None = None

    def secret_values(self) -> list[str]:
        """Values the log must never show: the token, the signing key, the database password."""
        from sqlalchemy.engine import make_url

        values = [
            s.get_secret_value()
            for s in (self.bot_token, self.bot_secret_key, self.webhook_secret)
            if s
        ]
        try:
            password = make_url(self.database_url).password
        except Exception:  # a malformed URL fails later, with its own message
            password = None
        if password:
            values.append(str(password))
        return values

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip()
        if text.lower() in _PLACEHOLDERS or not _TOKEN_RE.match(text):
            raise ValueError("must look like 123456789:AA... (from @BotFather), or be left empty")
        return text

    @field_validator("webhook_url", "webhook_listen", "webhook_secret", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be the https:// address Telegram posts updates to")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's own rule for secret_token: 1-256 of A-Z a-z 0-9 _ -
        if value is not None and not _SECRET_RE.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _listen(cls, value: str | None) -> str | None:
        if value is None:
            return None
        host, sep, port = value.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError("must be host:port, e.g. 0.0.0.0:8443")
        return value

    @property
    def listen_address(self) -> tuple[str, int] | None:
        """WEBHOOK_LISTEN split into (host, port)."""
        if self.webhook_listen is None:
            return None
        host, _, port = self.webhook_listen.rpartition(":")
        return host.strip("[]"), int(port)

    @field_validator("bot_admin_ids", mode="before")
    @classmethod
    def _admins(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be Telegram user ids separated by commas") from None
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("bot_timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Asia/Shanghai") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _db(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    @field_validator("bot_api_base_url", "bot_api_base_file_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// address")
        return value.rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


class ConfigError(Exception):
    """A readable, one-line configuration problem."""


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning validation errors into one line that names the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "configuration"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Configuration error: {name} {message}") from None
