// Reader view: document list + search on the left, the annotated document on the right.
// Route: #reader/<id or doc_id>?ev=<evidence span start>[&trigger=<trigger start>]

import { get, showError } from "./api.js";
import { el, clear, debounce } from "./util.js";
import { renderDocument } from "./docview.js";

let listBox, moreBtn, docBox, searchInput;
let cursor = null;
let query = "";
let loadedId = null; // the id (as in the route) of the rendered document
let loadedDoc = null;
let viewer = null;
let firstId = null;
let listToken = 0;

/** "text [hit] more" -> text, <mark>hit</mark>, more */
function snippetNodes(s) {
  const out = [];
  const re = /\[([^\]]*)\]/g;
  let pos = 0;
  let m;
  while ((m = re.exec(s))) {
    if (m.index > pos) out.push(s.slice(pos, m.index));
    out.push(el("mark", {}, m[1]));
    pos = m.index + m[0].length;
  }
  if (pos < s.length) out.push(s.slice(pos));
  return out;
}

function docItem(d) {
  const li = el("li.doc-item", { "data-id": d.id, "data-testid": "doc-item" },
    el("a", { href: `#reader/${d.id}` },
      el("span.doc-item-title", {}, d.title || d.doc_id),
      el("span.doc-item-meta", {}, [d.date, d.events !== null && d.events !== undefined ? `${d.events} events` : null]
        .filter(Boolean).join(" · ")),
      d.snippet ? el("span.snippet", {}, snippetNodes(d.snippet)) : null));
  return li;
}

function markActive() {
  if (!listBox) return;
  listBox.querySelectorAll(".doc-item").forEach((li) => {
    const on = loadedDoc && String(li.dataset.id) === String(loadedDoc.id);
    li.classList.toggle("active", on);
    const a = li.querySelector("a");
    if (on) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
}

async function loadList(append = false) {
  const token = ++listToken;
  try {
    const params = query ? { q: query, limit: 50 } : { limit: 50, cursor: append ? cursor : null };
    const data = await get("documents", params);
    if (token !== listToken) return;
    if (!append) clear(listBox);
    for (const d of data.items) listBox.append(docItem(d));
    if (!append && !data.items.length) listBox.append(el("li.empty", {}, query ? "No document matches." : "The store is empty."));
    if (!query && !append && data.items.length) firstId = firstId ?? data.items[0].id;
    cursor = data.next_cursor;
    moreBtn.hidden = !cursor || !!query;
    markActive();
  } catch (e) {
    showError(e);
  }
}

function init() {
  listBox = document.getElementById("doc-list");
  moreBtn = document.getElementById("doc-more");
  docBox = document.getElementById("reader-doc");
  searchInput = document.getElementById("doc-q");
  moreBtn.addEventListener("click", () => loadList(true));
  const run = () => {
    let q = searchInput.value.trim();
    if (!/[\p{L}\p{N}]/u.test(q)) q = ""; // the server refuses queries with no words
    if (q === query) return;
    query = q;
    loadList(false);
  };
  searchInput.addEventListener("input", debounce(run, 250));
  document.getElementById("doc-search").addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  return loadList(false);
}

let ready = null;

async function openDocument(id) {
  docBox.classList.add("loading");
  try {
    const doc = await get(`documents/${encodeURIComponent(id)}`);
    loadedId = id;
    loadedDoc = doc;
    viewer = renderDocument(docBox, doc, {
      prefix: "ev-",
      onSelect: (n, ev) => {
        const extra = ev.trigger && ev.trigger.span ? `&trigger=${ev.trigger.span[0]}` : "";
        history.replaceState(null, "", `#reader/${encodeURIComponent(id)}?ev=${ev.span[0]}${extra}`);
      },
    });
    markActive();
    document.title = `${doc.title || doc.doc_id} — orbit`;
  } catch (e) {
    loadedId = null;
    loadedDoc = null;
    viewer = null;
    clear(docBox).append(el("p.empty", {}, `Cannot open document ${id}: ${e.message}`));
    showError(e);
  } finally {
    docBox.classList.remove("loading");
  }
}

export async function show(arg, params) {
  if (!ready) ready = init();
  await ready;
  let id = arg;
  if (!id) {
    if (loadedId) id = loadedId;
    else if (firstId !== null) id = String(firstId);
    else return;
  }
  if (id !== loadedId) await openDocument(id);
  if (viewer && params.has("ev")) {
    const n = viewer.selectByStart(params.get("ev"), params.get("trigger"));
    if (n < 0) showError(new Error(`no event starts at character ${params.get("ev")} in this document`));
  }
}
