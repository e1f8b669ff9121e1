"""User-facing texts of the members feature (zh default, en).

Onboarding, invites, card and the vocabulary live here; roster import and /members in
members_admin.py (merged below, one catalog for the feature).
"""

from bot.texts.members.admin import ADMIN_TEXTS

_VOCABULARY: dict[str, dict[str, str]] = {
    "members.cat.direct": {"zh": "直管党员", "en": "Direct member"},
    "members.cat.employed": {"zh": "在职党员", "en": "Employed member"},
    "members.cat.mobile": {"zh": "流动党员", "en": "Migrant member"},
    "members.cat.retired": {"zh": "离退休党员", "en": "Retired member"},
    "members.cat.probationary": {"zh": "预备党员", "en": "Probationary member"},
    "members.cat.activist": {"zh": "入党积极分子", "en": "Activist (applicant)"},
    "members.role.member": {"zh": "党员", "en": "Member"},
    "members.role.group_leader": {"zh": "党小组长", "en": "Group leader"},
    "members.role.committee": {"zh": "支委", "en": "Committee member"},
    "members.role.secretary": {"zh": "书记", "en": "Secretary"},
    "members.status.pending": {"zh": "待审核", "en": "Pending"},
    "members.status.active": {"zh": "在册", "en": "Active"},
    "members.status.transferred": {"zh": "已转出", "en": "Transferred out"},
    "members.status.archived": {"zh": "已归档", "en": "Archived"},
    "members.status.rejected": {"zh": "未通过", "en": "Rejected"},
    "members.none": {"zh": "—", "en": "—"},
    "members.never": {"zh": "长期有效", "en": "no expiry"},
    "members.no_group": {"zh": "未分小组", "en": "No group"},
    "members.years": {"zh": "{n} 年", "en": "{n} years"},
    "members.saved": {"zh": "已保存", "en": "Saved"},
    "members.cancel_button": {"zh": "取消", "en": "Cancel"},
    "members.refuse.not_member": {
        "zh": "您还不是党支部成员，暂时不能使用这个功能。请先通过书记的邀请链接登记。",
        "en": "You are not in a branch yet. Please register with your secretary's invite link.",
    },
    "members.refuse.not_allowed": {
        "zh": "抱歉，只有支部书记（或被授权的支委）才能进行此操作。",
        "en": "Sorry, only the branch secretary (or an authorised committee member) can do that.",
    },
    "members.refuse.secretary_only": {
        "zh": "抱歉，这项只有支部书记才能操作。",
        "en": "Sorry, only the branch secretary can do that.",
    },
    "members.refuse.committee_only": {
        "zh": "抱歉，这项只有支部书记和支委才能操作。",
        "en": "Sorry, only the secretary and committee members can do that.",
    },
    "members.refuse.officers_only": {
        "zh": (
            "抱歉，这项只有支部书记、支委和党小组长（管本小组）才能操作。"
            "如需查看，请联系您的党小组长。"
        ),
        "en": "Sorry, only the secretary, committee members and group leaders (for their own "
        "group) can do that. Ask your group leader if you need it.",
    },
    "members.refuse.secretary_link": {
        "zh": "这位党员担任支部职务，其绑定链接只能由支部书记发放。",
        "en": "This member holds a branch office: only the secretary can give out their "
        "binding link.",
    },
    "members.refuse.not_operator": {
        "zh": "抱歉，只有系统管理员才能新建党支部。",
        "en": "Sorry, only an operator can create a branch.",
    },
    "members.refuse.not_found": {
        "zh": "没有找到这条记录，或者它不属于您的支部。",
        "en": "This record was not found, or it is not in your branch.",
    },
    "members.refuse.expired": {
        "zh": "这一步已失效，请重新操作。",
        "en": "This step has expired. Please start again.",
    },
    "members.refuse.already_bound": {
        "zh": "这位党员已经绑定了账号，不需要绑定链接。",
        "en": "This member's account is already linked; no binding link is needed.",
    },
    "members.refuse.not_bound": {
        "zh": "这位党员还没有绑定账号。",
        "en": "This member has no linked account.",
    },
    "members.refuse.inactive": {
        "zh": "这条记录已转出或归档，请先恢复。",
        "en": "This record is transferred or archived; restore it first.",
    },
    "members.refuse.self": {
        "zh": "不能对自己进行这个操作，请由其他书记处理。",
        "en": "You cannot do this to yourself; ask another secretary.",
    },
    "members.error.name_empty": {"zh": "姓名不能为空。", "en": "The name is empty."},
    "members.error.name_too_long": {
        "zh": "姓名太长（最多 30 个字）。",
        "en": "The name is too long (30 characters at most).",
    },
    "members.error.name_bad_chars": {
        "zh": "姓名里有无法识别的字符。",
        "en": "The name contains characters that cannot be used.",
    },
    "members.error.name_no_letters": {
        "zh": "姓名里要有文字（不能只是数字）。",
        "en": "A name needs letters, not only digits.",
    },
    "members.error.phone_malformed": {
        "zh": "手机号格式不对（应为 11 位手机号）。",
        "en": "The phone number is not an 11-digit mobile number.",
    },
    "members.error.category_missing": {"zh": "没有填写类别。", "en": "The category is missing."},
    "members.error.category_unknown": {
        "zh": "类别无法识别（可填：直管、在职、流动、离退休、预备、积极分子）。",
        "en": "Unknown category (direct, employed, migrant, retired, probationary, activist).",
    },
    "members.error.group_unknown": {
        "zh": "党小组不存在（名称要和支部的党小组一致）。",
        "en": "No such party group in this branch.",
    },
    "members.error.joined_date_invalid": {
        "zh": "入党日期看不懂（例如 2010-07-01）。",
        "en": "The joining date cannot be read (e.g. 2010-07-01).",
    },
    "members.error.full_date_invalid": {
        "zh": "转正日期看不懂（例如 2011-07-01）。",
        "en": "The full-membership date cannot be read (e.g. 2011-07-01).",
    },
    "members.error.joined_in_future": {
        "zh": "入党日期不能晚于今天。",
        "en": "The joining date is in the future.",
    },
    "members.error.full_in_future": {
        "zh": "转正日期不能晚于今天。",
        "en": "The full-membership date is in the future.",
    },
    "members.error.joined_too_early": {
        "zh": "入党日期太早了，请核对。",
        "en": "The joining date is too early; please check it.",
    },
    "members.error.full_too_early": {
        "zh": "转正日期太早了，请核对。",
        "en": "The full-membership date is too early; please check it.",
    },
    "members.error.full_before_joined": {
        "zh": "转正日期早于入党日期，请核对。",
        "en": "The full-membership date is before the joining date.",
    },
    "members.error.probationary_has_full_date": {
        "zh": "预备党员还没有转正日期：请先清空转正日期，或改为其他类别。",
        "en": "A probationary member has no full-membership date yet: clear it or pick another "
        "category.",
    },
    "members.error.activist_has_dates": {
        "zh": "入党积极分子还没有入党和转正日期：请先清空这两个日期。",
        "en": "An activist has no membership dates yet: clear them first.",
    },
    "members.error.work_unit_too_long": {
        "zh": "工作单位太长（最多 100 个字）。",
        "en": "The work unit is too long (100 characters at most).",
    },
    "members.error.duplicate_existing": {
        "zh": "支部里已有这个人。",
        "en": "This person is already on the roster.",
    },
    "members.error.phone_taken": {
        "zh": "这个手机号已经登记在别人名下。",
        "en": "This phone number belongs to someone else on the roster.",
    },
    "members.error.duplicate_in_file": {
        "zh": "与表格中前面的行重复。",
        "en": "A repeat of an earlier row of the file.",
    },
}

