"""User-facing texts of the meetings feature (zh default, en)."""

_TYPES = {
    "general_meeting": ("支部党员大会", "Branch general meeting"),
    "committee": ("支委会", "Committee meeting"),
    "group_meeting": ("党小组会", "Party group meeting"),
    "lecture": ("党课", "Party lecture"),
    "theme_day": ("主题党日", "Theme Party Day"),
    "life_meeting": ("组织生活会", "Organisational life meeting"),
    "appraisal": ("民主评议党员", "Democratic appraisal"),
    "other": ("其他活动", "Other activity"),
}
_CATEGORIES = {
    "direct": ("直管党员", "directly managed members"),
    "employed": ("在职党员", "employed members"),
    "mobile": ("流动党员", "migrant members"),
    "retired": ("离退休党员", "retired members"),
    "probationary": ("预备党员", "probationary members"),
    "activist": ("入党积极分子", "activists"),
}
_REFUSALS = {
    "not_member": (
        "您还不是本支部的党员，无法使用此功能。",
        "You are not a member of this branch.",
    ),
    "not_allowed": (
        "抱歉，只有支部书记（或负责的支委、党小组长）才能进行此操作。",
        "Sorry, only the secretary (or the responsible officer) can do that.",
    ),
    "secretary_only": (
        "抱歉，这项只有支部书记才能修改。",
        "Sorry, only the branch secretary can change this.",
    ),
    "not_found": ("没有找到这个会议，它可能已被删除。", "That meeting was not found."),
    "not_invited": ("这个会议不需要您参加。", "You are not invited to this meeting."),
    "cancelled": ("这个会议已经取消了。", "This meeting has been cancelled."),
    "started": ("会议已经开始或结束，不能再操作。", "The meeting has already started."),
    "not_open": (
        "现在还不能签到：开会前一段时间才开始签到，请稍后再试。",
        "Check-in is not open yet; it opens shortly before the start.",
    ),
    "closed": (
        "签到已经结束。如果您参加了会议，请联系书记补登。",
        "Check-in has closed. If you attended, ask the secretary to record it.",
    ),
    "wrong_code": (
        "签到码不对，请看书记手机上<b>现在</b>显示的6位数字，再输入一次。",
        "That code is not right. Type the 6 digits shown <b>now</b> on the secretary's phone.",
    ),
    "stale_code": (
        "签到码已经更换了（每隔几十秒换一次）。请向书记要新的签到码，或重新扫码。",
        "The code has changed (it changes every minute or so). Ask for the new code or scan again.",
    ),
    "too_many_tries": (
        "输错次数太多了，请10分钟后再试，或请书记帮您代签。",
        "Too many wrong codes. Try again in 10 minutes, or ask the secretary to check you in.",
    ),
    "no_place": (
        "现在没有可以用位置签到的会议（会议需设置地图位置）。请输入签到码。",
        "No open meeting has a map location. Please type the check-in code instead.",
    ),
    "too_far": ("位置信息无效，请重新发送。", "That location is not valid; please send it again."),
    "already_decided": ("这个请假申请已经处理过了。", "This leave request was already decided."),
    "leave_not_possible": (
        "您已经请过假或已经签到，不需要再请假。",
        "You have already asked for leave or checked in.",
    ),
    "not_missed": (
        "这个会议您没有缺席（或会议还没结束），不需要补学。",
        "You did not miss this meeting (or it is not over yet): no make-up needed.",
    ),
    "nothing_open": ("现在没有正在签到的会议。", "No meeting is open for check-in right now."),
    "own_leave": (
        "不能审批自己的请假，它已交给其他负责人审批。",
        "You cannot decide on your own leave request; another officer decides it.",
    ),
    "not_live": (
        "📍 只发一个位置点（包括在地图上选的点）不能证明您在会场，不能用来签到。\n"
        "请输入主持人屏幕上的6位签到码，或者点 📎 → 位置 → 「共享实时位置」。",
        "📍 A single location point (or a pin dropped on the map) does not prove you are at "
        "the venue, so it cannot check you in.\nPlease type the 6-digit code on the host's "
        "screen, or tap 📎 → Location → 'Share My Live Location'.",
    ),
    "no_such_group": (
        "没有找到这个党小组，请重新选择。",
        "That party group was not found; please choose again.",
    ),
}
_ERRORS = {
    "starts_in_past": ("开会时间已经过去了，请选一个以后的时间。", "That time is in the past."),
    "ends_not_after_start": ("结束时间必须晚于开始时间。", "The end must be after the start."),
    "too_long": ("会议时间太长了（最多12小时）。", "The meeting is too long (12 hours at most)."),
    "too_far_ahead": ("最多只能提前两年安排会议。", "Meetings can be scheduled two years ahead."),
    "title_empty": ("会议主题不能为空。", "The title cannot be empty."),
    "title_too_long": ("会议主题太长了（最多60个字）。", "The title is too long (60 characters)."),
    "place_too_long": ("地点太长了（最多100个字）。", "The place is too long (100 characters)."),
    "agenda_too_long": (
        "议程太长了（最多3000个字）。",
        "The agenda is too long (3000 characters).",
    ),
    "audience_must_be_branch": (
        "支部党员大会要通知全体党员。",
        "A branch general meeting is for the whole branch.",
    ),
    "audience_must_be_group": ("党小组会要选一个党小组。", "A group meeting needs a party group."),
    "audience_must_be_committee": (
        "支委会只通知支委。",
        "A committee meeting is for the committee.",
    ),
    "no_occurrence": ("按这个规则找不到开会日期。", "That rule gives no meeting date."),
    "bad_group": ("没有这个党小组。", "There is no such party group."),
    "recurrence_empty": ("请写出重复规则。", "Please type a repeat rule."),
    "recurrence_bad_timezone": ("支部时区设置有误。", "The branch time zone is not valid."),
    "recurrence_no_frequency": (
        "请写明多久一次，例如“每月”“每周”。",
        "Say how often, e.g. 'every month'.",
    ),
    "recurrence_no_time": ("请写明几点，例如“09:00”。", "Say at what time, e.g. '09:00'."),
    "recurrence_bad_time": (
        "时间不对，请写成“09:00”这样。",
        "The time is not valid; write '09:00'.",
    ),
    "recurrence_no_day": (
        "请写明哪一天，例如“26日”“周一”。",
        "Say which day, e.g. '26th' or 'Monday'.",
    ),
    "recurrence_bad_day": ("日期不对，请检查。", "That day is not valid."),
    "recurrence_no_month": ("每年一次的会议请写明几月。", "A yearly meeting needs a month."),
    "recurrence_not_understood": (
        "没看懂这个规则。可以写：每月26日 09:00、每周二 19:30、每季度第一个周一 9:00。",
        "Rule not understood. Try: every month on the 26th at 09:00, every Tuesday 19:30.",
    ),
    "reminder_syntax": (
        "没看懂。请写成：1天,1小时 或 2h,30m。",
        "Not understood. Write e.g. 1d,1h.",
    ),
    "reminder_out_of_range": (
        "提醒时间要在5分钟到14天之间。",
        "Reminders must be 5 minutes to 14 days before.",
    ),
    "too_many_reminders": ("最多设置5个提醒。", "At most 5 reminders."),
}

