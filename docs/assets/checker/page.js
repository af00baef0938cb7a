// The checker page: shows only the questions of the chosen document and role, sends the visible answers
// to the engine in a Web Worker and shows the HTML it returns after every answer. Nothing is decided
// here. Answers live in this page's memory only: no storage, no cookies, no requests.
//
// The result region (#cs-result) tells tests and the benchmark what it shows: data-state is loading |
// ready | error; data-rendered-seq is the number of the answer change whose result is shown, and
// data-eval-ms the worker's own time to evaluate it.
const BOOT_TIMEOUT_MS = 45000;
const TYPING_DELAY_MS = 150;
const VERSION = new URL(import.meta.url).searchParams.get("v") || "";

function start(form) {
  const output = document.getElementById("cs-result");
  const bar = document.getElementById("cs-answer-bar");
  const compareButton = document.getElementById("cs-compare-button");
  const compareOut = document.getElementById("cs-compare-out");
  const tools = document.getElementById("cs-tools");
  let ready = false;
  let seq = 0;         // answer changes so far
  let sent = null;     // the answers of the newest request, shown with its result (tests compare them)
  let compared = 0;

  const show = (html, state) => {
    output.innerHTML = html;
    output.dataset.state = state;
  };
  const message = (text, links) => `<p class="cs-status">${text}</p>` + (links ? FALLBACK_LINKS : "");
  output.dataset.state = "loading";

  const worker = EARLY.worker;
  const timer = setTimeout(() => {
    if (!ready) fail("Проверка загружается слишком долго. Возможно, медленная сеть или браузер запрещает WebAssembly.");
  }, BOOT_TIMEOUT_MS);

  function fail(text) {
    clearTimeout(timer);
    loadTheme();
    show(message(`${text} Ваши ответы никуда не отправлены.`, true), "error");
    output.dataset.renderedSeq = String(seq);
  }

  function receive({ data }) {
    if (data.type === "ready") {
      ready = true;
      clearTimeout(timer);
      output.dataset.bootMs = data.ms;
      output.dataset.bootPhases = JSON.stringify({ ...data.phases, origin: Math.round(data.phases.origin - performance.timeOrigin) });
      output.dataset.state = "ready";
      update(false);
      registerOffline();
      loadTheme();
    } else if (data.type === "result" && data.seq === seq) {
      rendered(data.payload.html, data.seq);
      output.dataset.summary = JSON.stringify(data.payload.summary || null);
      output.dataset.answers = JSON.stringify(sent);
      output.dataset.phase = data.phase;
      if (data.phase === "main") {
        output.dataset.evalMs = data.ms;
        output.dataset.rulesMs = data.payload.rules_ms ?? "";
      } else output.dataset.whatIfMs = data.ms;
      if (data.phase === "what_if" || !data.payload.ok) delete output.dataset.pending;
      answerBar(data.payload.ok ? data.payload.headline : "", data.payload.urgent);
      tools.hidden = !data.payload.ok;
    } else if (data.type === "compare" && data.id === compared) {
      compareOut.innerHTML = data.payload.html;
      compareOut.hidden = false;
      compareOut.focus();
    } else if (data.type === "failed") {
      fail("Проверка не смогла запуститься в этом браузере.");
      output.dataset.error = data.message;
    } else if (data.type === "error" && data.id !== undefined) {
      compareOut.textContent = `Сравнение не удалось: ${data.message}`;
      compareOut.hidden = false;
    } else if (data.type === "error" && data.seq === seq) {
      // An engine error is shown with its message: never a blank panel.
      show(message("Проверка не смогла обработать эти ответы. Сообщение программы:") +
           `<pre class="cs-engine-error"></pre>` + FALLBACK_LINKS, "error");
      output.querySelector("pre").textContent = data.message;
      output.dataset.renderedSeq = String(data.seq);
      delete output.dataset.pending;
    }
  }

  function rendered(html, n) {
    output.innerHTML = html;
    output.dataset.state = "ready";
    output.dataset.renderedSeq = String(n);
  }

  function answerBar(text, urgent) {
    bar.textContent = text ? `${text} ↓` : "";
    bar.classList.toggle("cs-urgent-bar", Boolean(urgent));
    bar.hidden = !text;
  }

  let typing = null;
  form.addEventListener("change", () => update(true));
  form.addEventListener("input", (event) => {
    if (event.target.type !== "number") return;   // boxes and lists answer through "change"
    clearTimeout(typing);
    typing = setTimeout(() => update(true), TYPING_DELAY_MS);
  });
  form.addEventListener("reset", () => setTimeout(() => {
    compareOut.hidden = true;
    compareOut.innerHTML = "";
    for (const input of form.querySelectorAll("input.cs-age")) input.hidden = input !== form.querySelector("input.cs-age");
    for (const button of form.querySelectorAll(".cs-add-child")) button.hidden = false;
    update(true);
  }, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const button of form.querySelectorAll(".cs-add-child")) {
    button.addEventListener("click", () => addChild(button));
  }
  compareButton.addEventListener("click", () => {
    if (!ready || !sent) return;
    compared += 1;           // its own numbers: a comparison is not an answer change
    worker.postMessage({ type: "compare", id: compared, answers: sent });
  });
  document.getElementById("cs-print-button").addEventListener("click", () => window.print());
  // Print the whole result: folded sections open while printing, as they were afterwards.
  let folded = [];
  window.addEventListener("beforeprint", () => {
    folded = [...output.querySelectorAll("details:not([open])")];
    folded.forEach((d) => { d.open = true; });
  });
  window.addEventListener("afterprint", () => folded.forEach((d) => { d.open = false; }));
  new IntersectionObserver(([entry]) => bar.classList.toggle("cs-bar-off", entry.isIntersecting))
    .observe(output);
  update(false);
  // Last, once everything above is set up: messages that came while the page loaded are handled now.
  if (!worker) {
    fail("Этот браузер не может запустить проверку: в нём нет Web Worker или WebAssembly.");
  } else {
    EARLY.adopt(receive, () => fail("Проверка не смогла запуститься в этом браузере."));
  }

  // `changed`: a person changed an answer (counted); otherwise the page (re)shows the current answers.
  function update(changed) {
    if (changed) seq += 1;
    const answers = showRelevant(form);
    const professional = form.querySelector("input[name=role]:checked")?.dataset.professional === "true";
    compareButton.hidden = !professional;
    if (!changed && !ready) return;
    if (!answers) {
      sent = null;
      output.dataset.summary = "null";
      delete output.dataset.pending;
      delete output.dataset.evalMs;
      delete output.dataset.rulesMs;
      answerBar("");
      tools.hidden = true;
      if (ready) rendered(PROMPT, seq);
      else if (output.dataset.state === "loading") output.dataset.renderedSeq = String(seq);
      return;
    }
    sent = answers;
    if (!ready) {
      if (output.dataset.state === "loading") output.innerHTML = message(WAITING);
      return;
    }
    output.dataset.pending = String(seq);
    worker.postMessage({ type: "evaluate", seq, answers });
  }

  function registerOffline() {
    const url = form.dataset.serviceWorker;
    if (!url || !("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register(url, { scope: "../" }).catch(() => {});   // offline is a bonus
  }
}

const PROMPT = '<p class="cs-status">Выберите территорию — и проверка покажет вопросы её документа и результат.</p>';
const WAITING = "Ответы приняты. Проверка ещё загружается на этом устройстве — результат появится здесь сам.";
const FALLBACK_LINKS = '<p>Правила можно прочитать без проверки: <a href="../documents/">документы по разделам</a>, ' +
  '<a href="../compare/">сравнение территорий</a>. Если ребёнку угрожает опасность, звоните ' +
  '<a href="tel:112">112</a> или <a href="tel:102">102</a>.</p>';

function addChild(button) {
  const hidden = button.parentElement.querySelector("input.cs-age[hidden]");
  if (hidden) {
    hidden.hidden = false;
    hidden.focus();
  }
  if (!button.parentElement.querySelector("input.cs-age[hidden]")) button.hidden = true;
}

// Show the questions the engine's plan (checker/questions.py, rendered into the page) asks under the
// chosen document of this role, in its order; return the answers, or null before a document is chosen.
// Hidden questions keep their state but are not sent. Questions move only when the document or the role
// changes, so focus never jumps while someone answers.
let placed = null;
function showRelevant(form) {
  const jurisdiction = form.elements.jurisdiction.value;
  const roleInput = form.querySelector("input[name=role]:checked");
  const role = roleInput ? roleInput.value : "other";
  const key = jurisdiction ? `${jurisdiction}/${role}` : "";
  if (key !== placed) place(form, key, role);
  for (const question of form.querySelectorAll(".cs-q[data-ask-if]")) {
    const parent = form.querySelector(`#cs-fact-${question.dataset.askIf}`);
    question.hidden = !question.dataset.asked || !(parent && parent.checked && !parent.closest(".cs-q").hidden);
  }
  if (!jurisdiction) return null;
  const answers = { schema: 1, jurisdiction, role, signs: [], facts: {} };
  for (const question of form.querySelectorAll(".cs-q:not([hidden])")) {
    if (question.dataset.sign) {
      if (question.querySelector("input").checked) answers.signs.push(question.dataset.sign);
      continue;
    }
    const value = factValue(question);
    if (value !== undefined) answers.facts[question.dataset.fact] = value;
  }
  return answers;
}

function place(form, key, role) {
  placed = key;
  const plan = PLAN()[key];
  const main = form.querySelector("#cs-main");
  const moreList = form.querySelector("#cs-more-list");
  const questions = new Map([...form.querySelectorAll(".cs-q")].map((q) => [q.dataset.q, q]));
  form.dataset.audience = role === "family" ? "family" : "professional";
  if (!plan) {   // no document chosen yet: every question stays where it is, visible
    for (const q of questions.values()) { q.hidden = false; delete q.dataset.asked; }
    form.querySelector("#cs-more").hidden = true;
    return;
  }
  for (const q of questions.values()) { q.hidden = true; delete q.dataset.asked; }
  const put = (ids, list) => ids.forEach((id) => {
    const q = questions.get(id);
    if (!q) return;
    list.appendChild(q);
    q.hidden = false;
    q.dataset.asked = "1";
  });
  put(plan.main, main);
  put(plan.more, moreList);
  const more = form.querySelector("#cs-more");
  more.hidden = plan.more.length === 0;
  form.querySelector("#cs-more-count").textContent = String(plan.more.length);
  const doc = key.split("/")[0];
  for (const item of form.querySelectorAll(".cs-why li[data-doc]")) {
    item.hidden = doc !== "other" && item.dataset.doc !== doc;
  }
}

let plan = null;
function PLAN() {
  if (!plan) plan = JSON.parse(document.getElementById("cs-plan").textContent);
  return plan;
}

// A fact's value from its inputs, or undefined when unanswered or out of range (the input is marked).
function factValue(question) {
  const type = question.dataset.type;
  const inputs = [...question.querySelectorAll("input")];
  if (type === "bool") return inputs[0].checked ? true : undefined;
  const numbers = [];
  for (const input of inputs) {
    input.removeAttribute("aria-invalid");
    if (input.value.trim() === "") continue;
    const number = Number(input.value.replace(",", "."));
    const integer = type !== "number";
    const low = input.min === "" ? -Infinity : Number(input.min);
    const high = input.max === "" ? Infinity : Number(input.max);
    if (!Number.isFinite(number) || (integer && !Number.isInteger(number)) || number < low || number > high) {
      input.setAttribute("aria-invalid", "true");
      continue;
    }
    numbers.push(number);
  }
  if (type === "int_list") return numbers;   // empty: no children (the hint says so)
  return numbers.length ? numbers[0] : undefined;
}

// The engine's worker is started by a tiny script at the top of the page's head (docs/overrides/main.html),
// before the long page is parsed; this script (an async module) adopts it, or starts one itself. Messages
// that arrive before the form is wired up wait in a queue.
const EARLY = (() => {
  const out = { worker: null, adopt: null };
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") return out;
  const early = window.__csEarly;
  delete window.__csEarly;
  const worker = early ? early.worker
    : new Worker(new URL(`./worker.js${VERSION ? `?v=${VERSION}` : ""}`, import.meta.url), { type: "module" });
  const queue = early ? early.queue : [];
  if (!early) {
    worker.onmessage = (event) => queue.push(event);
    worker.onerror = (event) => { event.preventDefault(); queue.failed = true; };
  }
  out.adopt = (receive, fail) => {
    worker.onmessage = receive;
    worker.onerror = (event) => { event.preventDefault(); fail(); };
    queue.splice(0).forEach(receive);
    if (queue.failed) fail();
  };
  out.worker = worker;
  return out;
})();

// The theme's own script (menu, search, tooltips) is held back on this page (docs/overrides/main.html):
// on two cores it slowed the engine's start. It is loaded when the engine is ready or has failed, when
// someone reaches for the header or the menu, or after THEME_LATEST_MS; it starts on DOMContentLoaded,
// which has passed by then, so that event is sent again for it.
const THEME_LATEST_MS = 6000;
function loadTheme() {
  const held = [...document.querySelectorAll('script[type="text/plain"][data-later]')];
  let left = held.length;
  for (const old of held) {
    const script = document.createElement("script");
    script.src = old.getAttribute("src");
    script.async = false;                  // in their order, as the theme wrote them
    script.onload = script.onerror = () => {
      if (--left === 0) document.dispatchEvent(new Event("DOMContentLoaded"));
    };
    old.replaceWith(script);
  }
}

function begin() {
  for (const part of document.querySelectorAll(".md-header, .md-sidebar")) {
    part.addEventListener("pointerdown", loadTheme, { once: true });
    part.addEventListener("focusin", loadTheme, { once: true });
  }
  setTimeout(loadTheme, THEME_LATEST_MS);
  const form = document.getElementById("cs-form");
  if (form) start(form);
  else loadTheme();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin, { once: true });
else begin();
