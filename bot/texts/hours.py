"""User-facing texts of the volunteer hours feature (志愿服务时长), zh default and en."""

_TYPES = {
    "publicity": ("宣教", "Publicity and education"),
    "rights": ("维权", "Rights protection"),
    "assistance": ("帮扶", "Assistance"),
    "environment": ("环保服务", "Environment"),
    "patrol": ("治安巡逻", "Safety patrol"),
    "culture": ("文体", "Culture and sport"),
    "elderly": ("助老", "Elderly care"),
    "None": ("其他", "Other"),
}
_REFUSALS = {
    "not_member": (
        "您还不是本支部的党员，无法使用此功能。",
        "You are not a member of this branch.",
    ),
    "not_allowed": (
        "抱歉，只有队长或支部书记（支委）才能进行此操作。",
        "Sorry, only a team leader or the secretary (committee) can do that.",
    ),
    "not_found": ("没有找到这条记录，它可能已被处理或删除。", "That item was not found."),
    "not_yours": (
        "只能为自己上报和修改志愿时长，不能替别人操作。",
        "You can only report and change your own hours.",
    ),
    "self": ("不能审核自己的志愿时长，请由其他负责人审核。", "You cannot approve your own hours."),
    "recorded_by_self": (
        "这是您登记的志愿时长，请由另一位队长或书记审核。",
        "You recorded these hours; another team leader or the secretary decides them.",
    ),
    "other_team": (
        "您只能审核和统计本队的志愿时长，这属于其他队伍。",
        "You can only decide and total your own team's hours; this belongs to another team.",
    ),
    "already_decided": ("这条记录已经处理过了。", "This record was already decided."),
    "locked": (
        "这条记录已经审核，不能再修改或撤回。",
        "This record has been decided and can no longer be changed or withdrawn.",
    ),
    "not_in_team": ("您不在这个队伍里。请先在「我的队伍」中加入。", "You are not in that team."),
    "no_teams": ("支部还没有志愿服务队。", "The branch has no volunteer teams yet."),
    "not_open": (
        "现在不在活动时间内，不能签到。活动开始前1小时起可以签到。",
        "Check-in is open from 1 hour before the start until the end.",
    ),
    "not_checked_in": ("您还没有签到，不能签退。", "You have not checked in."),
    "auto_closed": (
        "活动结束时您还没有签退，系统已自动结束，时长等队长审核后计入。",
        "The activity ended before you checked out; your hours wait for a leader's approval.",
    ),
    "daily_limit": (
        "一天最多记12小时。您这一天已经有 {h} 小时的记录，加上这次会超过12小时。",
        "At most 12 hours a day. You already have {h} h that day; this would pass 12.",
    ),
    "incomplete": ("请先选好日期、时长和队伍。", "Choose the date, hours and team first."),
    "bad_what": (
        "请用一句话（200字以内）写明做了什么。",
        "Please say in one sentence (up to 200 characters) what was done.",
    ),
    "too_many_photos": ("最多可以附5张照片。", "At most 5 photos."),
    "reason_too_long": ("原因太长了，请控制在200字以内。", "The reason is too long (200 at most)."),
    "bad_name": ("名称请用1到20个字。", "Please use 1 to 20 characters."),
    "name_taken": ("已经有同名的队伍了。", "A team with that name exists."),
    "nobody": ("请至少勾选一位参加的队员。", "Tick at least one person who came."),
    "future": ("不能上报将来的日期。", "The date cannot be in the future."),
    "too_old": (
        "这个日期太早了：本支部只能上报最近 {days} 天内的志愿服务。",
        "That date is too long ago: this branch takes reports of the last {days} days.",
    ),
    "not_a_number": (
        "请输入数字，例如 2 或 1.5（不要写汉字）。",
        "Please type a number, such as 2 or 1.5.",
    ),
    "not_positive": ("时长必须大于0。", "The hours must be more than 0."),
    "not_half_step": (
        "时长按半小时计算，请输入如 1、1.5、2 这样的数。",
        "Hours go in half-hour steps: 1, 1.5, 2 ...",
    ),
    "too_many": ("一天最多记12小时。", "At most 12 hours a day."),
    "bad_date": (
        "没看懂这个日期，请按 3月5日 或 2026-03-05 的样子再输入一次。",
        "That date is not clear; type it like 2026-03-05.",
    ),
    "need_photo": (
        "请发送照片（点输入框旁的📎或相机）。不加照片请点「返回」。",
        "Please send a photo, or tap Back.",
    ),
}