TEXTS: dict[str, dict[str, str]] = {
    **{f"meetings.type.{k}": {"zh": zh, "en": en} for k, (zh, en) in _TYPES.items()},
    **{f"meetings.category.{k}": {"zh": zh, "en": en} for k, (zh, en) in _CATEGORIES.items()},
    **{f"meetings.refuse.{k}": {"zh": zh, "en": en} for k, (zh, en) in _REFUSALS.items()},
    **{f"meetings.error.{k}": {"zh": zh, "en": en} for k, (zh, en) in _ERRORS.items()},
    "meetings.audience.branch": {"zh": "全体党员", "en": "Whole branch"},
    "meetings.audience.committee": {"zh": "支部委员", "en": "Committee"},
    "meetings.audience.group_named": {"zh": "{name}", "en": "{name}"},
    "meetings.audience.category_named": {"zh": "全体{name}", "en": "All {name}"},
    "meetings.rec.weekly": {"zh": "每{days} {time}", "en": "every {days} at {time}"},
    "meetings.rec.weekly_n": {
        "zh": "每{n}周的{days} {time}",
        "en": "every {n} weeks on {days} at {time}",
    },
    "meetings.rec.monthly": {"zh": "每月{days} {time}", "en": "monthly, {days}, at {time}"},
    "meetings.rec.monthly_n": {
        "zh": "每{n}个月{days} {time}",
        "en": "every {n} months, {days}, at {time}",
    },
    "meetings.rec.quarterly": {
        "zh": "每季度第{month}个月{days} {time}",
        "en": "quarterly, month {month} of the quarter, {days}, at {time}",
    },
    "meetings.rec.yearly": {
        "zh": "每年{month}月{days} {time}",
        "en": "yearly, month {month}, {days}, at {time}",
    },
    "meetings.card.title": {"zh": "<b>{heading}</b>", "en": "<b>{heading}</b>"},
    "meetings.heading": {"zh": "{type}：{title}", "en": "{type}: {title}"},
    "meetings.card.when": {"zh": "🕘 时间：{when}", "en": "🕘 When: {when}"},
    "meetings.card.place": {"zh": "📍 地点：{place}", "en": "📍 Where: {place}"},
    "meetings.card.audience": {"zh": "👥 参加：{audience}", "en": "👥 Who: {audience}"},
    "meetings.card.repeats": {"zh": "🔁 {rule}", "en": "🔁 Repeats {rule}"},
    "meetings.card.agenda": {"zh": "📋 议程：{agenda}", "en": "📋 Agenda: {agenda}"},
    "meetings.card.files": {
        "zh": "📎 学习材料 {n} 份",
        "en": "📎 {n} study files",
        "en#one": "📎 {n} study file",
    },
    "meetings.btn.going": {"zh": "✅ 参加", "en": "✅ I'll attend"},
    "meetings.btn.leave": {"zh": "📝 请假", "en": "📝 Ask for leave"},
    "meetings.btn.leave_for": {
        "zh": "📝 请假：{day} {title}",
        "en": "📝 Leave: {day} {title}",
    },
    "meetings.home.next": {
        "zh": "📅 <b>下一次会议</b>\n{heading}\n🕘 {when}{place}\n{state}",
        "en": "📅 <b>Next meeting</b>\n{heading}\n🕘 {when}{place}\n{state}",
    },
    "meetings.home.open": {
        "zh": "✅ <b>现在正在签到</b>：点下面的「✅ 签到」。",
        "en": "✅ <b>Check-in is open now</b>: tap «✅ Check in» below.",
    },
    "meetings.home.place": {"zh": "\n📍 {place}", "en": "\n📍 {place}"},
    "meetings.btn.materials": {"zh": "📎 学习材料", "en": "📎 Materials"},
    "meetings.btn.checkin": {"zh": "✅ 签到", "en": "✅ Check in"},
    "meetings.btn.approve": {"zh": "✅ 批准", "en": "✅ Approve"},
    "meetings.btn.decline": {"zh": "❌ 不批准", "en": "❌ Decline"},
    "meetings.btn.made_up": {"zh": "📖 已补学", "en": "📖 Make-up done"},
    "meetings.btn.made_up_for": {"zh": "📖 已补学：{title}", "en": "📖 Made up: {title}"},
    "meetings.btn.register": {"zh": "📊 签到表", "en": "📊 Register"},
    "meetings.btn.report": {"zh": "📊 导出签到表", "en": "📊 Export register"},
    "meetings.btn.cancel": {"zh": "✖️ 取消", "en": "✖️ Cancel"},
    "meetings.btn.default_title": {"zh": "就用「{title}」", "en": 'Use "{title}"'},
    "meetings.btn.once": {"zh": "只开这一次", "en": "Just once"},
    "meetings.btn.rule_typed": {"zh": "✍️ 自己输入", "en": "✍️ Type it"},
    "meetings.btn.no_place": {"zh": "暂不填写地点", "en": "No place for now"},
    "meetings.btn.skip": {"zh": "跳过", "en": "Skip"},
    "meetings.btn.send_location": {"zh": "📍 发送我现在的位置", "en": "📍 Send my location"},
    "meetings.btn.by_location": {"zh": "📍 用位置签到", "en": "📍 Check in by location"},
    "meetings.btn.next": {"zh": "下一步 ➡️", "en": "Next ➡️"},
    "meetings.btn.publish": {"zh": "✅ 确认发布", "en": "✅ Publish"},
    "meetings.btn.done": {"zh": "⬅️ 返回", "en": "⬅️ Back"},
    "meetings.btn.refresh": {"zh": "🔄 刷新", "en": "🔄 Refresh"},
    "meetings.btn.self_checkin": {"zh": "✅ 我也签到", "en": "✅ Check me in"},
    "meetings.btn.proxy": {"zh": "👤 代签", "en": "👤 Check in others"},
    "meetings.btn.show_code": {"zh": "🔢 签到码", "en": "🔢 Check-in code"},
    "meetings.btn.open_now": {"zh": "▶ 现在开始签到", "en": "▶ Open check-in now"},
    "meetings.btn.close_now": {"zh": "⏹ 结束签到", "en": "⏹ Close check-in"},
    "meetings.btn.close_confirm": {
        "zh": "⏹ 确认结束签到并发出统计",
        "en": "⏹ Close check-in and send the summary",
    },
    "meetings.btn.cancelled": {"zh": "❌ 已取消", "en": "❌ Cancelled"},
    "meetings.code.cancelled": {
        "zh": "❌ 会议已取消，签到码不再显示。",
        "en": "❌ The meeting was cancelled; no check-in code any more.",
    },
    "meetings.reask.code": {
        "zh": (
            "这里需要输入签到码：请看书记手机上的 <b>6 位数字</b>，直接打字发给我（不用发图片）。"
        ),
        "en": "I need the check-in code here: type the <b>6 digits</b> shown on the host's "
        "phone (no picture needed).",
    },
    "meetings.reask.title": {
        "zh": "这里需要会议主题：请用文字输入，例如「学习新党章」。",
        "en": "I need the meeting's topic here: please type it, e.g. «Studying the constitution».",
    },
    "meetings.reask.text": {
        "zh": "这里需要您打字回答上面的问题，请再输入一次。",
        "en": "Please type your answer to the question above.",
    },
    "meetings.manage.cancelled_card": {
        "zh": "❌ <b>已取消</b>（签到、代签和签到表都不再提供）",
        "en": "❌ <b>Cancelled</b> (no check-in, proxy or register any more)",
    },
    "meetings.btn.correct": {"zh": "✏️ 补登", "en": "✏️ Correct the register"},
    "meetings.btn.move": {"zh": "🕘 改时间", "en": "🕘 Move"},
    "meetings.btn.place": {"zh": "📍 改地点", "en": "📍 Change place"},
    "meetings.btn.cancel_one": {"zh": "❌ 取消本次会议", "en": "❌ Cancel this meeting"},
    "meetings.btn.cancel_series": {
        "zh": "❌ 取消以后所有重复会议",
        "en": "❌ Cancel the whole series",
    },
    "meetings.btn.confirm_cancel": {"zh": "确定取消", "en": "Yes, cancel it"},
    "meetings.btn.keep": {"zh": "不取消", "en": "Keep it"},
    "meetings.btn.prev": {"zh": "⬅️ 上一页", "en": "⬅️ Back"},
    "meetings.btn.more": {"zh": "下一页 ➡️", "en": "More ➡️"},
    "meetings.notice.new": {
        "zh": "📢 <b>会议通知</b>\n{card}\n\n请点下面的按钮告诉我们您能否参加。",
        "en": "📢 <b>Meeting notice</b>\n{card}\n\nPlease tell us whether you can attend.",
    },
    "meetings.notice.changed": {
        "zh": "✏️ <b>会议有变更，请以此为准</b>\n{card}",
        "en": "✏️ <b>The meeting has changed; this is the current version</b>\n{card}",
    },
    "meetings.notice.cancelled": {
        "zh": "❌ <b>会议取消</b>\n{card}\n\n此次会议不再举行，请相互转告。",
        "en": "❌ <b>Meeting cancelled</b>\n{card}\n\nThis meeting will not take place.",
    },
    "meetings.notice.reminder": {
        "zh": (
            "⏰ <b>会议提醒</b>：还有 {left} 开始\n{card}\n"
            "\n开会时请点「签到」，输入书记手机上的签到码。"
        ),
        "en": (
            "⏰ <b>Reminder</b>: starts in {left}\n{card}\n"
            "\nAt the meeting tap «Check in» and type the code."
        ),
    },
    "meetings.day.today": {"zh": "今天 {day}", "en": "Today {day}"},
    "meetings.day.tomorrow": {"zh": "明天 {day}", "en": "Tomorrow {day}"},
    "meetings.dur.60": {"zh": "1小时", "en": "1 hour"},
    "meetings.dur.90": {"zh": "1个半小时", "en": "1½ hours"},
    "meetings.dur.120": {"zh": "2小时", "en": "2 hours"},
    "meetings.dur.180": {"zh": "3小时", "en": "3 hours"},
    "meetings.dur.0": {"zh": "不设结束时间", "en": "No end time"},
    "meetings.new.choose_type": {
        "zh": "🗓 <b>安排会议</b>\n请选择会议类型：",
        "en": "🗓 <b>New meeting</b>\nChoose the type:",
    },
    "meetings.new.ask_title": {
        "zh": (
            "请<b>打字输入</b>会议主题（例如：学习党的二十大精神），\n"
            "或直接点下面的按钮用「{type}」作主题。"
        ),
        "en": '<b>Type</b> the meeting\'s title, or tap the button to use "{type}".',
    },
    "meetings.new.choose_day": {
        "zh": "主题：{title}\n请选择开会日期：",
        "en": "Title: {title}\nChoose the day:",
    },
    "meetings.new.choose_hour": {"zh": "{day}\n请选择几点开始：", "en": "{day}\nChoose the hour:"},
    "meetings.new.choose_minute": {"zh": "请选择几分：", "en": "Choose the minutes:"},
    "meetings.new.choose_repeat": {
        "zh": "这个会议要定期重复吗？",
        "en": "Does this meeting repeat?",
    },
    "meetings.new.ask_rule": {
        "zh": "请输入重复规则，例如：\n• 每月26日 09:00\n• 每周二 19:30\n• 每季度第一个周一 9:00",
        "en": (
            "Type the rule, e.g.:\n• every month on the 26th at 09:00\n"
            "• every Tuesday 19:30\n• first Monday of each quarter at 9:00"
        ),
    },
    "meetings.new.rule_bad": {"zh": "{why}\n请再输入一次。", "en": "{why}\nPlease try again."},
    "meetings.new.choose_duration": {"zh": "会议大约开多长时间？", "en": "How long will it last?"},
    "meetings.new.ask_place": {
        "zh": "请<b>打字输入</b>开会地点，或点下面的常用地点：",
        "en": "<b>Type</b> the place, or tap a recent one:",
    },
    "meetings.new.ask_location": {
        "zh": (
            "如需<b>位置签到</b>，请发送会场的地图位置（在会场时点下面按钮，或用📎→位置选一个点）。"
        ),
        "en": (
            "For <b>location check-in</b>, send the venue's map location (button below, or 📎 → Lo"
            "cation)."
        ),
    },
    "meetings.new.location_skip_hint": {
        "zh": "不需要位置签到就点「跳过」。",
        "en": "No location check-in? Tap Skip.",
    },
    "meetings.new.location_saved": {"zh": "📍 会场位置已记下。", "en": "📍 Venue location saved."},
    "meetings.new.has_location": {"zh": "📍 可以位置签到", "en": "📍 Location check-in on"},
    "meetings.new.choose_audience": {"zh": "请选择参加人员：", "en": "Who is invited?"},
    "meetings.new.ask_agenda": {
        "zh": (
            "可以<b>打字输入议程</b>，也可以发送<b>文件或图片</b>作为学习材料（可选）。\n"
            "完成后点「下一步」。"
        ),
        "en": (
            "You may <b>type the agenda</b> and send <b>files or pictures</b> as study material (o"
            "ptional).\nThen tap Next."
        ),
    },
    "meetings.new.agenda_added": {
        "zh": "议程已记下。还可以继续发送，或点「下一步」。",
        "en": "Agenda noted. Send more, or tap Next.",
    },
    "meetings.new.file_added": {
        "zh": "已添加学习材料（共 {n} 份）。",
        "en": "Material added ({n} in all).",
    },
    "meetings.new.preview": {"zh": "请核对会议信息：", "en": "Please check:"},
    "meetings.new.created": {
        "zh": "✅ 会议已发布，通知正在发给 {notified} 人。\n会前会自动提醒（请过假的除外）。",
        "en": (
            "✅ Published; the notice is going to {notified} people.\n"
            "Reminders go out automatically (not to those on leave)."
        ),
    },
    "meetings.new.created_series": {
        "zh": "✅ 定期会议已发布（已排出最近 {count} 次），第一次的通知正在发给 {notified} 人。",
        "en": (
            "✅ Repeating meeting published ({count} upcoming dates); the first notice is going to"
            " {notified} people."
        ),
    },
    "meetings.new.card_published": {
        "zh": "✅ <b>这个会议已经发布了</b>",
        "en": "✅ <b>This meeting has been published</b>",
    },
    "meetings.new.already_published": {
        "zh": "会议已发布，不用再点了。要改时间或地点，请到 /meetings 里操作。",
        "en": "The meeting is already published. To change it, use /meetings.",
    },
    "meetings.new.cancelled": {
        "zh": "已取消，没有发布任何会议。",
        "en": "Cancelled; nothing was published.",
    },
    "meetings.new.expired": {
        "zh": "这个操作已过期，请重新点 /newmeeting 开始。",
        "en": "This has expired; start again with /newmeeting.",
    },
    "meetings.new.invalid": {
        "zh": "还不能发布：\n{reasons}",
        "en": "Cannot publish yet:\n{reasons}",
    },
    "meetings.new.oneline_bad": {
        "zh": (
            "{why}\n\n一行格式：/newmeeting 类型 | 时间 | 地点 | 主题\n"
            "例如：/newmeeting 主题党日 | 2026-12-26 09:00 | 社区活动室 | 学习二十大精神\n"
            "时间也可以写重复规则，如：每月26日 09:00"
        ),
        "en": (
            "{why}\n\nOne-line form: /newmeeting type | time | place | title\n"
            "E.g. /newmeeting theme_day | 2026-12-26 09:00 | Community room | Study session\n"
            "The time may be a rule such as: every month on the 26th at 09:00"
        ),
    },
    "meetings.oneline.fields": {
        "zh": "要用“|”分开三到五项。",
        "en": "Give 3 to 5 fields separated by '|'.",
    },
    "meetings.oneline.type": {"zh": "没有这种会议类型。", "en": "Unknown meeting type."},
    "meetings.oneline.when": {
        "zh": "时间请写成 2026-12-26 09:00。",
        "en": "Write the time as 2026-12-26 09:00.",
    },
    "meetings.oneline.group": {
        "zh": "党小组会请用按钮安排（需要选党小组）。",
        "en": "Schedule a group meeting with the buttons (a group must be chosen).",
    },
    "meetings.going.ok": {
        "zh": "✅ 已登记：您会参加。开会时别忘了签到。",
        "en": "✅ Noted: you will attend. Remember to check in.",
    },
    "meetings.going.already": {
        "zh": "您已经登记过参加了。",
        "en": "You already said you will attend.",
    },
    "meetings.going.after_leave": {
        "zh": "您已请过假。如果能来了，开会时直接签到就行。",
        "en": "You asked for leave. If you can come after all, just check in at the meeting.",
    },
    "meetings.leave.choose_reason": {"zh": "请选择请假原因：", "en": "Why can't you come?"},
    "meetings.leave.reason.ill": {"zh": "身体不适", "en": "Unwell"},
    "meetings.leave.reason.away": {"zh": "外出", "en": "Away"},
    "meetings.leave.reason.work": {"zh": "工作冲突", "en": "Work"},
    "meetings.leave.reason.other": {"zh": "其他（打字说明）", "en": "Other (type it)"},
    "meetings.leave.type_reason": {
        "zh": "请打字简单说明请假原因：",
        "en": "Please type the reason:",
    },
    "meetings.leave.sent": {
        "zh": "📝 请假申请已提交，审批后会通知您。",
        "en": "📝 Your leave request was sent; you will hear the decision.",
    },
    "meetings.leave.self_reported": {
        "zh": (
            "📝 您的请假已记录（报备）。支部目前没有其他可以审批的支委，"
            "这次请假不需要审批，签到表上记为请假。"
        ),
        "en": (
            "📝 Your leave is recorded as reported: no other officer of the branch could "
            "decide it, so it needs no approval and the register shows you on leave."
        ),
    },
    "meetings.leave.ask": {
        "zh": "📝 <b>请假申请</b>\n{name} 申请不参加：\n{card}\n理由：{reason}",
        "en": "📝 <b>Leave request</b>\n{name} asks to be excused from:\n{card}\nReason: {reason}",
    },
    "meetings.leave.approved": {
        "zh": "✅ 您的请假已批准（{by}）。\n{card}\n会后请记得补学。",
        "en": "✅ Your leave was approved ({by}).\n{card}\nPlease do the make-up study afterwards.",
    },
    "meetings.leave.declined": {
        "zh": "❌ 您的请假没有被批准（{by}），请尽量按时参加。\n{card}",
        "en": "❌ Your leave was not approved ({by}); please attend if you can.\n{card}",
    },
    "meetings.leave.you_approved": {
        "zh": "已批准 {name} 的请假。",
        "en": "Approved {name}'s leave.",
    },
    "meetings.leave.you_declined": {
        "zh": "未批准 {name} 的请假。",
        "en": "Declined {name}'s leave.",
    },
    "meetings.checkin.ask_code": {
        "zh": "✅ <b>签到：{title}</b>\n请输入书记手机上显示的<b>6位签到码</b>：",
        "en": (
            "✅ <b>Check in: {title}</b>\nType the <b>6-digit code</b> shown on the secretary's ph"
            "one:"
        ),
    },
    "meetings.checkin.choose": {
        "zh": "您要给哪个会议签到？",
        "en": "Which meeting are you checking in to?",
    },
    "meetings.checkin.ask_location": {
        "zh": (
            "请在会场附近发送<b>实时位置</b>：点输入框旁的 📎 → 位置 → 「共享实时位置」。\n"
            "只发一个位置点不能签到；也可以直接输入主持人屏幕上的6位签到码。"
        ),
        "en": (
            "At the venue, send your <b>live location</b>: tap 📎 → Location → 'Share My Live "
            "Location'.\nA single point cannot check you in; you can also type the 6-digit "
            "code on the host's screen."
        ),
    },
    "meetings.checkin.ok": {
        "zh": "✅ 签到成功：{title}。谢谢您按时参加！",
        "en": "✅ Checked in: {title}. Thank you!",
    },
    "meetings.checkin.late": {
        "zh": "✅ 签到成功：{title}（迟到）。",
        "en": "✅ Checked in: {title} (late).",
    },
    "meetings.checkin.already": {
        "zh": "您已经签过到了：{title}。",
        "en": "You are already checked in: {title}.",
    },
    "meetings.checkin.nothing_open": {
        "zh": "现在没有正在签到的会议。开会前一段时间才开始签到。",
        "en": "No meeting is open for check-in now; check-in opens shortly before the start.",
    },
    "meetings.checkin.too_far": {
        "zh": (
            "📍 您离会场约 {distance} 米，超出签到范围（{radius} 米）。请到会场后再签，或输入签到"
            "码。"
        ),
        "en": (
            "📍 You are about {distance} m from the venue, beyond {radius} m. Check in at the venu"
            "e or type the code."
        ),
    },
    "meetings.code.screen": {
        "zh": (
            "🔢 <b>签到码：{code}</b>\n{title} · {when}\n"
            "\n请参会党员点「签到」输入此码，或用手机扫下面的二维码。\n"
            "签到码每 {step} 秒自动更换，一直到签到结束（{closes}），截图转发无效。\n"
            "已签到：{attended} / {expected} 人{waiting}"
        ),
        "en": (
            "🔢 <b>Check-in code: {code}</b>\n{title} · {when}\n"
            "\nMembers tap «Check in» and type this code, or scan the QR below.\n"
            "The code changes every {step} s until check-in closes ({closes}); screenshots go "
            "stale.\n"
            "Checked in: {attended} / {expected}{waiting}"
        ),
    },
    "meetings.code.qr_caption": {"zh": "扫码签到（{code}）", "en": "Scan to check in ({code})"},
    "meetings.code.closed": {"zh": "🔒 签到已结束。", "en": "🔒 Check-in has closed."},
    "meetings.code.retired": {
        "zh": "⏹ 这是旧的签到屏，已停用（签到码不再更新）。请看最新的一屏。",
        "en": "⏹ This is an old check-in screen, stopped (its code no longer changes). "
        "Use the newest one.",
    },
    "meetings.btn.retired": {
        "zh": "⏹ 旧屏已停用 · 点此改用这一屏",
        "en": "⏹ Old screen, stopped · tap to use this one",
    },
    "meetings.code.stopped": {
        "zh": "⚠️ 签到码屏暂时无法更新，已停止。点「🔄 刷新」重新开始。",
        "en": "⚠️ The check-in screen could not be updated and stopped. Tap «🔄 Refresh» to "
        "restart it.",
    },
    "meetings.code.not_host": {
        "zh": "🔒 您已不再负责这个会议的签到，签到码不再显示。",
        "en": "🔒 You no longer run this meeting's check-in, so its code is no longer shown.",
    },
    "meetings.group.private_button": {"zh": "👉 点这里和我私聊", "en": "👉 Open a private chat"},
    "meetings.group.code_private": {
        "zh": "签到码请在与我的<b>私聊</b>中发送（点下面的按钮），在群里发的签到码不算签到。",
        "en": (
            "Please send check-in codes in a <b>private chat</b> with me (tap the button "
            "below); a code sent in the group does not check you in."
        ),
    },
    "meetings.proxy.choose": {
        "zh": "👤 代签：{title}\n点名字即为其签到（会记录是您代签的）：",
        "en": "👤 Check in others: {title}\nTap a name (recorded as checked in by you):",
    },
    "meetings.proxy.nobody": {
        "zh": "{title}：没有需要代签的人了。",
        "en": "{title}: nobody left to check in.",
    },
    "meetings.proxy.done": {"zh": "已代签。", "en": "Checked in."},
    "meetings.proxy.correct": {
        "zh": "✏️ 补登：{title}\n签到已结束。点名字即登记为到会（会记录是您补登的）：",
        "en": "✏️ Correct the register: {title}\nCheck-in has closed. Tap a name to record "
        "them present (recorded as corrected by you):",
    },
    "meetings.proxy.corrected": {"zh": "已补登为到会。", "en": "Recorded as present."},
    "meetings.checkin.close_ask": {
        "zh": "现在结束「{title}」的签到吗？还没签到的人会记为缺席（请过假的除外），统计马上发出。"
        "结束后仍可用「✏️ 补登」更正。",
        "en": "Close check-in for «{title}» now? Members not checked in are recorded absent "
        "(except approved leave) and the summary goes out at once. You can still correct the "
        "register afterwards («✏️ Correct»).",
    },
    "meetings.checkin.closed_now": {
        "zh": "⏹ 「{title}」签到已结束，统计已发出。",
        "en": "⏹ Check-in for «{title}» has closed; the summary is on its way.",
    },
    "meetings.proxy.already": {
        "zh": "这位党员已经签过到了，不用再代签。",
        "en": "This member is already checked in.",
    },
    "meetings.summary.head": {"zh": "📊 <b>会后统计</b>", "en": "📊 <b>Attendance summary</b>"},
    "meetings.summary.counts": {
        "zh": (
            "应到 {expected} 人，实到 {attended} 人（按时 {present}，迟到 {late}，其中代签 {proxy}"
            "）\n请假 {leave} 人（待批 {pending}），缺席 {absent} 人"
        ),
        "en": (
            "Invited {expected}, attended {attended} (on time {present}, late {late}, {proxy} by p"
            "roxy)\nOn leave {leave} ({pending} pending), absent {absent}"
        ),
    },
    "meetings.summary.counts_open": {
        "zh": (
            "应到 {expected} 人，已签到 {attended} 人"
            "（按时 {present}，迟到 {late}，其中代签 {proxy}）\n"
            "请假 {leave} 人（待批 {pending}），未签到 {waiting} 人\n"
            "（签到结束后再统计缺席和出席率）"
        ),
        "en": (
            "Invited {expected}, checked in {attended} "
            "(on time {present}, late {late}, {proxy} by proxy)\n"
            "On leave {leave} ({pending} pending), not checked in yet {waiting}\n"
            "(absences and the rate are counted when check-in closes)"
        ),
    },
    "meetings.summary.rate": {"zh": "出席率：{rate}", "en": "Attendance rate: {rate}"},
    "meetings.summary.quorum_ok": {
        "zh": (
            "✅ 到会人数符合规定：有表决权党员 {voters} 人，到会 {present} 人（需 {required} 人以"
            "上）。"
        ),
        "en": "✅ Quorum held: {present} of {voters} voting members present ({required} needed).",
    },
    "meetings.summary.quorum_failed": {
        "zh": (
            "⚠️ 到会人数不足：有表决权党员 {voters} 人，到会 {present} 人，需 {required} 人。会议"
            "不能作出决议。"
        ),
        "en": (
            "⚠️ No quorum: {present} of {voters} voting members present, {required} needed. No res"
            "olutions."
        ),
    },
    "meetings.summary.more": {"zh": " 等{n}人", "en": " and {n} more"},
    "meetings.summary.names.late": {"zh": "迟到：{names}", "en": "Late: {names}"},
    "meetings.summary.names.proxy": {"zh": "代签：{names}", "en": "By proxy: {names}"},
    "meetings.summary.names.leave": {"zh": "请假：{names}", "en": "On leave: {names}"},
    "meetings.summary.names.pending": {"zh": "请假待批：{names}", "en": "Leave pending: {names}"},
    "meetings.summary.names.absent": {"zh": "缺席：{names}", "en": "Absent: {names}"},
    "meetings.summary.names.waiting": {
        "zh": "还没签到：{names}",
        "en": "Not checked in yet: {names}",
    },
    "meetings.makeup.notice": {
        "zh": (
            "📖 <b>补学通知</b>\n您没有参加这次会议，请抽时间学习会议内容：\n"
            "{card}\n\n学习完成后请点「已补学」。"
        ),
        "en": (
            "📖 <b>Make-up study</b>\nYou missed this meeting; please study its content:\n"
            "{card}\n\nTap «Make-up done» when finished."
        ),
    },
    "meetings.makeup.done": {
        "zh": "📖 已记录：您已补学「{title}」。谢谢！",
        "en": "📖 Recorded: make-up done for {title}. Thank you!",
    },
    "meetings.makeup.already": {
        "zh": "您已经补学过「{title}」了。",
        "en": "Make-up for {title} is already recorded.",
    },
    "meetings.materials.head": {
        "zh": "📎 <b>{title}</b> 学习材料\n{agenda}",
        "en": "📎 <b>{title}</b> materials\n{agenda}",
    },
    "meetings.materials.none": {"zh": "（没有议程文字）", "en": "(no agenda text)"},
    "meetings.inactive.member": {
        "zh": (
            "您好，{name}！支部很挂念您：您已经有 {months} 个月没有参加组织生活了。\n"
            "近期的会议可以在「📅 会议学习」里看到；如果不方便到场，可以请假后补学。有困难请随时联"
            "系书记。"
        ),
        "en": (
            "Hello {name}! The branch misses you: you have not taken part in organisational life f"
            "or {months} months.\nUpcoming meetings are under «📅 Meetings»; if you cannot come, a"
            "sk for leave and do the make-up study. Contact the secretary any time."
        ),
    },
    "meetings.digest.head": {
        "zh": "📋 <b>{year}年{month}月 组织生活提醒</b>",
        "en": "📋 <b>Organisational life, {year}-{month}</b>",
    },
    "meetings.digest.done": {
        "zh": "✅ {name}（{period}）已开，最近：{last}",
        "en": "✅ {name} ({period}) held, last {last}",
    },
    "meetings.digest.due": {
        "zh": "⏳ {name}（{period}）待开，截止 {due}",
        "en": "⏳ {name} ({period}) due by {due}",
    },
    "meetings.digest.overdue": {
        "zh": "⚠️ {name}（{period}）上期未开，请尽快安排（截止 {due}；最近：{last}）",
        "en": "⚠️ {name} ({period}) overdue: not held last period (due by {due}; last {last})",
    },
    "meetings.digest.flags_head": {
        "zh": "🔔 <b>连续未参加组织生活的党员</b>",
        "en": "🔔 <b>Members without organisational life</b>",
    },
    "meetings.digest.flag.3": {
        "zh": "· {name}：已满3个月（自 {since}），请关心了解",
        "en": "· {name}: 3 months (since {since}); please check on them",
    },
    "meetings.digest.flag.5": {
        "zh": "· {name}：已满5个月（自 {since}），请尽快联系，下月将满6个月",
        "en": "· {name}: 5 months (since {since}); contact them now, 6 months next month",
    },
    "meetings.digest.flag.6": {
        "zh": "· {name}：已满6个月（自 {since}），请按党章第九条处理",
        "en": "· {name}: 6 months (since {since}); see Party constitution art. 9",
    },
    "meetings.period.month": {"zh": "每月", "en": "monthly"},
    "meetings.period.quarter": {"zh": "每季度", "en": "quarterly"},
    "meetings.period.half_year": {"zh": "每半年", "en": "half-yearly"},
    "meetings.period.year": {"zh": "每年", "en": "yearly"},
    "meetings.state.present": {"zh": "✅ 已签到", "en": "✅ attended"},
    "meetings.state.late": {"zh": "✅ 迟到", "en": "✅ late"},
    "meetings.state.leave_pending": {"zh": "📝 请假待批", "en": "📝 leave pending"},
    "meetings.state.leave_approved": {"zh": "📝 已请假", "en": "📝 on leave"},
    "meetings.state.leave_declined": {"zh": "❌ 请假未批", "en": "❌ leave declined"},
    "meetings.state.absent": {"zh": "⚪ 缺席", "en": "⚪ absent"},
    "meetings.state.before_joined": {"zh": "—（入支部前）", "en": "— (before you joined)"},
    "meetings.state.not_checked_in": {"zh": "⏳ 未签到", "en": "⏳ not checked in"},
    "meetings.state.made_up": {"zh": "（已补学）", "en": " (made up)"},
    "meetings.state.going": {"zh": "🙋 会参加", "en": "🙋 attending"},
    "meetings.state.none": {"zh": "未回复", "en": "no reply"},
    "meetings.list.upcoming": {"zh": "📅 <b>即将召开</b>", "en": "📅 <b>Upcoming</b>"},
    "meetings.list.past": {"zh": "🗂 <b>最近开过的</b>", "en": "🗂 <b>Recent</b>"},
    "meetings.list.none": {"zh": "（暂无）", "en": "(none)"},
    "meetings.list.item": {
        "zh": "• {when} {heading} —— {state}",
        "en": "• {when} {heading} — {state}",
    },
    "meetings.manage.move_day": {"zh": "改到哪一天？", "en": "Move to which day?"},
    "meetings.manage.ask_place": {
        "zh": "请打字输入新地点，或发送会场的地图位置：",
        "en": "Type the new place, or send the venue's map location:",
    },
    "meetings.manage.confirm_one": {
        "zh": "确定要取消这次会议吗？已通知的党员会收到取消通知。",
        "en": "Cancel this meeting? Everyone told of it will be notified.",
    },
    "meetings.manage.confirm_series": {
        "zh": "确定要取消以后<b>所有</b>重复会议吗？",
        "en": "Cancel <b>all</b> future meetings of this series?",
    },
    "meetings.manage.changed": {
        "zh": "✅ 已修改，变更通知正在发给 {notified} 人。",
        "en": "✅ Changed; {notified} people are being told.",
    },
    "meetings.manage.cancelled": {
        "zh": "✅ 已取消，取消通知正在发给 {notified} 人。",
        "en": "✅ Cancelled; {notified} people are being told.",
    },
    "meetings.report.file_one": {
        "zh": "签到表_{title}_{day:%Y年%m月%d日}",
        "en": "register_{title}_{day:%Y-%m-%d}",
    },
    "meetings.report.file_period": {
        "zh": "签到表_{scope}_{start:%Y年%m月}起",
        "en": "register_{scope}_from_{start:%Y-%m}",
    },
    "meetings.report.choose_period": {
        "zh": "📊 导出哪个时间段的签到表？",
        "en": "📊 Register for which period?",
    },
    "meetings.report.choose_group": {"zh": "哪个范围？", "en": "Which members?"},
    "meetings.report.period.this_month": {"zh": "本月", "en": "This month"},
    "meetings.report.period.this_quarter": {"zh": "本季度", "en": "This quarter"},
    "meetings.report.period.this_year": {"zh": "今年", "en": "This year"},
    "meetings.report.period.last_quarter": {"zh": "上季度", "en": "Last quarter"},
    "meetings.report.all": {"zh": "全支部", "en": "Whole branch"},
    "meetings.report.title": {
        "zh": "{branch} 会议签到表（{group}） {period}",
        "en": "{branch} attendance register ({group}) {period}",
    },
    "meetings.report.one": {
        "zh": "{branch} 签到表：{title} {when}",
        "en": "{branch} register: {title} {when}",
    },
    "meetings.report.sheet": {"zh": "签到表", "en": "Register"},
    "meetings.report.name": {"zh": "姓名", "en": "Name"},
    "meetings.report.group": {"zh": "党小组", "en": "Group"},
    "meetings.report.total.expected": {"zh": "应参加", "en": "Invited"},
    "meetings.report.total.attended": {"zh": "出席", "en": "Attended"},
    "meetings.report.total.leave": {"zh": "请假", "en": "Leave"},
    "meetings.report.total.absent": {"zh": "缺席", "en": "Absent"},
    "meetings.report.total.made_up": {"zh": "补学", "en": "Made up"},
    "meetings.report.total.rate": {"zh": "出席率", "en": "Rate"},
    "meetings.report.caption": {
        "zh": "📊 签到表：{meetings} 次会议，{members} 人。",
        "en": "📊 Register: {meetings} meetings, {members} members.",
    },
    "meetings.cell.present": {"zh": "出席", "en": "present"},
    "meetings.cell.late": {"zh": "迟到", "en": "late"},
    "meetings.cell.proxy": {"zh": "代签", "en": "proxy"},
    "meetings.cell.leave": {"zh": "请假", "en": "leave"},
    "meetings.cell.leave_pending": {"zh": "请假(待批)", "en": "leave (pending)"},
    "meetings.cell.leave_made_up": {"zh": "请假·补学", "en": "leave·made up"},
    "meetings.cell.made_up": {"zh": "补学", "en": "made up"},
    "meetings.cell.absent": {"zh": "缺席", "en": "absent"},
    "meetings.settings.page": {
        "zh": (
            "⚙️ <b>会议设置</b>（{branch}）\n⏰ 会前提醒：{reminders}\n"
            "🕘 签到：开会前 {opens} 分钟开始，开会后 {closes} 分钟截止；开会 {late} 分钟后算迟到"
            "\n📍 位置签到范围：{radius} 米\n🌐 时区：{tz}\n"
            "📋 会议频次：\n{cadence}"
        ),
        "en": (
            "⚙️ <b>Meeting settings</b> ({branch})\n⏰ Reminders: {reminders}\n"
            "🕘 Check-in: opens {opens} min before, closes {closes} min after; late after {late} m"
            "in\n📍 Location radius: {radius} m\n🌐 Time zone: {tz}\n"
            "📋 Cadence:\n{cadence}"
        ),
    },
    "meetings.settings.no_reminders": {"zh": "不提醒", "en": "none"},
    "meetings.settings.not_tracked": {"zh": "不统计", "en": "not tracked"},
    "meetings.settings.btn.reminders": {"zh": "⏰ 会前提醒", "en": "⏰ Reminders"},
    "meetings.settings.btn.window": {"zh": "🕘 签到时间", "en": "🕘 Check-in window"},
    "meetings.settings.btn.radius": {"zh": "📍 签到范围", "en": "📍 Radius"},
    "meetings.settings.btn.tz": {"zh": "🌐 时区", "en": "🌐 Time zone"},
    "meetings.settings.btn.cadence": {"zh": "📋 会议频次", "en": "📋 Cadence"},
    "meetings.settings.menu.rm": {"zh": "会前多久提醒？", "en": "When to remind before a meeting?"},
    "meetings.settings.menu.win": {
        "zh": "第一行：开会前几分钟开始签到\n第二行：开会后几分钟截止\n第三行：开会几分钟后算迟到",
        "en": (
            "Row 1: minutes before the start check-in opens\n"
            "Row 2: minutes after the start it closes\nRow 3: minutes after the start counted late"
        ),
    },
    "meetings.settings.menu.rd": {
        "zh": "位置签到时，离会场多少米以内算到场？",
        "en": "How close (metres) counts as at the venue?",
    },
    "meetings.settings.menu.tz": {
        "zh": "请选择支部所在时区：",
        "en": "Choose the branch's time zone:",
    },
    "meetings.settings.menu.cd": {
        "zh": "点一种会议可切换它的频次（每月→每季度→每半年→每年→不统计）：",
        "en": "Tap a type to cycle its cadence (monthly → quarterly → half-yearly → yearly → off):",
    },
    "meetings.settings.ask_reminders": {
        "zh": "请输入提醒时间，用逗号分开，例如：1天,2小时 或 3d,1h,30m",
        "en": "Type the reminder times, e.g. 1d,2h or 3d,1h,30m",
    },
    "meetings.zone.shanghai": {"zh": "北京时间", "en": "Beijing time"},
    "meetings.zone.urumqi": {"zh": "乌鲁木齐时间", "en": "Urumqi time"},
    "meetings.zone.hong_kong": {"zh": "香港时间", "en": "Hong Kong time"},
    "meetings.zone.macau": {"zh": "澳门时间", "en": "Macau time"},
    "meetings.zone.taipei": {"zh": "台北时间", "en": "Taipei time"},
    "meetings.zone.berlin": {"zh": "德国时间（柏林）", "en": "Berlin time"},
    "meetings.zone.london": {"zh": "英国时间（伦敦）", "en": "London time"},
    "meetings.zone.new_york": {"zh": "美国东部时间（纽约）", "en": "New York time"},
    "meetings.zone.other": {"zh": "时区（{name}）", "en": "{name}"},
    "meetings.settings.type_period": {"zh": "{type}：{period}", "en": "{type}: {period}"},
    "meetings.settings.ask_tz": {
        "zh": "请输入时区名称，例如 Asia/Shanghai：",
        "en": "Type a time zone name, e.g. Asia/Shanghai:",
    },
    "meetings.settings.bad_tz": {
        "zh": "没有这个时区，请输入例如 Asia/Shanghai。",
        "en": "Unknown time zone; try e.g. Asia/Shanghai.",
    },
    "meetings.settings.opt.ob": {"zh": "提前{n}分钟开始", "en": "opens {n} min before"},
    "meetings.settings.opt.ca": {"zh": "开始后{n}分钟截止", "en": "closes {n} min after"},
    "meetings.settings.opt.la": {"zh": "{n}分钟后算迟到", "en": "late after {n} min"},
    "meetings.settings.opt.rd": {"zh": "{n}米", "en": "{n} m"},
}
