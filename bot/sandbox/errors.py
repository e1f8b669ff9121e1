"""The Bot API's error shape as an exception."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API failure: becomes {"ok": false, "error_code", "description", "parameters"}."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(text: str, parameters: dict[str, Any] | None = None) -> ApiError:
    """A 400 whose description starts with "Bad Request: "."""
    return ApiError(400, f"Bad Request: {text}", parameters)


def forbidden(text: str) -> ApiError:
    """A 403 whose description starts with "Forbidden: "."""
    return ApiError(403, f"Forbidden: {text}")


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 with parameters.retry_after, as Telegram sends when flooding."""
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )
