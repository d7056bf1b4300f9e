// The student's page: join with the class code, then draw the seat's own view from the host.
import { Link, clockText, el, show } from "/static/common.js";

const KEY = "parley-seat-token";
let state = null;
let turnKey = "";
let keptTurn = "";  // the turn whose form is on screen, so a redraw can keep what the student has entered
let sent = ""; // what the seat just did, confirmed once the host's next state arrives
let confirmation = ""; // "You chose …": shown at the top of the turn card until the table moves on (or back)
let confirmedAt = -1; // the table's moves when it was confirmed
let clockLeft = null;

// The first state on a new connection holds every message the seat may read; a later one may have
// been built just before a message that came on its own, so that message is kept (``laterMessages``).
let fresh = true;
const link = new Link(receive, () => {
  fresh = true;
  const token = localStorage.getItem(KEY);
  return token ? { type: "hello", token } : null;
});

const params = new URLSearchParams(location.search);
if (params.get("code")) document.getElementById("code").value = params.get("code");
if (localStorage.getItem(KEY)) document.getElementById("join").hidden = true;

document.getElementById("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  link.send({ type: "join", code: form.code.value.trim(), name: form.name.value.trim() });
});

document.getElementById("say-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = document.getElementById("say-text");
  link.send({ type: "say", to: document.getElementById("say-to").value, text: text.value });
  text.value = "";
  countTyped();
});

// How much of a message's room is used: a pasted text longer than the room is cut by the box, and
// the student is told so rather than finding it cut after sending.
function countTyped() {
  const text = document.getElementById("say-text");
  const room = Number(text.getAttribute("maxlength"));
  show("say-count", `${text.value.length} of ${room} characters${text.value.length >= room ? ": the message is full" : ""}`);
}
document.getElementById("say-text").addEventListener("input", countTyped);

// Messages that arrived while the list was out of sight are counted in its heading and the tab's
// title until the list is seen, so a private note is not missed below the fold on a phone.
let seenMessages = 0;
let messagesInView = false;
const pageTitle = document.title;
new IntersectionObserver((entries) => {
  messagesInView = entries.some((entry) => entry.isIntersecting);
  if (messagesInView && !document.hidden) markMessagesSeen();
}).observe(document.getElementById("messages"));
document.addEventListener("visibilitychange", () => { if (messagesInView && !document.hidden) markMessagesSeen(); });

function markMessagesSeen() {
  seenMessages = state ? state.messages.length : 0;
  keepSeen();
  showUnread();
}

// How many messages the seat has seen is kept with the seat's token, so a reload does not count the
// notes already read as new again.
const SEEN_KEY = "parley-seen-messages";
function keepSeen() {
  localStorage.setItem(SEEN_KEY, JSON.stringify({ token: localStorage.getItem(KEY), seen: seenMessages }));
}
function seenBefore() {
  try {
    const kept = JSON.parse(localStorage.getItem(SEEN_KEY) || "{}");
    return kept.token && kept.token === localStorage.getItem(KEY) ? Number(kept.seen) || 0 : 0;
  } catch {
    return 0;
  }
}

function showUnread() {
  const mine = state ? state.seat : "";
  const unread = state ? state.messages.slice(seenMessages).filter((m) => m.from !== mine).length : 0;
  const badge = document.getElementById("unread");
  badge.hidden = !unread;
  badge.textContent = unread ? `${unread} new` : "";
  document.title = unread ? `(${unread}) ${pageTitle}` : pageTitle;
}

// The teacher's latest announcement stays under the header until the student dismisses it (a newer
// one shows again); it stays in the messages either way.
let dismissed = "";
document.getElementById("dismiss-announcement").addEventListener("click", () => {
  const announced = state && state.messages.filter((m) => m.to === "*class").pop();
  dismissed = announced ? announced.sent + announced.text : "";
  document.getElementById("announcement-bar").hidden = true;
});

