// "Analyse a text": POST /api/analyze with pasted text (+ optional title and date) and show the
// result with the same annotated-document component as the reader (nothing is stored).

import { post, showError, hideError } from "./api.js";
import { el, clear } from "./util.js";
import { renderDocument } from "./docview.js";

let form, textArea, dateInput, titleInput, submit, status, result;
let busy = false;
let ready = false;

function init() {
  form = document.getElementById("an-form");
  textArea = document.getElementById("an-text");
  dateInput = document.getElementById("an-date");
  titleInput = document.getElementById("an-title");
  submit = document.getElementById("an-submit");
  status = document.getElementById("an-status");
  result = document.getElementById("an-result");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  textArea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
}

async function run() {
  if (busy) return;
  const text = textArea.value;
  if (!text.trim()) {
    status.textContent = "Paste some text first.";
    return;
  }
  busy = true;
  submit.disabled = true;
  form.setAttribute("aria-busy", "true");
  result.classList.add("loading");
  status.textContent = "Analysing… (the first analysis loads the language model and can take a few seconds)";
  const t0 = performance.now();
  try {
    const body = { text };
    if (dateInput.value) body.date = dateInput.value;
    if (titleInput.value.trim()) body.title = titleInput.value.trim();
    const doc = await post("analyze", body);
    hideError();
    if (!doc.title) doc.title = titleInput.value.trim() || "Pasted text";
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    renderDocument(result, doc, { prefix: "aev-", extraMeta: el("span", {}, `analysed in ${secs} s, not stored`) });
    result.dataset.state = "done";
    status.textContent = `${(doc.events || []).length} events found in ${secs} s.`;
  } catch (e) {
    result.dataset.state = "error";
    clear(result).append(el("p.empty", {}, `The analysis failed: ${e.message}`));
    status.textContent = "";
    showError(e);
  } finally {
    busy = false;
    submit.disabled = false;
    form.removeAttribute("aria-busy");
    result.classList.remove("loading");
  }
}

export function show() {
  if (!ready) {
    init();
    ready = true;
  }
}
