"""User-facing texts of residents' requests (居民点单, 党员接单), zh default and en."""

_REFUSALS = {
    "bad_link": (
        "这个求助链接已经停用或不存在。请扫描社区公告栏上最新的二维码。",
        "This help link is no longer valid. Please scan the newest QR code on the notice board.",
    ),
    "blocked": (
        "抱歉，您暂时不能通过这里提交求助。如有急事请直接联系社区居委会。",
        "Sorry, you cannot send requests here for now. For urgent matters please contact the "
        "community office directly.",
    ),
    "not_found": ("没有找到这条求助，它可能已被处理或删除。", "That request was not found."),
    "not_yours": ("这不是您的求助，不能替别人操作。", "This is not your request."),
    "not_allowed": (
        "只有认领了这一类岗位的党员或支部书记才能办理这条求助。",
        "Only members holding a post in this category, or the secretary, can handle this.",
    ),
    "taken": ("谢谢您！这条求助已经有其他党员接单了。", "Thank you! Someone else already took it."),
    "not_open": ("这条求助已经有人办理或已结束。", "This request is already taken or finished."),
    "not_done": ("这条求助还没有办结，办结后才能评价。", "You can rate it once it is done."),
    "rated": ("您已经评价过了，谢谢！", "You have rated it already, thank you!"),
    "bad_rating": ("评价请选 1 到 5 颗星。", "Please choose 1 to 5 stars."),
    "same_taker": (
        "这条求助已经是这位党员在办了，请选另一位。",
        "That member has this request already; please choose someone else.",
    ),
    "no_draft": (
        "这份求助已经提交或已过期，请重新扫码开始。",
        "This draft was already sent or has lapsed; please scan the code again.",
    ),
    "too_short": ("内容太短了，请多写几个字。", "That is too short; please write a little more."),
    "too_long": (
        "内容太长了，请简短一些（300字以内）。",
        "That is too long; please keep it short (300 characters at most).",
    ),
    "bad_phone": (
        "电话号码好像不对，请只写数字，例如 13800138000。",
        "That phone number looks wrong; digits only, e.g. 13800138000.",
    ),
    "too_many_open": (
        "您已有 3 条求助正在办理中，请等办结后再提交新的。",
        "You already have 3 requests in progress; please wait until one is done.",
    ),
    "too_many_today": (
        "今天提交的求助已经够多了，请明天再来。急事请直接联系社区。",
        "You have sent enough requests today; please come back tomorrow.",
    ),
    "photo_too_big": ("照片太大了（最大 5MB），请换一张。", "The photo is too big (5 MB at most)."),
    "photo_type": (
        "只能发送 JPG、PNG 或 WEBP 图片。",
        "Only JPG, PNG or WEBP pictures can be sent.",
    ),
    "not_member": ("您还不是本支部的党员。", "You are not a member of this branch."),
}
_STATES = {
    "open": ("⏳ 等待接单", "⏳ waiting"),
    "taken": ("🚶 正在办理", "🚶 in progress"),
    "done": ("✅ 已办结", "✅ done"),
    "closed": ("✖️ 已关闭", "✖️ closed"),
}