// The host's errors are phrases ("the class has ended: …"); on the page they begin as a sentence.
function sentence(text) {
  const words = String(text || "");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function replyTo(sender) {
  document.getElementById("say-to").value = sender;
  document.getElementById("say-text").focus();
}

setInterval(() => {
  if (clockLeft !== null && state && state.clock_running && !state.paused && link.connected) clockLeft = Math.max(0, clockLeft - 1);
  show("clock", clockWords());
}, 1000);

function clockWords() {
  // A stopped clock says so (the table waits for a seat, or for the class to start): it is no countdown.
  if (!state || clockLeft === null) return "";
  if (state.paused) return "Paused";
  return state.clock_running ? clockText(clockLeft) : `${clockText(clockLeft)} (clock stopped)`;
}

function receive(message) {
  if (message.type === "joined") {
    localStorage.setItem(KEY, message.token);
  } else if (message.type === "seat") {
    if (!state) seenMessages = seenBefore();  // this page's first state: what was read before a reload
    if (!state || message.moves !== state.moves) turnError("");  // the table moved on: the refusal is old
    if (state && !fresh) message.messages.push(...laterMessages(state.messages, message.messages));
    fresh = false;
    state = message;
    const done = sent;
    if (done) [confirmation, sent, turnKey, confirmedAt] = [done, "", "", message.moves];
    else if (confirmation && message.moves !== confirmedAt) confirmation = "";  // another move, or the teacher's undo
    draw();
    if (done) document.getElementById("turn-h").focus();
  } else if (message.type === "message") {
    if (state) addMessage(message.message);
  } else if (message.type === "error") {
    const acting = sent;
    sent = "";
    show("error", sentence(message.message));
    if (acting) turnError(sentence(message.message));  // where the student pressed, not a phone's screens away
    if (!state && message.code === "unknown-seat") {
      localStorage.removeItem(KEY);
      document.getElementById("join").hidden = false;
    }
  } else if (message.type === "removed") {
    localStorage.removeItem(KEY);
    link.stop();
    document.getElementById("seat").hidden = true;
    show("status", "");  // no "Connected." beside being removed
    show("error", message.message);
  }
}

// A new message comes on its own, not with a new state: added once (a state sent meanwhile may hold
// it already) in the order sent, and only the messages drawn again.
function addMessage(m) {
  if (state.messages.some((k) => k.number === m.number)) return;
  state.messages.push(m);
  state.messages.sort((a, b) => a.number - b.number);
  drawMessages();
}

// The messages held that came after every one in a state: told on their own after it was built.
function laterMessages(held, incoming) {
  const newest = incoming.reduce((most, m) => Math.max(most, m.number), 0);
  return held.filter((m) => m.number > newest);
}

function actorName(id) {
  const actor = state.view.actors.find((a) => a.id === id);
  return actor ? actor.name : id;
}

function draw() {
  const view = state.view;
  document.getElementById("join").hidden = true;
  document.getElementById("seat").hidden = false;
  document.title = `Parley — ${state.seat_name}`;
  show("title", state.title);
  show("who", `Table ${state.table} · ${state.seat_name} · ${state.computer ? "played by the computer" : state.members.join(", ")}`);
  clockLeft = state.clock;
  show("clock", clockWords());
  show("date", [view.date, view.node_title].filter(Boolean).join(" · "));
  fill("narration", paragraphs(view.narration));
  fill("log", view.log.slice().reverse().slice(0, 30).map(logItem));
  fill("briefing", paragraphs(view.briefing));
  fill("knowledge", view.knowledge.map((k) => el("li", { text: k })));
  drawObjectives(view);
  fill("values", valuesTable(view));
  drawMessages();
  drawTurn();
  drawDebrief();
}

function objectiveItem(o) {
  return el("li", {}, `${o.text} (${o.points} points${o.secret ? ", secret" : ""})`,
    o.met === null ? "" : o.met ? " — met" : " — not met");
}

function drawObjectives(view) {
  // The seat's own aims, public and secret; every other delegation's public aims apart, by delegation.
  fill("objectives", view.objectives.filter((o) => o.actor === state.seat).map(objectiveItem));
  const others = view.actors.filter((a) => a.id !== state.seat).map((a) => [a, view.objectives.filter((o) => o.actor === a.id)])
    .filter(([, aims]) => aims.length);
  document.getElementById("others-aims").hidden = !others.length;
  show("others-aims-h", view.ended ? "Other delegations' aims (secret ones revealed)" : "Other delegations' public aims");
  fill("others-aims-body", others.map(([a, aims]) =>
    el("div", { class: "aims" }, el("h4", { text: a.name }), el("ul", {}, aims.map(objectiveItem)))));
}

// A line of the log: when and who did what, then the terms, then what was said about them, set apart
// (they come as two lines of one text, which the page would otherwise run together).
function logItem(line) {
  const [terms, ...said] = String(line.text || "").split("\n");
  const reason = said.join(" ").trim();
  const parts = [el("span", { class: "meta", text: `${line.date} · ${line.title}${terms || reason ? ":" : ""}` })];
  if (terms) parts.push(" ", terms);
  if (reason) parts.push(" ", el("q", { class: "said", text: reason }));
  return el("li", {}, ...parts);
}

function fill(id, children) {
  document.getElementById(id).replaceChildren(...children);
}

function paragraphs(text) {
  return String(text || "").split(/\n\s*\n/).filter(Boolean).map((p) => el("p", { text: p }));
}

function valuesTable(view) {
  // The issues' titles and options' labels come with every state (a negotiation need not be open).
  const rows = [];
  for (const [issue, options] of Object.entries(view.values || {})) {
    const line = state.issues.find((i) => i.id === issue);
    const label = (id) => (line ? (line.options.find((o) => o[0] === id) || [id, id])[1] : id);
    rows.push(el("tr", {}, el("th", { scope: "row", text: line ? line.title : issue }),
      el("td", {}, Object.entries(options).map(([id, points]) => `${label(id)}: ${points > 0 ? "+" : ""}${points}`).join(" · "))));
  }
  document.getElementById("values-h").hidden = !rows.length;
  const walk = view.walk_away === null || !rows.length ? [] : [el("p", { text: `Without a deal you get ${view.walk_away}.` })];
  return rows.length ? [el("table", {}, el("tbody", {}, rows)), ...walk] : walk;
}

function drawMessages() {
  const to = document.getElementById("say-to");
  const chosen = to.value;
  to.replaceChildren(el("option", { value: "", text: "The whole table" }),
    ...state.delegations.map((d) => el("option", { value: d.id, text: `${d.name} (private)` })));
  to.value = chosen;
  const known = new Set(state.delegations.map((d) => d.id));
  fill("messages", state.messages.map((m) => el("li", { class: m.to === "*class" ? "announce" : m.private ? "private" : "" },
    el("span", { class: "meta", text: `${m.from_name} to ${m.to_name}${m.private ? " (private)" : ""}: ` }), m.text,
    ...(m.private && m.from !== state.seat && known.has(m.from)
      ? [" ", el("button", { type: "button", class: "link", onclick: () => replyTo(m.from), text: "Reply privately" })]
      : []))));
  if (messagesInView && !document.hidden) {
    seenMessages = state.messages.length;
    keepSeen();
  }
  showUnread();
  const announced = state.messages.filter((m) => m.to === "*class").pop();  // the teacher's latest, under the header
  const shown = announced && announced.sent + announced.text !== dismissed ? announced : null;
  document.getElementById("announcement-bar").hidden = !shown;
  show("announcement", shown ? `From your teacher: ${shown.text}` : "");
  const list = document.getElementById("messages");
  list.scrollTop = list.scrollHeight;
}

function drawTurn() {
  const view = state.view;
  const key = JSON.stringify([view.turn, view.table && view.table.offer, view.table && view.table.round, state.paused, view.ended, state.ended, view.log.length, state.notice, state.computer, confirmation]);
  if (key === turnKey) return;
  turnKey = key;
  document.getElementById("turn").hidden = view.ended || state.ended;
  const body = [];
  if (state.paused) body.push(el("p", { class: "paused", text: "The teacher has paused this table." }));
  if (state.computer && !view.ended) {
    body.push(el("p", { id: "handed", class: "notice", role: "status", text: "The computer is playing your delegation: "
      + "your teacher handed it over. You can still follow the table and send messages; ask your teacher to give it back." }));
  }
  if (view.table) body.push(...offerBlock(view.table));
  if (view.ended) {
    body.push(el("p", { text: "The game has ended: see the debrief." }));
  } else if (!view.turn || state.computer) {
    const waiting = view.waiting_for.map(actorName).join(", ");
    body.push(el("p", { text: waiting ? `Waiting for ${waiting}.` : "Waiting…" }));
  } else if (view.turn.kind === "choose" || view.turn.kind === "seal") {
    body.push(choiceForm(view.turn));
  } else {
    body.push(tableForm(view));
  }
  document.getElementById("turn-h").textContent = view.turn && !view.ended && !state.computer ? "Your move" : "At the table";
  if (confirmation) body.unshift(el("p", { id: "confirm", class: "confirm", role: "status", text: confirmation }));
  if (state.notice) body.unshift(el("p", { id: "timed-out", class: "paused", role: "status", text: state.notice }));
  const kept = view.turn && JSON.stringify(view.turn) === keptTurn ? unsentInput() : null;
  keptTurn = view.turn ? JSON.stringify(view.turn) : "";
  fill("turn-body", body);
  if (kept) restoreInput(kept);
}

// Another delegation's move redraws the table; a half-made choice or typed reason for the same
// question must survive it, with the focus where it was.
function unsentInput() {
  const root = document.getElementById("turn-body");
  const fields = [...root.querySelectorAll("input, select, textarea")].filter((f) => f.id);
  const values = fields.map((f) => [f.id, f.type === "radio" || f.type === "checkbox" ? f.checked : f.value]);
  const opened = [...root.querySelectorAll("details[open]")].map((d) => d.id).filter(Boolean);
  return { values, opened, focus: root.contains(document.activeElement) ? document.activeElement.id : "" };
}

function restoreInput(kept) {
  for (const id of kept.opened) {
    const folded = document.getElementById(id);
    if (folded) folded.open = true;
  }
  for (const [id, value] of kept.values) {
    const field = document.getElementById(id);
    if (!field || field.disabled) continue;
    if (field.type === "radio" || field.type === "checkbox") field.checked = value;
    else field.value = value;
    field.dispatchEvent(new Event("change", { bubbles: true }));  // e.g. the package's worth follows the picks
  }
  const focused = kept.focus && document.getElementById(kept.focus);
  if (focused) focused.focus();
}

const ANSWERED = { accept: "accepted", reject: "rejected", counter: "countered", walk: "walked away", pass: "made no answer" };

function offerBlock(table) {
  const out = [el("p", { class: "meta", text: table.round_words })];
  const offer = Object.entries(table.offer || {});
  if (!offer.length) return out;
  const label = (issue, option) => {
    const line = table.issues.find((i) => i.id === issue);
    return [line ? line.title : issue, line ? (line.options.find((o) => o[0] === option) || [option, option])[1] : option];
  };
  const worth = table.offer_worth;
  const mine = state.view.values || {};
  const rows = offer.map(([issue, option]) => {
    const [title, name] = label(issue, option);
    const points = (mine[issue] || {})[option];
    return el("tr", {}, el("th", { scope: "row", text: title }), el("td", { text: name }),
      points === undefined ? "" : el("td", { class: "num", text: `${points > 0 ? "+" : ""}${points}` }));
  });
  out.push(el("div", { class: "offer" },
    el("p", { text: `On the table, from ${actorName(table.proposer)}:` }),
    el("table", {}, el("tbody", {}, rows)),
    worth && Object.keys(mine).length ? el("p", { text: `Worth ${worth.total} to you; without a deal, ${worth.walk_away}.` }) : "",
    Object.keys(table.answers).length
      ? el("p", { class: "meta", text: "Answers: " + Object.entries(table.answers).map(([a, v]) => `${actorName(a)} ${ANSWERED[v] || v}`).join(", ") })
      : ""));
  return out;
}

function reasonBox(id) {
  return [el("label", { for: id, text: "Your reasons (optional)" }), el("textarea", { id, rows: 2, maxlength: 2000 })];
}

function choiceForm(turn) {
  const form = el("form", { "aria-label": turn.kind === "seal" ? "Your sealed choice" : "Your choice" });
  const group = el("fieldset", {}, el("legend", { text: state.view.node_title || "Your choice" }),
    turn.kind === "seal" ? el("p", { class: "meta", text: "A sealed choice: nobody sees it until every party has chosen." }) : "");
  turn.choices.forEach((c) => {
    const id = `choice-${c.id}`;
    group.append(el("div", { class: c.available ? "choice" : "choice blocked" },
      el("input", { type: "radio", name: "choice", id, value: c.id, disabled: !c.available }),
      el("label", { for: id }, c.label, c.available ? "" : ` — ${c.why_blocked}`)));
  });
  form.append(group, ...reasonBox("reason"), el("button", { type: "submit", text: turn.kind === "seal" ? "Seal my choice" : "Decide" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = form.querySelector("input[name=choice]:checked");
    if (!picked) return turnError("Pick a choice first.");
    const label = turn.choices.find((c) => c.id === picked.value).label;
    const ending = state.endings.choices[picked.value];
    if (ending && !confirm(`“${label}” ${ending === "ends" ? "ends the game" : "may end the game"}. Are you sure?`)) return;
    sendAct(turn.kind === "seal" ? `You sealed “${label}”: nobody sees it until every party has chosen.` : `You chose “${label}”.`,
      { type: "act", kind: turn.kind, choice: picked.value, reason: form.querySelector("#reason").value });
  });
  return form;
}

const DONE = {
  propose: "You proposed your package.", accept: "You accepted the offer.", reject: "You rejected the offer.",
  counter: "You made a counter-offer.", walk: "You walked away from the talks.", pass: "You passed.",
};

// A move the host refused is said under the turn's buttons too: on a phone the page's error line is
// screens above where the student pressed.
function turnError(text) {
  const near = document.getElementById("turn-error");
  near.textContent = text;
  near.hidden = !text;
  if (text) near.scrollIntoView({ block: "center" });
}

function sendAct(words, message) {
  turnError("");
  confirmation = "";
  sent = words;
  link.send(message);
}

function tableForm(view) {
  const table = view.table;
  const kind = view.turn.kind;
  const form = el("form", { "aria-label": kind === "propose" ? "Your proposal" : "Your answer" });
  const values = view.values || {};
  const picks = el("fieldset", {}, el("legend", { text: kind === "propose" ? "Your proposal" : "A counter-offer (if you make one)" }));
  // Start on the offer being answered, else on the seat's best package (else the status quo), never on the worst.
  const help = state.package || { worths: {}, best: {}, status_quo: {}, walk_away: view.walk_away };
  const start = kind === "answer" && table.offer && Object.keys(table.offer).length ? table.offer
    : Object.keys(help.best).length ? help.best : help.status_quo;
  for (const issue of table.issues) {
    const id = `issue-${issue.id}`;
    const current = start[issue.id];
    const select = el("select", { id, name: issue.id },
      issue.options.map(([option, label]) => {
        const points = (values[issue.id] || {})[option];
        return el("option", { value: option, selected: option === current }, points === undefined ? label : `${label} (${points > 0 ? "+" : ""}${points})`);
      }));
    // What the issue is about, and the chosen option in full words with what it means: a phone's
    // closed list cuts a long option, and 'Refer home' or 'indirect aggression' need saying.
    const about = el("p", { id: `${id}-about`, class: "meta", text: issue.description || "" });
    const meaning = el("p", { id: `${id}-meaning`, class: "meaning", "aria-live": "polite" });
    const explain = () => {
      const label = (issue.options.find(([option]) => option === select.value) || ["", ""])[1];
      const text = (issue.explained || {})[select.value];
      meaning.textContent = text ? `${label}: ${text}` : label.length > 24 ? label : "";  // a short label shows whole
    };
    select.setAttribute("aria-describedby", `${id}-about ${id}-meaning`);
    select.addEventListener("change", explain);
    explain();
    picks.append(el("div", { class: "issue" }, el("label", { for: id, text: issue.title }), issue.description ? about : "", select, meaning));
  }
  const worthLine = el("p", { id: "package-worth", class: "worth", "aria-live": "polite" });
  // An answer puts its buttons first and folds the counter-offer's terms away: on a phone the whole
  // form stood between the offer and Accept or Reject, screens of scrolling under a turn clock.
  const counter = el("details", { id: "counter-terms", class: "counter" },
    el("summary", { text: "Make a counter-offer: change the terms" }), picks, worthLine);
  if (kind === "propose") form.append(picks, worthLine, ...reasonBox("reason"));
  else form.append(...reasonBox("reason"));
  const package_ = () => Object.fromEntries(table.issues.map((i) => [i.id, picks.querySelector(`#issue-${i.id}`).value]));
  const showWorth = () => {
    const chosen = package_();
    const key = table.issues.map((i) => chosen[i.id]).join("|");
    const listed = help.worths[key];
    const total = listed !== undefined ? listed
      : table.issues.reduce((sum, i) => sum + ((values[i.id] || {})[chosen[i.id]] || 0), 0);
    worthLine.textContent = Object.keys(values).length
      ? `This package is worth ${total} to you (without a deal: ${help.walk_away ?? view.walk_away}).` : "";
  };
  picks.addEventListener("change", showWorth);
  showWorth();
  const walkWords = state.endings.walk === "ends" ? "Walking away ends the game." : state.endings.walk ? "Walking away may end the game."
    : "Walking away ends these talks without a deal.";
  const act = (answer, withPackage) => () => (answer !== "walk" || confirm(`${walkWords} Are you sure?`)) && sendAct(DONE[answer], {
    type: "act", kind: answer === "propose" ? "propose" : "answer", answer: answer === "propose" ? "" : answer,
    package: withPackage ? package_() : {}, reason: form.querySelector("#reason").value });
  const button = (text, handler, cls = "", disabled = false, title = "") =>
    el("button", { type: "button", class: cls, onclick: handler, disabled, title: title || null, text });
  if (kind === "propose") {
    form.append(button("Propose", act("propose", true)), button("Pass", act("pass", false), "secondary"),
      button("Walk away", act("walk", false), "danger"));
  } else {
    form.append(button("Accept", act("accept", false), "", !table.may_accept, table.accept_blocked),
      button("Reject", act("reject", false), "secondary"), button("Walk away", act("walk", false), "danger"));
    if (!table.may_accept && table.accept_blocked) form.append(el("p", { class: "meta", text: table.accept_blocked }));
    counter.append(button("Counter-offer", act("counter", true), "secondary"));
    form.append(counter);
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  return form;
}

function drawDebrief() {
  // The game's own debrief once it has ended; if the teacher ended the class first, the table's
  // debrief as far as its game went (scores so far), under a notice that the class is over.
  const stopped = state.ended && !state.view.ended ? state.stopped : null;
  const view = stopped || state.view;
  document.getElementById("class-ended").hidden = !state.ended;
  const box = document.getElementById("debrief");
  box.hidden = !(state.view.ended || stopped);
  if (box.hidden) return;
  const scores = Object.entries(view.scores || {}).map(([a, s]) =>
    el("tr", {}, el("th", { scope: "row", text: actorName(a) }), el("td", { class: "num", text: s })));
  const revealed = (view.revealed_words || []).map((words) => el("li", { text: words }));
  const where = stopped ? [el("p", { text: `It stopped at ${[stopped.date, stopped.node_title].filter(Boolean).join(", ")}.` })] : [];
  fill("debrief-body", [el("p", {}, el("strong", { text: view.outcome_title })), ...where, ...paragraphs(view.epilogue),
    el("h3", { text: stopped ? "Scores so far" : "Scores" }), el("table", {}, el("tbody", {}, scores)),
    ...(revealed.length ? [el("h3", { text: "What was hidden" }), el("ul", {}, revealed)] : [])]);
}
