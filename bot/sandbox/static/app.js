// Web chat for the sandbox: act as simulated people. Vanilla JS, no build step, works offline.
"use strict";

const API = "/sandbox/api";
const $ = (sel) => document.querySelector(sel);
const view = { users: [], user: null, chat: null, seq: 0, poll: null, actionTimer: null };
// Telegram refuses longer texts; its apps send a longer one as several messages.
const MAX_TEXT = 4096;
const TME_LINK = /^(?:https?:\/\/)?t\.me\/([A-Za-z0-9_]+)(?:\?start=([A-Za-z0-9_-]{1,64}))?$/;

async function api(path, options = {}) {
  const init = { ...options };
  if (init.json !== undefined) {
    init.body = JSON.stringify(init.json);
    init.headers = { "Content-Type": "application/json" };
    init.method = init.method || "POST";
    delete init.json;
  }
  const resp = await fetch(API + path, init);
  const data = await resp.json();
  if (!data.ok) throw new Error(data.error || resp.statusText);
  return data;
}

function toast(text) {
  const box = $("#toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(box.timer);
  box.timer = setTimeout(() => { box.hidden = true; }, 3000);
}

function showAlert(text) {
  $("#alert-text").textContent = text;
  $("#alert").hidden = false;
}

function failed(err) { toast("⚠ " + err.message); }

function chatQuery() {
  return view.chat && view.chat.bot ? "bot=" + encodeURIComponent(view.chat.bot) : "";
}

function chatBody(extra) {
  return { ...extra, chat_id: view.chat.id, bot: view.chat.bot || null };
}

// --- sidebar -------------------------------------------------------------------------------

async function loadUsers(selectId) {
  const data = await api("/users");
  view.users = data.users;
  const list = $("#user-list");
  list.replaceChildren();
  for (const u of view.users) {
    const li = document.createElement("li");
    li.className = "user-item";
    li.dataset.userId = u.id;
    li.dataset.testid = "user-item";
    li.textContent = [u.first_name, u.last_name].filter(Boolean).join(" ");
    const small = document.createElement("small");
    small.textContent = "id " + u.id + (u.username ? " · @" + u.username : "");
    li.append(small);
    li.addEventListener("click", () => selectUser(u.id).catch(failed));
    list.append(li);
  }
  if (selectId) await selectUser(selectId);
  markActive();
  // Only the operator (or nobody): a plain sandbox, say how to get the demo branch.
  $("#demo-hint").hidden = view.users.length > 1;
}

function setPeopleOpen(open) {
  document.body.classList.toggle("people-open", open);
  $("#people-toggle").setAttribute("aria-expanded", String(open));
}

function markActive() {
  for (const li of document.querySelectorAll("#user-list li")) {
    li.classList.toggle("active", view.user && Number(li.dataset.userId) === view.user.id);
  }
  for (const li of document.querySelectorAll("#chat-list li")) {
    li.classList.toggle("active", view.chat && Number(li.dataset.chatId) === view.chat.id
      && (li.dataset.bot || "") === (view.chat.bot || ""));
  }
}

async function selectUser(id) {
  view.user = view.users.find((u) => u.id === Number(id)) || null;
  setPeopleOpen(false);
  const chats = await loadChats();
  if (chats.length) await openChat(chats[0]);
  markActive();
}

async function loadChats() {
  const data = await api("/chats?user_id=" + view.user.id);
  const list = $("#chat-list");
  list.replaceChildren();
  for (const chat of data.chats) {
    const li = document.createElement("li");
    li.className = "chat-item";
    li.dataset.chatId = chat.id;
    li.dataset.bot = chat.bot || "";
    li.textContent = (chat.type === "private" ? "🤖 " : "👥 ") + chat.title;
    li.addEventListener("click", () => openChat(chat).catch(failed));
    list.append(li);
  }
  return data.chats;
}

// --- chat pane -----------------------------------------------------------------------------

async function openChat(chat) {
  if (view.poll) view.poll.abort();
  view.chat = chat;
  $("#chat-title").textContent = (chat.type === "private" ? "🤖 " : "👥 ") + chat.title
    + " — " + view.user.first_name;
  const data = await api(`/chats/${chat.id}/messages?${chatQuery()}`);
  $("#messages").replaceChildren(...data.messages.map(renderMessage));
  view.seq = data.seq;
  scrollDown();
  await refreshKeyboard();
  $("#start-bar").hidden = !(chat.type === "private" && data.messages.length === 0);
  markActive();
  pollEvents();
}

async function pollEvents() {
  const controller = new AbortController();
  view.poll = controller;
  const chat = view.chat;
  while (!controller.signal.aborted && view.chat === chat) {
    try {
      const q = `after=${view.seq}&timeout=25&${chatQuery()}`;
      const resp = await fetch(`${API}/chats/${chat.id}/events?${q}`, { signal: controller.signal });
      const data = await resp.json();
      if (!data.ok) throw new Error(data.error);
      for (const event of data.events) handleEvent(event);
      view.seq = Math.max(view.seq, data.last_seq);
    } catch (err) {
      if (controller.signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function handleEvent(event) {
  const box = $("#messages");
  if (event.kind === "message") {
    box.append(renderMessage(event.message));
    $("#start-bar").hidden = true;
    if (event.message.sandbox.reply_markup) refreshKeyboard().catch(failed);
    scrollDown();
  } else if (event.kind === "edit") {
    const old = box.querySelector(`[data-message-id="${event.message.message_id}"]`);
    if (old) old.replaceWith(renderMessage(event.message));
  } else if (event.kind === "delete") {
    const old = box.querySelector(`[data-message-id="${event.message_id}"]`);
    if (old) old.remove();
  } else if (event.kind === "chat_action") {
    $("#chat-action").textContent = event.action === "typing" ? "正在输入… typing" : "… " + event.action;
    clearTimeout(view.actionTimer);
    view.actionTimer = setTimeout(() => { $("#chat-action").textContent = ""; }, 5000);
  } else if (event.kind === "callback_answer" && view.user && event.user_id === view.user.id) {
    if (event.url) openUrl(event.url).catch(failed);
    if (event.text && event.show_alert) showAlert(event.text);
    else if (event.text) toast(event.text);
  } else if (event.kind === "blocked" || event.kind === "unblocked") {
    toast(event.kind === "blocked" ? "已屏蔽机器人 bot blocked" : "已解除屏蔽 unblocked");
  }
}

function scrollDown() {
  const box = $("#messages");
  box.scrollTop = box.scrollHeight;
}

function serviceText(msg) {
  if (msg.new_chat_members) return "➕ " + msg.new_chat_members.map((u) => u.first_name).join("、") + " 加入了群";
  if (msg.left_chat_member) return "➖ " + msg.left_chat_member.first_name + " 离开了群";
  if (msg.migrate_to_chat_id) return "⬆ 群已升级为超级群 " + msg.migrate_to_chat_id;
  if (msg.migrate_from_chat_id) return "⬆ 由普通群 " + msg.migrate_from_chat_id + " 升级";
  return null;
}

function renderMessage(msg) {
  const x = msg.sandbox || {};
  const div = document.createElement("div");
  div.dataset.messageId = msg.message_id;
  const service = serviceText(msg);
  if (service) {
    div.className = "message service-message";
    div.textContent = service;
    return div;
  }
  div.className = "message " + (x.from_bot ? "bot-message" : "user-message");
  div.dataset.testid = x.from_bot ? "bot-message" : "user-message";
  if (view.chat && view.chat.type !== "private") {
    const who = document.createElement("div");
    who.className = "sender";
    who.textContent = msg.from.first_name;
    div.append(who);
  }
  if (msg.photo) {
    const img = document.createElement("img");
    img.className = "photo";
    img.src = x.file_url;
    img.alt = "photo";
    div.append(img);
  }
  if (msg.document) {
    const a = document.createElement("a");
    a.className = "document";
    a.href = x.file_url;
    a.download = msg.document.file_name || "file";
    a.textContent = "📄 " + (msg.document.file_name || "文件") + " (" + Math.ceil(msg.document.file_size / 1024) + " KB)";
    div.append(a);
  }
  if (msg.location) {
    const loc = document.createElement("div");
    loc.className = "location";
    loc.textContent = `📍 ${msg.location.latitude}, ${msg.location.longitude}`
      + (msg.location.live_period ? " (实时 live)" : "");
    div.append(loc);
  }
  if (msg.contact) {
    const c = document.createElement("div");
    c.className = "contact";
    c.textContent = "👤 " + msg.contact.first_name + " " + msg.contact.phone_number;
    div.append(c);
  }
  if (x.html) {
    const body = document.createElement("div");
    body.className = "text";
    body.innerHTML = x.html; // escaped by the server (entities.to_html)
    for (const s of body.querySelectorAll(".tg-spoiler")) {
      s.addEventListener("click", () => s.classList.add("revealed"));
    }
    linkTme(body);
    div.append(body);
  }
  const markup = x.reply_markup;
  if (markup && markup.inline_keyboard) div.append(renderInline(msg, markup.inline_keyboard));
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = (msg.edit_date ? "已编辑 edited · " : "")
    + new Date(msg.date * 1000).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit" });
  div.append(meta);
  return div;
}

// Telegram's apps make any t.me link in a text tappable, entity or not.
function linkTme(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("a") && /t\.me\//.test(node.nodeValue)) found.push(node);
  }
  for (const node of found) {
    const frag = document.createDocumentFragment();
    let last = 0;
    const text = node.nodeValue;
    for (const m of text.matchAll(/(?:https?:\/\/)?t\.me\/[A-Za-z0-9_]+(?:\?start=[A-Za-z0-9_-]{1,64})?/g)) {
      frag.append(text.slice(last, m.index));
      const a = document.createElement("a");
      a.href = m[0].startsWith("http") ? m[0] : "https://" + m[0];
      a.textContent = m[0];
      frag.append(a);
      last = m.index + m[0].length;
    }
    frag.append(text.slice(last));
    node.replaceWith(frag);
  }
}

function renderInline(msg, rows) {
  const box = document.createElement("div");
  box.className = "inline-keyboard";
  for (const row of rows) {
    const line = document.createElement("div");
    line.className = "inline-row";
    for (const button of row) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "inline-button";
      b.dataset.testid = "inline-button";
      b.textContent = button.text + (button.url ? " ↗" : "");
      b.addEventListener("click", () => pressInline(msg, button).catch(failed));
      line.append(b);
    }
    box.append(line);
  }
  return box;
}

async function pressInline(msg, button) {
  if (button.callback_data !== undefined) {
    await api(`/users/${view.user.id}/press_data`, {
      json: chatBody({ callback_data: button.callback_data, message_id: msg.message_id, timeout: 0 }),
    });
  } else if (button.url) {
    await openUrl(button.url);
  } else {
    toast("此按钮在沙盒中无动作 (" + Object.keys(button).filter((k) => k !== "text")[0] + ")");
  }
}

async function refreshKeyboard() {
  const data = await api(`/chats/${view.chat.id}/keyboard?${chatQuery()}`);
  const box = $("#reply-keyboard");
  box.replaceChildren();
  box.hidden = !data.markup;
  $("#message-input").placeholder = (data.markup && data.markup.input_field_placeholder) || "输入消息 message…";
  if (!data.markup) return;
  for (const row of data.markup.keyboard) {
    const line = document.createElement("div");
    line.className = "reply-row";
    for (const button of row) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "reply-button";
      b.dataset.testid = "reply-button";
      b.textContent = button.text;
      b.addEventListener("click", () => pressReply(button.text, data.markup).catch(failed));
      line.append(b);
    }
    box.append(line);
  }
}

async function pressReply(text, markup) {
  await api(`/users/${view.user.id}/press`, { json: chatBody({ button_text: text, timeout: 0 }) });
  if (markup.one_time_keyboard) $("#reply-keyboard").hidden = true;
}

// A t.me link to a bot opens that bot's chat in the sandbox (as Telegram would), pressing
// Start with its payload; anything else opens in a new tab.
async function openUrl(url) {
  const m = TME_LINK.exec(url);
  if (!m) {
    window.open(url, "_blank", "noopener");
    return;
  }
  if (!view.user) throw new Error("请先新建或选择用户 · pick a user first");
  await api(`/users/${view.user.id}/open_link`, { json: { url } });
  const chats = await loadChats();
  const chat = chats.find((c) => c.type === "private" && c.bot === m[1])
    || chats.find((c) => c.type === "private");
  if (chat) await openChat(chat);
}

function splitText(text) {
  const parts = [];
  let rest = text;
  while (rest.length > MAX_TEXT) {
    let cut = MAX_TEXT;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // never split a surrogate pair
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts.filter((p) => p.trim());
}

// --- composer ------------------------------------------------------------------------------

function needChat() {
  if (!view.user || !view.chat) throw new Error("请先新建或选择用户 · pick a user first");
}

async function sendText(event) {
  event.preventDefault();
  needChat();
  const input = $("#message-input");
  const text = input.value;
  if (!text.trim()) return;
  const parts = splitText(text);
  if (parts.length > 1) toast(`超过 ${MAX_TEXT} 字，分成 ${parts.length} 条发送 · sent as ${parts.length} messages`);
  for (const part of parts) {
    await api(`/users/${view.user.id}/send`, { json: chatBody({ text: part }) });
  }
  input.value = "";
  input.focus();
}

async function sendFile() {
  needChat();
  const input = $("#file-input");
  const file = input.files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file, file.name);
  form.append("chat_id", view.chat.id);
  if (view.chat.bot) form.append("bot", view.chat.bot);
  if (file.type) form.append("mime_type", file.type);
  // A picture goes as a photo, as Telegram's apps send one; anything else as a file.
  const kind = /^image\/(jpeg|png|gif|webp)$/.test(file.type) ? "photo" : "document";
  await api(`/users/${view.user.id}/${kind}`, { method: "POST", body: form });
  input.value = "";
}

async function sendLocation(event) {
  event.preventDefault();
  needChat();
  const latitude = Number($("#lat-input").value);
  const longitude = Number($("#lon-input").value);
  const live = $("#live-input").checked ? { live_period: 900 } : {};
  await api(`/users/${view.user.id}/location`, { json: chatBody({ latitude, longitude, ...live }) });
  $("#location-form").hidden = true;
}

async function createUser(event) {
  event.preventDefault();
  const input = $("#new-user-name");
  const name = input.value.trim();
  if (!name) return;
  const data = await api("/users", { json: { first_name: name } });
  input.value = "";
  await loadUsers(data.user.id);
}

async function createGroup(event) {
  event.preventDefault();
  needChat();
  const input = $("#new-group-title");
  const title = input.value.trim();
  if (!title) return;
  const data = await api("/groups", {
    json: { title, member_ids: [view.user.id], added_by: view.user.id, add_bot: true },
  });
  input.value = "";
  await loadChats();
  await openChat({ ...data.group, bot: null });
}

function wire() {
  $("#new-user-form").addEventListener("submit", (e) => createUser(e).catch(failed));
  $("#new-group-form").addEventListener("submit", (e) => createGroup(e).catch(failed));
  $("#composer").addEventListener("submit", (e) => sendText(e).catch(failed));
  $("#file-input").addEventListener("change", () => sendFile().catch(failed));
  $("#location-button").addEventListener("click", () => { $("#location-form").hidden = !$("#location-form").hidden; });
  $("#location-form").addEventListener("submit", (e) => sendLocation(e).catch(failed));
  $("#start-button").addEventListener("click", () => {
    needChat();
    api(`/users/${view.user.id}/start`, { json: chatBody({}) }).catch(failed);
  });
  $("#alert-ok").addEventListener("click", () => { $("#alert").hidden = true; });
  $("#people-toggle").addEventListener("click", () => {
    setPeopleOpen(!document.body.classList.contains("people-open"));
  });
  $("#messages").addEventListener("click", (e) => {
    const a = e.target.closest("a[href]");
    if (a && TME_LINK.test(a.getAttribute("href"))) {
      e.preventDefault();
      openUrl(a.getAttribute("href")).catch(failed);
    }
  });
  loadUsers().catch(failed);
}

wire();
