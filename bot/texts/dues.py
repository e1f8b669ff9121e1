# ruff: noqa: E501  (Chinese sentences read better unbroken)
"""User-facing texts of the dues feature (党费), zh default and en."""

_REFUSALS = {
    "not_member": (
        "您还不是本支部的党员，无法使用党费功能。",
        "You are not a member of this branch.",
    ),
    "not_allowed": (
        "抱歉，只有支部书记或负责党费的支委才能进行此操作。",
        "Sorry, only the secretary or the committee member in charge of dues can do that.",
    ),
    "not_found": ("没有找到这条记录。", "That record was not found."),
    "no_basis": (
        "您的党费基数还没有登记，请先联系书记核定。",
        "Your dues basis is not recorded yet; please ask the secretary.",
    ),
    "self": (
        "自己的缴费不能由自己确认，请由另一位负责同志确认。",
        "You cannot confirm your own payment; another officer must.",
    ),
    "already_decided": ("这笔已经处理过了。", "This has already been handled."),
    "nothing_owed": ("这些月份没有需要缴纳的党费。", "Nothing is due for those months."),
    "amount_too_small": (
        "金额少于应缴党费，请核对后再记录。",
        "The amount is less than what is due; please check.",
    ),
    "already_published": ("这一期的公示已经发布过了。", "This report was already published."),
}
_RULES = {
    "none": ("请至少选择一个月份。", "Choose at least one month."),
    "bad_month": ("月份不对，请重新选择。", "That month is not valid."),
    "too_far_ahead": (
        "超出了支部允许预交的月份，请只选到允许的月份。",
        "That is further ahead than the branch allows paying in advance.",
    ),
    "too_old": (
        "补缴一般不超过6个月，更早的月份请联系书记。",
        "Back-payments go at most 6 months back; ask the secretary about older months.",
    ),
    "already_paid": ("所选月份已经缴过了。", "A chosen month is already paid."),
    "already_claimed": (
        "所选月份已经报过「我已缴纳」，正在等待确认。",
        "A chosen month is already waiting for confirmation.",
    ),
    "before_start": ("所选月份还不需要缴纳党费。", "No dues are due for a chosen month."),
    "negative": ("金额不能是负数。", "The amount cannot be negative."),
    "too_large": ("这个金额太大了，请核对是否多打了0。", "That amount is too large; please check."),
    "too_precise": ("金额最多两位小数（到分）。", "Use at most two decimals (fen)."),
    "farmer_range": ("农民党员每月交0.2至1元。", "Farmers pay 0.2 to 1 yuan a month."),
    "reason_missing": ("减免或免交需要写明原因。", "A reduction or waiver needs a reason."),
    "reduced_not_less": ("减免后的金额应少于原应缴额。", "A reduced amount must be lower."),
    "amount": ("金额不对，请核对。", "That amount is not valid."),
    "bad_period": ("期间不对：起止月份需在同一年、且不晚于本月。", "Bad period."),
    "future_period": (
        "这个期间还没到，不能查看或公示。",
        "That period has not begun; it cannot be shown or published.",
    ),
    "secretary_only": (
        "只有支部书记可以发布公示，请书记确认后发布。",
        "Only the branch secretary can publish the report.",
    ),
    "remit_future": (
        "上缴日期还没到，请核对日期（不写日期就是今天）。",
        "That remittance date has not come yet; please check it (no date means today).",
    ),
    "self": _REFUSALS["self"],
    "own_basis": (
        "自己的党费基数（包括减免）不能由自己登记，请由另一位负责同志登记，或在「我的党费」里申报后等待确认。",
        "You cannot record your own dues basis (or waiver); another officer must, or report it under My dues and wait for confirmation.",
    ),
    "no_basis": ("还没有登记基数", "no basis recorded"),
    "nothing_owed": ("本月已缴清", "already paid"),
    "not_allowed": _REFUSALS["not_allowed"],
}
_AMOUNTS = {
    "empty": ("请输入金额。", "Please type an amount."),
    "words": (
        "请用阿拉伯数字输入金额，例如 3000 或 3000.50。",
        "Please type the amount in digits, e.g. 3000 or 3000.50.",
    ),
    "not_a_number": (
        "看不懂这个金额，请只输入数字，例如 3000。",
        "That is not an amount; type digits only, e.g. 3000.",
    ),
    "negative": _RULES["negative"],
    "too_precise": _RULES["too_precise"],
    "too_large": _RULES["too_large"],
}
_KINDS = {
    "employed": ("在职（税后月收入）", "Employed (monthly income after tax)"),
    "retired": ("离退休（养老金）", "Retired (pension)"),
    "farmer": ("农民（每月0.2-1元）", "Farmer (0.2-1 yuan a month)"),
    "low": ("学生/失业/低保（每月0.2元）", "Student / unemployed / relief (0.2 a month)"),
    "reduced": ("困难减交", "Hardship: reduced"),
    "waived": ("困难免交", "Hardship: waived"),
}

