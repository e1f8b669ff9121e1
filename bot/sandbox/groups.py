"""Group lifecycle: creation, members and bots joining or leaving, roles, supergroup migration."""

from __future__ import annotations

from bot.sandbox.actions import ActionError, deliver
from bot.sandbox.models import Chat, Member, Role, SBot, SMessage, SUser, now_ts
from bot.sandbox.serialize import bot_json, chat_json, member_json, user_json
from bot.sandbox.state import SandboxState


def _service(
    state: SandboxState, chat: Chat, actor: int, *, from_bot: bool = False, **service: object
) -> SMessage:
    msg = state.new_message(chat, actor, from_bot=from_bot, service=dict(service))
    deliver(state, chat, msg)
    return msg


def _status(chat: Chat, member_id: int) -> str:
    member = chat.members.get(member_id)
    return member.role if member else "left"


def _member_update(
    state: SandboxState, chat: Chat, bot: SBot, actor: int, old: str, new: str
) -> None:
    """my_chat_member for the bot whose own status changed."""
    by = bot_json(state.bots[actor]) if actor in state.bots else user_json(state.users[actor])
    state.enqueue(
        bot,
        "my_chat_member",
        {
            "chat": chat_json(state, chat),
            "from": by,
            "date": now_ts(),
            "old_chat_member": member_json(bot_json(bot), old),
            "new_chat_member": member_json(bot_json(bot), new),
        },
    )


def _chat_member_update(state: SandboxState, chat: Chat, user: SUser, old: str, new: str) -> None:
    """chat_member goes to admin bots only, and only if they asked for it."""
    for member in chat.members.values():
        bot = state.bots.get(member.user_id) if member.is_bot else None
        if bot is None or member.role == "member":
            continue
        state.enqueue(
            bot,
            "chat_member",
            {
                "chat": chat_json(state, chat),
                "from": user_json(user),
                "date": now_ts(),
                "old_chat_member": member_json(user_json(user), old),
                "new_chat_member": member_json(user_json(user), new),
            },
        )


def create_group(
    state: SandboxState,
    title: str,
    members: list[SUser],
    bot: SBot | None,
    added_by: SUser | None,
) -> Chat:
    """A basic group of these people; optionally the bot is added by `added_by`."""
    creator = added_by or (members[0] if members else None)
    if creator is None:
        raise ActionError("a group needs at least one member")
    chat = state.add_group(title, [m.id for m in members], creator.id)
    if bot is not None:
        add_bot(state, chat, bot, creator)
    return chat


def add_bot(state: SandboxState, chat: Chat, bot: SBot, by: SUser, role: Role = "member") -> None:
    if bot.id in chat.members:
        return
    if by.id not in chat.members:
        raise ActionError(f"user {by.id} is not in chat {chat.id}")
    chat.members[bot.id] = Member(bot.id, True, role)
    chat.bots_seen.add(bot.id)
    _member_update(state, chat, bot, by.id, "left", role)
    _service(state, chat, by.id, new_chat_members=[bot_json(bot)])


def remove_bot_from_group(
    state: SandboxState, chat: Chat, bot: SBot, by_user_id: int | None
) -> None:
    """The bot is removed by a person (kicked) or leaves by itself (leaveChat)."""
    old = _status(chat, bot.id)
    if old == "left":
        return
    del chat.members[bot.id]
    actor = by_user_id if by_user_id is not None else bot.id
    _member_update(state, chat, bot, actor, old, "kicked" if by_user_id else "left")
    msg = state.new_message(
        chat, actor, from_bot=by_user_id is None, service={"left_chat_member": bot_json(bot)}
    )
    # The removed bot no longer receives anything from the group, the others do.
    deliver(state, chat, msg)


def add_member(state: SandboxState, chat: Chat, user: SUser) -> None:
    if user.id in chat.members:
        return
    chat.members[user.id] = Member(user.id, False, "member")
    _chat_member_update(state, chat, user, "left", "member")
    _service(state, chat, user.id, new_chat_members=[user_json(user)])


def remove_member(state: SandboxState, chat: Chat, user: SUser) -> None:
    if user.id not in chat.members:
        return
    old = _status(chat, user.id)
    del chat.members[user.id]
    _chat_member_update(state, chat, user, old, "left")
    _service(state, chat, user.id, left_chat_member=user_json(user))


def set_role(state: SandboxState, chat: Chat, member_id: int, role: Role) -> None:
    """Promote or demote; a bot whose role changes gets my_chat_member."""
    member = chat.members.get(member_id)
    if member is None:
        raise ActionError(f"{member_id} is not in chat {chat.id}")
    old = member.role
    if old == role:
        return
    member.role = role
    creator = next((m.user_id for m in chat.members.values() if m.role == "creator"), None)
    if member.is_bot:
        actor = creator if creator is not None else member_id
        _member_update(state, chat, state.bots[member_id], actor, old, role)
    else:
        _chat_member_update(state, chat, state.users[member_id], old, role)


def migrate(state: SandboxState, chat: Chat) -> Chat:
    """Upgrade a basic group: service messages in both chats, old id answers 400 afterwards."""
    if chat.type != "group" or chat.migrated_to is not None:
        raise ActionError("only a basic group can be upgraded, once")
    creator = next((m.user_id for m in chat.members.values() if m.role == "creator"), None)
    actor = creator if creator is not None else next(iter(chat.members))
    new = state.new_supergroup(chat)
    _service(state, chat, actor, migrate_to_chat_id=new.id)
    _service(state, new, actor, migrate_from_chat_id=chat.id)
    return new