_ONBOARDING: dict[str, dict[str, str]] = {
    "members.link.invalid": {
        "zh": "这个链接无效。请向支部书记重新索取邀请链接或二维码。",
        "en": "This link is not valid. Please ask your branch secretary for a new one.",
    },
    "members.link.expired": {
        "zh": "这个链接已过期。请向支部书记索取新的链接。",
        "en": "This link has expired. Please ask your branch secretary for a new one.",
    },
    "members.link.revoked": {
        "zh": "这个链接已被书记停用。请向支部书记索取新的链接。",
        "en": "The secretary has switched this link off. Please ask for a new one.",
    },
    "members.link.used_up": {
        "zh": "这个链接的使用人数已满。请向支部书记索取新的链接。",
        "en": "This link has been used as often as allowed. Please ask for a new one.",
    },
    "members.link_state.ok": {"zh": "✅ 可以使用", "en": "✅ usable"},
    "members.link_state.expired": {"zh": "⌛ 已过期", "en": "⌛ expired"},
    "members.link_state.revoked": {"zh": "🚫 已撤销", "en": "🚫 revoked"},
    "members.link_state.used_up": {"zh": "⛔ 人数已满", "en": "⛔ used up"},
    "members.open.already_member": {
        "zh": "您已经是「{branch}」的党员了，不需要再登记。请点击下方按钮办事。",
        "en": "You are already a member of {branch}; no need to register again.",
    },
    "members.open.pending": {
        "zh": "您加入「{branch}」的申请已经提交，正在等待书记审核，请耐心等候。",
        "en": "Your request to join {branch} is waiting for the secretary's approval.",
    },
    "members.open.inactive": {
        "zh": "您在「{branch}」的记录已转出或归档。如需恢复，请联系支部书记。",
        "en": "Your record in {branch} was transferred or archived. Please contact the secretary.",
    },
    "members.open.promoted": {
        "zh": "✅ 您已成为「{branch}」的书记。书记功能已出现在下方按钮和命令菜单里。",
        "en": "✅ You are now the secretary of {branch}. Your tools are in the buttons below.",
    },
    "members.reg.ask_name": {
        "zh": "欢迎加入「<b>{branch}</b>」！\n\n第 1 步（共 3 步）：请<b>输入您的真实姓名</b>"
        "（与党组织登记的一致），然后发送。",
        "en": "Welcome to <b>{branch}</b>!\n\nStep 1 of 3: please <b>type your full name</b> as "
        "the Party organisation knows it, and send it.",
    },
    "members.reg.ask_name_secretary": {
        "zh": "您受邀担任「<b>{branch}</b>」的书记。\n\n"
        "第 1 步（共 3 步）：请<b>输入您的真实姓名</b>，然后发送。",
        "en": "You are invited to be the secretary of <b>{branch}</b>.\n\nStep 1 of 3: please "
        "<b>type your full name</b> and send it.",
    },
    "members.reg.retry_name": {
        "zh": "请重新输入您的姓名：",
        "en": "Please type your name again:",
    },
    "members.reg.ask_category": {
        "zh": "第 2 步：请点击下方按钮，<b>选择您的类别</b>：",
        "en": "Step 2: tap a button below to <b>choose your category</b>:",
    },
    "members.reg.ask_group": {
        "zh": "第 3 步：请点击下方按钮，<b>选择您所在的党小组</b>：",
        "en": "Step 3: tap a button below to <b>choose your party group</b>:",
    },
    "members.reg.no_group": {"zh": "不清楚 / 暂不选择", "en": "Not sure / skip"},
    "members.reg.submitted": {
        "zh": "✅ {name}，您的登记已提交！\n"
        "书记审核通过后，我会通知您，并为您打开「{branch}」的功能。",
        "en": "✅ {name}, your registration is sent!\nI will tell you as soon as the secretary "
        "of {branch} approves it.",
    },
    "members.reg.secretary_done": {
        "zh": "✅ {name}，您已成为「{branch}」的书记！\n\n接下来可以：\n"
        "• 点「✉️ 邀请党员」生成邀请链接和二维码；\n"
        "• 点「👥 党员管理」→「📥 导入名单」，用 Excel 一次导入全部党员。",
        "en": "✅ {name}, you are now the secretary of {branch}!\n\nNext:\n"
        "• tap “✉️ Invite” for an invite link and QR code;\n"
        "• tap “👥 Members” → “📥 Import roster” to import everyone from Excel at once.",
    },
    "members.reg.cancelled": {
        "zh": "已取消登记。需要时请重新打开邀请链接。",
        "en": "Registration cancelled. Open the invite link again whenever you like.",
    },
    "members.reg.expired": {
        "zh": "登记时间太久已失效，请重新打开邀请链接再登记一次。",
        "en": "The registration timed out. Please open the invite link again.",
    },
    "members.reg.interrupted": {
        "zh": "登记已中断，需要时请重新点开邀请链接。",
        "en": "Registration stopped. Open the invite link again when you are ready.",
    },
    "members.flow.interrupted": {
        "zh": "刚才的操作已中断。",
        "en": "The previous step was stopped.",
    },
    "members.approve.none": {
        "zh": "暂时没有待审核的事项。有新的申请时我会马上通知您。",
        "en": "Nothing is waiting for your approval. I will tell you when something arrives.",
    },
    "members.approve.list_head": {
        "zh": "📋 有 {n} 人申请加入支部，等待您审核。请在下面每条消息里点「批准」或「拒绝」。",
        "en": "📋 Join requests waiting for you: {n}. Tap Approve or Reject under each one below.",
    },
    "members.approve.more": {
        "zh": "另有 {n} 人等待审核。处理完上面的，请再发送 /approve 查看。",
        "en": "Still waiting after these: {n}. When you have handled the ones above, "
        "send /approve again.",
    },
    "members.approve.more_leaves": {
        "zh": "另有 {n} 条请假申请。处理完上面的，请再发送 /approve 查看。",
        "en": "{n} more leave requests. When you have handled the ones above, send /approve again.",
    },
    "members.approve.leaves": {
        "zh": "🙋 有 {n} 条请假申请等您审批，请在下面每条里点「批准」或「不批准」。",
        "en": "🙋 Leave requests waiting for your decision: {n}. Tap Approve or Decline under "
        "each one below.",
    },
    "members.approve.request": {
        "zh": "📝 <b>新的党员登记申请</b>\n支部：{branch}\n姓名：<b>{name}</b>\n"
        "类别：{category}\n党小组：{group}\n\n请审核：",
        "en": "📝 <b>New registration</b>\nBranch: {branch}\nName: <b>{name}</b>\n"
        "Category: {category}\nGroup: {group}\n\nPlease decide:",
    },
    "members.approve.yes": {"zh": "✅ 批准", "en": "✅ Approve"},
    "members.approve.no": {"zh": "❌ 拒绝", "en": "❌ Reject"},
    "members.approve.done_approved": {"zh": "✅ 已批准：{name}", "en": "✅ Approved: {name}"},
    "members.approve.done_rejected": {"zh": "❌ 已拒绝：{name}", "en": "❌ Rejected: {name}"},
    "members.approve.done_already": {
        "zh": "该申请已处理过：{name}（{status}）",
        "en": "Already decided: {name} ({status})",
    },
    "members.approve.already": {
        "zh": "这个申请已经处理过了（{status}），无需重复操作。",
        "en": "This request was already decided ({status}).",
    },
    "members.approve.welcome": {
        "zh": "🎉 {name}，您加入「{branch}」的申请已通过！\n欢迎您！请点击下方按钮使用各项功能。",
        "en": "🎉 {name}, your request to join {branch} is approved!\nWelcome! Tap the buttons "
        "below to begin.",
    },
    "members.approve.sorry": {
        "zh": "很抱歉，您加入「{branch}」的申请没有通过。如有疑问，请直接联系支部书记。",
        "en": "Sorry, your request to join {branch} was not approved. Please contact the "
        "secretary if you have questions.",
    },
    "members.bind.done": {
        "zh": "✅ 绑定成功！{name}，您已加入「{branch}」。\n请点击下方按钮使用各项功能。",
        "en": "✅ Linked! {name}, you are now in {branch}.\nTap the buttons below to begin.",
    },
    "members.bind.already": {
        "zh": "您已经绑定过了（{name}，{branch}），无需重复操作。",
        "en": "You are already linked ({name}, {branch}); nothing more to do.",
    },
    "members.bind.taken": {
        "zh": "这个绑定链接已经被另一个账号使用过了，不能再绑定。\n"
        "如果这是您本人的链接，请联系支部书记处理。",
        "en": "This binding link was already used by another account.\nIf it is yours, please "
        "contact the secretary.",
    },
    "members.bind.has_other_record": {
        "zh": "您的账号已经绑定了本支部的另一位党员，不能再绑定。如有错误，请联系支部书记。",
        "en": "Your account is already linked to another member of this branch. Please "
        "contact the secretary if this is wrong.",
    },
    "members.bind.needs_secretary": {
        "zh": "这个绑定链接不能再使用了：这位党员担任支部职务，绑定链接只能由支部书记发放。"
        "请联系支部书记。",
        "en": "This binding link can no longer be used: the record holds a branch office, and "
        "only the secretary can give out its link. Please contact the secretary.",
    },
    "members.bind.secretary_notice": {
        "zh": "🔔 「{branch}」：{role} <b>{name}</b> 的记录刚刚绑定了 Telegram 账号"
        "（{account}，ID {tg_id}）。\n如果这不是您安排的，请在 /members 中打开这位党员，"
        "点「解除账号绑定」。",
        "en": "🔔 {branch}: the record of {role} <b>{name}</b> was just linked to a Telegram "
        "account ({account}, ID {tg_id}).\nIf you did not arrange this, open the member in "
        "/members and tap Unlink account.",
    },
    "members.bind.inactive": {
        "zh": "这条党员记录已转出或归档，不能绑定。请联系支部书记。",
        "en": "This roster record was transferred or archived. Please contact the secretary.",
    },
    "members.invite.caption": {
        "zh": "✉️ <b>{branch} 邀请链接</b>\n{link}\n\n有效期至：{expires}\n"
        "使用人数：已用 {used} 人（{limit}）\n状态：{state}\n\n"
        "可以把二维码打印张贴，或把链接转发给党员。对方打开后按提示登记，您批准后即可使用。",
        "en": "✉️ <b>{branch} invite link</b>\n{link}\n\nValid until: {expires}\n"
        "Used: {used} (limit: {limit})\nState: {state}\n\n"
        "Print the QR code or forward the link. People who open it register and wait for "
        "your approval.",
    },
    "members.invite.unlimited": {"zh": "不限", "en": "none"},
    "members.invite.limit_n": {"zh": "限 {n} 人", "en": "{n} people"},
    "members.invite.limit_one": {"zh": "限 {n} 人", "en": "{n} person"},
    "members.invite.limit_none": {"zh": "不限人数", "en": "No limit"},
    "members.invite.revoke": {"zh": "🚫 撤销此链接", "en": "🚫 Revoke this link"},
    "members.invite.fresh": {"zh": "🆕 生成新链接", "en": "🆕 New link"},
    "members.invite.saved": {"zh": "已更新", "en": "Updated"},
    "members.card.body": {
        "zh": "🪪 <b>党员基本情况卡</b>\n\n姓名：<b>{name}</b>\n支部：{branch}\n党小组：{group}\n"
        "类别：{category}\n职务：{role}\n党龄：{age}\n入党日期：{joined}\n转正日期：{full}\n"
        "工作单位：{work_unit}\n手机：{phone}\n\n如信息有误，请联系支部书记修改。",
        "en": "🪪 <b>Basic information card</b>\n\nName: <b>{name}</b>\nBranch: {branch}\n"
        "Group: {group}\nCategory: {category}\nRole: {role}\nParty age: {age}\n"
        "Joined: {joined}\nFull member: {full}\nWork unit: {work_unit}\nPhone: {phone}\n\n"
        "If anything is wrong, ask your branch secretary to correct it.",
    },
    "members.card.none": {
        "zh": "您还没有加入党支部，所以还没有基本情况卡。请向书记索取邀请链接。",
        "en": "You have not joined a branch yet, so there is no card. Ask your secretary for "
        "an invite link.",
    },
    "members.card.pending": {
        "zh": "您加入「{branch}」的申请正在审核中，通过后即可查看基本情况卡。",
        "en": "Your request to join {branch} is being reviewed; your card appears once approved.",
    },
    "members.card.switch": {"zh": "🔄 切换到：{branch}", "en": "🔄 Switch to: {branch}"},
    "members.card.switched": {
        "zh": "已切换到「{branch}」。",
        "en": "You are now acting in {branch}.",
    },
    "members.role.changed_notice": {
        "zh": "📣 您在「{branch}」的职务已调整为：<b>{role}</b>。",
        "en": "📣 Your role in {branch} is now: <b>{role}</b>.",
    },
    "members.group.linked": {
        "zh": "大家好！我是「{branch}」的服务助手 🤝\n\n"
        "请每位党员<b>点下面的按钮</b>，在打开的私聊里点「开始」。"
        "这样我才能给您发会议通知和提醒。",
        "en": "Hello everyone! I am the assistant of {branch} 🤝\n\n"
        "Please <b>tap the button below</b> and press Start in the private chat, so that I "
        "can send you meeting notices and reminders.",
    },
    "members.group.not_secretary": {
        "zh": "大家好！我是社区党支部服务助手。\n需要由<b>支部书记</b>把我拉进群，才能和支部关联。"
        "书记请先私聊我完成登记，再把我加进群。",
        "en": "Hello! I am the Party branch assistant.\nThe <b>branch secretary</b> needs to "
        "add me to the group to link it to the branch.",
    },
    "members.group.other_branch": {
        "zh": "这个群已经和「{branch}」关联了。如需更改，请由该支部书记处理。",
        "en": "This group is already linked to {branch}.",
    },
    "members.group.start_button": {"zh": "👉 点这里和我私聊", "en": "👉 Start a private chat"},
    "members.branch.ask_name": {
        "zh": "新建党支部（共 3 步）。\n第 1 步：请输入<b>党支部名称</b>（如：象山社区党支部）：",
        "en": "New branch (3 steps).\nStep 1: type the <b>branch name</b>:",
    },
    "members.branch.ask_groups": {
        "zh": "第 2 步：请输入<b>党小组名称</b>，多个小组用逗号、顿号或换行分开；"
        "也可以点下方按钮。",
        "en": "Step 2: type the <b>party group names</b>, separated by commas or new lines, or "
        "tap a button below.",
    },
    "members.branch.default_groups": {
        "zh": "使用：第一、第二、第三党小组",
        "en": "Use: 第一、第二、第三党小组",
    },
    "members.branch.no_groups": {"zh": "不设党小组", "en": "No party groups"},
    "members.branch.ask_parent": {
        "zh": "第 3 步：这个支部有<b>上级党组织</b>（党总支、社区党委）吗？"
        "有的话请输入它在系统中的名称；没有请点「无上级组织」。",
        "en": "Step 3: does the branch sit under a <b>parent organisation</b>? Type its name "
        "as registered here, or tap “No parent”.",
    },
    "members.branch.no_parent": {"zh": "无上级组织", "en": "No parent"},
    "members.branch.parent_unknown": {
        "zh": "系统里没有这个名称的党组织，请核对后重新输入，或点「无上级组织」。",
        "en": "No organisation with that name; type it again or tap “No parent”.",
    },
    "members.branch.name_empty": {"zh": "名称不能为空，请重新输入：", "en": "Please type a name:"},
    "members.branch.name_too_long": {
        "zh": "名称太长（最多 50 个字），请重新输入：",
        "en": "The name is too long (50 characters at most):",
    },
    "members.branch.name_taken": {
        "zh": "已有同名的党支部，请换一个名称：",
        "en": "A branch with this name exists; choose another name:",
    },
    "members.branch.groups_too_many": {
        "zh": "党小组太多了（最多 20 个），请重新输入：",
        "en": "Too many groups (20 at most); type them again:",
    },
    "members.branch.group_name_too_long": {
        "zh": "有党小组名称太长（最多 30 个字），请重新输入：",
        "en": "A group name is too long (30 characters at most); type them again:",
    },
    "members.branch.group_duplicate": {
        "zh": "党小组名称有重复，请重新输入：",
        "en": "Two groups have the same name; type them again:",
    },
    "members.branch.exists": {
        "zh": "已经有「{branch}」了。请换一个名称；"
        "如果是书记邀请链接丢了，可以点下面的按钮重新生成。",
        "en": "{branch} already exists. Type another name, or tap the button below for a new "
        "secretary link.",
    },
    "members.branch.renew_link": {
        "zh": "🔑 重新生成书记邀请链接",
        "en": "🔑 New secretary link",
    },
    "members.branch.done": {"zh": "✅ 已创建「{branch}」。", "en": "✅ {branch} is created."},
    "members.branch.created": {
        "zh": "🏛 <b>{branch}</b>\n党小组：{groups}\n上级组织：{parent}\n\n"
        "🔑 <b>书记邀请链接</b>（只能一人使用，有效期至 {expires}）：\n{link}\n\n"
        "请把链接或上面的二维码发给支部书记。书记打开后登记姓名，即成为本支部书记。",
        "en": "🏛 <b>{branch}</b>\nGroups: {groups}\nParent: {parent}\n\n"
        "🔑 <b>Secretary link</b> (one person only, valid until {expires}):\n{link}\n\n"
        "Send the link or the QR code above to the branch secretary.",
    },
    "members.branch.qr_caption": {
        "zh": "书记邀请二维码（扫码即可打开）",
        "en": "Secretary invite QR code",
    },
    "members.branch.cancelled": {"zh": "已取消新建支部。", "en": "Branch creation cancelled."},
}

TEXTS: dict[str, dict[str, str]] = {**_VOCABULARY, **_ONBOARDING, **ADMIN_TEXTS}
