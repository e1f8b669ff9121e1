"""User-facing texts of the four cards and the assessment (四卡、一制度), zh default and en."""

_REFUSALS = {
    "not_member": ("您还不是本支部的党员，无法查看四卡。", "You are not a member of this branch."),
    "not_allowed": (
        "抱歉，您只能查看自己的四卡；书记可查看本支部党员，党小组长可查看本小组党员。",
        "Sorry: you may open only your own cards; the secretary opens any member's of the "
        "branch, a group leader those of their group.",
    ),
    "not_found": (
        "没有找到这位党员，或这一步已经结束。请重新打开 /card。",
        "That member was not found, or this step is over. Open /card again.",
    ),
    "self": (
        "不能给自己评价或更正分数，请由其他负责人办理。",
        "You cannot rate or correct yourself.",
    ),
    "bad_rating": (
        "评分只能是 1 到 5 颗星，请点按钮选择。",
        "A rating is 1 to 5 stars: press a button.",
    ),
    "too_long": (
        "文字太长或为空了，请精简到 500 字以内后重新发送（单位名称 100 字以内）。",
        "That text is empty or too long: keep it under 500 characters (a unit name under 100).",
    ),
    "need_reason": (
        "更正分数必须写明原因，请输入原因。",
        "A correction needs a reason: please type it.",
    ),
    "bad_year": (
        "没有这一年度的记录，请点按钮选择年度。",
        "There is no such year: press a button.",
    ),
    "bad_item": ("没有这个考核项目，请点按钮选择。", "There is no such item: press a button."),
    "not_employed": (
        "社区表现鉴定函只为已到社区报到的在职党员出具。",
        "The performance letter is only for employed members who reported to the community.",
    ),
    "link_used": (
        "这个反馈链接已经用过了，每个链接只能评价一次。感谢您的支持！如需再次评价，请联系社区党支部书记。",
        "This feedback link has been used already; each link rates once. Thank you! Ask the "
        "branch secretary for a new one if needed.",
    ),
    "link_expired": (
        "这个反馈链接已过期。感谢您的关心！如需评价，请联系社区党支部书记重新发送链接。",
        "This feedback link has expired. Thank you! Ask the branch secretary for a new one.",
    ),
    "link_revoked": (
        "这个反馈链接已被收回。如有疑问，请联系社区党支部书记。",
        "This feedback link was withdrawn. Ask the branch secretary if in doubt.",
    ),
    "link_unknown": (
        "这个反馈链接无效，或这一步已经结束。请重新打开书记发给您的链接。",
        "This feedback link is not valid, or this step is over. Open the secretary's link again.",
    ),
    "no_tally": ("还没有这一期的考核结果。", "There is no tally for that period yet."),
}

_ITEMS = {
    "attendance": ("组织生活", "Meetings"),
    "duties": ("岗位履职", "Post duties"),
    "residents": ("居民点单", "Residents' requests"),
    "hours": ("志愿服务", "Volunteer hours"),
    "dues": ("按时交纳党费", "Dues on time"),
}

_SOURCES = {
    "secretary": ("书记评价", "Secretary"),
    "leader": ("党小组长评价", "Group leader"),
    "partner": ("驻区单位评价", "Partner unit"),
    "resident": ("居民评价", "Resident"),
}

_XLSX_HEADS = {
    "place": ("名次", "Place"),
    "name": ("姓名", "Name"),
    "group": ("党小组", "Group"),
    "total": ("总分", "Total"),
    "verdict": ("评定", "Result"),
    "category": ("类别", "Category"),
    "age": ("党龄（年）", "Party age (years)"),
    "employer": ("工作单位", "Employer"),
    "posts": ("认领岗位", "Posts"),
    "teams": ("志愿队伍", "Teams"),
    "attended": ("参加会议", "Attended"),
    "leave": ("请假", "On leave"),
    "absent": ("缺席", "Absent"),
    "made_up": ("补学", "Made up"),
    "duties": ("履职记录", "Duty records"),
    "requests": ("居民点单完成", "Requests done"),
    "hours": ("志愿时长（小时）", "Volunteer hours"),
    "dues": ("党费按时（月/应交月）", "Dues on time (months)"),
    "count": ("评价条数", "Ratings"),
    "average": ("平均星级", "Average stars"),
    "entries": ("评价内容", "Feedback"),
}

