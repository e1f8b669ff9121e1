"""Texts of the members feature: roster import, binding links and /members (zh, en)."""

_IMPORT: dict[str, dict[str, str]] = {
    "members.import.instructions": {
        "zh": "📥 <b>导入党员名单</b>\n\n请把 Excel 表格（.xlsx）或 CSV 文件<b>直接发给我</b>。\n"
        "表头（第一行）：姓名、手机号、类别、党小组、入党日期、转正日期、工作单位。\n"
        "只有“姓名”必填；类别不填按直管党员。\n一次最多 {limit} 人，文件不超过 5 MB。\n\n"
        "我会先检查每一行，给您看结果，<b>您确认后才会导入</b>。可以先下载模板：",
        "en": "📥 <b>Import the roster</b>\n\nSend me an Excel (.xlsx) or CSV file.\n"
        "Header row: 姓名, 手机号, 类别, 党小组, 入党日期, 转正日期, 工作单位 (or name, phone, "
        "category, group, joined, full member, work unit).\nOnly the name is required.\n"
        "At most {limit} people, 5 MB.\n\nI check every row first and import only after you "
        "confirm. Templates:",
    },
    "members.import.only_secretary": {
        "zh": "只有支部书记（或支委）才能导入党员名单。如需更新您的信息，请联系书记。",
        "en": "Only the branch secretary (or a committee member) can import the roster.",
    },
    "members.import.not_a_file": {
        "zh": "请发送 Excel 表格（.xlsx）或 CSV 文件，不要发照片。可以先点「下载 Excel 模板」。",
        "en": "Please send an Excel (.xlsx) or CSV file, not a photo. You can download a "
        "template first.",
    },
    "members.import.too_big": {
        "zh": "这个文件有 {size} MB，太大了（最多 {limit} MB）。请只保留党员名单这一张表再发送。",
        "en": "This file is {size} MB, too big (at most {limit} MB). Keep only the roster "
        "sheet and send it again.",
    },
    "members.import.checking": {"zh": "收到，正在检查…", "en": "Got it, checking…"},
    "members.import.file.too_big": {
        "zh": "文件太大了（最多 5 MB）。请只保留党员名单这一张表再发送。",
        "en": "The file is too big (5 MB at most).",
    },
    "members.import.file.empty": {
        "zh": "这个文件是空的，没有找到任何内容。",
        "en": "The file is empty.",
    },
    "members.import.file.unknown_extension": {
        "zh": "只能导入 Excel（.xlsx）或 CSV 文件。",
        "en": "Only Excel (.xlsx) or CSV files can be imported.",
    },
    "members.import.file.old_excel_format": {
        "zh": "这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 里“另存为” .xlsx 格式后再发送。",
        "en": "This is an old Excel (.xls) file. Please “Save as” .xlsx and send it again.",
    },
    "members.import.file.not_a_spreadsheet": {
        "zh": "这个文件打不开，看起来不是表格（可能是图片或改了扩展名）。"
        "请发送 .xlsx 或 .csv 文件。",
        "en": "This file does not open as a spreadsheet (perhaps a renamed picture). Please "
        "send an .xlsx or .csv file.",
    },
    "members.import.file.no_header": {
        "zh": "表格缺少表头。请在第一行写上：\n"
        "姓名、手机号、类别、党小组、入党日期、转正日期、工作单位，或直接使用模板。",
        "en": "The file has no header row. Put 姓名, 手机号, 类别, 党小组, 入党日期, 转正日期, "
        "工作单位 in the first row, or use the template.",
    },
    "members.import.file.no_name_column": {
        "zh": "表格里没有找到“姓名”这一列。请检查表头，或直接使用模板。",
        "en": "No “姓名” (name) column was found. Check the header or use the template.",
    },
    "members.import.file.too_many_rows": {
        "zh": "表格里有 {rows} 行，一次最多导入 {limit} 人。请分成几个文件分批发送。",
        "en": "The file has {rows} rows; at most {limit} can be imported at once. Please "
        "split it into several files.",
    },
    "members.import.preview_head": {
        "zh": "📋 <b>名单检查结果</b>（{file}）\n可以导入：<b>{good}</b> 人",
        "en": "📋 <b>Check result</b> ({file})\nReady to import: <b>{good}</b>",
    },
    "members.import.bad_head": {
        "zh": "有问题：<b>{bad}</b> 行（这些行不会导入）：",
        "en": "Problems: <b>{bad}</b> rows (not imported):",
    },
    "members.import.bad_row": {"zh": "• 第 {line} 行 {name}：", "en": "• Line {line} {name}: "},
    "members.import.no_name": {"zh": "（无姓名）", "en": "(no name)"},
    "members.import.reason_sep": {"zh": "；", "en": "; "},
    "members.import.same_as_line": {"zh": "（第 {line} 行）", "en": " (line {line})"},
    "members.import.more_rows": {"zh": "… 还有 {n} 行有问题", "en": "… and {n} more"},
    "members.import.preview_tail": {
        "zh": "\n请核对。确认无误请点「确认导入 {good} 人」；也可以改好表格后重新发送。",
        "en": "\nPlease check. Tap “Import {good}” to go ahead, or fix the file and send it again.",
    },
    "members.import.nothing_good": {
        "zh": "\n没有可以导入的行。请按上面的提示改好表格后重新发送。",
        "en": "\nNo row can be imported. Please fix the file and send it again.",
    },
    "members.import.confirm": {"zh": "✅ 确认导入 {n} 人", "en": "✅ Import {n}"},
    "members.import.cancel": {"zh": "取消", "en": "Cancel"},
    "members.import.cancelled": {
        "zh": "已取消，没有导入任何数据。",
        "en": "Cancelled; nothing was imported.",
    },
    "members.import.done": {
        "zh": "✅ 已导入 <b>{n}</b> 人。\n下面是每个人的<b>专属绑定链接</b>表格。",
        "en": "✅ Imported <b>{n}</b>.\nBelow is the sheet of personal binding links.",
    },
    "members.import.skipped": {
        "zh": "\n另有 {n} 人在此期间已被录入，已跳过：{names}",
        "en": "\n{n} were added meanwhile and skipped: {names}",
    },
    "members.import.problem_gone": {
        "zh": "这次检查结果已失效，请重新发送表格。",
        "en": "This preview is no longer available; please send the file again.",
    },
    "members.import.problem_expired": {
        "zh": "这次检查结果已过期，请重新发送表格。",
        "en": "This preview has expired; please send the file again.",
    },
    "members.import.problem_done": {
        "zh": "这份名单已经导入过了，不会重复导入。",
        "en": "This roster was already imported; nothing is imported twice.",
    },
    "members.import.problem_cancelled": {
        "zh": "这次导入已经取消了。如需导入，请重新发送表格。",
        "en": "This import was cancelled; send the file again to import.",
    },
    "members.template.get_xlsx": {"zh": "📄 下载 Excel 模板", "en": "📄 Excel template"},
    "members.template.get_csv": {"zh": "📄 下载 CSV 模板", "en": "📄 CSV template"},
    "members.template.xlsx": {"zh": "党员名单模板.xlsx", "en": "roster-template.xlsx"},
    "members.template.csv": {"zh": "党员名单模板.csv", "en": "roster-template.csv"},
    "members.template.caption": {
        "zh": "党员名单模板：照着示例一行填一人，填好后直接发给我。",
        "en": "Roster template: one person per row, then send it back to me.",
    },
    "members.links.title": {"zh": "{branch} 党员绑定链接", "en": "{branch} binding links"},
    "members.links.filename": {
        "zh": "绑定链接-{branch}-含个人信息.xlsx",
        "en": "binding-links-{branch}-personal-data.xlsx",
    },
    "members.links.caption": {
        "zh": "🔗 {n} 位党员的专属绑定链接。请通过微信、短信等把<b>每个人自己的链接</b>转发给本人；"
        "本人点开链接即完成绑定（每个链接只能绑定一个账号，30 天内有效）。",
        "en": "🔗 Personal binding links for {n} members. Forward <b>each person their own "
        "link</b> by any channel; opening it links their account (one account per link, 30 "
        "days).",
    },
    "members.links.one": {
        "zh": "🔗 <b>{name}</b> 的专属绑定链接（有效期至 {expires}）：\n{link}\n\n"
        "请转发给本人，点开即可绑定。",
        "en": "🔗 Binding link for <b>{name}</b> (valid until {expires}):\n{link}\n\n"
        "Forward it to them; opening it links their account.",
    },
    "members.links.withheld": {
        "zh": "\n另有 {n} 位担任支部职务的党员未绑定，其链接只能由支部书记发放。",
        "en": "\n{n} more unlinked members hold a branch office; only the secretary can give "
        "out their links.",
    },
    "members.links.only_secretary": {
        "zh": "未绑定的 {n} 位党员都担任支部职务，其绑定链接只能由支部书记发放。",
        "en": "The {n} unlinked members all hold a branch office; only the secretary can give "
        "out their binding links.",
    },
    "members.links.all_bound": {
        "zh": "所有在册党员都已绑定，没有需要发送的链接。",
        "en": "Every active member is linked; there is nothing to send.",
    },
}

