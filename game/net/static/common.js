// What both class pages share: building elements safely (text only, never HTML) and one
// WebSocket to the host that reconnects by itself and says hello again with the saved token.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function show(id, text) {
  document.getElementById(id).textContent = text || "";
}

export function clockText(seconds) {
  if (seconds === null || seconds === undefined) return "";
  const s = Math.max(0, Math.round(seconds));
  return s === 0 ? "Time is up" : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} left`;
}

export class Link {
  constructor(onMessage, hello) {
    this.onMessage = onMessage;
    this.hello = hello; // returns the hello message to send on (re)connecting, or null
    this.queue = [];
    this.wait = 500;
    this.open();
  }

  open() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    this.socket = new WebSocket(`${scheme}://${location.host}/ws`);
    this.socket.addEventListener("open", () => {
      this.wait = 500;
      show("status", "Connected.");
      const hello = this.hello();
      if (hello) this.socket.send(JSON.stringify(hello));
      for (const message of this.queue.splice(0)) this.socket.send(JSON.stringify(message));
    });
    this.socket.addEventListener("message", (event) => this.onMessage(JSON.parse(event.data)));
    this.socket.addEventListener("close", () => {
      if (this.closed) return;
      show("status", "Connection lost: reconnecting…");
      setTimeout(() => this.open(), this.wait);
      this.wait = Math.min(this.wait * 2, 8000);
    });
  }

  send(message) {
    show("error", "");
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
    else this.queue.push(message);
  }

  get connected() {
    // While the host is out of reach its clocks are not known: a page does not count down on its own.
    return this.socket.readyState === WebSocket.OPEN;
  }

  stop() {
    this.closed = true;
    this.socket.close();
  }
}
