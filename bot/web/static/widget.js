/*
 * The co-production assistant's chat widget: one <script> tag on any page.
 *
 *   <script src="https://assistant.example/widget/widget.js" defer
 *           data-server-url="https://assistant.example:5005"
 *           data-title="Maternity co-production assistant"
 *           data-colour="#005eb8"></script>
 *
 * It talks to Rasa's socket.io channel (session persistence on) with the socket.io client served
 * beside this file, and reads the greeting and its menu from config.js beside it (made from the
 * assistant's domain.yml), so the menu is there the moment the chat opens. Rules kept throughout:
 *   - Nothing the user or the bot sends is ever inserted as HTML: text nodes only, and links are
 *     <a> elements made for http(s) addresses only: the assistant's Markdown links, [title](https://…),
 *     show their title; a bare address in its message shows its site.
 *   - The conversation id and the transcript live in sessionStorage: closing the tab forgets them,
 *     and "Start again" clears them (families may share a device); a reload keeps them.
 *   - It works where WebSockets are blocked (long-polling first, as socket.io does by default), and
 *     a message typed while offline waits, marked as such, and is sent on reconnection.
 *   - Accessible: a named launcher, a labelled input, focus moves into the chat when it opens and
 *     back to the launcher when it closes, new messages are announced (role="log"), Escape closes.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__coprodChatLoaded) {
    return;
  }
  window.__coprodChatLoaded = true;

  var base = new URL(".", script.src).href;
  var data = script.dataset;
  /* The greeting is utter_greet, served in config.js; this short one is only for when that
     file cannot be loaded, so the safety line is never missing. */
  var FALLBACK_GREETING =
    "Hello! I'm an automated assistant and I can't give medical advice. If you're worried, call your maternity unit, or 999 in an emergency.";
  var config = {
    serverUrl: data.serverUrl || new URL(script.src).protocol + "//" + new URL(script.src).hostname + ":5005",
    socketPath: data.socketPath || "/socket.io",
    title: data.title || "Maternity co-production assistant",
    greeting: data.greeting || "",
    colour: /^#[0-9a-fA-F]{6}$/.test(data.colour || "") ? data.colour : "#005eb8",
    openLabel: data.openLabel || "Chat with the co-production assistant",
  };
  var STORE = "coprod-chat:";
  var MAX_STORED = 200;
  var URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
  var MARKDOWN_LINK = /\[([^\[\]\n]{1,200})\]\((https?:\/\/[^\s()<>"']+)\)/g;
  var WAITING_NOTE = "Not sent yet. It will be sent when the connection is back.";
  var SHOW_WAITING_AFTER_MS = 1500;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function store(key, value) {
    try {
      window.sessionStorage.setItem(STORE + key, JSON.stringify(value));
    } catch (e) {
      /* storage full or blocked: the chat still works, it just won't survive a reload */
    }
  }

  function load(key, fallback) {
    try {
      var raw = window.sessionStorage.getItem(STORE + key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function newSessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  /* The site's name for an address the assistant did not name: "www.example.org" -> "example.org". */
  function siteName(url) {
    try {
      return new URL(url).hostname.replace(/^www\./, "");
    } catch (e) {
      return url;
    }
  }

  function addLink(parent, url, label) {
    var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label);
    link.appendChild(el("span", { class: "cpc-visually-hidden" }, " (opens in a new tab)"));
    parent.appendChild(link);
  }

  /* Web addresses in `text` as links: shown as typed (the user's words), or by their site. */
  function appendAddresses(parent, text, bySite) {
    var last = 0;
    text.replace(URL_PATTERN, function (url, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      addLink(parent, url, bySite ? siteName(url) : url);
      last = offset + url.length;
      return url;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* Text with its links; every other character stays text. The assistant's messages carry their
     links as Markdown, [title](https://…), shown by the title; nothing else is read as markup. */
  function appendText(parent, text, fromBot) {
    String(text)
      .split("\n")
      .forEach(function (line, index) {
        if (index > 0) {
          parent.appendChild(document.createElement("br"));
        }
        if (!fromBot) {
          appendAddresses(parent, line, false);
          return;
        }
        var last = 0;
        line.replace(MARKDOWN_LINK, function (whole, label, url, offset) {
          appendAddresses(parent, line.slice(last, offset), true);
          addLink(parent, url, label);
          last = offset + whole.length;
          return whole;
        });
        appendAddresses(parent, line.slice(last), true);
      });
  }

  /* The text as a person would read it on paper: "title (https://…)". */
  function plainText(text) {
    return String(text || "").replace(MARKDOWN_LINK, function (whole, label, url) {
      return label + " (" + url + ")";
    });
  }

  function cleanButtons(buttons) {
    return (Array.isArray(buttons) ? buttons : [])
      .filter(function (b) {
        return b && (b.title || b.payload);
      })
      .map(function (b) {
        return { title: String(b.title || b.payload), payload: String(b.payload || b.title) };
      });
  }

  /* A speech bubble drawn in SVG: no emoji font needed, and hidden from screen readers. */
  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "24");
    svg.setAttribute("height", "24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "cpc-launcher-icon");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z");
    svg.appendChild(path);
    return svg;
  }

  var stylesheet = el("link", { rel: "stylesheet", href: base + "widget.css" });
  document.head.appendChild(stylesheet);

  var root = el("div", { class: "cpc-root" });
  root.style.setProperty("--cpc-colour", config.colour);
  var launcher = el("button", {
    type: "button",
    class: "cpc-launcher",
    "aria-expanded": "false",
    "aria-controls": "cpc-panel",
  });
  launcher.appendChild(chatIcon());
  launcher.appendChild(el("span", { class: "cpc-launcher-text" }, config.openLabel));
  var badge = el("span", { class: "cpc-badge", "aria-hidden": "true", hidden: "" });
  var badgeText = el("span", { class: "cpc-visually-hidden" });
  launcher.appendChild(badge);
  launcher.appendChild(badgeText);

  var panel = el("section", { id: "cpc-panel", class: "cpc-panel", "aria-labelledby": "cpc-title", hidden: "" });
  var header = el("div", { class: "cpc-header" });
  header.appendChild(el("h2", { id: "cpc-title", class: "cpc-title" }, config.title));
  var close = el("button", { type: "button", class: "cpc-close", "aria-label": "Close the chat" }, "×");
  header.appendChild(close);
  var tools = el("div", { class: "cpc-tools" });
  var restart = el("button", { type: "button", class: "cpc-tool cpc-restart" }, "Start again");
  var saveButton = el("button", { type: "button", class: "cpc-tool cpc-save" }, "Save conversation");
  tools.appendChild(restart);
  tools.appendChild(saveButton);
  var log = el("div", {
    class: "cpc-log",
    role: "log",
    "aria-live": "polite",
    "aria-relevant": "additions",
    "aria-label": "Conversation",
    tabindex: "0",
  });
  var status = el("p", { class: "cpc-status", role: "status" });
  var form = el("form", { class: "cpc-form" });
  var label = el("label", { for: "cpc-input", class: "cpc-visually-hidden" }, "Your message");
  var input = el("input", {
    id: "cpc-input",
    class: "cpc-input",
    type: "text",
    autocomplete: "off",
    maxlength: "5000",
    placeholder: "Type your question",
  });
  var send = el("button", { type: "submit", class: "cpc-send" }, "Send");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(header);
  panel.appendChild(tools);
  panel.appendChild(log);
  panel.appendChild(status);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  var served = window.__coprodChatConfig || {};
  var transcript = load("transcript", []);
  var sessionId = load("session", null) || newSessionId();
  store("session", sessionId);
  var unread = load("unread", 0);
  var socket = null;
  var typingTimer = null;
  // Messages wait until the server has confirmed the session: with session persistence, Rasa
  // sends replies to the session's room, which this connection joins only then. (socket.io's
  // own buffer would send them before the session request, and the replies would be lost.)
  var ready = false;
  var offline = false;
  var pending = []; // transcript entries waiting to be sent, oldest first
  var turnStart = null; // the first reply to the user's latest message

  function saveTranscript() {
    if (transcript.length > MAX_STORED) {
      transcript = transcript.slice(-MAX_STORED);
    }
    store("transcript", transcript);
  }

  function save(entry) {
    transcript.push(entry);
    saveTranscript();
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  /* A new reply is shown from its first line: long answers are read from the top. The question
     it answers stays in view above it when that is short. */
  function scrollToTurnStart() {
    if (!turnStart) {
      return;
    }
    var top = turnStart.offsetTop;
    var question = turnStart.previousElementSibling;
    if (question && question.classList.contains("cpc-user") && question.offsetHeight < log.clientHeight / 5) {
      top = question.offsetTop;
    }
    log.scrollTop = Math.max(0, top - 12);
  }

  function showUnread() {
    badge.hidden = unread < 1;
    badge.textContent = unread > 99 ? "99+" : String(unread);
    badgeText.textContent = unread < 1 ? "" : unread === 1 ? " (1 new message)" : " (" + unread + " new messages)";
  }

  function markWaiting(entry) {
    if (!entry.node || !entry.waiting || entry.node.classList.contains("cpc-waiting")) {
      return;
    }
    entry.node.classList.add("cpc-waiting");
    entry.node.appendChild(el("span", { class: "cpc-note" }, WAITING_NOTE));
  }

  function markSent(entry) {
    entry.waiting = false;
    delete entry.payload;
    if (entry.node) {
      entry.node.classList.remove("cpc-waiting");
      var note = entry.node.querySelector(".cpc-note");
      if (note) {
        note.parentNode.removeChild(note);
      }
    }
  }

  function renderMessage(entry, live) {
    var bubble = el("div", { class: "cpc-message cpc-" + entry.from });
    bubble.appendChild(el("span", { class: "cpc-visually-hidden" }, entry.from === "user" ? "You said: " : "Assistant: "));
    var body = el("div", { class: "cpc-text" });
    appendText(body, entry.text || "", entry.from === "bot");
    bubble.appendChild(body);
    log.appendChild(bubble);
    Object.defineProperty(entry, "node", { value: bubble, enumerable: false, configurable: true, writable: true });
    if (entry.waiting) {
      markWaiting(entry);
    }
    if (entry.buttons && entry.buttons.length) {
      var group = el("div", { class: "cpc-buttons", role: "group", "aria-label": "Suggested replies" });
      entry.buttons.forEach(function (button) {
        var choice = el("button", { type: "button", class: "cpc-choice" }, String(button.title || ""));
        choice.addEventListener("click", function () {
          sendMessage(String(button.title || ""), String(button.payload || button.title || ""));
          input.focus(); // the pressed button is now disabled: keep the focus in the chat
        });
        if (!live || entry.used) {
          choice.disabled = true;
        }
        group.appendChild(choice);
      });
      log.appendChild(group);
    }
    return bubble;
  }

  function disableOldButtons() {
    Array.prototype.forEach.call(log.querySelectorAll(".cpc-choice"), function (button) {
      button.disabled = true;
    });
    transcript.forEach(function (entry) {
      entry.used = true;
    });
  }

  function setTyping(on) {
    clearTimeout(typingTimer);
    if (on) {
      status.textContent = "The assistant is typing…";
      status.classList.add("cpc-typing");
      typingTimer = setTimeout(function () {
        setTyping(false);
      }, 15000);
    } else {
      status.classList.remove("cpc-typing");
      if (status.textContent === "The assistant is typing…") {
        status.textContent = "";
      }
    }
  }

  function sendMessage(shown, payload) {
    var text = String(payload || "").trim();
    if (!text) {
      return;
    }
    disableOldButtons();
    var entry = { from: "user", text: shown, waiting: true, payload: text };
    save(entry);
    renderMessage(entry, true);
    turnStart = null;
    scrollToEnd();
    pending.push(entry);
    if (offline) {
      markWaiting(entry);
    } else {
      setTimeout(function () {
        markWaiting(entry);
      }, SHOW_WAITING_AFTER_MS);
    }
    connect();
    flush();
  }

  function flush() {
    var sent = false;
    while (ready && socket && socket.connected && pending.length) {
      var entry = pending.shift();
      socket.emit("user_uttered", { message: entry.payload, session_id: sessionId });
      markSent(entry);
      sent = true;
    }
    if (sent) {
      saveTranscript();
      setTyping(true);
    }
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") {
      return;
    }
    setTyping(false);
    var buttons = cleanButtons(message.quick_replies || message.buttons);
    var text = typeof message.text === "string" ? message.text : "";
    if (!text && message.attachment && message.attachment.payload && message.attachment.payload.src) {
      text = String(message.attachment.payload.src);
    }
    if (!text && !buttons.length) {
      return;
    }
    var entry = { from: "bot", text: text, buttons: buttons };
    save(entry);
    var bubble = renderMessage(entry, true);
    if (!turnStart) {
      turnStart = bubble;
    }
    scrollToTurnStart();
    if (panel.hidden) {
      unread += 1;
      store("unread", unread);
      showUnread();
    }
  }

  function connect() {
    if (socket) {
      return socket;
    }
    // Long-polling first, then an upgrade to a WebSocket where the network allows one: proxies
    // that block WebSockets (common on NHS and office networks) leave the chat on polling.
    var current = window.io(config.serverUrl, { path: config.socketPath, transports: ["polling", "websocket"] });
    socket = current;
    function live(handler) {
      return function (value) {
        if (current === socket) {
          handler(value); // events from a connection left by "Start again" are ignored
        }
      };
    }
    current.on(
      "connect",
      live(function () {
        current.emit("session_request", { session_id: sessionId });
        if (offline) {
          offline = false;
          status.classList.remove("cpc-offline");
          status.textContent = "Connected again.";
        }
      })
    );
    current.on(
      "session_confirm",
      live(function (id) {
        if (typeof id === "string" && id && id !== sessionId) {
          sessionId = id;
          store("session", id);
        }
        ready = true;
        flush();
      })
    );
    current.on("bot_uttered", live(onBotMessage));
    current.on(
      "disconnect",
      live(function () {
        ready = false;
        offline = true;
        setTyping(false);
        status.classList.add("cpc-offline");
        status.textContent = "Connection lost. Trying to reconnect…";
        pending.forEach(markWaiting);
      })
    );
    current.on(
      "connect_error",
      live(function () {
        ready = false;
        offline = true;
        status.classList.add("cpc-offline");
        status.textContent = "Can't reach the assistant. Trying again…";
        pending.forEach(markWaiting);
      })
    );
    return current;
  }

  function greet() {
    var hello = {
      from: "bot",
      text: config.greeting || (typeof served.greeting === "string" && served.greeting) || FALLBACK_GREETING,
      buttons: cleanButtons(served.menu),
    };
    save(hello);
    renderMessage(hello, true);
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("cpc-open");
    store("open", true);
    unread = 0;
    store("unread", 0);
    showUnread();
    connect();
    input.focus();
    scrollToEnd();
  }

  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("cpc-open");
    store("open", false);
    launcher.focus();
  }

  /* Forgets this conversation on this device and starts a new one with a new id. */
  function startAgain() {
    var old = socket;
    socket = null;
    if (old) {
      old.disconnect();
    }
    ready = false;
    offline = false;
    pending = [];
    turnStart = null;
    transcript = [];
    sessionId = newSessionId();
    store("session", sessionId);
    saveTranscript();
    unread = 0;
    store("unread", 0);
    showUnread();
    setTyping(false);
    while (log.firstChild) {
      log.removeChild(log.firstChild);
    }
    greet();
    status.classList.remove("cpc-offline");
    status.textContent = "The conversation was cleared. You can start again.";
    connect();
    input.focus();
  }

  /* The conversation as plain text, addresses in full, for the person to keep. */
  function saveConversation() {
    var now = new Date();
    var lines = [config.title, "Saved on " + now.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" }), ""];
    transcript.forEach(function (entry) {
      lines.push((entry.from === "user" ? "You: " : "Assistant: ") + plainText(entry.text));
      if (entry.waiting) {
        lines.push("(not sent)");
      }
      lines.push("");
    });
    var blob = new Blob([lines.join("\r\n")], { type: "text/plain;charset=utf-8" });
    var link = el("a", {
      href: URL.createObjectURL(blob),
      download: "co-production-chat-" + now.toISOString().slice(0, 10) + ".txt",
    });
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.parentNode.removeChild(link);
    }, 1000);
    status.classList.remove("cpc-offline");
    status.textContent = "The conversation was saved as a text file.";
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) {
      open();
    } else {
      shut();
    }
  });
  close.addEventListener("click", shut);
  restart.addEventListener("click", startAgain);
  saveButton.addEventListener("click", saveConversation);
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      shut();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    sendMessage(text, text);
    input.focus();
  });

  function start() {
    document.body.appendChild(root);
    if (!transcript.length) {
      greet();
    } else {
      transcript.forEach(function (entry, index) {
        renderMessage(entry, index === transcript.length - 1);
        if (entry.from === "user" && entry.waiting && entry.payload) {
          pending.push(entry); // typed before a reload and never sent: send it now
        }
      });
    }
    showUnread();
    if (load("open", false)) {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      root.classList.add("cpc-open");
      connect();
      scrollToEnd();
    } else if (pending.length) {
      connect();
    }
  }

  /* The socket.io client and the greeting's menu load side by side; the chat starts when both
     have (the menu may fail: the chat then starts without it). */
  var waitingFor = 2;
  var failed = false;
  function loaded() {
    waitingFor -= 1;
    if (waitingFor > 0 || failed) {
      return;
    }
    served = window.__coprodChatConfig || {};
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
  var client = el("script", { src: base + "socket.io.min.js" });
  client.onload = loaded;
  client.onerror = function () {
    /* Without the client there is no chat: say so instead of showing a dead button. */
    failed = true;
    document.body.appendChild(el("p", { class: "cpc-unavailable", role: "status" }, "The chat is not available right now."));
  };
  var menu = el("script", { src: base + "config.js" });
  menu.onload = loaded;
  menu.onerror = loaded;
  document.head.appendChild(client);
  document.head.appendChild(menu);
})();
