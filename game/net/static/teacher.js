// The teacher's dashboard: every table at a glance, and the teacher's actions over the protocol.
import { Link, clockText, el, show } from "/static/common.js";

const KEY = "parley-teacher-token";
if (location.hash.length > 1) {
  localStorage.setItem(KEY, decodeURIComponent(location.hash.slice(1)));
  history.replaceState(null, "", location.pathname);
}
const token = localStorage.getItem(KEY) || "";
let board = null;

// The first dashboard on a new connection holds every message; a later one may have been built just
// before a message that came on its own, so that message is kept (as on the students' pages).
let fresh = true;
const link = new Link(receive, () => {
  fresh = true;
  return token ? { type: "hello", token } : null;
});
if (!token) show("error", "Open the dashboard with the address 'host' printed (it holds the teacher's key).");

fetch("/info").then((r) => r.json()).then((info) => {
  show("join-address", info.join);
  document.getElementById("qr").src = "/qr.svg";
});

function teacher(action) {
  link.send({ type: "teacher", ...action });
}

for (const button of document.querySelectorAll("[data-do]")) {
  button.addEventListener("click", () => {
    const todo = button.dataset.do;
    if (todo === "end" && !confirm("End the class for every table?")) return;
    teacher({ do: todo === "lock" && board && board.locked ? "unlock" : todo });
  });
}

document.getElementById("announce-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("announce");
  teacher({ do: "announce", text: input.value });
  input.value = "";
});

function receive(message) {
  if (message.type === "dashboard") {
    if (board && !fresh) keepLaterMessages(board, message);
    fresh = false;
    board = message;
    draw();
  } else if (message.type === "message") {
    if (board) addMessage(message.message);
  } else if (message.type === "error") {
    show("error", message.message);
  }
}

function draw() {
  show("title", `Teacher's dashboard — ${board.title}`);
  show("code", board.code);
  const joined = board.tables.reduce((n, t) => n + t.seats.reduce((m, s) => m + s.members.length, 0), 0);
  show("class-state", `${board.class} · ${joined} joined · ${board.locked ? "joining locked" : "joining open"}${board.ended ? " · ended" : ""}`);
  document.getElementById("lock").textContent = board.locked ? "Open joining" : "Lock joining";
  document.getElementById("class-actions").hidden = Boolean(board.ended);
  document.getElementById("announce-form").hidden = Boolean(board.ended);
  const report = document.getElementById("report");
  report.hidden = !board.report;
  const q = `?token=${encodeURIComponent(board.report_key)}`;  // a key that reads the report, never the dashboard
  document.getElementById("report-html").href = `/report.html${q}`;
  document.getElementById("report-csv").href = `/report.csv${q}`;
  document.getElementById("projector-link").href = `/projector#${encodeURIComponent(board.projector)}`;
  document.getElementById("tables").replaceChildren(...board.tables.map(tableCard));
  for (const list of document.querySelectorAll("#tables ol.messages")) showNewest(list);
}

// A running clock counts down between the host's updates, as the students' pages do; only its own
// words change, so the teacher's place on the page (and the keyboard's) is kept.
setInterval(() => {
  if (!board) return;
  for (const t of board.tables) {
    if (!t.clock_running || t.paused || t.clock === null) continue;
    t.clock = Math.max(0, t.clock - 1);
    const shown = document.getElementById(`clock-${t.number}`);
    if (shown) shown.textContent = clockWords(t);
  }
}, 1000);

function clockWords(t) {
  // A clock waiting for the class to start, for a seat, or for the teacher says it is stopped and why.
  if (t.clock === null) return "none";
  if (t.clock_running) return clockText(t.clock);
  const why = t.paused ? "paused" : !t.started ? "starts when every seat is taken, or with Start" : "a seat it waits for has nobody connected";
  return `${clockText(t.clock)}, stopped (${why})`;
}

// A new message comes on its own: added to its table's list (or every table's, for the class), the
// rest of the page left as it is.
function addMessage(m) {
  for (const t of board.tables) {
    if ((m.table !== 0 && m.table !== t.number) || t.messages.some((k) => k.number === m.number)) continue;
    t.messages.push(m);
    t.messages.sort((a, b) => a.number - b.number);
    const list = document.getElementById(`messages-${t.number}`);
    if (list) {
      list.replaceChildren(...messageItems(t));
      showNewest(list);
    }
  }
}

// A table's messages scroll in a small box, newest last: the box shows its end, not the oldest.
function showNewest(list) {
  list.scrollTop = list.scrollHeight;
}

function keepLaterMessages(held, incoming) {
  for (const t of incoming.tables) {
    const before = held.tables.find((h) => h.number === t.number);
    const newest = t.messages.reduce((most, m) => Math.max(most, m.number), 0);
    if (before) t.messages.push(...before.messages.filter((m) => m.number > newest));
  }
}