_ADMIN: dict[str, dict[str, str]] = {
    "members.list.head": {
        "zh": "👥 <b>{branch}</b>\n在册 {active} 人 · 待审核 {pending} · 未绑定 {unbound}\n"
        "筛选：{filters}\n第 {page}/{pages} 页，共 {total} 人（🔗 = 未绑定）",
        "en": "👥 <b>{branch}</b>\nActive {active} · pending {pending} · unlinked {unbound}\n"
        "Filter: {filters}\nPage {page}/{pages}, {total} people (🔗 = not linked)",
    },
    "members.list.empty": {"zh": "没有符合条件的党员。", "en": "Nobody matches."},
    "members.list.searching": {"zh": "搜索“{term}”", "en": "search “{term}”"},
    "members.list.prev": {"zh": "◀ 上一页", "en": "◀ Previous"},
    "members.list.next": {"zh": "下一页 ▶", "en": "Next ▶"},
    "members.list.by_group": {"zh": "按小组", "en": "By group"},
    "members.list.by_category": {"zh": "按类别", "en": "By category"},
    "members.list.by_status": {"zh": "按状态", "en": "By status"},
    "members.list.search": {"zh": "🔍 搜索", "en": "🔍 Search"},
    "members.list.clear": {"zh": "✖ 清除筛选", "en": "✖ Clear filters"},
    "members.list.all": {"zh": "全部", "en": "All"},
    "members.list.import": {"zh": "📥 导入名单", "en": "📥 Import roster"},
    "members.list.unbound": {"zh": "🔗 未绑定链接（{n}）", "en": "🔗 Unlinked ({n})"},
    "members.list.choose_g": {"zh": "请选择党小组：", "en": "Choose a party group:"},
    "members.list.choose_c": {"zh": "请选择类别：", "en": "Choose a category:"},
    "members.list.choose_s": {"zh": "请选择状态：", "en": "Choose a status:"},
    "members.detail.body": {
        "zh": "👤 <b>{name}</b>\n支部：{branch}\n党小组：{group}\n类别：{category}\n职务：{role}\n"
        "状态：{status}\n手机：{phone}\n入党日期：{joined}\n转正日期：{full}\n党龄：{age}\n"
        "工作单位：{work_unit}\n账号：{bound}",
        "en": "👤 <b>{name}</b>\nBranch: {branch}\nGroup: {group}\nCategory: {category}\n"
        "Role: {role}\nStatus: {status}\nPhone: {phone}\nJoined: {joined}\nFull member: {full}\n"
        "Party age: {age}\nWork unit: {work_unit}\nAccount: {bound}",
    },
    "members.detail.bound": {"zh": "已绑定", "en": "linked"},
    "members.detail.unbound": {"zh": "未绑定 🔗", "en": "not linked 🔗"},
    "members.detail.reason": {"zh": "原因：{reason}", "en": "Reason: {reason}"},
    "members.detail.probation_due": {
        "zh": "⏰ 预备期已满一年，请及时讨论转正。",
        "en": "⏰ The probation year is over: time to decide on full membership.",
    },
    "members.detail.history": {"zh": "<b>最近变更</b>", "en": "<b>Recent changes</b>"},
    "members.detail.bind_link": {"zh": "🔗 绑定链接", "en": "🔗 Binding link"},
    "members.detail.unbind": {"zh": "⛓ 解除账号绑定", "en": "⛓ Unlink account"},
    "members.detail.unbind_yes": {"zh": "确认解除绑定", "en": "Yes, unlink"},
    "members.detail.transfer": {"zh": "↪️ 转出", "en": "↪️ Transfer out"},
    "members.detail.archive": {"zh": "🗄 归档", "en": "🗄 Archive"},
    "members.detail.restore": {"zh": "♻️ 恢复为在册", "en": "♻️ Restore"},
    "members.detail.back": {"zh": "◀ 返回名单", "en": "◀ Back to list"},
    "members.detail.cancel": {"zh": "◀ 返回", "en": "◀ Back"},
    "members.edit.name": {"zh": "✏️ 姓名", "en": "✏️ Name"},
    "members.edit.phone": {"zh": "✏️ 手机", "en": "✏️ Phone"},
    "members.edit.joined": {"zh": "✏️ 入党日期", "en": "✏️ Joined"},
    "members.edit.full": {"zh": "✏️ 转正日期", "en": "✏️ Full member"},
    "members.edit.work_unit": {"zh": "✏️ 工作单位", "en": "✏️ Work unit"},
    "members.edit.category": {"zh": "🏷 类别", "en": "🏷 Category"},
    "members.edit.group": {"zh": "👥 调整小组", "en": "👥 Group"},
    "members.edit.role": {"zh": "🎖 调整职务", "en": "🎖 Role"},
    "members.reason.transfer_other": {"zh": "转往其他党组织", "en": "Moved to another branch"},
    "members.reason.transfer_moved": {"zh": "迁居外地", "en": "Moved away"},
    "members.reason.archive_deceased": {"zh": "去世", "en": "Deceased"},
    "members.reason.archive_left": {"zh": "出党 / 退党", "en": "Left the Party"},
    "members.reason.archive_mistake": {"zh": "录入错误", "en": "Entered by mistake"},
    "members.reason.archive_duplicate": {"zh": "重复记录", "en": "Duplicate record"},
    "members.reason.other": {"zh": "✍️ 其他原因（手动输入）", "en": "✍️ Other reason (type it)"},
    "members.input.name": {
        "zh": "请输入 {name} 的新姓名（发送 /cancel 取消）：",
        "en": "Type the new name for {name} (/cancel to stop):",
    },
    "members.input.phone": {
        "zh": "请输入 {name} 的手机号（11 位，发送 /cancel 取消）：",
        "en": "Type the phone number of {name} (11 digits, /cancel to stop):",
    },
    "members.input.joined": {
        "zh": "请输入 {name} 的入党日期，如 2010-07-01（发送 /cancel 取消）：",
        "en": "Type the joining date of {name}, e.g. 2010-07-01 (/cancel to stop):",
    },
    "members.input.full": {
        "zh": "请输入 {name} 的转正日期，如 2011-07-01（发送 /cancel 取消）：",
        "en": "Type the full-membership date of {name}, e.g. 2011-07-01 (/cancel to stop):",
    },
    "members.input.work_unit": {
        "zh": "请输入 {name} 的工作单位（发送 /cancel 取消）：",
        "en": "Type the work unit of {name} (/cancel to stop):",
    },
    "members.input.reason": {
        "zh": "请输入 {name} 转出/归档的原因（发送 /cancel 取消）：",
        "en": "Type the reason for {name} (/cancel to stop):",
    },
    "members.input.search": {
        "zh": "请输入要查找的姓名（或手机号的一部分）：",
        "en": "Type a name (or part of a phone number) to search:",
    },
    "members.input.clear": {"zh": "🧹 清空这一项", "en": "🧹 Clear this field"},
    "members.input.again": {"zh": "请重新输入：", "en": "Please type it again:"},
    "members.input.expired": {
        "zh": "输入已超时，请重新点按钮。",
        "en": "This input timed out; please press the button again.",
    },
    "members.input.cancelled": {"zh": "已取消。", "en": "Cancelled."},
    "members.role_problem.not_allowed": {
        "zh": "只有书记可以调整职务。",
        "en": "Only the secretary can change roles.",
    },
    "members.role_problem.no_change": {
        "zh": "职务没有变化。",
        "en": "That is already the role.",
    },
    "members.role_problem.last_secretary": {
        "zh": "这是支部唯一的书记，请先任命另一位书记，再调整。",
        "en": "This is the branch's only secretary; appoint another one first.",
    },
    "members.role_problem.group_leader_without_group": {
        "zh": "党小组长必须属于一个党小组，请先调整小组。",
        "en": "A group leader must belong to a party group; set the group first.",
    },
    "members.status_problem.transition": {
        "zh": "当前状态下不能这样操作。",
        "en": "This change is not possible from the current status.",
    },
    "members.status_problem.reason_required": {
        "zh": "转出或归档需要填写原因。",
        "en": "A reason is required to transfer out or archive.",
    },
    "members.status_problem.last_secretary": {
        "zh": "这是支部唯一的书记，不能转出或归档。请先任命另一位书记。",
        "en": "This is the branch's only secretary; appoint another one first.",
    },
    "members.status_problem.self": {
        "zh": "不能转出或归档自己，请由其他书记处理。",
        "en": "You cannot transfer out or archive yourself.",
    },
    "members.history.system": {"zh": "系统", "en": "system"},
    "members.action.register": {"zh": "登记申请", "en": "registered"},
    "members.action.other": {"zh": "其他记录", "en": "other record"},
    "members.action.approve": {"zh": "批准加入", "en": "approved"},
    "members.action.reject": {"zh": "拒绝申请", "en": "rejected"},
    "members.action.bind": {"zh": "绑定账号", "en": "linked the account"},
    "members.action.link": {"zh": "发放绑定链接", "en": "gave out the binding link"},
    "members.action.unbind": {"zh": "解除绑定", "en": "unlinked the account"},
    "members.action.detach": {"zh": "撤回申请", "en": "withdrew the request"},
    "members.action.import": {"zh": "导入名单", "en": "imported"},
    "members.action.edit": {"zh": "修改", "en": "edited"},
    "members.action.group": {"zh": "调整小组", "en": "changed the group"},
    "members.action.role": {"zh": "调整职务", "en": "changed the role"},
    "members.action.status": {"zh": "变更状态", "en": "changed the status"},
    "members.field.name": {"zh": "姓名", "en": "name"},
    "members.field.phone": {"zh": "手机", "en": "phone"},
    "members.field.category": {"zh": "类别", "en": "category"},
    "members.field.group_id": {"zh": "小组", "en": "group"},
    "members.field.joined_party_on": {"zh": "入党日期", "en": "joined"},
    "members.field.full_member_on": {"zh": "转正日期", "en": "full member"},
    "members.field.work_unit": {"zh": "工作单位", "en": "work unit"},
    "members.field.role": {"zh": "职务", "en": "role"},
    "members.field.status": {"zh": "状态", "en": "status"},
    "members.field.status_reason": {"zh": "原因", "en": "reason"},
}

ADMIN_TEXTS: dict[str, dict[str, str]] = {**_IMPORT, **_ADMIN}