TEXTS: dict[str, dict[str, str]] = {
    "hours.list.sep": {"zh": "、", "en": ", "},
    "cmd.hours": {"zh": "志愿服务时长", "en": "Volunteer hours"},
    "cmd.verify": {"zh": "核验志愿服务证明", "en": "Verify a certificate"},
    "hours.amount": {"zh": "{h}小时", "en": "{h} h"},
    "hours.menu": {
        "zh": (
            "<b>志愿服务时长</b>\n本月：{month}小时　今年：{year}小时　累计：{all}小时"
            "{pending}\n请选择："
        ),
        "en": (
            "<b>Volunteer hours</b>\nThis month: {month} h · this year: {year} h · "
            "all time: {all} h{pending}\nChoose:"
        ),
    },
    "hours.menu.pending": {"zh": "\n待审核：{h}小时", "en": "\nWaiting for approval: {h} h"},
    "hours.btn.report": {"zh": "📝 上报时长", "en": "📝 Report hours"},
    "hours.btn.mine": {"zh": "📋 我的记录", "en": "📋 My records"},
    "hours.btn.totals": {"zh": "📊 我的统计", "en": "📊 My totals"},
    "hours.btn.teams": {"zh": "👥 我的队伍", "en": "👥 My teams"},
    "hours.btn.activities": {"zh": "🙋 活动签到", "en": "🙋 Activities"},
    "hours.btn.open": {"zh": "📣 发起活动", "en": "📣 Open an activity"},
    "hours.btn.record": {"zh": "🧾 登记活动", "en": "🧾 Record an activity"},
    "hours.btn.pending": {"zh": "✅ 待审核（{n}）", "en": "✅ To approve ({n})"},
    "hours.btn.stats": {"zh": "📈 统计导出", "en": "📈 Totals and export"},
    "hours.btn.settings": {"zh": "⚙️ 设置", "en": "⚙️ Settings"},
    "hours.btn.back": {"zh": "⬅️ 返回", "en": "⬅️ Back"},
    "hours.btn.cancel": {"zh": "✖️ 取消", "en": "✖️ Cancel"},
    "hours.btn.approve": {"zh": "✅ 通过", "en": "✅ Approve"},
    "hours.btn.decline": {"zh": "❌ 不通过", "en": "❌ Decline"},
    "hours.btn.approve_all": {"zh": "✅ 全部通过", "en": "✅ Approve all"},
    "hours.btn.checkin": {"zh": "🙋 签到", "en": "🙋 Check in"},
    "hours.btn.checkout": {"zh": "👋 签退", "en": "👋 Check out"},
    "hours.btn.dispute_hours": {"zh": "❗ 时长不对", "en": "❗ Hours are wrong"},
    "hours.btn.dispute_absent": {"zh": "❗ 我没参加", "en": "❗ I was not there"},
    "hours.btn.other_day": {"zh": "📅 更早的日期（打字）", "en": "📅 Another date (type it)"},
    "hours.btn.other_hours": {"zh": "⌨️ 其他时长（打字）", "en": "⌨️ Other (type it)"},
    "hours.btn.submit": {"zh": "📤 提交审核", "en": "📤 Submit"},
    "hours.btn.submit_anyway": {"zh": "是的，再报一条", "en": "Yes, it is another one"},
    "hours.btn.photo": {"zh": "📷 添加照片", "en": "📷 Add a photo"},
    "hours.btn.change_day": {"zh": "改日期", "en": "Date"},
    "hours.btn.change_hours": {"zh": "改时长", "en": "Hours"},
    "hours.btn.change_team": {"zh": "改队伍", "en": "Team"},
    "hours.btn.change_what": {"zh": "改内容", "en": "What"},
    "hours.btn.what_default": {"zh": "参加{team}活动", "en": "{team} activity"},
    "hours.btn.edit": {"zh": "✏️ 修改", "en": "✏️ Edit"},
    "hours.btn.withdraw": {"zh": "↩️ 撤回", "en": "↩️ Withdraw"},
    "hours.btn.chart": {"zh": "📊 月度图表", "en": "📊 Monthly chart"},
    "hours.btn.certificate": {"zh": "🏅 开具证明", "en": "🏅 Certificate"},
    "hours.btn.hide": {"zh": "🙈 排行榜不显示我的名字", "en": "🙈 Hide my name on the board"},
    "hours.btn.show": {"zh": "🙂 排行榜显示我的名字", "en": "🙂 Show my name on the board"},
    "hours.btn.join": {"zh": "➕ 加入{team}", "en": "➕ Join {team}"},
    "hours.btn.leave": {"zh": "➖ 退出{team}", "en": "➖ Leave {team}"},
    "hours.btn.new_team": {"zh": "🆕 新建队伍", "en": "🆕 New team"},
    "hours.btn.leaders": {"zh": "👑 {team}队长", "en": "👑 {team} leaders"},
    "hours.btn.finish": {"zh": "📤 提交（{n}人）", "en": "📤 Submit ({n})"},
    "hours.btn.export": {"zh": "📥 导出Excel", "en": "📥 Export .xlsx"},
    "hours.btn.all_teams": {"zh": "全部队伍", "en": "All teams"},
    "hours.btn.days": {"zh": "{n}天", "en": "{n} days", "en#one": "{n} day"},
    "hours.btn.reason_other": {"zh": "其他原因（打字）", "en": "Other (type it)"},
    "hours.start.now": {"zh": "现在开始", "en": "Now"},
    "hours.start.h1": {"zh": "1小时后", "en": "In 1 hour"},
    "hours.start.h2": {"zh": "2小时后", "en": "In 2 hours"},
    "hours.start.tmr9": {"zh": "明天 9:00", "en": "Tomorrow 9:00"},
    "hours.period.month": {"zh": "本月", "en": "This month"},
    "hours.period.last_month": {"zh": "上月", "en": "Last month"},
    "hours.period.year": {"zh": "今年", "en": "This year"},
    "hours.period.last_year": {"zh": "去年", "en": "Last year"},
    "hours.period.all": {"zh": "全部", "en": "All time"},
    "hours.day.today": {"zh": "今天", "en": "Today"},
    "hours.day.yesterday": {"zh": "昨天", "en": "Yesterday"},
    "hours.report.day": {
        "zh": "📝 <b>上报志愿时长</b>\n第1步：哪一天？",
        "en": "📝 <b>Report hours</b>\nStep 1: which day?",
    },
    "hours.report.day_typed": {
        "zh": "请输入日期，例如 <b>3月5日</b> 或 <b>2026-03-05</b>（最近{days}天内）：",
        "en": "Type the date, e.g. <b>2026-03-05</b> (within the last {days} days):",
    },
    "hours.report.hours": {"zh": "第2步：做了多长时间？", "en": "Step 2: how many hours?"},
    "hours.report.hours_typed": {
        "zh": "请输入小时数（半小时为单位，如 1.5）：",
        "en": "Type the hours (half-hour steps, e.g. 1.5):",
    },
    "hours.report.team": {
        "zh": "第3步：哪个队伍，或哪类服务？",
        "en": "Step 3: which team, or what kind of service?",
    },
    "hours.report.what": {
        "zh": "第4步：做了什么？请用一句话写下来，或点下面的按钮：",
        "en": "Step 4: what was done? Type one sentence, or tap the button:",
    },
    "hours.report.photo": {
        "zh": "请发一张照片（可以发多张，最多5张）。",
        "en": "Send a photo (up to 5).",
    },
    "hours.report.photo_added": {"zh": "照片已添加（{n}张）。", "en": "Photo added ({n})."},
    "hours.report.card": {
        "zh": (
            "📝 <b>请核对</b>\n日期：{day}\n时长：{h}小时\n队伍/类别：{team}\n内容：{what}\n"
            "照片：{photos}张\n\n无误请点「提交审核」。"
        ),
        "en": (
            "📝 <b>Please check</b>\nDate: {day}\nHours: {h}\nTeam/kind: {team}\nWhat: {what}\n"
            "Photos: {photos}\n\nTap Submit if all is right."
        ),
    },
    "hours.report.duplicate": {
        "zh": (
            "⚠️ 您在 {day} 已经报过一条 {team} {h}小时 的记录。\n"
            "这是另外一次服务吗？如果是重复提交，请点「取消」。"
        ),
        "en": (
            "⚠️ You already reported {h} h for {team} on {day}.\n"
            "Is this another one? If it is the same, tap Cancel."
        ),
    },
    "hours.report.submitted": {
        "zh": "✅ 已提交：{day} {team} {h}小时，等待队长或书记审核。审核后会通知您。",
        "en": "✅ Submitted: {day} {team} {h} h, waiting for approval. You will be told.",
    },
    "hours.report.cancelled": {"zh": "已取消。", "en": "Cancelled."},
    "hours.report.withdrawn": {"zh": "已撤回这条记录。", "en": "The record was withdrawn."},
    "hours.mine.title": {"zh": "📋 <b>我的记录</b>（最近15条）", "en": "📋 <b>My records</b>"},
    "hours.mine.none": {"zh": "还没有记录。", "en": "No records yet."},
    "hours.mine.line": {
        "zh": "{state} {day} {team} {h}小时 {what}",
        "en": "{state} {day} {team} {h} h {what}",
    },
    "hours.state.pending": {"zh": "⏳待审核", "en": "⏳pending"},
    "hours.state.approved": {"zh": "✅已通过", "en": "✅approved"},
    "hours.state.declined": {"zh": "❌未通过", "en": "❌declined"},
    "hours.state.withdrawn": {"zh": "↩️已撤回", "en": "↩️withdrawn"},
    "hours.state.open": {"zh": "🙋已签到", "en": "🙋checked in"},
    "hours.state.draft": {"zh": "📝草稿", "en": "📝draft"},
    "hours.totals": {
        "zh": (
            "📊 <b>{name} 的志愿服务时长</b>\n本月：{month}小时\n今年：{year}小时\n"
            "累计：{all}小时\n{teams}"
        ),
        "en": (
            "📊 <b>Volunteer hours of {name}</b>\nThis month: {month} h\nThis year: {year} h\n"
            "All time: {all} h\n{teams}"
        ),
    },
    "hours.totals.team_line": {"zh": "• {team}：{h}小时", "en": "• {team}: {h} h"},
    "hours.totals.hidden": {
        "zh": "排行榜中您的名字已隐藏。",
        "en": "Your name is hidden on the leaderboard.",
    },
    "hours.chart.title": {
        "zh": "{name} 近12个月志愿服务时长",
        "en": "Volunteer hours of {name}, 12 months",
    },
    "hours.chart.ylabel": {"zh": "小时", "en": "hours"},
    "hours.chart.month": {"zh": "{m}月", "en": "{m}"},
    "hours.chart.caption": {"zh": "近12个月共 {h} 小时", "en": "{h} h in 12 months"},
    "hours.btn.certificates": {"zh": "🏅 为队员开具证明", "en": "🏅 Certificates for members"},
    "hours.cert.whom": {"zh": "为谁开具志愿服务证明？", "en": "Whose certificate?"},
    "hours.cert.choose": {"zh": "为哪段时间开具证明？", "en": "For which period?"},
    "hours.cert.title": {"zh": "志愿服务证明", "en": "Certificate of Volunteer Service"},
    "hours.cert.body": {
        "zh": (
            "兹证明 {name} 同志\n于 {first} 至 {last} 期间\n在{branch}参加志愿服务，\n"
            "经审核累计服务 {h} 小时。"
        ),
        "en": (
            "This certifies that {name}\nfrom {first} to {last}\ndid volunteer service with "
            "{branch},\n{h} approved hours in total."
        ),
    },
    "hours.cert.code": {"zh": "验证码：{code}", "en": "Verification code: {code}"},
    "hours.cert.date": {"zh": "开具日期：{day}", "en": "Issued: {day}"},
    "hours.cert.hint": {
        "zh": "核验方法：向本支部服务助手发送 /verify 验证码",
        "en": "To verify, send /verify CODE to the branch bot",
    },
    "hours.cert.caption": {
        "zh": "🏅 志愿服务证明（{h}小时）\n验证码：<code>{code}</code>",
        "en": "🏅 Certificate ({h} h)\nCode: <code>{code}</code>",
    },
    "hours.verify.ask": {
        "zh": "请输入证明上的验证码，例如 VH-12-ABCDEFGHJKLM：",
        "en": "Type the code on the certificate, e.g. VH-12-ABCDEFGHJKLM:",
    },
    "hours.verify.genuine": {
        "zh": (
            "✅ <b>证明真实有效</b>\n{name} 于 {first} 至 {last} 在{branch}"
            "累计志愿服务 {h} 小时（开具于 {day}）。"
        ),
        "en": (
            "✅ <b>Genuine</b>\n{name}: {h} approved volunteer hours with {branch} from {first} "
            "to {last} (issued {day})."
        ),
    },
    "hours.verify.fake": {
        "zh": "❌ 验证码无效：这不是本系统开具的证明，或证明内容已被改动。",
        "en": "❌ Not valid: this code was not issued by this bot, or the certificate was changed.",
    },
    "hours.teams.title": {"zh": "👥 <b>志愿服务队</b>", "en": "👥 <b>Volunteer teams</b>"},
    "hours.teams.line": {
        "zh": "{mark} {team}（{n}人）{leader}",
        "en": "{mark} {team} ({n}){leader}",
    },
    "hours.teams.leader": {"zh": " 👑队长", "en": " 👑leader"},
    "hours.teams.joined": {"zh": "已加入「{team}」。", "en": "You joined {team}."},
    "hours.teams.left": {"zh": "已退出「{team}」。", "en": "You left {team}."},
    "hours.teams.new_name": {"zh": "请输入新队伍的名称：", "en": "Type the new team's name:"},
    "hours.teams.created": {"zh": "已新建队伍「{team}」。", "en": "Team {team} created."},
    "hours.teams.leaders": {
        "zh": "👑 <b>{team}</b>：点名字设为队长或取消（不在队里的会加入）。",
        "en": "👑 <b>{team}</b>: tap a name to make or unmake a leader.",
    },
    "hours.activity.none": {
        "zh": "现在没有您队伍的活动。",
        "en": "No activity of your teams now.",
    },
    "hours.activity.list": {"zh": "🙋 <b>活动</b>", "en": "🙋 <b>Activities</b>"},
    "hours.activity.line": {
        "zh": "• {team}：{title} {start}-{end}{mark}",
        "en": "• {team}: {title} {start}-{end}{mark}",
    },
    "hours.activity.in": {"zh": "（已签到）", "en": " (checked in)"},
    "hours.activity.done": {"zh": "（{h}小时）", "en": " ({h} h)"},
    "hours.activity.default_title": {"zh": "{team}活动", "en": "{team} activity"},
    "hours.activity.choose_team": {"zh": "为哪个队伍？", "en": "For which team?"},
    "hours.activity.choose_start": {"zh": "什么时候开始？", "en": "When does it start?"},
    "hours.activity.choose_hours": {"zh": "活动多长时间？", "en": "How long?"},
    "hours.activity.what_where": {
        "zh": (
            "请输入活动内容和地点，用竖线隔开，例如：<b>夜间巡逻 | 小区东门</b>\n"
            "或直接点下面的按钮。"
        ),
        "en": (
            "Type what and where, split by a bar, e.g. <b>Night patrol | East gate</b>\n"
            "or tap below."
        ),
    },
    "hours.btn.open_default": {"zh": "直接发起（{title}）", "en": "Open as {title}"},
    "hours.activity.opened": {
        "zh": "📣 已发起活动「{title}」，{start} 开始，队员已收到签到通知。",
        "en": "📣 Activity {title} opened, starting {start}; the team was told.",
    },
    "hours.activity.notice": {
        "zh": (
            "📣 <b>{team}</b> 志愿活动：{title}\n时间：{start}-{end}\n地点：{place}\n"
            "到场后请点「签到」，离开时点「签退」。"
        ),
        "en": (
            "📣 <b>{team}</b> activity: {title}\nTime: {start}-{end}\nPlace: {place}\nTap "
            "Check in when you arrive, Check out when you leave."
        ),
    },
    "hours.activity.checked_in": {
        "zh": "🙋 已签到：{title}。离开时请点「签退」。",
        "en": "🙋 Checked in: {title}. Tap Check out when you leave.",
    },
    "hours.activity.checked_out": {
        "zh": "👋 已签退：{title}，计 {h} 小时。",
        "en": "👋 Checked out: {title}, {h} h.",
    },
    "hours.activity.autoclosed": {
        "zh": (
            "⚠️ 您参加「{title}」签到后没有签退，活动结束时已自动结束，"
            "记 {h} 小时，需队长审核后才计入。"
        ),
        "en": (
            "⚠️ You did not check out of {title}; it was closed at the end "
            "({h} h) and waits for a leader's approval."
        ),
    },
    "hours.recorded.what": {"zh": "{team}集体活动", "en": "{team} activity"},
    "hours.recorded.choose_day": {"zh": "🧾 登记哪一天的活动？", "en": "🧾 Which day?"},
    "hours.recorded.choose_hours": {"zh": "每人记多少小时？", "en": "How many hours each?"},
    "hours.recorded.sheet": {
        "zh": "🧾 <b>{team}</b> {day} 每人 {h}小时\n请点选参加的队员（再点一次取消），然后提交：",
        "en": (
            "🧾 <b>{team}</b> {day}, {h} h each\nTap who came (tap again to untick), then submit:"
        ),
    },
    "hours.recorded.done": {
        "zh": "✅ 已登记 {n} 人：{names}。每人都会收到通知，可以提出异议；审核后计入。",
        "en": "✅ Recorded {n}: {names}. Each is told and may dispute; counted once approved.",
    },
    "hours.recorded.duplicate": {
        "zh": "\n⚠️ 以下队员当天已有同样的记录（同一队伍、同样时长），未重复登记：{names}",
        "en": "\n⚠️ Not recorded again (same team and hours that day already): {names}",
    },
    "hours.recorded.over": {
        "zh": "\n⚠️ 以下队员当天会超过12小时，未登记：{names}",
        "en": "\n⚠️ Not recorded (over 12 h that day): {names}",
    },
    "hours.recorded.notice": {
        "zh": (
            "🧾 {by} 为您登记了志愿时长：{team} {day} {h}小时，审核后计入。\n"
            "如有不对，请点下面的按钮："
        ),
        "en": (
            "🧾 {by} recorded your hours: {team} {day} {h} h, counted once "
            "approved.\nIf this is wrong, tap below:"
        ),
    },
    "hours.recorded.disputed": {
        "zh": "已记下您的异议，审核人会看到。",
        "en": "Your objection was noted for the approver.",
    },
    "hours.recorded.disputed_already": {
        "zh": "您已经提出过异议了。",
        "en": "You already objected.",
    },
    "hours.dispute.hours": {"zh": "时长不对", "en": "hours are wrong"},
    "hours.dispute.absent": {"zh": "本人说没参加", "en": "says they were not there"},
    "hours.dispute.other": {"zh": "有异议", "en": "objected"},
    "hours.approve.title": {
        "zh": "✅ <b>待审核的志愿时长</b>（{n}条）",
        "en": "✅ <b>Hours to approve</b> ({n})",
    },
    "hours.approve.none": {"zh": "没有待审核的志愿时长。", "en": "No hours waiting for approval."},
    "hours.approve.item": {
        "zh": "{name} {day} {team} {h}小时\n{what}{extra}",
        "en": "{name} {day} {team} {h} h\n{what}{extra}",
    },
    "hours.approve.flagged": {
        "zh": "\n⚠️ 签到后未签退，系统自动结束",
        "en": "\n⚠️ never checked out; closed by the bot",
    },
    "hours.approve.disputed": {"zh": "\n❗ 异议：{why}", "en": "\n❗ Objection: {why}"},
    "hours.approve.recorded": {"zh": "\n（{by} 登记）", "en": "\n(recorded by {by})"},
    "hours.approve.photos": {
        "zh": "\n📷 {n}张照片",
        "en": "\n📷 {n} photos",
        "en#one": "\n📷 {n} photo",
    },
    "hours.approve.new": {
        "zh": "✅ 新的志愿时长待审核：\n{name} {day} {team} {h}小时\n{what}",
        "en": "✅ New hours to approve:\n{name} {day} {team} {h} h\n{what}",
    },
    "hours.approve.approved": {"zh": "已通过：{name} {h}小时。", "en": "Approved: {name} {h} h."},
    "hours.approve.declined": {"zh": "未通过：{name} {h}小时。", "en": "Declined: {name} {h} h."},
    "hours.approve.all_done": {
        "zh": "已通过 {n} 条。{skipped}",
        "en": "Approved {n}. {skipped}",
    },
    "hours.approve.skipped": {
        "zh": "有 {n} 条有异议或自动结束的记录，请逐条审核。",
        "en": "{n} disputed or auto-closed records need a look one by one.",
    },
    "hours.approve.reason": {"zh": "不通过的原因：", "en": "Why declined:"},
    "hours.approve.reason_typed": {"zh": "请输入不通过的原因：", "en": "Type the reason:"},
    "hours.reason.0": {"zh": "时长与实际不符", "en": "Hours do not match"},
    "hours.reason.1": {"zh": "无法核实", "en": "Cannot be verified"},
    "hours.reason.2": {"zh": "重复上报", "en": "Reported twice"},
    "hours.result.approved": {
        "zh": "✅ 您的志愿时长已通过：{day} {team} {h}小时（审核人：{by}）。",
        "en": "✅ Your hours were approved: {day} {team} {h} h (by {by}).",
    },
    "hours.result.declined": {
        "zh": "❌ 您的志愿时长未通过：{day} {team} {h}小时（审核人：{by}）。\n原因：{reason}",
        "en": "❌ Your hours were declined: {day} {team} {h} h (by {by}).\nReason: {reason}",
    },
    "hours.result.no_reason": {"zh": "未说明", "en": "not given"},
    "hours.stats.period": {"zh": "📈 统计哪段时间？", "en": "📈 Which period?"},
    "hours.btn.period_typed": {"zh": "📅 其他时间段（打字）", "en": "📅 Another period (type it)"},
    "hours.stats.range_typed": {
        "zh": "请输入起止日期，例如 <b>2026-01-01 至 2026-02-15</b>：",
        "en": "Type the first and last day, e.g. <b>2026-01-01 to 2026-02-15</b>:",
    },
    "hours.stats.bad_range": {
        "zh": "没看懂这个时间段，请按 2026-01-01 至 2026-02-15 的样子再输入一次。",
        "en": "That period is not clear; type it like 2026-01-01 to 2026-02-15.",
    },
    "hours.stats.team": {"zh": "哪个队伍？", "en": "Which team?"},
    "hours.stats.title": {
        "zh": "📈 <b>{scope}</b> {first} 至 {last}\n合计：{h}小时",
        "en": "📈 <b>{scope}</b> {first} to {last}\nTotal: {h} h",
    },
    "hours.stats.branch": {"zh": "全支部", "en": "Whole branch"},
    "hours.stats.teams": {"zh": "\n<b>各队</b>", "en": "\n<b>Teams</b>"},
    "hours.stats.board": {"zh": "\n<b>排行榜</b>", "en": "\n<b>Leaderboard</b>"},
    "hours.stats.rank": {"zh": "{place}. {name} {h}小时", "en": "{place}. {name} {h} h"},
    "hours.stats.anonymous": {"zh": "（不愿具名）", "en": "(anonymous)"},
    "hours.stats.no_team": {"zh": "未分队", "en": "No team"},
    "hours.export.caption": {
        "zh": "📥 志愿服务时长 {first} 至 {last}，共 {n} 条，{h} 小时。",
        "en": "📥 Volunteer hours {first} to {last}: {n} records, {h} h.",
        "en#one": "📥 Volunteer hours {first} to {last}: {n} record, {h} h.",
    },
    "hours.export.sheet": {"zh": "明细", "en": "Records"},
    "hours.export.sums": {"zh": "合计", "en": "Totals"},
    "hours.export.headers": {
        "zh": "日期|姓名|队伍/类别|时长(小时)|内容|来源|审核人",
        "en": "Date|Name|Team/kind|Hours|What|Source|Approved by",
    },
    "hours.export.sum_headers": {"zh": "姓名|时长(小时)", "en": "Name|Hours"},
    "hours.export.title": {
        "zh": "志愿服务时长 {first} 至 {last} {scope}",
        "en": "Volunteer hours {first} to {last} {scope}",
    },
    "hours.export.total": {"zh": "合计", "en": "Total"},
    "hours.source.report": {"zh": "个人上报", "en": "reported"},
    "hours.source.checkin": {"zh": "签到签退", "en": "check-in"},
    "hours.source.recorded": {"zh": "队长登记", "en": "recorded"},
    "hours.settings": {
        "zh": "⚙️ 志愿时长可以补报最近 <b>{days}</b> 天内的服务。选择新的期限：",
        "en": "⚙️ Hours may be reported for the last <b>{days}</b> days. Choose:",
    },
    "hours.settings.saved": {"zh": "已设置：最近 {days} 天内可上报。", "en": "Saved: {days} days."},
    "hours.expired": {
        "zh": "这一步已经过期了，请重新发送 /hours。",
        "en": "That step has expired; send /hours again.",
    },
}

for _key, (_zh, _en) in _TYPES.items():
    TEXTS[f"hours.type.{_key}"] = {"zh": _zh, "en": _en}
for _key, (_zh, _en) in _REFUSALS.items():
    TEXTS[f"hours.refuse.{_key}"] = {"zh": _zh, "en": _en}
