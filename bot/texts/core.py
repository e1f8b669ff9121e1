"""Texts of the core: welcome, help, language, menu, errors, commands."""

TEXTS: dict[str, dict[str, str]] = {
    "upload.too_big": {
        "zh": "文件太大了（最大 20 MB），没有收下。请压缩后再发。",
        "en": "That file is too big (20 MB at most) and was not taken. Please make it smaller.",
    },
    "upload.wrong_type": {
        "zh": "这种文件不能转发给党员（只收文档、表格、演示文稿、PDF、图片、音频和视频），"
        "没有收下。",
        "en": "This kind of file cannot be passed on to members (documents, sheets, slides, PDF, "
        "pictures, audio and video only); it was not taken.",
    },
    "upload.empty": {
        "zh": "这个文件是空的，没有收下。",
        "en": "That file is empty; it was not taken.",
    },
    "start.stranger": {
        "zh": (
            "您好，{name}！这里是社区党支部的服务助手。\n\n"
            "您还没有加入任何党支部。请向您所在支部的书记索取<b>邀请链接</b>或<b>二维码</b>，"
            "点开后按提示登记即可。"
        ),
        "en": (
            "Hello, {name}! This is the community Party branch assistant.\n\n"
            "You have not joined a branch yet. Ask your branch secretary for an "
            "<b>invite link</b> or <b>QR code</b>, open it and follow the steps."
        ),
    },
    "start.member": {
        "zh": "您好，{name}！\n您所在支部：<b>{branch}</b>\n请点击下方按钮选择要办的事。",
        "en": "Hello, {name}!\nYour branch: <b>{branch}</b>\nTap a button below to begin.",
    },
    "home.todo.head": {"zh": "📋 <b>待办</b>", "en": "📋 <b>To do</b>"},
    "home.todo.applications": {
        "zh": "· {n} 人申请加入支部，等您审核",
        "en": "· {n} join requests waiting for you",
    },
    "home.todo.leaves": {
        "zh": "· {n} 条请假申请，等您审批",
        "en": "· {n} leave requests waiting for your decision",
    },
    "home.todo.dues_payment": {
        "zh": "· {n} 笔党费缴纳，等您确认",
        "en": "· {n} dues payments waiting for your confirmation",
        "en#one": "· {n} dues payment waiting for your confirmation",
    },
    "home.todo.dues_basis": {
        "zh": "· {n} 条党费基数申报，等您核定",
        "en": "· {n} reported dues bases waiting for you",
    },
    "home.todo.hours_report": {
        "zh": "· {n} 条志愿时长，等您审核",
        "en": "· {n} volunteer-hours reports waiting for you",
    },
    "home.todo.other": {
        "zh": "· 另有 {n} 项申请，等您处理",
        "en": "· {n} other requests waiting for you",
    },
    "home.todo.how": {"zh": "发送 /approve 逐条处理。", "en": "Send /approve to handle them."},
    "start.pending": {
        "zh": "您好，{name}！您加入「{branch}」的申请正在等待书记审核，审核后会通知您。",
        "en": (
            "Hello, {name}! Your request to join {branch} is waiting for the secretary's approval."
        ),
    },
    "start.operator": {
        "zh": "您是系统管理员。发送 /newbranch 可以新建党支部。",
        "en": "You are an operator. Send /newbranch to create a branch.",
    },
    "help.member": {
        "zh": (
            "<b>使用说明</b>\n"
            "• 点击屏幕下方的大按钮即可办事，不用打字。\n"
            "• /card 我的四卡（基本情况、活动记录、表现、反馈）\n"
            "• /meetings 会议与学习\n• /checkin 会议签到\n"
            "• /dues 我的党费（应缴、已缴、我已缴纳）\n"
            "• /hours 志愿服务时长（上报、合计、证明）\n"
            "• /posts 公益岗位（认领、记录履职）\n"
            "• /residents 我接的居民求助\n"
            "• /language 切换语言\n\n有问题请联系支部书记。"
        ),
        "en": (
            "<b>How to use</b>\n"
            "• Tap the big buttons at the bottom of the screen; no typing needed.\n"
            "• /card my four cards\n• /meetings meetings and study\n"
            "• /checkin check in to a meeting\n"
            "• /dues my Party dues (due, paid, report a payment)\n"
            "• /hours volunteer hours (report, totals, certificate)\n"
            "• /posts public-interest posts (claim, record duty)\n"
            "• /residents residents' requests I took\n"
            "• /language change language\n\n"
            "For help, contact your branch secretary."
        ),
    },
    "help.secretary": {
        "zh": (
            "\n\n<b>书记功能</b>\n• /invite 邀请党员\n• /members 党员管理\n"
            "• /newmeeting 安排会议\n• /broadcast 发通知\n• /approve 待审核事项\n"
            "• /report 报表\n• /settings 支部设置\n"
            "• /dues 党费：待确认、登记缴纳、公示、台账\n"
            "• /posts 公益岗位：类别、岗位、指派、报到二维码\n"
            "• /residents 居民点单：公告栏二维码、待处理求助"
        ),
        "en": (
            "\n\n<b>Secretary</b>\n• /invite invite members\n• /members manage members\n"
            "• /newmeeting schedule a meeting\n• /broadcast send a notice\n"
            "• /approve pending approvals\n• /report reports\n• /settings branch settings\n"
            "• /dues dues: to confirm, record payments, report, ledger\n"
            "• /posts posts: categories, posts, assigning, reporting QR\n"
            "• /residents residents' requests: notice-board QR, waiting requests"
        ),
    },
    "language.choose": {
        "zh": "请选择语言 / Choose a language:",
        "en": "Choose a language / 请选择语言:",
    },
    "language.set": {"zh": "已切换为中文。", "en": "Language set to English."},
    "language.zh": {"zh": "中文", "en": "中文"},
    "language.en": {"zh": "English", "en": "English"},
    "error.generic": {
        "zh": "抱歉，系统出了点问题，您的操作没有完成。请稍后再试；如一直不行，请联系书记。",
        "en": (
            "Sorry, something went wrong and your request was not completed. "
            "Please try again later."
        ),
    },
    "flood.slow_down": {
        "zh": (
            "您发送得太快了，我还在处理前面的消息，刚才多出来的几条没有处理。"
            "请稍等片刻，等我回复后再发。"
        ),
        "en": (
            "You are sending faster than I can answer, so I skipped the last few messages. "
            "Please wait a moment for my replies, then carry on."
        ),
    },
    "error.not_member": {
        "zh": "您还不是本支部的党员，无法使用此功能。",
        "en": "You are not a member of this branch, so this is not available to you.",
    },
    "error.not_allowed": {
        "zh": "抱歉，只有支部书记（或被授权的支委）才能进行此操作。",
        "en": "Sorry, only the branch secretary (or an authorised committee member) can do that.",
    },
    "error.stale_button": {
        "zh": "这个按钮已失效，请重新操作。",
        "en": "This button is no longer valid. Please start again.",
    },
    "error.bad_link": {
        "zh": (
            "这个链接无法识别，可能抄错了或已失效。请向书记要一个新的链接，或发送 /help 查看说明。"
        ),
        "en": (
            "This link could not be read; it may be mistyped or out of date. "
            "Please ask your secretary for a new one, or send /help."
        ),
    },
    "error.private_only": {
        "zh": "请在与我的私聊中使用此功能。",
        "en": "Please use this in a private chat with me.",
    },
    "error.unsupported_message": {
        "zh": (
            "这里用不上您刚发来的内容（图片、文件、语音、贴纸等）。"
            "请点击下方按钮选择要做的事，或发送 /help 查看说明。"
        ),
        "en": (
            "I can't use what you just sent (a picture, file, voice message, sticker…) here. "
            "Tap a button below or send /help."
        ),
    },
    "chat.greeting": {
        "zh": "您好！有什么要办的，请点下面的按钮：签到、请假、看会议都在这里。",
        "en": "Hello! Tap a button below: check in, ask for leave or see your meetings.",
    },
    "chat.when": {
        "zh": "您的会议安排如下：",
        "en": "Here are your meetings:",
    },
    "chat.thanks": {
        "zh": "不客气！有需要的时候，点下方的按钮就行。",
        "en": "You're welcome! Tap a button below whenever you need something.",
    },
    "chat.checkin": {
        "zh": "签到请点下方「✅ 签到」按钮，再输入书记手机上显示的签到码。",
        "en": "To check in, tap “✅ Check in” below, then enter the code on the secretary's phone.",
    },
    "chat.leave": {
        "zh": "请假请在会议通知下面点「📝 请假」，再选原因。也可以点「📅 会议学习」找到那次会议。",
        "en": (
            "To ask for leave, tap “📝 Ask for leave” under the meeting notice and pick a "
            "reason, or find the meeting under “📅 Meetings”."
        ),
    },
    "error.unknown_input": {
        "zh": "没有看懂您的意思。请点击下方按钮，或发送 /help 查看说明。",
        "en": "Sorry, I did not understand. Tap a button below or send /help.",
    },
    "menu.card": {"zh": "🗂 我的四卡", "en": "🗂 My four cards"},
    "menu.meetings": {"zh": "📅 会议学习", "en": "📅 Meetings"},
    "menu.checkin": {"zh": "✅ 签到", "en": "✅ Check in"},
    "menu.dues": {"zh": "💰 我的党费", "en": "💰 My dues"},
    "menu.hours": {"zh": "🙋 志愿服务", "en": "🙋 Volunteering"},
    "menu.help": {"zh": "❓ 帮助", "en": "❓ Help"},
    "menu.language": {"zh": "🌐 语言", "en": "🌐 Language"},
    "menu.members": {"zh": "👥 党员管理", "en": "👥 Members"},
    "menu.broadcast": {"zh": "📢 发通知", "en": "📢 Broadcast"},
    "menu.newmeeting": {"zh": "🗓 安排会议", "en": "🗓 New meeting"},
    "menu.invite": {"zh": "✉️ 邀请党员", "en": "✉️ Invite"},
    "menu.placeholder": {"zh": "请点击下方按钮", "en": "Tap a button below"},
    "cmd.start": {"zh": "开始 / 主菜单", "en": "Start / main menu"},
    "cmd.help": {"zh": "使用说明", "en": "Help"},
    "cmd.language": {"zh": "切换语言", "en": "Change language"},
    "cmd.card": {"zh": "我的四卡", "en": "My four cards"},
    "cmd.meetings": {"zh": "会议与学习", "en": "Meetings and study"},
    "cmd.checkin": {"zh": "会议签到", "en": "Check in to a meeting"},
    "cmd.dues": {"zh": "我的党费", "en": "My Party dues"},
    "cmd.invite": {"zh": "邀请党员", "en": "Invite members"},
    "cmd.members": {"zh": "党员管理", "en": "Manage members"},
    "cmd.newmeeting": {"zh": "安排会议", "en": "Schedule a meeting"},
    "cmd.broadcast": {"zh": "发通知", "en": "Send a notice"},
    "cmd.approve": {"zh": "待审核事项", "en": "Pending approvals"},
    "cmd.report": {"zh": "报表", "en": "Reports"},
    "cmd.settings": {"zh": "支部设置", "en": "Branch settings"},
    "cmd.newbranch": {"zh": "新建党支部", "en": "Create a branch"},
    "sandbox.banner": {
        "zh": "未设置 BOT_TOKEN：已启动本地沙盒，请在浏览器打开 {url}",
        "en": "No BOT_TOKEN set: running the local sandbox, open {url}",
    },
    "sandbox.banner_demo": {
        "zh": "示例支部已就绪，请在浏览器打开 {url}\n左侧选人即可对话：王建华是书记，"
        "「签到体验」的签到现在就开着。",
        "en": "The demo branch is ready: open {url}\nPick a person on the left: 王建华 is the "
        "secretary, and check-in for 「签到体验」 is open now.",
    },
    "sandbox.demo_hint": {
        "zh": "想看有党员、会议和签到记录的示例支部：partybot sandbox --demo",
        "en": "For a demo branch with members, meetings and attendance: partybot sandbox --demo",
    },
}
