"""User-facing texts of the privacy feature (PIPL notice, /mydata, /audit), zh default and en."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.mydata": {"zh": "我的数据（查看、更正、删除）", "en": "My data (see, correct, delete)"},
    "cmd.audit": {"zh": "审计日志", "en": "Audit log"},
    "cmd.privacynotice": {"zh": "个人信息告知文本", "en": "Privacy notice text"},
    "privacy.notice.default": {
        "zh": (
            "🔒 <b>个人信息告知 · {branch}</b>\n\n"
            "<b>保存什么</b>：您的姓名、党员类别、所在党小组、角色；您自愿填写的手机号和工作单位；"
            "参加组织生活、请假、党费、志愿服务的记录；您的 Telegram 账号编号（用于给您发通知）。"
            "不收集身份证号。\n"
            "<b>为什么</b>：只用于本支部的组织生活、通知、党费和统计。\n"
            "<b>谁能看到</b>：本支部书记和支委；党小组长只看本组；党费基数只有书记、"
            "党费管理员和您本人能看到。排行和公示中不出现收入和金额。\n"
            "<b>保存多久</b>：在支部期间保存；您可随时发送 /mydata 查看、申请更正或删除，"
            "删除后仅按规定匿名保留党费账目和出勤次数。"
        ),
        "en": (
            "🔒 <b>Privacy notice · {branch}</b>\n\n"
            "<b>What is kept</b>: your name, member category, party group and role; the phone "
            "number and work unit if you give them; your attendance, leave, dues and volunteer "
            "records; your Telegram account number (to send you notices). No ID-card numbers.\n"
            "<b>Why</b>: only for this branch's meetings, notices, dues and statistics.\n"
            "<b>Who sees it</b>: the branch secretary and committee; a group leader sees their "
            "own group; dues bases (income) only the secretary, the treasurer and you. "
            "Rankings and published reports never show incomes or amounts.\n"
            "<b>How long</b>: while you are in the branch; send /mydata any time to see it and ask "
            "for a correction or deletion. After deletion only the dues ledger and attendance "
            "counts are kept, anonymised."
        ),
    },
    "privacy.notice.ask": {
        "zh": "\n\n请阅读后选择。点「同意」后才会保存您的信息。",
        "en": "\n\nPlease read and choose. Nothing about you is saved until you press Agree.",
    },
    "privacy.btn.accept": {"zh": "✅ 同意", "en": "✅ Agree"},
    "privacy.btn.decline": {"zh": "不同意", "en": "Disagree"},
    "privacy.accepted": {
        "zh": "✅ 您已同意个人信息告知。",
        "en": "✅ You accepted the privacy notice.",
    },
    "privacy.declined": {
        "zh": (
            "好的，您没有同意，我们没有保存您的任何个人信息。\n"
            "如果改变主意，请重新打开支部发给您的链接。"
        ),
        "en": (
            "All right: you did not agree, and nothing about you was saved.\n"
            "If you change your mind, open the link from your branch again."
        ),
    },
    "privacy.link_gone": {
        "zh": "这个链接已失效，请向支部书记要一个新链接。",
        "en": "This link no longer works; ask the branch secretary for a new one.",
    },
    # binding confirmation
    "privacy.bind.ask": {
        "zh": (
            "这个绑定链接属于下面这位党员：\n\n"
            "姓名：<b>{name}</b>\n手机：{phone}\n党支部：{branch}\n\n"
            "<b>是您本人吗？</b>"
        ),
        "en": (
            "This binding link is for:\n\nName: <b>{name}</b>\nPhone: {phone}\nBranch: {branch}\n\n"
            "<b>Is this you?</b>"
        ),
    },
    "privacy.bind.no_phone": {"zh": "（未登记）", "en": "(none)"},
    "privacy.btn.me": {"zh": "✅ 是，是我本人", "en": "✅ Yes, this is me"},
    "privacy.btn.not_me": {"zh": "不是我", "en": "No, not me"},
    "privacy.bind.not_me": {
        "zh": "好的，没有绑定。这个链接可能发错了人，请告诉支部书记。",
        "en": "All right, nothing was bound. The link may have gone to the wrong person: "
        "please tell the branch secretary.",
    },
    # /mydata
    "privacy.mydata.head": {
        "zh": (
            "📂 以下是「{branch}」保存的关于您（{name}）的全部信息：一个表格，一个 JSON 文件。\n"
            "文件含个人信息，请妥善保管、不要转发。\n\n"
            "信息有误可以申请更正；也可以申请删除。申请由支部书记处理，处理后会通知您。"
        ),
        "en": (
            "📂 Everything {branch} holds about you ({name}): a spreadsheet and a JSON file.\n"
            "They contain personal data: keep them safe and do not forward them.\n\n"
            "You can ask for a correction, or for deletion. The secretary handles requests and "
            "you will be told."
        ),
    },
    "privacy.mydata.caption": {
        "zh": "我的数据（含个人信息）",
        "en": "My data (contains personal data)",
    },
    "privacy.btn.correct": {"zh": "✏️ 申请更正", "en": "✏️ Ask for a correction"},
    "privacy.btn.delete": {"zh": "🗑 申请删除", "en": "🗑 Ask for deletion"},
    "privacy.mydata.ask_correct": {
        "zh": "请写下需要更正的内容（例如：手机号应为……），直接发给我。\n发送 /cancel 可放弃。",
        "en": "Write what should be corrected (e.g. my phone is …) and send it to me.\n"
        "Send /cancel to give up.",
    },
    "privacy.mydata.confirm_delete": {
        "zh": (
            "申请删除后，书记同意即执行：\n"
            "• 删除您的姓名（改为编号）、手机号、工作单位、入党日期、与 Telegram 的绑定，"
            "以及请假理由、留言、照片等文字；\n"
            "• 按规定匿名保留党费账目和出勤次数；\n"
            "• 您将不再收到本支部的通知。\n\n确定申请删除吗？"
        ),
        "en": (
            "If the secretary approves:\n"
            "• your name (replaced by a number), phone, work unit, party dates, Telegram binding, "
            "and free text such as leave reasons, notes and photos are deleted;\n"
            "• the dues ledger and attendance counts are kept, anonymised;\n"
            "• you will no longer receive this branch's notices.\n\nAsk for deletion?"
        ),
    },
    "privacy.btn.mydata": {"zh": "🔒 我的信息（查看、更正、删除）", "en": "🔒 My data"},
    "privacy.btn.confirm_delete": {"zh": "确定申请删除", "en": "Yes, ask for deletion"},
    "privacy.btn.cancel": {"zh": "取消", "en": "Cancel"},
    "privacy.cancelled": {"zh": "已取消。", "en": "Cancelled."},
    "privacy.request.sent": {
        "zh": "✅ 已提交{kind}申请，书记处理后会通知您。",
        "en": "✅ Your request ({kind}) was sent; the secretary will handle it and tell you.",
    },
    "privacy.request.secretary_notice": {
        "zh": "📮 {name} 申请{kind}个人信息，请发送 /approve 处理。",
        "en": "📮 {name} asks for {kind} of their personal data: send /approve to handle it.",
    },
    "privacy.request.to_operator": {
        "zh": (
            "\n\n本支部没有其他书记可以处理您本人的申请，这件申请将交给机器人管理员处理，"
            "处理后会通知您。您不用再做什么。"
        ),
        "en": (
            "\n\nNo other secretary of the branch can decide your own request, so it goes to the "
            "bot's operator, who will tell you. There is nothing more you need to do."
        ),
    },
    "privacy.request.operator_notice": {
        "zh": (
            "📮 {branch}的书记 {name} 申请{kind}本人个人信息，支部内无人可以处理，"
            "请发送 /approve 处理。"
        ),
        "en": (
            "📮 {name}, secretary of {branch}, asks for {kind} of their own personal data and "
            "nobody in the branch may decide it: send /approve to handle it."
        ),
    },
    "privacy.kind.correct": {"zh": "更正", "en": "correction"},
    "privacy.kind.delete": {"zh": "删除", "en": "deletion"},
    # /approve
    "privacy.approve.head": {
        "zh": "🔒 个人信息申请：{n} 件",
        "en": "🔒 Personal data requests: {n}",
    },
    "privacy.approve.item": {
        "zh": "{name} 申请<b>{kind}</b>（{when}）\n{text}",
        "en": "{name} asks for <b>{kind}</b> ({when})\n{text}",
    },
    "privacy.btn.approve": {"zh": "✅ 同意办理", "en": "✅ Approve"},
    "privacy.btn.reject": {"zh": "不同意", "en": "Decline"},
    "privacy.approve.approved": {
        "zh": "✅ 已同意 {name} 的{kind}申请。",
        "en": "✅ Approved: {name}'s request ({kind}).",
    },
    "privacy.approve.correct_hint": {
        "zh": "\n请在 /members 中按申请修改其信息。",
        "en": "\nPlease make the change in /members.",
    },
    "privacy.approve.deleted": {
        "zh": "\n其个人信息已删除，党费账目和出勤次数已匿名保留。",
        "en": "\nTheir personal data was deleted; dues and attendance counts kept anonymised.",
    },
    "privacy.approve.declined": {
        "zh": "已不同意 {name} 的{kind}申请。",
        "en": "Declined: {name}'s request ({kind}).",
    },
    "privacy.told.correct.yes": {
        "zh": "✅ 您的更正申请书记已同意办理。",
        "en": "✅ The secretary approved your correction request.",
    },
    "privacy.told.correct.no": {
        "zh": "您的更正申请书记未同意，如有疑问请联系书记。",
        "en": "The secretary declined your correction request; please ask them if unsure.",
    },
    "privacy.told.delete.yes": {
        "zh": (
            "✅ 您的个人信息已删除。支部仅按规定匿名保留党费账目和出勤次数，"
            "您的账号已与本支部解除绑定。"
        ),
        "en": (
            "✅ Your personal data was deleted. The branch keeps only the dues ledger and "
            "attendance counts, anonymised; your account is no longer bound to the branch."
        ),
    },
    "privacy.told.delete.no": {
        "zh": "您的删除申请书记未同意，如有疑问请联系书记。",
        "en": "The secretary declined your deletion request; please ask them if unsure.",
    },
    # a lone secretary's own request, decided by the bot's operator
    "privacy.told.correct.yes.op": {
        "zh": "✅ 您的更正申请机器人管理员已同意，请在 /members 中修改您本人的信息。",
        "en": "✅ The bot's operator approved your correction request; make it in /members.",
    },
    "privacy.told.correct.no.op": {
        "zh": "您的更正申请机器人管理员未同意。",
        "en": "The bot's operator declined your correction request.",
    },
    "privacy.told.delete.yes.op": {
        "zh": "✅ 您的个人信息已由机器人管理员删除，党费账目和出勤次数已匿名保留。",
        "en": (
            "✅ The bot's operator deleted your personal data; dues and attendance counts are "
            "kept, anonymised."
        ),
    },
    "privacy.told.delete.no.op": {
        "zh": "您的删除申请机器人管理员未同意。",
        "en": "The bot's operator declined your deletion request.",
    },
    # refusals
    "privacy.refuse.not_member": {
        "zh": "您还不是本支部的党员，无法使用此功能。",
        "en": "You are not a member of this branch.",
    },
    "privacy.refuse.secretary_only": {
        "zh": "抱歉，只有支部书记可以使用此功能。",
        "en": "Sorry, only the branch secretary can do that.",
    },
    "privacy.refuse.not_found": {
        "zh": "没有找到这件申请，它可能已被处理。",
        "en": "That request was not found; it may have been handled.",
    },
    "privacy.refuse.self": {
        "zh": "不能处理自己的申请。",
        "en": "You cannot decide your own request.",
    },
    "privacy.refuse.already_decided": {
        "zh": "这件申请已经处理过了。",
        "en": "This request was already decided.",
    },
    "privacy.refuse.pending": {
        "zh": "您已有一件同样的申请在等待书记处理。",
        "en": "You already have the same request waiting for the secretary.",
    },
    "privacy.refuse.bad_text": {
        "zh": "内容为空或太长（最多 500 字），请重新发送。",
        "en": "The text is empty or too long (500 characters at most); please send it again.",
    },
    "privacy.private_only": {
        "zh": "含个人信息的内容只在私聊中发送。请点我的头像，在私聊里使用这个命令。",
        "en": "Personal data is only sent in a private chat: open a private chat with me.",
    },
    # /audit
    "privacy.audit.head": {
        "zh": "📜 <b>审计日志</b> · {branch}\n第 {page}/{pages} 页，共 {total} 条{filters}",
        "en": "📜 <b>Audit log</b> · {branch}\nPage {page}/{pages}, {total} entries{filters}",
    },
    "privacy.audit.by_person": {"zh": "\n人员：{name}", "en": "\nPerson: {name}"},
    "privacy.audit.by_family": {"zh": "\n操作：{family}", "en": "\nAction: {family}"},
    "privacy.audit.line": {
        "zh": "<b>{when}</b> {who}\n{action} · {target} {id}",
        "en": "<b>{when}</b> {who}\n{action} · {target} {id}",
    },
    "privacy.audit.empty": {"zh": "（没有记录）", "en": "(no entries)"},
    "privacy.btn.prev": {"zh": "⬅️ 上一页", "en": "⬅️ Previous"},
    "privacy.btn.next": {"zh": "下一页 ➡️", "en": "Next ➡️"},
    "privacy.btn.by_person": {"zh": "👤 按人员筛选", "en": "👤 By person"},
    "privacy.btn.by_action": {"zh": "🏷 按操作筛选", "en": "🏷 By action"},
    "privacy.btn.clear": {"zh": "清除筛选", "en": "Clear filters"},
    "privacy.btn.export": {"zh": "📥 导出表格", "en": "📥 Export"},
    "privacy.btn.all": {"zh": "全部", "en": "All"},
    "privacy.audit.pick_person": {"zh": "按哪位人员筛选？", "en": "Filter by whom?"},
    "privacy.audit.pick_family": {"zh": "按哪类操作筛选？", "en": "Filter by which action?"},
    "privacy.audit.exported": {
        "zh": "📥 审计日志（{n} 条）。文件含个人信息，请勿转发。",
        "en": "📥 Audit log ({n} entries). It contains personal data: do not forward it.",
        "en#one": "📥 Audit log ({n} entry). It contains personal data: do not forward it.",
    },
    # /privacynotice (the branch's notice text)
    "privacy.setting.show": {
        "zh": "🔒 本支部的个人信息告知（{kind}，版本 {version}）：\n\n{text}",
        "en": "🔒 This branch's privacy notice ({kind}, version {version}):\n\n{text}",
    },
    "privacy.setting.default": {"zh": "默认文本", "en": "default text"},
    "privacy.setting.custom": {"zh": "本支部文本", "en": "this branch's text"},
    "privacy.btn.edit_notice": {"zh": "✏️ 修改告知", "en": "✏️ Change"},
    "privacy.btn.reset_notice": {"zh": "↩️ 恢复默认", "en": "↩️ Back to default"},
    "privacy.setting.ask": {
        "zh": "请发送新的告知全文（最多 1500 字）。发送 /cancel 放弃。",
        "en": "Send the new notice text (1500 characters at most). Send /cancel to give up.",
    },
    "privacy.setting.saved": {
        "zh": "✅ 已保存。以后新加入的人会看到这段告知。",
        "en": "✅ Saved. People joining from now on will see this notice.",
    },
    "privacy.setting.bad": {
        "zh": "文字为空或太长（最多 1500 字），请重新发送。",
        "en": "The text is empty or too long (1500 characters at most); send it again.",
    },
}
