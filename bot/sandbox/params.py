"""Bot API parameters from the query string, JSON, urlencoded or multipart bodies."""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.hdrs import CONTENT_DISPOSITION
from aiohttp.multipart import BadContentDispositionHeader

from bot.sandbox.errors import ApiError, bad_request

MB = 1024 * 1024
MAX_UPLOAD = 50 * MB


@dataclass
class Upload:
    """A file part of a multipart request."""

    data: bytes
    filename: str | None
    content_type: str | None


async def _read_part(part: BodyPartReader) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk(256 * 1024):
        size += len(chunk)
        if size > MAX_UPLOAD:
            raise ApiError(413, "Request Entity Too Large")
        chunks.append(chunk)
    return b"".join(chunks)


class Params:
    """Typed access to parameters; form values arrive as strings, JSON values keep their type."""

    def __init__(self, values: dict[str, Any], files: dict[str, Upload]) -> None:
        self.values = values
        self.files = files

    @classmethod
    async def from_request(cls, request: web.Request) -> Params:
        values: dict[str, Any] = dict(request.query)
        files: dict[str, Upload] = {}
        ctype = request.content_type
        if request.method == "GET" or not request.body_exists:
            return cls(values, files)
        if ctype == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise bad_request("can't parse JSON request body") from exc
            if not isinstance(body, dict):
                raise bad_request("JSON body must be an object")
            values.update(body)
        elif ctype.startswith("multipart/"):
            reader = await request.multipart()
            while (part := await _next_part(reader)) is not None:
                if not isinstance(part, BodyPartReader):
                    continue
                name, filename = _disposition(part)
                if not name:
                    continue
                data = await _read_part(part)
                if filename is not None:
                    content_type = part.headers.get("Content-Type")
                    files[name] = Upload(data, filename, content_type)
                else:
                    values[name] = data.decode("utf-8", errors="replace")
        else:
            form = await request.post()
            values.update({k: v for k, v in form.items() if isinstance(v, str)})
        return cls(values, files)

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "") or name in self.files

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def get_str(self, name: str, *, required: bool = False) -> str | None:
        value = self.values.get(name)
        if value is None:
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, (dict, list)):
            raise bad_request(f'field "{name}" must be of type String')
        return value if isinstance(value, str) else json.dumps(value)

    def get_int(
        self, name: str, *, required: bool = False, default: int | None = None
    ) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return default
        if isinstance(value, bool):
            return int(value)
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def get_float(self, name: str, *, required: bool = False) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1")

    def get_json(self, name: str) -> Any:
        """A JSON-typed field; forms carry it serialised."""
        value = self.values.get(name)
        if isinstance(value, str):
            if value == "":
                return None
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def chat_id(self, name: str = "chat_id") -> Any:
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        return value


_DISPOSITION_PARAM = re.compile(r'(name|filename)="((?:[^"\\]|\\.)*)"')


async def _next_part(reader: MultipartReader) -> Any:
    # aiohttp warns (and gives up on the part) when a file name holds characters RFC 6266
    # does not expect; real clients send such names, so the part is parsed leniently below.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BadContentDispositionHeader)
        return await reader.next()


def _disposition(part: BodyPartReader) -> tuple[str | None, str | None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BadContentDispositionHeader)
        name, filename = part.name, part.filename
    if name:
        return name, filename
    found = dict(_DISPOSITION_PARAM.findall(part.headers.get(CONTENT_DISPOSITION, "")))
    return found.get("name"), found.get("filename")
