"""Input files for sendPhoto/sendDocument, and image sizes read from file headers."""

from __future__ import annotations

import mimetypes
import struct

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.models import SFile
from bot.sandbox.params import MB, Params, Upload
from bot.sandbox.state import SandboxState

MAX_PHOTO = 10 * MB
MAX_DOCUMENT = 50 * MB
MAX_DOWNLOAD = 20 * MB


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + length
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG or WebP; None if it is not one."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        chunk = data[12:16]
        if chunk == b"VP8X":
            width = int.from_bytes(data[24:27], "little") + 1
            height = int.from_bytes(data[27:30], "little") + 1
            return width, height
        if chunk == b"VP8 ":
            width, height = struct.unpack("<HH", data[26:30])
            return int(width) & 0x3FFF, int(height) & 0x3FFF
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _upload(params: Params, name: str) -> Upload | str:
    """The uploaded part for `name`, or the string value (file_id, URL)."""
    upload = params.files.get(name)
    if upload is not None:
        return upload
    value = params.get_str(name)
    if not value:
        raise bad_request(f"there is no {name} in the request")
    return attached(params, value)


def store_upload(state: SandboxState, upload: Upload, kind: str, *, strict_image: bool) -> SFile:
    """Keep an uploaded file, checking Telegram's size limits for its kind."""
    if not upload.data:
        raise bad_request("file must be non-empty")
    if kind == "photo":
        if len(upload.data) > MAX_PHOTO:
            raise bad_request("file is too big")
        size = image_size(upload.data)
        if size is None and strict_image:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size or (0, 0)
        return state.add_file(
            "photo", upload.data, file_name=None, mime_type="image/jpeg", width=width, height=height
        )
    if len(upload.data) > MAX_DOCUMENT:
        raise ApiError(413, "Request Entity Too Large")
    mime = upload.content_type
    if not mime or mime == "application/octet-stream":
        mime = mimetypes.guess_type(upload.filename or "")[0] or mime
    return state.add_file("document", upload.data, file_name=upload.filename, mime_type=mime)


def input_file(state: SandboxState, params: Params, name: str, kind: str) -> SFile:
    """Resolve sendPhoto/sendDocument's file: an upload, a known file_id, or a refused URL."""
    return resolve_file(state, _upload(params, name), kind)


def attached(params: Params, value: str) -> Upload | str:
    """An InputMedia's `media`: the part named by attach://<name>, or the string (file_id, URL)."""
    if value.startswith("attach://"):
        found = params.files.get(value[len("attach://") :])
        if found is None:
            raise bad_request(f'can\'t find attached file "{value[len("attach://") :]}"')
        return found
    return value


def resolve_file(state: SandboxState, source: Upload | str, kind: str) -> SFile:
    """Store an upload, or look up a file_id of the right kind; URLs are refused (offline)."""
    if isinstance(source, Upload):
        return store_upload(state, source, kind, strict_image=True)
    if source.lower().startswith(("http://", "https://")):
        raise bad_request(
            "failed to get HTTP URL content: the sandbox is offline and never downloads URLs; "
            "upload the file or send a file_id"
        )
    known = state.files.get(source)
    if known is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if known.kind != kind:
        raise bad_request("type of file mismatch")
    return known