TEXTS: dict[str, dict[str, str]] = {
    **{f"cards.refuse.{k}": {"zh": zh, "en": en} for k, (zh, en) in _REFUSALS.items()},
    **{f"cards.item.{k}": {"zh": zh, "en": en} for k, (zh, en) in _ITEMS.items()},
    **{f"cards.source.{k}": {"zh": zh, "en": en} for k, (zh, en) in _SOURCES.items()},
    **{f"cards.xlsx.h.{k}": {"zh": zh, "en": en} for k, (zh, en) in _XLSX_HEADS.items()},
    "cards.title.1": {"zh": "党员基本情况卡", "en": "Basic information card"},
    "cards.title.2": {"zh": "活动记录卡", "en": "Activity record card"},
    "cards.title.3": {"zh": "社区表现卡", "en": "Community performance card"},
    "cards.title.4": {"zh": "社区表现反馈卡", "en": "Performance feedback card"},
    "cards.screen.head": {
        "zh": "🗂 <b>{title}</b>（四卡之{n}·{year}年度）",
        "en": "🗂 <b>{title}</b> (card {n} of 4 · {year})",
    },
    "cards.screen.of": {"zh": "\n党员：<b>{name}</b>", "en": "\nMember: <b>{name}</b>"},
    "cards.screen.row": {"zh": "{label}：{value}", "en": "{label}: {value}"},
    "cards.basic.name": {"zh": "姓名", "en": "Name"},
    "cards.basic.branch": {"zh": "支部", "en": "Branch"},
    "cards.basic.group": {"zh": "党小组", "en": "Group"},
    "cards.basic.category": {"zh": "类别", "en": "Category"},
    "cards.basic.role": {"zh": "职务", "en": "Role"},
    "cards.basic.age": {"zh": "党龄", "en": "Party age"},
    "cards.basic.joined": {"zh": "入党日期", "en": "Joined"},
    "cards.basic.employer": {"zh": "工作单位", "en": "Employer"},
    "cards.basic.unit_branch": {
        "zh": "（单位党组织：{branch}）",
        "en": " (its Party branch: {branch})",
    },
    "cards.basic.posts": {"zh": "{year}年认领岗位", "en": "Posts held in {year}"},
    "cards.basic.teams": {"zh": "志愿队伍", "en": "Volunteer teams"},
    "cards.act.attended": {"zh": "参加组织生活", "en": "Meetings attended"},
    "cards.act.leave": {"zh": "请假", "en": "On leave"},
    "cards.act.absent": {"zh": "缺席", "en": "Absent"},
    "cards.act.made_up": {"zh": "已补学", "en": "Made up"},
    "cards.act.duties": {"zh": "履职记录", "en": "Duty records"},
    "cards.act.requests": {"zh": "居民点单完成", "en": "Residents' requests done"},
    "cards.act.hours": {"zh": "志愿服务时长", "en": "Volunteer hours"},
    "cards.act.dues": {"zh": "按时交纳党费", "en": "Dues paid on time"},
    "cards.times": {"zh": "{n} 次", "en": "{n}"},
    "cards.duties": {"zh": "{n} 条（岗位上 {posts} 条）", "en": "{n} ({posts} on posts)"},
    "cards.hours": {"zh": "{h} 小时", "en": "{h} h"},
    "cards.dues": {
        "zh": "{ok} / {n} 个月",
        "en": "{ok} of {n} months",
        "en#one": "{ok} of {n} month",
    },
    "cards.points": {"zh": "{p} 分", "en": "{p} points"},
    "cards.perf.total": {"zh": "总分", "en": "Total"},
    "cards.perf.correction": {
        "zh": "{day} 书记更正「{item}」{d} 分，原因：{reason}",
        "en": "{day} the secretary corrected {item} by {d}: {reason}",
    },
    "cards.item.line": {"zh": "• {item}：{p} 分", "en": "• {item}: {p}"},
    "cards.item.fixed": {"zh": "（含更正 {d}）", "en": " (incl. correction {d})"},
    "cards.fb.average": {"zh": "平均星级", "en": "Average stars"},
    "cards.fb.none_label": {"zh": "评价", "en": "Feedback"},
    "cards.fb.none": {"zh": "本年度还没有评价", "en": "No feedback this year yet"},
    "cards.none": {"zh": "无", "en": "none"},
    "cards.btn.prev": {"zh": "⬅️ 上一张", "en": "⬅️ Previous"},
    "cards.btn.next.2": {"zh": "➡️ 活动记录卡", "en": "➡️ Activity card"},
    "cards.btn.next.3": {"zh": "➡️ 社区表现卡", "en": "➡️ Performance card"},
    "cards.btn.next.4": {"zh": "➡️ 社区表现反馈卡", "en": "➡️ Feedback card"},
    "cards.btn.year": {"zh": "📅 {year}年", "en": "📅 {year}"},
    "cards.btn.rules": {"zh": "📏 分数怎么算", "en": "📏 How scores are made"},
    "cards.btn.correct": {"zh": "✏️ 更正分数", "en": "✏️ Correct a score"},
    "cards.btn.rate": {"zh": "⭐ 写评价", "en": "⭐ Rate"},
    "cards.btn.link": {"zh": "🔗 驻区单位反馈链接", "en": "🔗 Partner feedback link"},
    "cards.btn.png": {"zh": "🖼 本卡图片", "en": "🖼 This card as image"},
    "cards.btn.pdf": {"zh": "🖨 四卡 PDF", "en": "🖨 All four as PDF"},
    "cards.btn.letter": {"zh": "📄 社区表现鉴定函", "en": "📄 Performance letter"},
    "cards.btn.others": {"zh": "👥 查看党员四卡", "en": "👥 Members' cards"},
    "cards.btn.year_xlsx": {"zh": "📊 本年度四卡汇总表", "en": "📊 This year's cards (.xlsx)"},
    "cards.btn.xlsx": {"zh": "📥 下载四卡汇总表", "en": "📥 Download all cards (.xlsx)"},
    "cards.btn.open": {"zh": "🗂 查看我的四卡", "en": "🗂 Open my cards"},
    "cards.btn.adjust": {"zh": "⚙️ 调整考核标准", "en": "⚙️ Adjust the rules"},
    "cards.btn.defaults": {"zh": "↩️ 恢复默认标准", "en": "↩️ Back to the defaults"},
    "cards.rule.attended": {"zh": "参加会议 {v}", "en": "Meeting {v}"},
    "cards.rule.made_up": {"zh": "补学 {v}", "en": "Made up {v}"},
    "cards.rule.unexcused": {"zh": "无故缺席 {v}", "en": "Unexcused {v}"},
    "cards.rule.duty": {"zh": "履职一条 {v}", "en": "Duty {v}"},
    "cards.rule.request_done": {"zh": "完成点单 {v}", "en": "Request {v}"},
    "cards.rule.rating_step": {"zh": "评价每星 {v}", "en": "Per star {v}"},
    "cards.rule.per_half_hour": {"zh": "志愿半小时 {v}", "en": "Half hour {v}"},
    "cards.rule.dues_on_time": {"zh": "党费按时 {v}", "en": "Dues on time {v}"},
    "cards.rule.dues_late": {"zh": "党费逾期 {v}", "en": "Dues late {v}"},
    "cards.rule.pass_min": {"zh": "合格线 {v}", "en": "Pass mark {v}"},
    "cards.rule.excellent_min": {"zh": "优秀线 {v}", "en": "Excellent {v}"},
    "cards.rule.excellent_share_pct": {"zh": "优秀比例 {v}", "en": "Excellent share {v}"},
    "cards.btn.prev_page": {"zh": "⬅️ 上一页", "en": "⬅️ Previous page"},
    "cards.btn.next_page": {"zh": "➡️ 下一页", "en": "➡️ Next page"},
    "cards.btn.no_comment": {"zh": "✅ 不写评语，直接提交", "en": "✅ Submit without a comment"},
    "cards.cancelled": {"zh": "已取消，什么也没有保存。", "en": "Cancelled; nothing was saved."},
    "cards.drawing": {"zh": "正在生成，请稍候…", "en": "Preparing, one moment…"},
    "cards.file.png": {"zh": "{name}-四卡之{n}-{year}.png", "en": "{name}-card{n}-{year}.png"},
    "cards.file.pdf": {"zh": "{name}-四卡-{year}.pdf", "en": "{name}-cards-{year}.pdf"},
    "cards.file.letter": {"zh": "{name}-社区表现鉴定函-{year}", "en": "{name}-letter-{year}"},
    "cards.caption.png": {"zh": "🖼 {name} 四卡之{n}", "en": "🖼 {name}, card {n}"},
    "cards.caption.pdf": {
        "zh": "🖨 {name} 四卡（{year}年度）",
        "en": "🖨 {name}'s four cards ({year})",
    },
    "cards.caption.letter": {
        "zh": "📄 {name} {year}年度社区表现鉴定函",
        "en": "📄 {name}'s community performance letter, {year}",
    },
    "cards.caption.xlsx": {"zh": "📥 {name}", "en": "📥 {name}"},
    "cards.page.subtitle": {
        "zh": "党员：{name}　　年度：{year}",
        "en": "Member: {name}    Year: {year}",
    },
    "cards.page.footer": {"zh": "{branch}　{day}", "en": "{branch}  {day}"},
    "cards.members.title": {
        "zh": "👥 可查看四卡的党员共 {n} 人（第 {page}/{pages} 页），点姓名打开：",
        "en": "👥 {n} members whose cards you may open (page {page}/{pages}); tap a name:",
        "en#one": "👥 {n} member whose card you may open (page {page}/{pages}); tap the name:",
    },
    "cards.rules.body": {
        "zh": "📏 <b>社区表现卡：分数怎么算</b>（全年；季度考核的上限和标准为全年的四分之一）\n\n"
        "• 组织生活：每参加一次 +{attended} 分，缺席后补学 +{made_up} 分，"
        "无故缺席且未补学 -{unexcused} 分，"
        "最多 {att_cap} 分（请假不扣分）\n"
        "• 岗位履职：每条经确认的履职记录 +{duty} 分，最多 {duty_cap} 分\n"
        "• 居民点单：每完成一单 +{done} 分，"
        "居民评价每高于 3 星一颗 +{step} 分、低于 3 星一颗 -{step} 分，"
        "最多 {res_cap} 分\n"
        "• 志愿服务：每小时 +{half} 分，最多 {hours_cap} 分\n"
        "• 党费：每月按时足额交纳 +{on_time} 分，逾期或未交 -{late} 分\n\n"
        "合格：不低于 {passing} 分。"
        "优秀党员候选：不低于 {excellent} 分、无未补学的缺席、党费全部按时，"
        "且名次在前 {share}%。\n书记可更正某一项分数，并须写明原因，更正会显示在社区表现卡上。",
        "en": "📏 <b>How the performance score is made</b> (per year; a quarter's caps and "
        "thresholds are a quarter of the year's)\n\n"
        "• Meetings: +{attended} per meeting attended, +{made_up} per absence made up, "
        "-{unexcused} per absence neither excused nor made up; at most {att_cap} (leave costs "
        "nothing)\n"
        "• Post duties: +{duty} per confirmed duty record; at most {duty_cap}\n"
        "• Residents' requests: +{done} per request done, +{step} per star above 3 (and -{step} "
        "per star below) in residents' ratings; at most {res_cap}\n"
        "• Volunteer hours: +{half} per hour; at most {hours_cap}\n"
        "• Dues: +{on_time} per month paid in full on time, -{late} per month late or unpaid\n\n"
        "Pass: at least {passing}. Commendation candidates: at least {excellent}, no absence "
        "left unmade-up, all dues on time, and within the best {share}%.\nThe secretary may "
        "correct an item, always with a reason, shown on the performance card.",
    },
    "cards.rate.ask": {
        "zh": "⭐ 请为 <b>{name}</b> 本年度的社区表现打分：",
        "en": "⭐ Rate <b>{name}</b>'s community performance this year:",
    },
    "cards.rate.comment": {
        "zh": "已选 {stars}。请输入对 <b>{name}</b> 的评语（500 字以内），或点下面的按钮直接提交。",
        "en": "You chose {stars}. Type a comment on <b>{name}</b> (under 500 characters), or "
        "press the button to submit without one.",
    },
    "cards.rate.saved": {
        "zh": "✅ 对 {name} 的评价已保存，显示在其社区表现反馈卡上。",
        "en": "✅ Your feedback on {name} is saved on their feedback card.",
    },
    "cards.link.ask_name": {
        "zh": "🔗 请输入要评价 <b>{name}</b> 的驻区单位名称（如：区人民医院党支部）：",
        "en": "🔗 Type the name of the partner unit that will rate <b>{name}</b>:",
    },
    "cards.link.made": {
        "zh": "🔗 请把这个链接或二维码发给「{partner}」。对方打开后可为 <b>{name}</b> 评价一次，"
        "{day} 前有效：\n{url}",
        "en": "🔗 Send this link or QR code to {partner}. They can rate <b>{name}</b> once, "
        "until {day}:\n{url}",
    },
    "cards.correct.item": {"zh": "✏️ 要更正哪一项？", "en": "✏️ Which item to correct?"},
    "cards.correct.delta": {
        "zh": "✏️ 「{item}」加减多少分？",
        "en": "✏️ By how many points should {item} change?",
    },
    "cards.correct.reason": {
        "zh": "请输入更正的原因（必填，300 字以内），会记录在案并显示在社区表现卡上：",
        "en": "Type the reason for the correction (required, under 300 characters); it is "
        "recorded and shown on the performance card:",
    },
    "cards.correct.saved": {
        "zh": "✅ 已更正 {name} 的分数，原因已记录。",
        "en": "✅ {name}'s score is corrected; the reason is recorded.",
    },
    "cards.partner.ask": {
        "zh": "您好，{partner}！\n「{branch}」邀请您评价党员 <b>{name}</b> 在您单位的表现。"
        "请点选星级（5 星最好）：",
        "en": "Hello, {partner}!\n{branch} asks you to rate member <b>{name}</b>. Choose the "
        "stars (5 is best):",
    },
    "cards.partner.comment": {
        "zh": "已选 {stars}。请写下评语（500 字以内），或点下面的按钮直接提交。",
        "en": "You chose {stars}. Type a comment (under 500 characters), or press the button "
        "to submit without one.",
    },
    "cards.partner.press": {
        "zh": "请先点上面的星级按钮打分，再写评语。",
        "en": "Please press a star button above first, then type a comment.",
    },
    "cards.partner.thanks": {
        "zh": "✅ 感谢您的评价！已记入 {name} 的社区表现反馈卡。",
        "en": "✅ Thank you! Your feedback is on {name}'s feedback card.",
    },
    "cards.period.year": {"zh": "{year}年度", "en": "year {year}"},
    "cards.period.quarter": {"zh": "{year}年第{q}季度", "en": "Q{q} {year}"},
    "cards.tally.more": {"zh": " 等共 {n} 人未列出", "en": " and {n} more"},
    "cards.tally.line": {"zh": "{place}. {name}　{total} 分", "en": "{place}. {name}  {total}"},
    "cards.tally.secretary": {
        "zh": "📊 <b>{period}党员考核结果</b>（共 {n} 人）\n\n<b>排名</b>\n{ranking}\n\n"
        "🏅 <b>优秀党员候选</b>（不低于 {excellent} 分，无缺席未补学，党费按时）：{candidates}\n"
        "⚠️ <b>未达合格线</b>（低于 {passing} 分）：{short}\n\n完整排名和每位党员的四卡见汇总表。",
        "en": "📊 <b>Assessment for {period}</b> ({n} members)\n\n<b>Ranking</b>\n{ranking}\n\n"
        "🏅 <b>Commendation candidates</b> (at least {excellent}, no absence left, dues on time): "
        "{candidates}\n⚠️ <b>Below the pass mark</b> (under {passing}): {short}\n\nThe full ranking "
        "and every member's four cards are in the spreadsheet.",
    },
    "cards.tally.member": {
        "zh": "📊 <b>{period}考核结果</b>\n\n总分：<b>{total} 分</b>（第 {place} 名，共 {n} 人）\n"
        "{items}\n\n{verdict}\n如有疑问，请联系支部书记。",
        "en": "📊 <b>Your assessment for {period}</b>\n\nTotal: <b>{total}</b> (place {place} of "
        "{n})\n{items}\n\n{verdict}\nQuestions? Ask your branch secretary.",
    },
    "cards.verdict.excellent": {
        "zh": "🏅 您是本期优秀党员候选人，谢谢您的付出！",
        "en": "🏅 You are a commendation candidate this time. Thank you!",
    },
    "cards.verdict.pass": {"zh": "✅ 合格。谢谢您的付出！", "en": "✅ Passed. Thank you!"},
    "cards.verdict.short": {
        "zh": "本期分数低于合格线（{passing} 分）。参加组织生活、补学、履职都能加分，支部会帮您。",
        "en": "This time the score is below the pass mark ({passing}). Meetings, make-up study "
        "and duties all add points; the branch will help.",
    },
    "cards.letter.title": {"zh": "在职党员社区表现鉴定函", "en": "Community performance letter"},
    "cards.letter.subtitle": {"zh": "{year}年度", "en": "Year {year}"},
    "cards.letter.body": {
        "zh": "{unit_branch}：\n贵单位党员 {name} 同志于 {year} 年在{branch}报到并参加社区服务。"
        "本年度认领岗位：{posts}；参加社区组织生活 {attended} 次，履职记录 {duties} 条，"
        "完成居民点单 {requests} 件，志愿服务 {hours} 小时；社区表现考核 {total} 分。",
        "en": "To {unit_branch}:\nYour member {name} reported to {branch} in {year} and served the "
        "community. Posts: {posts}; meetings attended: {attended}; duty records: {duties}; "
        "residents' requests done: {requests}; volunteer hours: {hours}; assessment score: "
        "{total}.",
    },
    "cards.letter.closing": {
        "zh": "特此函告，请贵单位党组织在年度考核、民主评议中予以参考。",
        "en": "We send this for your branch's annual assessment and democratic appraisal.",
    },
    "cards.xlsx.name": {
        "zh": "{branch}-四卡汇总-{period}.xlsx",
        "en": "{branch}-cards-{period}.xlsx",
    },
    "cards.xlsx.excellent": {"zh": "优秀党员候选", "en": "Commendation candidate"},
    "cards.xlsx.short": {"zh": "未达合格线", "en": "Below pass mark"},
}
