/*
 * The co-production assistant's chat widget: one <script> tag on any page.
 *
 *   <script src="https://assistant.example/widget/widget.js" defer
 *           data-server-url="https://assistant.example:5005"
 *           data-title="Maternity co-production assistant"
 *           data-greeting="Hello! Ask me about maternity co-production."
 *           data-colour="#005eb8"></script>
 *
 * It talks to Rasa's socket.io channel (session persistence on) with the socket.io client served
 * beside this file. Safety rules kept throughout:
 *   - Nothing the user or the bot sends is ever inserted as HTML: text nodes only, and links are
 *     <a> elements made for http(s) addresses found in the text.
 *   - The conversation id and the transcript live in sessionStorage: closing the tab forgets them
 *     (families may share a device); a reload keeps them.
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
  var config = {
    serverUrl: data.serverUrl || new URL(script.src).protocol + "//" + new URL(script.src).hostname + ":5005",
    socketPath: data.socketPath || "/socket.io",
    title: data.title || "Maternity co-production assistant",
    greeting:
      data.greeting ||
      "Hello! I'm an automated assistant. I can point you to information about maternity co-production and Maternity and Neonatal Voices Partnerships (MNVPs). I can't give medical advice. If you're worried about yourself or your baby, call your maternity unit, or 999 in an emergency.",
    colour: /^#[0-9a-fA-F]{6}$/.test(data.colour || "") ? data.colour : "#005eb8",
    openLabel: data.openLabel || "Chat with the co-production assistant",
  };
  var STORE = "coprod-chat:";
  var MAX_STORED = 200;
  var URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

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

  /* Text with its web addresses made into links; every other character stays text. */
  function appendText(parent, text) {
    String(text)
      .split("\n")
      .forEach(function (line, index) {
        if (index > 0) {
          parent.appendChild(document.createElement("br"));
        }
        var last = 0;
        line.replace(URL_PATTERN, function (url, offset) {
          parent.appendChild(document.createTextNode(line.slice(last, offset)));
          var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url);
          link.appendChild(el("span", { class: "cpc-visually-hidden" }, " (opens in a new tab)"));
          parent.appendChild(link);
          last = offset + url.length;
          return url;
        });
        parent.appendChild(document.createTextNode(line.slice(last)));
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

  var panel = el("section", { id: "cpc-panel", class: "cpc-panel", "aria-labelledby": "cpc-title", hidden: "" });
  var header = el("div", { class: "cpc-header" });
  header.appendChild(el("h2", { id: "cpc-title", class: "cpc-title" }, config.title));
  var close = el("button", { type: "button", class: "cpc-close", "aria-label": "Close the chat" }, "×");
  header.appendChild(close);
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
    maxlength: "1000",
    placeholder: "Type your question",
  });
  var send = el("button", { type: "submit", class: "cpc-send" }, "Send");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(status);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  var transcript = load("transcript", []);
  var sessionId = load("session", null) || newSessionId();
  store("session", sessionId);
  var socket = null;
  var typingTimer = null;
  // Messages wait until the server has confirmed the session: with session persistence, Rasa
  // sends replies to the session's room, which this connection joins only then. (socket.io's
  // own buffer would send them before the session request, and the replies would be lost.)
  var ready = false;
  var pending = [];

  function save(entry) {
    transcript.push(entry);
    if (transcript.length > MAX_STORED) {
      transcript = transcript.slice(-MAX_STORED);
    }
    store("transcript", transcript);
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function renderMessage(entry, live) {
    var bubble = el("div", { class: "cpc-message cpc-" + entry.from });
    bubble.appendChild(el("span", { class: "cpc-visually-hidden" }, entry.from === "user" ? "You said: " : "Assistant: "));
    var body = el("div", { class: "cpc-text" });
    appendText(body, entry.text || "");
    bubble.appendChild(body);
    log.appendChild(bubble);
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
    scrollToEnd();
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
    var entry = { from: "user", text: shown };
    save(entry);
    renderMessage(entry, true);
    setTyping(true);
    pending.push(text);
    connect();
    flush();
  }

  function flush() {
    while (ready && socket && pending.length) {
      socket.emit("user_uttered", { message: pending.shift(), session_id: sessionId });
    }
  }

  function onBotMessage(message) {
    setTyping(false);
    var buttons = (message.quick_replies || message.buttons || []).map(function (b) {
      return { title: b.title, payload: b.payload };
    });
    var text = typeof message.text === "string" ? message.text : "";
    if (!text && message.attachment && message.attachment.payload && message.attachment.payload.src) {
      text = String(message.attachment.payload.src);
    }
    if (!text && !buttons.length) {
      return;
    }
    var entry = { from: "bot", text: text, buttons: buttons };
    save(entry);
    renderMessage(entry, true);
  }

  function connect() {
    if (socket) {
      return socket;
    }
    socket = window.io(config.serverUrl, { path: config.socketPath, transports: ["websocket", "polling"] });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: sessionId });
      if (status.classList.contains("cpc-offline")) {
        status.classList.remove("cpc-offline");
        status.textContent = "Connected again.";
      }
    });
    socket.on("session_confirm", function (id) {
      if (typeof id === "string" && id) {
        sessionId = id;
        store("session", id);
      }
      ready = true;
      flush();
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", function () {
      ready = false;
      setTyping(false);
      status.classList.add("cpc-offline");
      status.textContent = "Connection lost. Trying to reconnect…";
    });
    socket.on("connect_error", function () {
      status.classList.add("cpc-offline");
      status.textContent = "Can't reach the assistant. Trying again…";
    });
    return socket;
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("cpc-open");
    store("open", true);
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

  launcher.addEventListener("click", function () {
    if (panel.hidden) {
      open();
    } else {
      shut();
    }
  });
  close.addEventListener("click", shut);
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
      var hello = { from: "bot", text: config.greeting, buttons: [] };
      save(hello);
    }
    transcript.forEach(function (entry, index) {
      renderMessage(entry, index === transcript.length - 1);
    });
    if (load("open", false)) {
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      root.classList.add("cpc-open");
      connect();
    }
  }

  var client = el("script", { src: base + "socket.io.min.js" });
  client.onload = function () {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  };
  client.onerror = function () {
    /* Without the client there is no chat: say so instead of showing a dead button. */
    document.body.appendChild(el("p", { class: "cpc-unavailable", role: "status" }, "The chat is not available right now."));
  };
  document.head.appendChild(client);
})();
