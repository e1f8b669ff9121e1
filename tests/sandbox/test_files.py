"""Files both ways: user uploads read by the bot, bot uploads downloaded by users, limits."""

from __future__ import annotations

import io
import struct
import zlib

import aiohttp
import pytest
from telegram import Bot, InputFile, InputMediaDocument, InputMediaPhoto
from telegram.error import BadRequest

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """A valid PNG so image sizes can be checked."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\0" + b"\0\0\0" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


async def test_user_document_reaches_bot_and_downloads(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("上传")
    content = "姓名,党费\n张三,12.50\n".encode()
    sent = await user.send_document("党费.csv", content, mime_type="text/csv", caption="三月")
    assert sent["document"]["file_name"] == "党费.csv"
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.document is not None
    doc = update.message.document
    assert (doc.file_name, doc.mime_type, doc.file_size) == ("党费.csv", "text/csv", len(content))
    assert update.message.caption == "三月"
    tg_file = await bot.get_file(doc.file_id)
    assert tg_file.file_path is not None
    assert tg_file.file_path.startswith(f"{bot.base_file_url}/documents/")
    assert bytes(await tg_file.download_as_bytearray()) == content


async def test_bot_uploads_photo_and_document(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("下载")
    await user.start()
    png = tiny_png(3, 2)
    photo_msg = await bot.send_photo(user.id, png, caption="<b>合影</b>", parse_mode="HTML")
    assert (photo_msg.photo[-1].width, photo_msg.photo[-1].height) == (3, 2)
    assert photo_msg.caption == "合影"
    doc_msg = await bot.send_document(
        user.id, InputFile(b"report-bytes", filename="report.xlsx"), caption="报表"
    )
    assert doc_msg.document is not None and doc_msg.document.file_name == "report.xlsx"
    seen = await user.messages()
    photo, doc = seen[-2], seen[-1]
    assert photo.photo is not None and await user.download(photo.photo["file_id"]) == png
    assert (
        doc.document is not None and await user.download(doc.document["file_id"]) == b"report-bytes"
    )
    again = await bot.send_document(user.id, doc_msg.document.file_id)
    assert again.document is not None and again.document.file_id == doc_msg.document.file_id


async def test_file_errors(sandbox: SandboxServer, bot: Bot, client: SandboxClient) -> None:
    user = await client.user("限制")
    await user.start()
    with pytest.raises(BadRequest, match=r"(?i)failed to get http url content"):
        await bot.send_document(user.id, "https://example.org/x.pdf")
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_document(user.id, "no-such-file-id")
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(user.id, b"not an image")
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.send_photo(user.id, tiny_png() + b"\0" * (10 * 1024 * 1024))
    photo = await bot.send_photo(user.id, tiny_png())
    with pytest.raises(BadRequest, match=r"(?i)type of file mismatch"):
        await bot.send_document(user.id, photo.photo[-1].file_id)
    big = await user.send_document("big.bin", b"\0" * (20 * 1024 * 1024 + 1))
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.get_file(big["document"]["file_id"])
    url = f"{sandbox.bot_api_url}{bot.token}/sendDocument"
    form = aiohttp.FormData()
    form.add_field("chat_id", str(user.id))
    form.add_field("document", io.BytesIO(b"\0" * (50 * 1024 * 1024 + 1)), filename="huge.bin")
    async with aiohttp.ClientSession() as session, session.post(url, data=form) as resp:
        assert resp.status == 413
        assert (await resp.json())["description"] == "Request Entity Too Large"


async def test_media_group_sends_an_album_or_nothing(
    sandbox: SandboxServer, bot: Bot, client: SandboxClient
) -> None:
    user = await client.user("相册")
    await user.start()
    first = await bot.send_photo(user.id, tiny_png(4, 4))
    album = await bot.send_media_group(
        user.id,
        [
            InputMediaPhoto(tiny_png(3, 2), caption="<b>第一张</b>", parse_mode="HTML"),
            InputMediaPhoto(first.photo[-1].file_id),
            InputMediaPhoto(tiny_png(5, 1)),
        ],
    )
    assert len(album) == 3
    group = {m.media_group_id for m in album}
    assert len(group) == 1 and None not in group
    assert album[0].caption == "第一张" and album[1].caption is None
    assert [(m.photo[-1].width, m.photo[-1].height) for m in album] == [(3, 2), (4, 4), (5, 1)]
    seen = await user.messages()
    assert [m.message_id for m in seen[-3:]] == [m.message_id for m in album]
    before = len(seen)
    # Refused whole: one item, eleven, a bad file among good ones, documents mixed with photos.
    cases = [
        ([InputMediaPhoto(tiny_png())], "number of media"),
        ([InputMediaPhoto(tiny_png())] * 11, "number of media"),
        ([InputMediaPhoto(tiny_png()), InputMediaPhoto(b"not an image")], "image_process_failed"),
        (
            [InputMediaPhoto(tiny_png()), InputMediaDocument(b"x", filename="a.txt")],
            "can't be mixed",
        ),
    ]
    for media, error in cases:
        with pytest.raises(BadRequest, match=f"(?i){error}"):
            await bot.send_media_group(user.id, media)  # type: ignore[arg-type]
    assert len(await user.messages()) == before
    docs = await bot.send_media_group(
        user.id,
        [
            InputMediaDocument(b"a", filename="a.txt"),
            InputMediaDocument(b"b", filename="b.txt"),
        ],
    )
    assert [d.document.file_name for d in docs if d.document] == ["a.txt", "b.txt"]
