// The projector: every table's public view in large type, who has joined where, and how to join.
// It shows only what the host sends for the whole room; it can neither act nor read a seat.
import { Link, el, show } from "/static/common.js";

const KEY = "parley-projector-token";
const given = location.hash.length > 1 ? location.hash.slice(1) : new URLSearchParams(location.search).get("token");
if (given) {
  localStorage.setItem(KEY, decodeURIComponent(given));
  history.replaceState(null, "", location.pathname);
}
const token = localStorage.getItem(KEY) || "";
new Link(receive, () => (token ? { type: "watch", token } : null));
if (!token) show("error", "Open the projector with the address 'host' printed (it holds the projector's key).");

function receive(message) {
  if (message.type === "projector") draw(message);
  else if (message.type === "error") show("error", message.message);
}

function draw(state) {
  show("title", state.title);
  show("class-state", state.ended ? "The class has ended" : state.locked ? "Joining is closed" : "");
  show("join-address", state.join);
  document.getElementById("join-code").hidden = !state.code;
  show("code", state.code);
  document.getElementById("tables").replaceChildren(...state.tables.map(tableCard));
  // Once students have joined, the join card steps back and the tables take the room.
  const joined = state.tables.some((t) => t.seats.some((s) => s.members.length));
  document.getElementById("join-card").classList.toggle("compact", joined);
}

function tableCard(t) {
  const n = t.number;
  const seats = t.seats.map((s) => el("li", {}, el("strong", { text: s.name }), ": ",
    s.computer ? "the computer" : s.members.length ? s.members.join(", ") : "nobody yet"));
  const state = t.outcome ? `Ended: ${t.outcome}` : t.paused ? "Paused by the teacher"
    : t.waiting.length ? `Waiting for ${t.waiting.join(", ")}` : "";
  return el("section", { class: "card", "aria-labelledby": `table-${n}` },
    el("h2", { id: `table-${n}`, text: `Table ${n} · ${t.date}` }),
    el("p", { class: "situation", text: t.situation }),
    el("p", { class: "narration", text: t.outcome ? t.epilogue : t.narration }),
    state ? el("p", { class: "state", text: state }) : "",
    t.recent.length ? el("ol", { class: "log" }, t.recent.map((line) => el("li", { text: line }))) : "",
    el("ul", { class: "seats", "aria-label": `Who sits at table ${n}` }, seats));
}
