"""Small helpers the privacy end-to-end tests share (no tests here)."""

from __future__ import annotations

from sqlalchemy import select

from bot.sandbox.client import SandboxUser
from storage.models.core import AuditEntry, Branch, TgUser
from storage.models.privacy import PrivacyConsent
from tests.e2e.conftest import Harness


async def account(h: Harness, tg_id: int) -> TgUser | None:
    async with h.data.db.read() as s:
        return await s.get(TgUser, tg_id)


async def consents(h: Harness, tg_id: int) -> list[PrivacyConsent]:
    async with h.data.db.read() as s:
        rows = await s.scalars(select(PrivacyConsent).where(PrivacyConsent.tg_user_id == tg_id))
        return list(rows)


async def branch_id(h: Harness, name: str) -> int:
    async with h.data.db.read() as s:
        found = await s.scalar(select(Branch.id).where(Branch.name == name))
    assert found is not None
    return int(found)


async def audit_actions(h: Harness, branch: int, action: str) -> list[AuditEntry]:
    async with h.data.db.read() as s:
        rows = await s.scalars(
            select(AuditEntry).where(AuditEntry.branch_id == branch, AuditEntry.action == action)
        )
        return list(rows)


async def download(user: SandboxUser, document: dict[str, object]) -> bytes:
    return await user.download(str(document["file_id"]))
