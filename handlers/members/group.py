"""The branch's group chat: when the bot is added, removed, or the group becomes a supergroup."""

from __future__ import annotations

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, ChatMemberHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.links import deep_link
from bot.services.members import groupchat
from bot.services.members.groupchat import GroupOutcome
from bot.texts import t
from handlers.base import unit
from handlers.members.views import esc

_IN = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED)
_OUT = (ChatMember.LEFT, ChatMember.BANNED)


async def on_my_member(update: Update, context: Context) -> None:
    """The bot's own membership changed in a group."""
    change = update.my_chat_member
    if change is None or change.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return
    chat_id = change.chat.id
    old, new = change.old_chat_member.status, change.new_chat_member.status
    if new in _OUT:
        async with context.bot_data.db.transaction() as session:
            await groupchat.bot_removed(session, chat_id)
        return
    if old not in _OUT or new not in _IN:
        return  # promoted or demoted: nothing to announce
    async with unit(update, context) as u:
        lang = u.actor.lang
        linked = await groupchat.bot_added(u.session, u.actor, chat_id, u.data.clock.now())
    branch = esc(linked.branch_name or "")
    text = t(f"members.group.{linked.outcome.value}", lang, branch=branch)
    markup = None
    if linked.outcome is GroupOutcome.LINKED and linked.token is not None:
        url = deep_link(context.bot.username, linked.token)
        button = InlineKeyboardButton(t("members.group.start_button", lang), url=url)
        markup = InlineKeyboardMarkup([[button]])
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def on_migrate(update: Update, context: Context) -> None:
    """A group became a supergroup: its id changed, keep the branch linked to it."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    async with context.bot_data.db.transaction() as session:
        await groupchat.chat_migrated(session, old, new)


def group_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        ChatMemberHandler(on_my_member, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate),
    ]