function messageItems(t) {
  return t.messages.slice(-8).map((m) => el("li", { class: m.to === "*class" ? "announce" : m.private ? "private" : "" },
    el("span", { class: "meta", text: `${m.from_name} to ${m.to_name}${m.private ? " (private)" : ""}: ` }), m.text));
}

function removeButton(m, text) {
  return el("button", { type: "button", class: "secondary remove", "aria-label": `Remove ${m.name} from the class`,
    onclick: () => confirm(`Remove ${m.name} from the class? Their page closes and their key opens nothing.`)
      && teacher({ do: "remove", member: m.id }), text });
}

function seatPlayers(s) {
  // Who plays a seat: its students, or the computer (saying which students stepped out when it took their seat over).
  if (s.player !== "human") {
    const names = s.members.map((m) => m.name || "(name forgotten)");
    const who = names.length ? `the computer (${names.join(", ")} stepped out)` : "the computer";
    return [el("span", { class: "computer", text: who }), ...s.members.map((m) => removeButton(m, `Remove ${m.name}`))];
  }
  if (!s.members.length) return ["nobody yet"];
  // Whether each student's page is connected, in words (a closed laptop lid, a phone out of Wi-Fi).
  return s.members.map((m) => el("span", { class: m.connected ? "member" : "member away" },
    `${m.name || "(name forgotten)"} (${m.connected ? "connected" : "disconnected"})`, removeButton(m, "Remove")));
}

function tableCard(t) {
  const n = t.number;
  const state = t.outcome ? `Ended: ${t.outcome}` : t.waiting.length ? `Waiting for ${t.waiting.join(", ")}` : "The computer is moving";
  const live = !board.ended && !t.outcome;  // an ended game (or class) has nothing left to steer: the record alone
  const seats = t.seats.map((s) => el("li", {}, el("strong", { text: s.name }), ": ", ...seatPlayers(s),
    !live ? "" : s.player === "human" ? el("button", { type: "button", class: "secondary", "aria-label": `Hand ${s.name} at table ${n} to the computer`,
      onclick: () => teacher({ do: "takeover", table: n, seat: s.id }), text: "Computer takes over" })
      : s.students ? el("button", { type: "button", class: "secondary", "aria-label": `Give ${s.name} at table ${n} back to the students`,
        onclick: () => teacher({ do: "giveback", table: n, seat: s.id }), text: "Give back to the students" }) : ""));
  const transcript = board.report ? el("p", {}, el("a", { href: `/transcript/${n}.html?token=${encodeURIComponent(board.report_key)}`,
    text: `Transcript of table ${n}` })) : "";
  return el("section", { class: "card", "aria-labelledby": `table-${n}` },
    el("h2", { id: `table-${n}`, text: `Table ${n}` }), transcript,
    el("p", { class: "date", text: [t.date, t.node].filter(Boolean).join(" · ") }),
    t.paused ? el("p", { class: "paused", text: "Paused" }) : "",
    el("p", { text: state }),
    el("p", { class: "meta" }, "Clock: ", el("span", { id: `clock-${n}`, text: clockWords(t) }),
      ` · ${t.moves} ${t.moves === 1 ? "move" : "moves"} · last: ${t.last_move || "—"}`),
    t.problem ? el("p", { class: "error", text: t.problem }) : "",
    el("ul", { class: "seats" }, seats),
    !live ? "" : el("div", { class: "actions" },
      el("button", { type: "button", onclick: () => teacher({ do: t.paused ? "resume" : "pause", table: n }), text: t.paused ? `Resume table ${n}` : `Pause table ${n}` }),
      t.clock !== null && !t.started && !t.paused ? el("button", { type: "button", onclick: () => teacher({ do: "resume", table: n }), text: `Start table ${n}'s clock` }) : "",
      t.clock === null ? "" : el("button", { type: "button", class: "secondary", onclick: () => teacher({ do: "extend", table: n, minutes: 5 }), text: "+5 minutes" }),
      el("button", { type: "button", class: "secondary", onclick: () => confirm(`Take back the last move at table ${n}? Its students are told.`)
        && teacher({ do: "undo", table: n }), text: "Undo last move" }),
      t.empty.length && !t.outcome ? el("button", { type: "button", class: "secondary", "aria-label": `Computer takes every empty seat at table ${n}`,
        onclick: () => teacher({ do: "fill", table: n }), text: "Computer takes every empty seat" }) : ""),
    el("h3", { text: "Messages" }),
    el("ol", { class: "messages", id: `messages-${n}` }, messageItems(t)));
}