TEXTS: dict[str, dict[str, str]] = {
    # How lists read in each language: 「3月、4月」 / "March, April".
    "dues.list.sep": {"zh": "、", "en": ", "},
    "dues.list.item_sep": {"zh": "；", "en": "; "},
    "dues.list.with": {"zh": "{name}（{what}）", "en": "{name} ({what})"},
    **{f"dues.refuse.{k}": {"zh": zh, "en": en} for k, (zh, en) in _REFUSALS.items()},
    **{f"dues.rule.{k}": {"zh": zh, "en": en} for k, (zh, en) in _RULES.items()},
    **{f"dues.amount.{k}": {"zh": zh, "en": en} for k, (zh, en) in _AMOUNTS.items()},
    **{f"dues.kind.{k}": {"zh": zh, "en": en} for k, (zh, en) in _KINDS.items()},
    "dues.title": {"zh": "💰 <b>我的党费</b>（{month}）", "en": "💰 <b>My dues</b> ({month})"},
    "dues.calc.rated": {
        "zh": "计算：{base} 元 × {percent} = 每月 <b>{amount}</b> 元（{kind}）",
        "en": "Calculation: {base} × {percent} = <b>{amount}</b> a month ({kind})",
    },
    "dues.calc.fixed": {
        "zh": "每月 <b>{amount}</b> 元（{kind}）",
        "en": "<b>{amount}</b> a month ({kind})",
    },
    "dues.calc.reason": {"zh": "原因：{reason}", "en": "Reason: {reason}"},
    "dues.calc.none": {
        "zh": "党费基数还没有登记，请联系书记核定，或点「申报基数」。",
        "en": "No dues basis recorded yet; ask the secretary or tap “Report basis”.",
    },
    "dues.current.paid": {
        "zh": "本月：已缴 ✅（{paid} 元）",
        "en": "This month: paid ✅ ({paid})",
    },
    "dues.current.claimed": {
        "zh": "本月：已报缴纳，等待确认 ⏳",
        "en": "This month: reported paid, waiting for confirmation ⏳",
    },
    "dues.current.due": {"zh": "本月应缴：<b>{due}</b> 元", "en": "Due this month: <b>{due}</b>"},
    "dues.arrears": {
        "zh": "⚠️ 欠缴 {count} 个月，共 {owed} 元（含本月）",
        "en": "⚠️ {count} months in arrears, {owed} in all (with this month)",
    },
    "dues.history": {"zh": "缴费记录：", "en": "History:"},
    "dues.history.paid": {"zh": "{month}  {paid} 元 ✅ {day}", "en": "{month}  {paid} ✅ {day}"},
    "dues.history.claimed": {
        "zh": "{month}  {due} 元 ⏳ 待确认",
        "en": "{month}  {due} ⏳ waiting",
    },
    "dues.history.open": {"zh": "{month}  {due} 元 ❌ 未缴", "en": "{month}  {due} ❌ unpaid"},
    "dues.history.unpriced": {"zh": "{month}  待核定", "en": "{month}  not priced yet"},
    "dues.glance": {
        "zh": "📋 支部：待确认 {confirm} 笔，未核定基数 {no_basis} 人",
        "en": "📋 Branch: {confirm} to confirm, {no_basis} without a basis",
    },
    "dues.glance.near": {"zh": "⚠️ 欠缴3个月以上：{names}", "en": "⚠️ 3+ months in arrears: {names}"},
    "dues.glance.at": {
        "zh": "🚩 已满6个月未缴（党章界限）：{names}",
        "en": "🚩 Six months or more unpaid (the constitution's line): {names}",
    },
    "dues.btn.pay": {"zh": "✅ 我已缴纳", "en": "✅ I have paid"},
    "dues.btn.basis": {"zh": "📝 申报基数", "en": "📝 Report basis"},
    "dues.btn.pending": {"zh": "📥 待确认", "en": "📥 To confirm"},
    "dues.btn.record": {"zh": "🧾 登记缴费", "en": "🧾 Record payments"},
    "dues.btn.report": {"zh": "📊 收缴公示", "en": "📊 Collection report"},
    "dues.btn.ledger": {"zh": "📒 党费台账", "en": "📒 Ledger"},
    "dues.btn.submit": {"zh": "📨 提交", "en": "📨 Submit"},
    "dues.btn.cancel": {"zh": "✖️ 取消", "en": "✖️ Cancel"},
    "dues.btn.confirm": {"zh": "✅ 确认", "en": "✅ Confirm"},
    "dues.btn.question": {"zh": "❓ 有疑问", "en": "❓ Question"},
    "dues.btn.all_groups": {"zh": "全支部", "en": "Whole branch"},
    "dues.btn.publish": {"zh": "📢 发布到支部", "en": "📢 Publish to the branch"},
    "dues.btn.year": {"zh": "📅 {year}年全年", "en": "📅 Year {year}"},
    "dues.btn.month": {"zh": "🗓 {month}", "en": "🗓 {month}"},
    "dues.btn.no_photo": {"zh": "不用了", "en": "No photo"},
    "dues.pay.choose": {
        "zh": "请点选已经缴纳的月份（可以选多个），再点「提交」：",
        "en": "Tap the months you paid (several allowed), then Submit:",
    },
    "dues.pay.nothing": {
        "zh": "目前没有需要报缴纳的月份。",
        "en": "There is no month to report as paid now.",
    },
    "dues.pay.sent": {
        "zh": "已提交：{months}，共 {amount} 元，等待书记确认。\n如有收据或转账截图，可以直接发一张照片过来。",
        "en": "Sent: {months}, {amount} in all, waiting for confirmation.\n"
        "You may send a photo of the receipt or transfer now.",
    },
    "dues.pay.cancelled": {"zh": "已取消。", "en": "Cancelled."},
    "dues.pay.photo_saved": {
        "zh": "收据照片已附上，谢谢！",
        "en": "Receipt photo attached, thank you!",
    },
    "dues.pay.no_photo": {
        "zh": "好的，不附收据照片了。",
        "en": "All right, no receipt photo.",
    },
    "dues.ask.payment": {
        "zh": "💰 党费缴纳待确认：{name}\n{months}，共 {amount} 元（{day}）",
        "en": "💰 Dues payment to confirm: {name}\n{months}, {amount} in all ({day})",
    },
    "dues.ask.photo": {"zh": "（附收据照片）", "en": "(receipt photo attached)"},
    "dues.ask.basis": {
        "zh": "📝 党费基数申报待确认：{name}\n{calc}",
        "en": "📝 Dues basis to confirm: {name}\n{calc}",
    },
    "dues.pending.none": {"zh": "没有待确认的党费事项。", "en": "Nothing about dues to confirm."},
    "dues.pending.title": {
        "zh": "📥 待确认的党费（{count}）",
        "en": "📥 Dues to confirm ({count})",
    },
    "dues.decided.confirmed": {
        "zh": "已确认 {name} 的党费：{months}",
        "en": "Confirmed {name}'s dues: {months}",
    },
    "dues.decided.questioned": {
        "zh": "已对 {name} 的缴费提出疑问，已通知本人。",
        "en": "Questioned {name}'s payment; they were told.",
    },
    "dues.told.confirmed": {
        "zh": "✅ 您的党费（{months}）已由 {by} 确认，谢谢！",
        "en": "✅ Your dues ({months}) were confirmed by {by}. Thank you!",
    },
    "dues.told.questioned": {
        "zh": "您报的党费缴纳（{months}）有疑问，请与 {by} 联系核对。核对后可以重新点「我已缴纳」。",
        "en": "There is a question about your payment ({months}); please talk to {by}. "
        "You can report it again afterwards.",
    },
    "dues.basis.decided": {
        "zh": "已处理 {name} 的基数申报。",
        "en": "{name}'s basis report handled.",
    },
    "dues.told.basis_ok": {
        "zh": "✅ 您申报的党费基数已确认：{calc}",
        "en": "✅ Your dues basis was confirmed: {calc}",
    },
    "dues.told.basis_no": {
        "zh": "您申报的党费基数未被确认，请与书记联系。",
        "en": "Your reported dues basis was not confirmed; please talk to the secretary.",
    },
    "dues.basis.choose": {"zh": "请选择您的情况：", "en": "Which applies to you?"},
    "dues.basis.ask_amount": {
        "zh": "请输入金额（元，阿拉伯数字，例如 3000）：",
        "en": "Type the amount in yuan (digits, e.g. 3000):",
    },
    "dues.basis.ask_reason": {"zh": "请简单写明原因：", "en": "Please give the reason:"},
    "dues.basis.reported": {
        "zh": "已提交，等待书记确认。按新基数：{calc}",
        "en": "Sent for confirmation. With the new basis: {calc}",
    },
    "dues.basis.set": {
        "zh": "已登记 {name} 的党费基数，自 {month} 起：{calc}",
        "en": "Recorded {name}'s dues basis from {month}: {calc}",
    },
    "dues.basis.usage": {
        "zh": "用法：/duesbasis 姓名 类别 金额 [起始月 如2026-03] [原因]\n类别：在职、退休、农民、低保（学生/失业）、减交、免交",
        "en": "Usage: /duesbasis name kind amount [from month e.g. 2026-03] [reason]\n"
        "Kinds: employed, retired, farmer, low, reduced, waived",
    },
    "dues.member_unknown": {
        "zh": "没有找到名叫「{name}」的党员。",
        "en": "No member named “{name}”.",
    },
    "dues.record.choose_group": {
        "zh": "登记哪一部分党员本月（{month}）的缴费？",
        "en": "Record this month's ({month}) payments for whom?",
    },
    "dues.record.choose": {
        "zh": "点选已经缴纳 {month} 党费的党员（☑️ 已选），再点「提交」：",
        "en": "Tap the members who paid for {month} (☑️ chosen), then Submit:",
    },
    "dues.record.done": {
        "zh": "已登记 {count} 人，共 {total} 元。",
        "en": "Recorded {count} people, {total} in all.",
    },
    "dues.record.extra": {"zh": "其中自愿多交 {extra} 元。", "en": "Voluntary extra: {extra}."},
    "dues.record.skipped": {"zh": "未登记：{items}", "en": "Not recorded: {items}"},
    "dues.record.usage": {
        "zh": "用法：/duespaid 姓名 金额 [月份,月份]，例如 /duespaid 王阿姨 60 2026-01,2026-02",
        "en": "Usage: /duespaid name amount [month,month], e.g. /duespaid Wang 60 2026-01,2026-02",
    },
    "dues.report.title": {
        "zh": "📊 <b>{branch} 党费收缴公示</b>（{period}）",
        "en": "📊 <b>{branch}: dues collection</b> ({period})",
    },
    "dues.report.body": {
        "zh": "已缴 {paid} 人，未缴 {unpaid} 人，共收缴党费 {collected} 元。",
        "en": "{paid} paid, {unpaid} not yet; {collected} collected.",
    },
    "dues.report.group": {"zh": "{group}：收缴率 {percent}%", "en": "{group}: {percent}% paid"},
    "dues.report.no_group": {"zh": "未分组", "en": "No group"},
    "dues.report.remitted": {"zh": "已上缴 {remitted} 元。", "en": "{remitted} remitted."},
    "dues.report.preview": {
        "zh": "这是预览，确认无误后点「发布到支部」。公示只有人数和总额，不含任何人的收入或金额。",
        "en": "Preview. Publishing shows counts and totals only, never anyone's income or amount.",
    },
    "dues.report.preview_others": {
        "zh": "这是预览；公示由书记确认后发布。公示只有人数和总额，不含任何人的收入或金额。",
        "en": "Preview; the secretary publishes it. It shows counts and totals only.",
    },
    "dues.report.published": {"zh": "已发布到支部。", "en": "Published to the branch."},
    "dues.ledger.caption": {
        "zh": "{year}年党费台账（仅限书记和负责党费的支委）",
        "en": "Dues ledger {year} (secretary and treasurer only)",
    },
    "dues.remit.usage": {
        "zh": "用法：/duesremit 起始月 结束月 金额 [日期]，例如 /duesremit 2026-01 2026-03 156.40",
        "en": "Usage: /duesremit first-month last-month amount [date]",
    },
    "dues.remit.done": {
        "zh": "已登记上缴。{year}年：收缴 {collected} 元，已上缴 {remitted} 元，结存 {held} 元。",
        "en": "Remittance recorded. {year}: collected {collected}, remitted {remitted}, "
        "held {held}.",
    },
    "dues.remit.photo": {
        "zh": "如有上缴收据，可以直接发一张照片过来。",
        "en": "You may send a photo of the receipt now.",
    },
    "dues.settings.usage": {
        "zh": "用法：/duesset 提醒日 预交月数，例如 /duesset 10,25 2（当前：{days} 日，可预交 {prepay} 个月）",
        "en": "Usage: /duesset reminder-days prepay-months, e.g. /duesset 10,25 2 "
        "(now: days {days}, prepay {prepay})",
    },
    "dues.settings.done": {
        "zh": "已设置：每月 {days} 日提醒未缴党员，最多可预交 {prepay} 个月。",
        "en": "Set: reminders on days {days}; up to {prepay} months in advance.",
    },
    "dues.pause.done": {"zh": "已暂停对 {name} 的党费提醒。", "en": "Reminders paused for {name}."},
    "dues.resume.done": {
        "zh": "已恢复对 {name} 的党费提醒。",
        "en": "Reminders resumed for {name}.",
    },
    "dues.pause.usage": {
        "zh": "用法：/duespause 姓名 原因（如长期患病）；/duesresume 姓名 恢复提醒",
        "en": "Usage: /duespause name reason; /duesresume name",
    },
    "dues.remind.gentle": {
        "zh": "💰 温馨提示：本月党费还没有缴纳，方便时请交给党小组长或书记，交好后可在 /dues 点「我已缴纳」。谢谢！",
        "en": "💰 A gentle reminder: this month's dues are not paid yet. When convenient, "
        "hand them to your group leader or the secretary, then tap “I have paid” in /dues.",
    },
    "dues.remind.firm": {
        "zh": "💰 提醒：您有党费已经超过一个月未缴纳，请尽快缴纳。可在 /dues 查看应缴金额。",
        "en": "💰 Reminder: some of your dues are more than a month overdue; please pay soon. "
        "See /dues for the amount.",
    },
    "dues.remind.serious": {
        "zh": "⚠️ 重要提醒：您已连续多个月未缴党费。按党章规定，连续6个月不交纳党费又无正当理由的，视为自行脱党。请尽快缴纳或与书记联系。",
        "en": "⚠️ Important: your dues are unpaid for several months. Under the Party "
        "constitution, six months unpaid without reason counts as leaving the Party. "
        "Please pay soon or talk to the secretary.",
    },
    "dues.alert.3": {
        "zh": "🔔 党费提醒（仅您可见）：{count} 人已欠缴3个月：{names}",
        "en": "🔔 Dues (private): {count} members 3 months in arrears: {names}",
    },
    "dues.alert.5": {
        "zh": "🔔 党费提醒（仅您可见）：{count} 人已欠缴5个月，下个月将满6个月：{names}",
        "en": "🔔 Dues (private): {count} members 5 months in arrears, six next month: {names}",
    },
    "dues.alert.6": {
        "zh": "🚩 党费（仅您可见）：{count} 人已连续6个月及以上未缴党费，已达党章规定的界限，请及时谈话处理：{names}",
        "en": "🚩 Dues (private): {count} members unpaid for six months or more, the "
        "constitution's line; please follow up: {names}",
    },
    "dues.input.expired": {
        "zh": "操作已过期，请重新打开 /dues。",
        "en": "Expired; open /dues again.",
    },
    "dues.ledger.name": {"zh": "姓名", "en": "Name"},
    "dues.ledger.group": {"zh": "党小组", "en": "Group"},
    "dues.ledger.due": {"zh": "{month} 应缴", "en": "{month} due"},
    "dues.ledger.paid": {"zh": "{month} 实缴", "en": "{month} paid"},
    "dues.ledger.date": {"zh": "{month} 日期", "en": "{month} date"},
    "dues.ledger.collected": {"zh": "合计收缴", "en": "Collected"},
    "dues.ledger.remitted": {"zh": "已上缴", "en": "Remitted"},
    "dues.ledger.held": {"zh": "结存", "en": "Held"},
    # The file holds people's payments: its name says so (personal data, officers only).
    "dues.ledger.filename": {
        "zh": "党费台账-{year}年-含个人信息.xlsx",
        "en": "dues-ledger-{year}-personal-data.xlsx",
    },
    "dues.treasurer.usage": {
        "zh": "负责党费的支委（出纳）：{name}\n用法：/duestreasurer 姓名 —— 指定一位支委负责党费（确认缴费、登记、台账）；/duestreasurer 无 —— 只由书记负责。",
        "en": "Committee member in charge of dues (treasurer): {name}\nUse /duestreasurer NAME to put one committee member in charge (confirm, record, ledger); /duestreasurer none for the secretary alone.",
    },
    "dues.treasurer.done": {
        "zh": "✅ 已设定。负责党费：{name}。只有书记和负责党费的支委能看到党费基数和台账。",
        "en": "✅ Done. In charge of dues: {name}. Only the secretary and this member see dues bases and the ledger.",
    },
    "dues.treasurer.nobody": {"zh": "未指定（仅书记）", "en": "nobody (the secretary alone)"},
    "dues.rule.treasurer_not_committee": {
        "zh": "只能指定一位支委负责党费，请先在党员管理里把他设为支委。",
        "en": "Only a committee member can be put in charge of dues; make them one in /members first.",
    },
}
