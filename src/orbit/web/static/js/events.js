// Events explorer: filter form, sortable table, cursor paging ("More").
// Route: #events?actor=&source=&target=&root=&quad=&since=&until=&text=&all=1[&limit=N]

import { get, showError } from "./api.js";
import { el, clear, QUADS, ROOTS, fmt, actorLabel, actorTitle } from "./util.js";

const FIELDS = ["actor", "source", "target", "root", "quad", "since", "until", "text"];
const PAGE = 100; // rows per request; #events?limit=N changes it (1..1000)
let page = PAGE;

let form, tbody, moreBtn, countBox, table;
let rows = [];
let cursor = null;
let filters = {};
let sortKey = null;
let sortDir = 1;
let token = 0;
let lastKey = null;

function init() {
  form = document.getElementById("ev-filters");
  table = document.getElementById("ev-table");
  tbody = table.querySelector("tbody");
  moreBtn = document.getElementById("ev-more");
  countBox = document.getElementById("ev-count");
  const rootSel = document.getElementById("f-root");
  for (const [code, name] of Object.entries(ROOTS)) rootSel.append(el("option", { value: code }, `${code} ${name}`));
  const quadSel = document.getElementById("f-quad");
  for (const [q, name] of Object.entries(QUADS)) quadSel.append(el("option", { value: q }, `${q} ${name}`));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const f of FIELDS) {
      const v = form.elements[f].value.trim();
      if (v) p.set(f, f === "actor" || f === "source" || f === "target" ? v.toUpperCase() : v);
    }
    if (form.elements.all.checked) p.set("all", "1");
    const hash = `#events${p.toString() ? `?${p}` : ""}`;
    if (location.hash === hash) load(false);
    else location.hash = hash;
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      history.replaceState(null, "", "#events");
      lastKey = null;
      show("", new URLSearchParams());
    }, 0);
  });
  moreBtn.addEventListener("click", () => load(true));
  table.querySelectorAll("th[data-sort]").forEach((th) => {
    th.tabIndex = 0;
    const go = () => sortBy(th.dataset.sort);
    th.addEventListener("click", go);
    th.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        go();
      }
    });
  });
}

function sortValue(r, key) {
  switch (key) {
    case "source": return actorLabel(r.source);
    case "target": return actorLabel(r.target);
    case "plover": return (r.plover && r.plover.event) || "";
    case "trigger": return (r.trigger && r.trigger.text.toLowerCase()) || "";
    case "date": return r.date || "";
    default: return r[key] ?? "";
  }
}

function sortBy(key) {
  if (sortKey === key) sortDir = -sortDir;
  else {
    sortKey = key;
    sortDir = key === "goldstein" || key === "confidence" || key === "date" ? -1 : 1;
  }
  table.querySelectorAll("th[data-sort]").forEach((th) => {
    if (th.dataset.sort === sortKey) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  });
  renderRows();
}

function sentenceCell(r) {
  const s = r.sentence || "";
  const base = r.sentence_span ? r.sentence_span[0] : 0;
  const t = r.trigger && r.trigger.span ? [r.trigger.span[0] - base, r.trigger.span[1] - base] : null;
  const cell = el("td.sentence");
  if (t && t[0] >= 0 && t[1] <= s.length && t[1] > t[0]) {
    cell.append(s.slice(0, t[0]), el(`mark.trigger.q${r.quad_class}`, {}, s.slice(t[0], t[1])), s.slice(t[1]));
  } else cell.append(el("b", {}, r.trigger ? r.trigger.text : ""), " — ", s);
  return cell;
}

function row(r) {
  const trig = r.trigger && r.trigger.span ? `&trigger=${r.trigger.span[0]}` : "";
  const href = `#reader/${r.document}?ev=${r.span ? r.span[0] : ""}${trig}`;
  const flags = [];
  if (r.negated && r.modality !== "negated") flags.push(el("span.badge.warn", {}, "negated"));
  if (r.hypothetical && r.modality !== "hypothetical") flags.push(el("span.badge.warn", {}, "hypothetical"));
  const tr = el("tr", { "data-testid": "event-row", "data-id": r.id },
    el("td.nowrap", {}, r.date || ""),
    el("td", { title: actorTitle(r.source) }, actorLabel(r.source)),
    el("td", { title: actorTitle(r.target) }, actorLabel(r.target)),
    el("td", { title: ROOTS[r.root] || "" }, el("code", {}, r.cameo)),
    el("td", {}, el(`span.chip.q${r.quad_class}`, { title: QUADS[r.quad_class] || "" }, `Q${r.quad_class}`)),
    el("td.num", {}, fmt(r.goldstein)),
    el("td", {}, (r.plover && r.plover.event) || "", r.plover && r.plover.mode ? el("span.muted", {}, ` / ${r.plover.mode}`) : null),
    el("td", {}, r.modality || "", " ", flags),
    sentenceCell(r),
    el("td.num", {}, typeof r.confidence === "number" ? r.confidence.toFixed(2) : ""),
    el("td", {}, el("a.evidence-link", { href, "data-testid": "evidence-link", title: r.doc_id || "" }, "open ›")));
  if (r.negated || r.hypothetical) tr.classList.add("unasserted");
  return tr;
}

function renderRows() {
  const list = rows.slice();
  if (sortKey) {
    list.sort((a, b) => {
      const x = sortValue(a, sortKey);
      const y = sortValue(b, sortKey);
      if (typeof x === "number" && typeof y === "number") return (x - y) * sortDir;
      return String(x).localeCompare(String(y)) * sortDir;
    });
  }
  clear(tbody);
  const frag = document.createDocumentFragment();
  list.forEach((r) => frag.append(row(r)));
  tbody.append(frag);
  if (!rows.length) tbody.append(el("tr", {}, el("td.empty", { colspan: 11 }, "No events match these filters.")));
  countBox.textContent = `${rows.length} event${rows.length === 1 ? "" : "s"} shown${cursor ? " — more available" : ""}`
    + (sortKey ? ` (sorted by ${sortKey}; sorting applies to the loaded rows)` : "");
  moreBtn.hidden = !cursor;
}

async function load(append) {
  const t = ++token;
  const params = { ...filters, limit: page };
  if (append) params.cursor = cursor;
  moreBtn.disabled = true;
  try {
    const data = await get("events", params);
    if (t !== token) return;
    rows = append ? rows.concat(data.items) : data.items;
    cursor = data.next_cursor;
    renderRows();
  } catch (e) {
    if (t !== token) return;
    showError(e);
    if (!append) {
      rows = [];
      cursor = null;
      renderRows();
    }
  } finally {
    moreBtn.disabled = false;
  }
}

let ready = false;

export function show(arg, params) {
  if (!ready) {
    init();
    ready = true;
  }
  filters = {};
  for (const f of FIELDS) {
    const v = params.get(f) || "";
    form.elements[f].value = v;
    if (v) filters[f] = v;
  }
  const all = params.get("all") === "1" || params.get("all") === "true";
  form.elements.all.checked = all;
  if (all) filters.all = "true";
  const limit = Number(params.get("limit"));
  page = Number.isInteger(limit) && limit >= 1 && limit <= 1000 ? limit : PAGE;
  const key = JSON.stringify([filters, page]);
  if (key === lastKey && rows.length) return; // coming back to the same filters: keep rows and paging
  lastKey = key;
  load(false);
}