TEXTS: dict[str, dict[str, str]] = {
    **{f"residents.refuse.{k}": {"zh": zh, "en": en} for k, (zh, en) in _REFUSALS.items()},
    **{f"residents.state.{k}": {"zh": zh, "en": en} for k, (zh, en) in _STATES.items()},
    "residents.welcome": {
        "zh": "🏠 <b>{branch}</b> · 居民点单，党员接单\n\n"
        "有困难可以在这里告诉社区党员，不用注册。\n"
        "我们只保存您写的内容、地址、电话（可不填）和照片（可不发），只用于上门帮忙；"
        "电话只给接单的党员看。办结或关闭 {days} 天后删除。\n\n"
        "👇 请选择求助类别：",
        "en": "🏠 <b>{branch}</b> · Residents ask, members help\n\n"
        "Tell the community's Party members what you need; no registration.\n"
        "We keep only what you write, the address, the phone (optional) and a photo (optional), "
        "only to help you; only the member who takes it sees the phone. We delete them "
        "{days} days after the request is finished.\n\n"
        "👇 Choose a category:",
    },
    "residents.limited": {
        "zh": "您现在不能提交新的求助，但可以查看「我的求助」。",
        "en": "You cannot send a new request now, but you can look at My requests.",
    },
    "residents.ask.text": {
        "zh": "【{cat}】请写下您需要什么帮助，例如：楼道灯坏了，家里只有老人。",
        "en": "[{cat}] Please write what you need, e.g. the stair light is broken.",
    },
    "residents.ask.addr": {
        "zh": "请写地址（几号楼几单元几室），不想写可以点「跳过」。",
        "en": "Your address (building, unit, flat), or press Skip.",
    },
    "residents.ask.phone": {
        "zh": "请留一个联系电话（只有接单的党员能看到），不想留可以点「跳过」。",
        "en": "A phone number (only the member who takes it sees it), or press Skip.",
    },
    "residents.ask.photo": {
        "zh": "可以发一张照片说明情况，没有可以点「跳过」。",
        "en": "You may send one photo, or press Skip.",
    },
    "residents.ask.pick": {
        "zh": "请点上面的按钮选择求助类别。",
        "en": "Please tap a category button above.",
    },
    "residents.ask.press": {
        "zh": "请点上面的「提交」或「取消」。",
        "en": "Please tap Send or Cancel above.",
    },
    "residents.ask.need_photo": {
        "zh": "这一步请发送照片，或点「跳过」。",
        "en": "Please send a photo here, or press Skip.",
    },
    "residents.ask.confirm": {
        "zh": "请核对您的求助：\n{summary}{phone}{photo}\n\n确认无误请点「提交」。",
        "en": "Please check your request:\n{summary}{phone}{photo}\n\nPress Send if it is right.",
    },
    "residents.ask.has_photo": {"zh": "\n📷 附照片一张", "en": "\n📷 one photo"},
    "residents.ask.submitted": {
        "zh": "✅ 已提交（编号 #{id}）。已通知负责这一类的党员，有人接单会马上告诉您。",
        "en": "✅ Sent (no. #{id}). The members for this category were told; "
        "we will tell you who is coming.",
    },
    "residents.ask.submitted_nobody": {
        "zh": "✅ 已提交（编号 #{id}）。已转给社区党支部书记安排，请耐心等待。",
        "en": "✅ Sent (no. #{id}). The branch secretary will arrange help.",
    },
    "residents.ask.cancelled": {"zh": "已取消，没有提交。", "en": "Cancelled; nothing was sent."},
    "residents.summary": {
        "zh": "#{id}【{cat}】\n{text}{where}\n提交时间：{at}",
        "en": "#{id} [{cat}]\n{text}{where}\nSent: {at}",
    },
    "residents.line.address": {"zh": "\n地址：{a}", "en": "\nAddress: {a}"},
    "residents.line.phone": {"zh": "\n电话：{p}", "en": "\nPhone: {p}"},
    "residents.mine.title": {"zh": "📋 我的求助", "en": "📋 My requests"},
    "residents.mine.empty": {"zh": "您还没有提交过求助。", "en": "You have no requests yet."},
    "residents.mine.line": {
        "zh": "#{id}【{cat}】{state}{who}\n{text}",
        "en": "#{id} [{cat}] {state}{who}\n{text}",
    },
    "residents.mine.who": {"zh": "（{name}）", "en": " ({name})"},
    "residents.ask.new": {
        "zh": "🆘 <b>居民求助</b>（您认领的岗位类别）",
        "en": "🆘 <b>A resident asks for help</b> (your post's category)",
    },
    "residents.ask.taken_by": {
        "zh": "求助 #{id} 已由 {name} 接单，谢谢大家。",
        "en": "Request #{id} was taken by {name}; thank you all.",
    },
    "residents.escalated.late": {
        "zh": "⏰ <b>这条居民求助长时间无人接单</b>，请安排：",
        "en": "⏰ <b>Nobody took this resident's request in time</b>; please arrange:",
    },
    "residents.escalated.nobody": {
        "zh": "⚠️ <b>这一类岗位暂无党员认领</b>，请安排这条居民求助：",
        "en": "⚠️ <b>Nobody holds a post in this category</b>; please arrange this request:",
    },
    "residents.resident.taken": {
        "zh": "🚶 您的求助 #{id} 已由党员 {name} 接单，会尽快联系或上门。",
        "en": "🚶 Your request #{id} was taken by {name}, who will be in touch soon.",
    },
    "residents.resident.reassigned": {
        "zh": "🚶 您的求助 #{id} 现改由党员 {name} 办理，会尽快联系或上门。",
        "en": "🚶 Your request #{id} is now in the hands of {name}, who will be in touch soon.",
    },
    "residents.resident.done": {
        "zh": "✅ 您的求助 #{id} 已由 {name} 办结：{note}\n\n请给这次服务打个分：",
        "en": "✅ Your request #{id} was done by {name}: {note}\n\nPlease rate the help:",
    },
    "residents.resident.closed": {
        "zh": "您的求助 #{id} 已由社区关闭。原因：{reason}",
        "en": "Your request #{id} was closed by the community. Reason: {reason}",
    },
    "residents.rated": {
        "zh": "谢谢您的评价（{stars}）！想说几句可以直接写，或点「跳过」。",
        "en": "Thank you ({stars})! Write a comment if you like, or press Skip.",
    },
    "residents.comment.thanks": {"zh": "谢谢，已收到您的意见。", "en": "Thank you for your words."},
    "residents.taker.took": {
        "zh": "🙋 <b>您已接单</b>，办完后请点「办结」并写一句办理情况：",
        "en": "🙋 <b>You took it</b>; when done press Done and write a line:",
    },
    "residents.taker.assigned": {
        "zh": "📌 支部书记请您办理这条居民求助。",
        "en": "📌 The secretary asks you to handle this resident's request.",
    },
    "residents.taker.reassigned": {
        "zh": "支部书记已改由 {name} 办理您接的这条求助，您不用再去了，谢谢您：",
        "en": "The secretary handed this request you took to {name}; no need to go. Thank you:",
    },
    "residents.taker.remind": {
        "zh": "🔔 温馨提醒：您接的这条居民求助还没有办结。办好了请点「办结」写一句；"
        "办不了也没关系，请告诉支部书记。",
        "en": "🔔 A gentle reminder: this request you took is not marked done yet. If it is done "
        "press Done; if you cannot do it, please tell the secretary.",
    },
    "residents.escalated.unfinished": {
        "zh": "⏰ <b>{name} 接的这条居民求助很久还没有办结</b>（已提醒过），请过问或改派：",
        "en": "⏰ <b>{name} took this request long ago and it is not done</b> (reminded once); "
        "please check or hand it to someone else:",
    },
    "residents.btn.reassign": {"zh": "📌 改派", "en": "📌 Reassign"},
    "residents.btn.remind": {"zh": "{h}小时催办", "en": "nudge taker after {h} h"},
    "residents.btn.history": {"zh": "📜 已办结的求助", "en": "📜 Finished requests"},
    "residents.btn.counts": {"zh": "📊 分类统计", "en": "📊 By category"},
    "residents.btn.older": {"zh": "⬅️ 更早的", "en": "⬅️ Older"},
    "residents.btn.newer": {"zh": "更近的 ➡️", "en": "Newer ➡️"},
    "residents.btn.back": {"zh": "↩️ 返回", "en": "↩️ Back"},
    "residents.history.title": {
        "zh": "📜 <b>已办结或关闭的求助</b>（第 {page} 页）",
        "en": "📜 <b>Finished or closed requests</b> (page {page})",
    },
    "residents.history.empty": {
        "zh": "还没有办结或关闭的求助。",
        "en": "No finished or closed requests yet.",
    },
    "residents.history.done": {
        "zh": "✅ #{id} {cat} · {at}\n{text}\n办理：{name}（{note}）\n评价：{stars}{comment}",
        "en": "✅ #{id} {cat} · {at}\n{text}\nDone by {name} ({note})\nRating: {stars}{comment}",
    },
    "residents.history.closed": {
        "zh": "✖️ #{id} {cat} · {at}\n{text}\n已关闭：{reason}",
        "en": "✖️ #{id} {cat} · {at}\n{text}\nClosed: {reason}",
    },
    "residents.history.withdrawn": {"zh": "居民撤回", "en": "withdrawn by the resident"},
    "residents.counts.title": {
        "zh": "📊 <b>各类居民求助</b>（保留期内）",
        "en": "📊 <b>Residents' requests by category</b> (those still kept)",
    },
    "residents.counts.line": {
        "zh": "<b>{cat}</b>：共 {total} 条，办结 {done}，办理中 {busy}，关闭 {closed}{avg}",
        "en": "<b>{cat}</b>: {total} in all, {done} done, {busy} in progress, {closed} closed{avg}",
    },
    "residents.counts.avg": {"zh": "，平均 {avg} 星", "en": ", mean {avg} stars"},
    "residents.counts.none": {"zh": "（类别已删除）", "en": "(category removed)"},
    "residents.counts.empty": {"zh": "还没有居民求助。", "en": "No residents' requests yet."},
    "residents.taker.withdrawn": {
        "zh": "居民已撤回这条求助，不用再办了，谢谢您：",
        "en": "The resident withdrew this request; no need to go. Thank you:",
    },
    "residents.taker.closed": {
        "zh": "支部书记关闭了您接的这条求助（原因：{reason}），不用再办了：",
        "en": "The secretary closed this request you took ({reason}); no need to go:",
    },
    "residents.withdrawn": {
        "zh": "已撤回求助 #{id}。",
        "en": "Request #{id} is withdrawn.",
    },
    "residents.btn.withdraw": {"zh": "↩️ 撤回 #{id}", "en": "↩️ Withdraw #{id}"},
    "residents.taker.none": {
        "zh": "您手上没有正在办理的居民求助。",
        "en": "You have no residents' requests in progress.",
    },
    "residents.taker.list": {"zh": "🙋 我接的居民求助：", "en": "🙋 Requests I took:"},
    "residents.taker.note": {
        "zh": "请写一句办理情况（例如：已换好灯泡），会记入您的岗位履职记录。",
        "en": "Write a line on what was done; it goes into your duty record.",
    },
    "residents.taker.done": {
        "zh": "✅ 求助 #{id} 已办结，已记入履职记录。谢谢您！",
        "en": "✅ Request #{id} is done and in your duty record. Thank you!",
    },
    "residents.officer.menu": {
        "zh": "🏠 <b>居民点单</b>\n正在等待或办理中：{n} 条",
        "en": "🏠 <b>Residents' requests</b>\nWaiting or in progress: {n}",
    },
    "residents.officer.link": {
        "zh": "请把这个二维码贴在社区公告栏。居民扫码即可求助，不用注册。\n{url}",
        "en": "Put this QR code on the notice board; residents scan it to ask for help.\n{url}",
    },
    "residents.officer.revoked": {
        "zh": "已停用求助链接，旧二维码不能再用。需要时点「换新链接」。",
        "en": "The link is revoked; the old QR code no longer works.",
    },
    "residents.officer.list": {"zh": "📋 等待或办理中的求助：", "en": "📋 Waiting or in progress:"},
    "residents.officer.empty": {"zh": "没有等待中的求助。", "en": "Nothing is waiting."},
    "residents.officer.choose": {"zh": "请选择由谁来办：", "en": "Who should handle it?"},
    "residents.officer.assigned": {
        "zh": "已指派 {name} 办理求助 #{id}。",
        "en": "{name} will handle request #{id}.",
    },
    "residents.officer.close_reason": {
        "zh": "请写关闭原因（会告诉居民）：",
        "en": "Write why it is closed (the resident is told):",
    },
    "residents.officer.closed": {"zh": "求助 #{id} 已关闭。", "en": "Request #{id} is closed."},
    "residents.officer.blocked": {
        "zh": "已禁止这位居民再通过链接求助。",
        "en": "That resident can no longer send requests.",
    },
    "residents.officer.blocked_already": {
        "zh": "这位居民已经被禁止了。",
        "en": "That resident was blocked already.",
    },
    "residents.officer.unblocked": {
        "zh": "已解除禁止，这位居民可以再次求助。",
        "en": "Unblocked; that resident may ask again.",
    },
    "residents.officer.not_blocked": {
        "zh": "这位居民没有被禁止。",
        "en": "That resident is not blocked.",
    },
    "residents.btn.unblock": {"zh": "↩️ 解除禁止", "en": "↩️ Unblock"},
    "residents.officer.settings": {
        "zh": "⚙️ 无人接单 {h} 小时后提醒书记；接单 {r} 小时还没办结，提醒接单党员一次，"
        "再过 {r} 小时告诉书记；办结或关闭 {d} 天后删除求助和照片。",
        "en": "⚙️ Tell the secretary after {h} h without a taker; remind the taker once when "
        "a request is not done {r} h after it was taken, and the secretary {r} h later; "
        "delete requests and photos {d} days after they finish.",
    },
    "residents.btn.take": {"zh": "🙋 我来办", "en": "🙋 I'll do it"},
    "residents.btn.done": {"zh": "✅ 办结", "en": "✅ Done"},
    "residents.btn.assign": {"zh": "📌 指派", "en": "📌 Assign"},
    "residents.btn.close": {"zh": "✖️ 关闭", "en": "✖️ Close"},
    "residents.btn.block": {"zh": "⛔ 禁止此居民", "en": "⛔ Block resident"},
    "residents.btn.skip": {"zh": "⏭ 跳过", "en": "⏭ Skip"},
    "residents.btn.submit": {"zh": "✅ 提交", "en": "✅ Send"},
    "residents.btn.cancel": {"zh": "✖️ 取消", "en": "✖️ Cancel"},
    "residents.btn.mine": {"zh": "📋 我的求助", "en": "📋 My requests"},
    "residents.btn.new": {"zh": "🆘 我要求助", "en": "🆘 Ask for help"},
    "residents.btn.link": {"zh": "🔗 链接和二维码", "en": "🔗 Link and QR"},
    "residents.btn.renew": {"zh": "🔄 换新链接", "en": "🔄 New link"},
    "residents.btn.revoke": {"zh": "⛔ 停用链接", "en": "⛔ Revoke link"},
    "residents.btn.list": {"zh": "📋 待处理求助", "en": "📋 Waiting requests"},
    "residents.btn.settings": {"zh": "⚙️ 设置", "en": "⚙️ Settings"},
    "residents.btn.hours": {"zh": "{h}小时提醒", "en": "remind after {h} h"},
    "residents.btn.days": {"zh": "保留{d}天", "en": "keep {d} days"},
    "cmd.residents": {"zh": "居民点单", "en": "Residents' requests"},
    "residents.btn.mytaken": {"zh": "🙋 我接的求助", "en": "🙋 Requests I took"},
}
