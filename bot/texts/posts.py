"""Texts of the posts feature (公益岗位, 一岗): catalogue, claims, duty records, reporting."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "menu.posts": {"zh": "📌 公益岗位", "en": "📌 Public posts"},
    "cmd.posts": {"zh": "公益岗位（认领、记录履职）", "en": "Public-interest posts"},
    # home, categories, posts
    "posts.home.title": {
        "zh": "<b>📌 公益岗位（{term}年度）</b>",
        "en": "<b>📌 Public-interest posts ({term})</b>",
    },
    "posts.home.held": {
        "zh": "您已认领 {n} 个岗位（每年最多 {limit} 个）：",
        "en": "You hold {n} posts (at most {limit} a year):",
        "en#one": "You hold {n} post (at most {limit} a year):",
    },
    "posts.home.none": {
        "zh": "您还没有认领岗位，每年可认领 {limit} 个。",
        "en": "You hold no post yet; you may claim {limit} a year.",
    },
    "posts.home.pick": {"zh": "请选择类别查看岗位：", "en": "Choose a category to see its posts:"},
    "posts.category.title": {"zh": "<b>{name}</b> 类岗位：", "en": "<b>{name}</b> posts:"},
    "posts.category.empty": {
        "zh": "这个类别暂时没有岗位。",
        "en": "No posts in this category yet.",
    },
    "posts.free": {"zh": "空余名额：{free} / {cap}", "en": "Free places: {free} of {cap}"},
    "posts.closed_mark": {"zh": "🔒 已关闭", "en": "🔒 Closed"},
    "posts.archived_mark": {"zh": "（已停用）", "en": " (archived)"},
    "posts.post.head": {"zh": "<b>{name}</b>（{cat}）", "en": "<b>{name}</b> ({cat})"},
    "posts.post.term": {"zh": "任期：{term}年", "en": "Term: {term}"},
    "posts.post.description": {"zh": "说明：{text}", "en": "About: {text}"},
    "posts.post.duties": {"zh": "职责：{text}", "en": "Duties: {text}"},
    "posts.post.mine": {
        "zh": "✅ 您自 {day} 起在这个岗位上。",
        "en": "✅ You hold this post since {day}.",
    },
    "posts.claimed": {
        "zh": "✅ 认领成功：<b>{name}</b>。谢谢您为社区服务！",
        "en": "✅ You claimed <b>{name}</b>. Thank you for serving the community!",
    },
    "posts.claimed_count": {
        "zh": "本年度您已认领 {n} / {limit} 个岗位。",
        "en": "This year you hold {n} of {limit} posts.",
    },
    "posts.claimed_short": {"zh": "认领成功", "en": "Claimed"},
    "posts.similar": {
        "zh": "同类别还有空位的岗位：",
        "en": "Posts of the same category with free places:",
    },
    "posts.release.ask": {
        "zh": "确定不再担任「{name}」吗？名额会让给其他党员。",
        "en": "Let go of 「{name}」? The place goes back to others.",
    },
    "posts.released": {"zh": "已退出岗位「{name}」。", "en": "You let go of 「{name}」."},
    "posts.released_short": {"zh": "已退出", "en": "Released"},
    "posts.mine.title": {
        "zh": "<b>我的履职记录</b>（最近 10 条）",
        "en": "<b>My duty records</b> (latest 10)",
    },
    "posts.mine.none": {"zh": "还没有履职记录。", "en": "No duty recorded yet."},
    "posts.state.pending": {"zh": "待确认", "en": "waiting"},
    "posts.state.confirmed": {"zh": "已确认", "en": "confirmed"},
    "posts.state.rejected": {"zh": "未通过", "en": "rejected"},
    "posts.state.withdrawn": {"zh": "已撤回", "en": "withdrawn"},
    "posts.use_buttons": {
        "zh": "请点击上面的按钮继续。",
        "en": "Please tap one of the buttons above.",
    },
    "posts.saved": {"zh": "已保存", "en": "Saved"},
    "posts.on": {"zh": "开", "en": "on"},
    "posts.off": {"zh": "关", "en": "off"},
    # buttons
    "posts.btn.menu": {"zh": "📌 公益岗位", "en": "📌 Posts"},
    "posts.btn.mine": {"zh": "✅ 我的岗位：{name}", "en": "✅ My post: {name}"},
    "posts.btn.category": {"zh": "{name}（空 {free}）", "en": "{name} ({free} free)"},
    "posts.btn.post": {"zh": "{name}（空 {free}）", "en": "{name} ({free} free)"},
    "posts.btn.my_duties": {"zh": "📒 我的履职记录", "en": "📒 My duty records"},
    "posts.btn.admin": {"zh": "⚙️ 岗位管理", "en": "⚙️ Manage posts"},
    "posts.btn.claim": {"zh": "🙋 认领这个岗位", "en": "🙋 Claim this post"},
    "posts.btn.duty": {"zh": "📝 记录履职", "en": "📝 Record duty"},
    "posts.btn.release": {"zh": "退出这个岗位", "en": "Let go of this post"},
    "posts.btn.release_yes": {"zh": "确定退出", "en": "Yes, let it go"},
    "posts.btn.withdraw": {"zh": "↩️ 撤回 {day} {post}", "en": "↩️ Withdraw {day} {post}"},
    "posts.btn.withdraw_yes": {"zh": "确定撤回", "en": "Yes, withdraw it"},
    "posts.btn.photos": {"zh": "📷 看照片", "en": "📷 See the photos"},
    "posts.withdraw.ask": {
        "zh": "撤回这条待确认的履职记录吗？\n{day} {post}：{what}\n"
        "撤回后不再等待确认，可以重新记录。",
        "en": "Withdraw this record waiting for confirmation?\n{day} {post}: {what}\n"
        "It leaves the queue; you can record it again.",
    },
    "posts.withdraw.done": {
        "zh": "已撤回 {day} 的履职记录，不再等待确认。",
        "en": "The record of {day} is withdrawn and no longer waits for confirmation.",
    },
    "posts.withdraw.done_short": {"zh": "已撤回", "en": "Withdrawn"},
    "posts.approve.photo": {
        "zh": "{name} 的履职照片 {i}/{n}",
        "en": "{name}'s duty photo {i}/{n}",
    },
    "posts.told.left": {
        "zh": "👋 {name} 已离开支部，认领的岗位空出了位置：\n{posts}",
        "en": "👋 {name} left the branch; these posts have room now:\n{posts}",
    },
    "posts.told.room": {
        "zh": "• {post}（空 {free} 个）",
        "en": "• {post} ({free} free)",
    },
    "posts.btn.keep": {"zh": "不了，返回", "en": "No, go back"},
    "posts.btn.back_category": {"zh": "« 返回类别", "en": "« Back to category"},
    "posts.btn.back_post": {"zh": "« 返回岗位", "en": "« Back to the post"},
    "posts.btn.today": {"zh": "今天", "en": "Today"},
    "posts.btn.yesterday": {"zh": "昨天", "en": "Yesterday"},
    "posts.btn.other_day": {"zh": "📅 选其他日期", "en": "📅 Another day"},
    "posts.btn.no_hours": {"zh": "不填时长", "en": "No hours"},
    "posts.btn.submit": {"zh": "📤 提交", "en": "📤 Submit"},
    "posts.btn.confirm": {"zh": "✅ 确认", "en": "✅ Confirm"},
    "posts.btn.reject": {"zh": "❌ 不通过", "en": "❌ Reject"},
    "posts.btn.no_phone": {"zh": "不留电话", "en": "No phone"},
    "posts.btn.skip": {"zh": "跳过", "en": "Skip"},
    "posts.btn.more": {"zh": "更多 »", "en": "More »"},
    "posts.btn.admin_back": {"zh": "« 岗位管理", "en": "« Manage posts"},
    "posts.btn.a_posts": {"zh": "📋 岗位列表", "en": "📋 Posts"},
    "posts.btn.a_new": {"zh": "➕ 新建岗位", "en": "➕ New post"},
    "posts.btn.a_cats": {"zh": "📂 类别管理", "en": "📂 Categories"},
    "posts.btn.a_qr": {"zh": "🔗 报到二维码", "en": "🔗 Reporting QR"},
    "posts.btn.a_reports": {"zh": "📋 报到名单", "en": "📋 Who reported"},
    "posts.admin.reports": {
        "zh": "<b>到社区报到的在职党员（{n} 人）</b>",
        "en": "<b>In-service members who reported ({n})</b>",
    },
    "posts.admin.report_line": {
        "zh": "• {name}：{unit}（{party}，联系人 {contact} {phone}）",
        "en": "• {name}: {unit} ({party}, contact {contact} {phone})",
    },
    "posts.btn.a_settings": {"zh": "⚙️ 设置", "en": "⚙️ Settings"},
    "posts.btn.cat_add": {"zh": "➕ 新增类别", "en": "➕ New category"},
    "posts.btn.cat_rename": {"zh": "✏️ 改名", "en": "✏️ Rename"},
    "posts.btn.cat_archive": {"zh": "停用这个类别", "en": "Archive this category"},
    "posts.btn.cat_restore": {"zh": "恢复这个类别", "en": "Restore this category"},
    "posts.btn.assign": {"zh": "👤 指派党员", "en": "👤 Assign a member"},
    "posts.btn.h_remove": {"zh": "移除 {name}", "en": "Remove {name}"},
    "posts.btn.h_move": {"zh": "{name} 转给…", "en": "Move {name}'s place…"},
    "posts.btn.remove_yes": {"zh": "确定移除", "en": "Yes, remove"},
    "posts.btn.e_name": {"zh": "✏️ 名称", "en": "✏️ Name"},
    "posts.btn.e_desc": {"zh": "✏️ 说明", "en": "✏️ About"},
    "posts.btn.e_duties": {"zh": "✏️ 职责", "en": "✏️ Duties"},
    "posts.btn.e_category": {"zh": "📂 改类别", "en": "📂 Category"},
    "posts.btn.e_term": {"zh": "改为 {year} 年度", "en": "Make it {year}'s"},
    "posts.btn.close_post": {"zh": "🔒 关闭岗位", "en": "🔒 Close the post"},
    "posts.btn.close_yes": {"zh": "确定关闭", "en": "Yes, close it"},
    "posts.btn.limit": {"zh": "每人 {n} 个", "en": "{n} per member"},
    "posts.btn.nudge_on": {"zh": "开启每月提醒", "en": "Turn the monthly nudge on"},
    "posts.btn.nudge_off": {"zh": "关闭每月提醒", "en": "Turn the monthly nudge off"},
    # duty records
    "posts.duty.when": {
        "zh": "📝 记录「{post}」的履职：是哪一天？",
        "en": "📝 Duty on 「{post}」: which day?",
    },
    "posts.duty.pick": {"zh": "请选择日期：", "en": "Choose the day:"},
    "posts.duty.what": {
        "zh": "{day}：请简单写一下做了什么（例如：楼道清理、入户走访）。",
        "en": "{day}: what did you do? (a few words)",
    },
    "posts.duty.hours_ask": {
        "zh": "用了多长时间（小时）？也可以不填。",
        "en": "How many hours? You may leave it out.",
    },
    "posts.duty.photo_ask": {
        "zh": "可以发最多 {n} 张照片；发完或不发照片，请点「提交」。",
        "en": "Send up to {n} photos if you like, then tap Submit.",
    },
    "posts.duty.photo_added": {
        "zh": "已收到第 {n} 张照片（最多 {max} 张）。可以继续发，或点「提交」。",
        "en": "Photo {n} received (at most {max}). Send more or tap Submit.",
    },
    "posts.duty.sent": {
        "zh": "📤 已提交，等待党小组长或书记确认：",
        "en": "📤 Submitted; your group leader or the secretary will confirm it:",
    },
    "posts.duty.sent_short": {"zh": "已提交", "en": "Submitted"},
    "posts.duty.item": {
        "zh": "{name} · {post}\n{day}：{what}{extra}",
        "en": "{name} · {post}\n{day}: {what}{extra}",
    },
    "posts.duty.hours": {"zh": "（{h} 小时）", "en": " ({h} h)"},
    "posts.duty.photos": {"zh": "（{n} 张照片）", "en": " ({n} photos)", "en#one": " ({n} photo)"},
    "posts.duty.new": {"zh": "📝 新的履职记录待确认：", "en": "📝 A duty record to confirm:"},
    "posts.duty.confirmed": {
        "zh": "✅ 您 {day} 在「{post}」的履职已由 {by} 确认。",
        "en": "✅ Your duty on 「{post}」 on {day} was confirmed by {by}.",
    },
    "posts.duty.rejected": {
        "zh": "您 {day} 在「{post}」的履职记录未通过（{by}）：{reason}",
        "en": "Your duty on 「{post}」 on {day} was not confirmed ({by}): {reason}",
    },
    "posts.approve.title": {
        "zh": "<b>待确认的履职记录（{n}）</b>",
        "en": "<b>Duty records to confirm ({n})</b>",
    },
    "posts.approve.reason": {"zh": "请选择不通过的原因：", "en": "Why is it rejected?"},
    "posts.approve.confirmed": {"zh": "已确认：{name}", "en": "Confirmed: {name}"},
    "posts.approve.rejected": {"zh": "未通过：{name}", "en": "Rejected: {name}"},
    "posts.reason.0": {"zh": "无法核实", "en": "Cannot be verified"},
    "posts.reason.1": {
        "zh": "日期或内容有误，请重新记录",
        "en": "Wrong day or details, please record again",
    },
    "posts.reason.2": {"zh": "不属于本岗位职责", "en": "Not part of this post's duties"},
    # holders told through the outbox; the nudge
    "posts.told.assigned": {
        "zh": "📌 书记为您安排了公益岗位「{post}」。谢谢您为社区服务！",
        "en": "📌 The secretary gave you the post 「{post}」. Thank you!",
    },
    "posts.told.removed": {
        "zh": "书记已将您从公益岗位「{post}」调整下来。谢谢您的付出！",
        "en": "The secretary took you off the post 「{post}」. Thank you for your service!",
    },
    "posts.told.reassigned": {
        "zh": "您在公益岗位「{post}」的名额已由书记转给其他党员。谢谢您的付出！",
        "en": "Your place on 「{post}」 was given to another member. Thank you!",
    },
    "posts.told.closed": {
        "zh": "公益岗位「{post}」已关闭，您可以认领其他岗位。",
        "en": "The post 「{post}」 was closed; you may claim another one.",
    },
    "posts.nudge": {
        "zh": "🌱 温馨提醒：本月您在「{posts}」还没有履职记录。做了就点下方按钮记一笔吧。",
        "en": (
            "🌱 A gentle reminder: no duty recorded this month on 「{posts}」. "
            "Tap below to record one."
        ),
    },
    # reporting
    "posts.report.intro": {
        "zh": "欢迎到 <b>{branch}</b> 报到！请回答几个简单问题（在职党员到社区报到）。",
        "en": "Welcome to <b>{branch}</b>! A few short questions to report to the community.",
    },
    "posts.report.before": {
        "zh": "（您之前登记的单位：{unit}，本次会更新。）",
        "en": "(You reported before with {unit}; this updates it.)",
    },
    "posts.report.unit": {"zh": "1/4 您的工作单位名称是？", "en": "1/4 The name of your employer?"},
    "posts.report.party": {
        "zh": "2/4 单位所在的党组织（党支部）名称是？",
        "en": "2/4 Your employer's Party branch?",
    },
    "posts.report.contact": {
        "zh": "3/4 单位党组织联系人姓名？",
        "en": "3/4 The contact person's name there?",
    },
    "posts.report.phone": {
        "zh": "4/4 联系人电话（可以不填）：",
        "en": "4/4 The contact's phone (optional):",
    },
    "posts.report.saved": {
        "zh": "✅ 报到成功！单位：{unit}。下面请认领公益岗位：",
        "en": "✅ Reported (employer: {unit}). Now claim a post:",
    },
    "posts.report.not_member": {
        "zh": (
            "这是 <b>{branch}</b> 的党员报到链接。您还不是本支部的党员："
            "请向支部书记要一个邀请链接，加入支部后再扫码报到。"
        ),
        "en": (
            "This is <b>{branch}</b>'s reporting link. You are not a member of the branch "
            "yet: ask the secretary for an invite link, join, then scan again."
        ),
    },
    # the secretary
    "posts.admin.title": {"zh": "<b>⚙️ 公益岗位管理</b>", "en": "<b>⚙️ Managing posts</b>"},
    "posts.admin.cats": {
        "zh": "岗位类别（点击可改名或停用）：",
        "en": "Categories (tap to rename or archive):",
    },
    "posts.admin.cat_name": {
        "zh": "请输入类别名称（2-30 个字）：",
        "en": "Type the category's name (2-30 characters):",
    },
    "posts.admin.cat_saved": {"zh": "已保存类别「{name}」。", "en": "Category 「{name}」 saved."},
    "posts.admin.posts": {
        "zh": "本年度岗位（点击管理）：",
        "en": "This term's posts (tap to manage):",
    },
    "posts.admin.no_posts": {"zh": "本年度还没有岗位，请新建。", "en": "No posts this term yet."},
    "posts.admin.new_cat": {
        "zh": "新岗位属于哪个类别？",
        "en": "Which category is the new post in?",
    },
    "posts.admin.new_name": {
        "zh": "请输入岗位名称（例如：楼道环境巡查员）：",
        "en": "Type the post's name:",
    },
    "posts.admin.new_desc": {
        "zh": "请输入岗位说明（可跳过）：",
        "en": "Type what the post is about (or skip):",
    },
    "posts.admin.new_duties": {
        "zh": "请输入岗位职责（可跳过）：",
        "en": "Type the post's duties (or skip):",
    },
    "posts.admin.new_cap": {"zh": "这个岗位有几个名额？", "en": "How many places does it have?"},
    "posts.admin.holders": {"zh": "在岗党员：", "en": "Holders:"},
    "posts.admin.nobody": {"zh": "（暂无）", "en": "(nobody yet)"},
    "posts.admin.type_field": {"zh": "请输入新的{field}：", "en": "Type the new {field}:"},
    "posts.field.name": {"zh": "名称", "en": "name"},
    "posts.field.description": {"zh": "说明", "en": "description"},
    "posts.field.duties": {"zh": "职责", "en": "duties"},
    "posts.admin.close_ask": {
        "zh": "关闭后在岗党员将被通知并退出这个岗位。确定关闭吗？",
        "en": "Closing lets every holder go (they are told). Close it?",
    },
    "posts.admin.closed": {"zh": "岗位已关闭", "en": "Post closed"},
    "posts.admin.assign": {
        "zh": "把「{name}」指派给谁？（括号内是已有岗位数）",
        "en": "Assign 「{name}」 to whom? (posts already held in brackets)",
    },
    "posts.admin.move": {
        "zh": "把「{name}」的这个名额转给谁？",
        "en": "Give this place on 「{name}」 to whom?",
    },
    "posts.admin.remove_ask": {
        "zh": "确定把这位党员从岗位上移除吗？本人会收到通知。",
        "en": "Remove this holder? They will be told.",
    },
    "posts.admin.holders_saved": {
        "zh": "已保存：「{name}」在岗 {taken} / {cap}。",
        "en": "Saved: 「{name}」 has {taken} of {cap} places taken.",
    },
    "posts.admin.qr": {
        "zh": "在职党员到社区报到二维码（可打印张贴）。扫码或点击链接即可报到：\n{url}",
        "en": "Reporting QR for in-service members (print it). Scan or open:\n{url}",
    },
    "posts.admin.settings": {
        "zh": (
            "<b>岗位设置</b>\n每人每年最多认领：{limit} 个\n每月履职提醒：{nudge}（每月 {day} 日）"
        ),
        "en": (
            "<b>Post settings</b>\nPosts per member per year: {limit}\n"
            "Monthly nudge: {nudge} (day {day})"
        ),
    },
    # refusals
    "posts.refuse.not_member": {
        "zh": "您还不是本支部的党员，无法使用公益岗位。",
        "en": "You are not a member of this branch.",
    },
    "posts.refuse.not_allowed": {
        "zh": "抱歉，只有书记（或支委）可以这样操作。",
        "en": "Sorry, only the secretary (or a committee member) can do that.",
    },
    "posts.refuse.not_found": {
        "zh": "没有找到这个岗位或记录，它可能已被删除。",
        "en": "That post or record was not found.",
    },
    "posts.refuse.not_yours": {"zh": "这不是您认领的岗位。", "en": "That is not your post."},
    "posts.refuse.closed": {"zh": "这个岗位已关闭。", "en": "This post is closed."},
    "posts.refuse.full": {
        "zh": "真遗憾，这个岗位的名额刚刚被认领满了。",
        "en": "Sorry, the last place on this post was just taken.",
    },
    "posts.refuse.limit": {
        "zh": "您本年度认领的岗位已达上限。如要换岗，请先退出一个岗位。",
        "en": "You hold as many posts as a member may this year. Let one go first.",
    },
    "posts.refuse.held": {"zh": "您已经在这个岗位上了。", "en": "You already hold this post."},
    "posts.refuse.other_term": {
        "zh": "这个岗位不属于本年度。",
        "en": "This post is not of this term.",
    },
    "posts.refuse.future": {"zh": "不能记录还没到的日子。", "en": "That day has not come yet."},
    "posts.refuse.before_claim": {
        "zh": "那天您还没有认领这个岗位。",
        "en": "You did not hold the post on that day.",
    },
    "posts.refuse.too_short": {
        "zh": "太短了，请至少写 {n} 个字。",
        "en": "Too short: at least {n} characters, please.",
    },
    "posts.refuse.too_long": {
        "zh": "太长了，请不超过 {n} 个字。",
        "en": "Too long: at most {n} characters, please.",
    },
    "posts.refuse.name_taken": {"zh": "已有同名的类别。", "en": "A category of that name exists."},
    "posts.refuse.bad_hours": {
        "zh": "时长不对，请用按钮选择。",
        "en": "Those hours are not right; use the buttons.",
    },
    "posts.refuse.too_many_photos": {
        "zh": "最多 {n} 张照片，请点「提交」。",
        "en": "At most {n} photos; tap Submit.",
    },
    "posts.refuse.too_big": {
        "zh": "照片太大了（不超过 10MB）。",
        "en": "That photo is too large (10 MB at most).",
    },
    "posts.refuse.not_image": {
        "zh": "请发送照片（jpg/png），或点「提交」。",
        "en": "Please send a photo (jpg/png), or tap Submit.",
    },
    "posts.refuse.self": {
        "zh": "不能确认自己的履职记录。",
        "en": "You cannot confirm your own record.",
    },
    "posts.refuse.already_decided": {
        "zh": "这条记录已经处理过了。",
        "en": "That record was decided already.",
    },
    "posts.refuse.stale": {
        "zh": "这个按钮已失效，请重新操作。",
        "en": "This button is no longer valid.",
    },
    "posts.refuse.bad_phone": {
        "zh": "电话号码格式不对，请重新输入，或点「不留电话」。",
        "en": "That is not a phone number; type it again or tap No phone.",
    },
    "posts.refuse.link_invalid": {
        "zh": "这个报到链接无效或已过期，请向书记要新的二维码。",
        "en": "This reporting link is invalid or expired; ask the secretary for a new one.",
    },
    "posts.refuse.other_branch": {
        "zh": "这是其他支部的链接。",
        "en": "That link is another branch's.",
    },
    "posts.refuse.has_posts": {
        "zh": "这个类别还有未关闭的岗位，请先关闭它们。",
        "en": "Close this category's open posts first.",
    },
    "posts.refuse.below_holders": {
        "zh": "在岗人数（{n}）多于新的名额，请先调整在岗党员。",
        "en": "More holders ({n}) than places; move holders first.",
    },
    "posts.refuse.not_active": {
        "zh": "这位党员目前不在册（已转出或停用）。",
        "en": "That member is not active in the branch.",
    },
}
