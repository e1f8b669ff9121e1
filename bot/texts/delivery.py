"""User-facing texts of the delivery feature (zh default, en)."""

TEXTS: dict[str, dict[str, str]] = {
    # --- refusals (bot.services.delivery.broadcast.Problem) ---------------------------------------
    "delivery.refuse.not_member": {
        "zh": "您还不是本支部的党员，无法发通知。",
        "en": "You are not a member of this branch, so you cannot send notices.",
    },
    "delivery.refuse.not_allowed": {
        "zh": "抱歉，只有支部书记、支委（或党小组长对本小组）才能发通知。",
        "en": "Sorry, only the secretary, committee members (or group leaders, to their own "
        "group) can send notices.",
    },
    "delivery.refuse.not_found": {
        "zh": "找不到这条通知，可能已被删除。",
        "en": "This notice could not be found.",
    },
    "delivery.refuse.not_yours": {
        "zh": "这是别人的通知，您不能操作它的按钮。",
        "en": "This notice belongs to someone else; its buttons are not for you.",
    },
    "delivery.refuse.not_draft": {
        "zh": "这条通知已经发送或已取消，不能再修改。",
        "en": "This notice was already sent or cancelled; it cannot be changed.",
    },
    "delivery.refuse.empty": {
        "zh": "内容是空的。请发送文字、图片或文件。",
        "en": "The message is empty. Please send text, a photo or a document.",
    },
    "delivery.refuse.text_too_long": {
        "zh": "文字太长了：一条通知最多 4096 个字。请删减后重新发送。",
        "en": "The text is too long: at most 4096 characters. Please shorten it and send again.",
    },
    "delivery.refuse.caption_too_long": {
        "zh": "图片或文件的说明文字太长了：最多 1024 个字。请删减后重新发送。",
        "en": "The caption is too long: at most 1024 characters. Please shorten it and send again.",
    },
    "delivery.refuse.file_too_big": {
        "zh": "文件太大了：最大 20 MB。请压缩后重新发送。",
        "en": "The file is too big: at most 20 MB. Please send a smaller file.",
    },
    "delivery.refuse.no_recipients": {
        "zh": "所选对象里一个人也没有，没有发送任何消息。请重新选择发送对象。",
        "en": "Nobody is in the chosen audience; nothing was sent. Please choose again.",
    },
    "delivery.refuse.in_past": {
        "zh": "这个时间已经过去了，请选一个以后的时间。",
        "en": "That time has passed; please choose a later time.",
    },
    "delivery.refuse.not_scheduled": {
        "zh": "这条通知已经开始发送或已取消，无法再取消定时。",
        "en": "This notice has already started or was cancelled; the schedule cannot be cancelled.",
    },
    # --- compose -------------------------------------------------------------------------
    "delivery.compose.prompt": {
        "zh": (
            "📢 <b>发通知</b>\n请直接发送要通知的内容：\n"
            "• 文字（可以加粗、斜体、链接）\n• 或一张图片 / 一个文件（可附说明文字）"
        ),
        "en": (
            "📢 <b>Send a notice</b>\nSend the content now:\n"
            "• text (bold, italics and links are kept)\n• or a photo / a document with a caption"
        ),
    },
    "delivery.compose.unsupported": {
        "zh": "只能发送文字、图片或文件。请重新发送，或点「取消」。",
        "en": "Only text, a photo or a document can be sent. Send again or tap Cancel.",
    },
    "delivery.cancelled": {
        "zh": "已取消，没有发送任何消息。",
        "en": "Cancelled; nothing was sent.",
    },
    # --- audience --------------------------------------------------------------------------
    "delivery.aud.prompt": {
        "zh": "<b>发给谁？</b>点按钮选择（可多选小组和类别）。"
        "\n当前：{chosen}，共 <b>{count}</b> 人。",
        "en": "<b>Who should get it?</b> Tap to choose (several groups and categories allowed)."
        "\nNow: {chosen}, <b>{count}</b> people.",
    },
    "delivery.aud.all": {"zh": "全支部", "en": "Whole branch"},
    "delivery.aud.committee": {"zh": "支委会", "en": "Committee"},
    "delivery.saved.unacked": {
        "zh": "未确认「{title}」（{when} 发）的人",
        "en": "Did not acknowledge “{title}” (sent {when})",
    },
    "delivery.saved.unstarted": {
        "zh": "还没开始使用机器人的党员",
        "en": "Members who have not started the bot",
    },
    "delivery.cat.direct": {"zh": "直管党员", "en": "Directly managed"},
    "delivery.cat.employed": {"zh": "在职党员", "en": "Employed"},
    "delivery.cat.mobile": {"zh": "流动党员", "en": "Mobile"},
    "delivery.cat.retired": {"zh": "离退休党员", "en": "Retired"},
    "delivery.cat.probationary": {"zh": "预备党员", "en": "Probationary"},
    "delivery.cat.activist": {"zh": "入党积极分子", "en": "Activists"},
    # --- buttons ---------------------------------------------------------------------------
    "delivery.btn.next": {"zh": "下一步：预览（{count}人）", "en": "Next: preview ({count})"},
    "delivery.btn.cancel": {"zh": "❌ 取消", "en": "❌ Cancel"},
    "delivery.btn.list": {"zh": "📋 最近的通知", "en": "📋 Recent notices"},
    "delivery.list.title": {
        "zh": "📋 <b>最近的通知</b>\n点一条查看发送情况；定时的可以取消。",
        "en": (
            "📋 <b>Recent notices</b>\nTap one to see how it went; scheduled ones can be cancelled."
        ),
    },
    "delivery.list.empty": {
        "zh": "还没有发过通知。发送 /broadcast 开始写第一条。",
        "en": "No notices yet. Send /broadcast to write the first one.",
    },
    "delivery.list.scheduled": {"zh": "⏰ {when} {title}", "en": "⏰ {when} {title}"},
    "delivery.list.sending": {"zh": "📤 发送中 {title}", "en": "📤 sending {title}"},
    "delivery.list.done": {"zh": "✅ {when} {title}", "en": "✅ {when} {title}"},
    "delivery.list.cancelled": {"zh": "🚫 已取消 {title}", "en": "🚫 cancelled {title}"},
    "delivery.btn.send_now": {"zh": "✅ 立即发送", "en": "✅ Send now"},
    "delivery.btn.schedule": {"zh": "⏰ 定时发送", "en": "⏰ Schedule"},
    "delivery.btn.group_copy": {"zh": "同时发到支部群", "en": "Also post in the branch group"},
    "delivery.btn.back": {"zh": "↩️ 修改发送对象", "en": "↩️ Change audience"},
    "delivery.btn.back_preview": {"zh": "↩️ 返回", "en": "↩️ Back"},
    "delivery.btn.back_days": {"zh": "↩️ 重选日期", "en": "↩️ Choose another day"},
    "delivery.btn.unschedule": {"zh": "❌ 取消定时发送", "en": "❌ Cancel the scheduled send"},
    "delivery.btn.resend": {"zh": "🔁 重发给未确认的人", "en": "🔁 Re-send to the unacknowledged"},
    "delivery.btn.remind_them": {
        "zh": "🔔 只提醒未确认的 {n} 人",
        "en": "🔔 Remind just the {n} who have not acknowledged",
    },
    "delivery.btn.unreached": {
        "zh": "📋 未开始使用机器人的名单",
        "en": "📋 Who has not started the bot",
    },
    "delivery.btn.refresh": {"zh": "🔄 刷新", "en": "🔄 Refresh"},
    # --- preview and schedule --------------------------------------------------------------
    "delivery.preview.chosen": {
        "zh": "发送对象：{chosen}，共 {count} 人\n👇 党员收到的通知将是这样：",
        "en": "Audience: {chosen}, {count} people\n👇 Members will receive exactly this:",
    },
    "delivery.preview.summary": {
        "zh": "<b>确认发送</b>\n发送对象：{chosen}\n共 <b>{count}</b> 人",
        "en": "<b>Confirm</b>\nAudience: {chosen}\n<b>{count}</b> people",
    },
    "delivery.preview.unreachable": {
        "zh": "⚠️ 其中 {count} 人暂时收不到（未开始使用机器人 {not_started} 人，"
        "屏蔽了机器人 {blocked} 人），发送后可在报告里查看名单。",
        "en": "⚠️ {count} of them cannot be reached now ({not_started} have not started the bot, "
        "{blocked} blocked it); the report will list them.",
    },
    "delivery.preview.noop": {
        "zh": "这是预览，党员收到后点这个按钮表示已收到。",
        "en": "This is a preview; members tap this button to acknowledge.",
    },
    "delivery.day.0": {"zh": "今天", "en": "Today"},
    "delivery.day.1": {"zh": "明天", "en": "Tomorrow"},
    "delivery.day.2": {"zh": "后天", "en": "The day after"},
    "delivery.schedule.day": {"zh": "哪天发送？", "en": "Which day?"},
    "delivery.schedule.hour": {"zh": "几点发送？", "en": "At what time?"},
    "delivery.schedule.no_hours": {
        "zh": "今天已经没有可选的时间了，请选明天。",
        "en": "No times are left today; please choose tomorrow.",
    },
    "delivery.scheduled": {
        "zh": "⏰ 已安排：将于 <b>{when}</b> 发给 {count} 人。到时会在这里显示发送进度。",
        "en": "⏰ Scheduled: <b>{when}</b>, to {count} people. Progress will show here then.",
    },
    "delivery.unscheduled": {
        "zh": "已取消定时发送，没有发送任何消息。",
        "en": "The scheduled send was cancelled; nothing was sent.",
    },
    "delivery.confirmed": {"zh": "开始发送给 {count} 人", "en": "Sending to {count} people"},
    "delivery.confirmed_scheduled": {
        "zh": "已安排，到时发给 {count} 人",
        "en": "Scheduled: {count} people will get it then",
    },
    "delivery.list.closed": {
        "zh": "📢 发通知：已退出，这次没有发送任何内容。需要时再发 /broadcast。",
        "en": "📢 New notice: closed, nothing was sent. Send /broadcast when needed.",
    },
    # --- progress and report ---------------------------------------------------------------
    "delivery.progress": {
        "zh": (
            "📤 <b>正在发送</b>「{title}」\n进度：{done} / {total}\n已送达：{sent}　已确认：{acked}"
            "\n未送达：{problems}\n（发完后这里会显示结果）"
        ),
        "en": (
            "📤 <b>Sending</b> “{title}”\nProgress: {done} / {total}\nDelivered: {sent}   "
            "Acknowledged: {acked}\nNot delivered: {problems}\n(The report will appear here.)"
        ),
    },
    "delivery.report.title": {
        "zh": "📊 <b>发送报告</b>「{title}」",
        "en": "📊 <b>Report</b> “{title}”",
    },
    "delivery.report.sent": {
        "zh": "✅ 已送达：{sent} / {total}",
        "en": "✅ Delivered: {sent} / {total}",
    },
    "delivery.report.unacked_names": {
        "zh": "⏳ 还没确认：{names}",
        "en": "⏳ Not acknowledged yet: {names}",
    },
    "delivery.report.acked": {
        "zh": "👌 已确认收到：{acked} / {sent}",
        "en": "👌 Acknowledged: {acked} / {sent}",
    },
    "delivery.report.blocked": {
        "zh": "🚫 屏蔽了机器人：{count}",
        "en": "🚫 Blocked the bot: {count}",
    },
    "delivery.report.not_started": {
        "zh": "💤 还没开始使用机器人：{count}",
        "en": "💤 Never started the bot: {count}",
    },
    "delivery.report.failed": {"zh": "⚠️ 发送失败：{count}", "en": "⚠️ Failed: {count}"},
    "delivery.report.reason": {"zh": "　• {reason}：{count}", "en": "   • {reason}: {count}"},
    "delivery.report.pending": {
        "zh": "⏳ 等待发送或重试：{count}",
        "en": "⏳ Waiting or retrying: {count}",
    },
    "delivery.report.cancelled": {"zh": "❌ 已取消：{count}", "en": "❌ Cancelled: {count}"},
    "delivery.report.group.sent": {
        "zh": "💬 已同时发到支部群",
        "en": "💬 Also posted in the group",
    },
    "delivery.report.group.queued": {"zh": "💬 支部群：等待发送", "en": "💬 Group: waiting"},
    "delivery.report.group.sending": {"zh": "💬 支部群：发送中", "en": "💬 Group: sending"},
    "delivery.report.group.failed": {
        "zh": "💬 支部群：发送失败（机器人可能不在群里）",
        "en": "💬 Group: failed (is the bot still in the group?)",
    },
    "delivery.refreshed": {"zh": "已刷新", "en": "Refreshed"},
    "delivery.resend.nobody": {
        "zh": "所有人都已确认收到，不需要重发。",
        "en": "Everyone has acknowledged; nothing to re-send.",
    },
    "delivery.unreached.none": {
        "zh": "所有人都能收到机器人的消息。",
        "en": "Everyone can receive the bot's messages.",
    },
    "delivery.unreached.title": {
        "zh": "<b>以下 {count} 人收不到机器人的消息</b>，"
        "请电话或当面通知，并请他们打开机器人点「开始」：",
        "en": "<b>These {count} people cannot get the bot's messages</b>; please call them and "
        "ask them to open the bot and tap Start:",
    },
    "delivery.unreached.not_started": {"zh": "未开始使用", "en": "never started"},
    # --- reasons (bot.domain.delivery.errors) ----------------------------------------------
    "delivery.reason.blocked": {"zh": "屏蔽了机器人", "en": "blocked the bot"},
    "delivery.reason.not_started": {"zh": "未开始使用", "en": "never started"},
    "delivery.reason.deactivated": {"zh": "账号已注销", "en": "account deleted"},
    "delivery.reason.chat_not_found": {"zh": "找不到该聊天", "en": "chat not found"},
    "delivery.reason.kicked": {"zh": "机器人被移出群", "en": "bot removed from the group"},
    "delivery.reason.not_member": {"zh": "机器人不在群里", "en": "bot is not in the group"},
    "delivery.reason.no_rights": {"zh": "机器人没有发言权限", "en": "bot may not post"},
    "delivery.reason.forbidden": {"zh": "被拒绝", "en": "refused"},
    "delivery.reason.message_too_long": {"zh": "文字太长", "en": "text too long"},
    "delivery.reason.caption_too_long": {"zh": "说明文字太长", "en": "caption too long"},
    "delivery.reason.file_too_big": {"zh": "文件太大", "en": "file too big"},
    "delivery.reason.bad_file": {"zh": "文件无效", "en": "bad file"},
    "delivery.reason.retries_exhausted": {
        "zh": "多次重试仍失败（网络或服务器问题）",
        "en": "still failing after several retries (network or server)",
    },
    "delivery.reason.bad_request": {"zh": "请求被拒绝", "en": "request refused"},
    "delivery.reason.unknown": {"zh": "未知原因", "en": "unknown reason"},
    # --- members' acknowledgement ----------------------------------------------------------
    "delivery.ack.button": {"zh": "✋ 收到", "en": "✋ Got it"},
    "delivery.ack.done": {"zh": "已收到 ✓", "en": "Acknowledged ✓"},
    "delivery.ack.thanks": {"zh": "谢谢，已记录您收到了这条通知。", "en": "Thank you, noted."},
    "delivery.ack.already": {
        "zh": "您已经确认过了，谢谢。",
        "en": "You already acknowledged this.",
    },
    "delivery.ack.not_yours": {
        "zh": "这个「收到」按钮是发给别人的，您不用点。",
        "en": "This button belongs to someone else's notice.",
    },
    "delivery.ack.not_found": {
        "zh": "这条通知已失效。",
        "en": "This notice is no longer valid.",
    },
}
