// The annotated-document component used by the reader and by "analyse a text":
// the cleaned text with highlighted spans (actors, event triggers and evidence, quotes,
// amounts, dates, places), a legend with layer toggles, and a side list of events.
//
// Test hooks: the evidence span of event n is the element #<prefix>n (prefix "ev-" in the
// reader, "aev-" in the analyse view), every piece of it has class "evidence" and
// data-ev="n"; the selected event's pieces, trigger and list item get class "active".

import { el, clear, QUADS, ROOTS, fmt, actorLabel, actorTitle } from "./util.js";

const RANK = { quote: 0, evidence: 1, actor: 2, place: 2, date: 2, amount: 2, trigger: 3 };

const LAYERS = [
  { key: "actors", label: "Actors", items: [
    ["actor t-country", "country"], ["actor t-person", "person"],
    ["actor t-organisation", "organisation"], ["actor t-group", "group"]] },
  { key: "events", label: "Event triggers", items: [
    ["trigger q1", QUADS[1]], ["trigger q2", QUADS[2]], ["trigger q3", QUADS[3]], ["trigger q4", QUADS[4]],
    ["trigger q1 negated", "negated"], ["trigger q1 hypothetical", "hypothetical"]] },
  { key: "quotes", label: "Quotes", items: [["quote", "quote"]] },
  { key: "amounts", label: "Amounts", items: [["amount", "amount"]] },
  { key: "dates", label: "Dates", items: [["date", "date"]] },
  { key: "places", label: "Places", items: [["place", "place"]] },
];

function validSpan(span, len) {
  return Array.isArray(span) && span.length === 2 && Number.isInteger(span[0]) && Number.isInteger(span[1])
    && span[0] >= 0 && span[1] > span[0] && span[1] <= len;
}

/** Collects the annotations of a document as {s, e, kind, ...}. */
function annotations(doc) {
  const len = doc.text.length;
  const out = [];
  const add = (span, kind, data) => {
    if (validSpan(span, len)) out.push({ s: span[0], e: span[1], os: span[0], kind, ...data });
  };
  (doc.actors || []).forEach((a, i) => {
    for (const m of a.mentions || []) add(m.span, "actor", { actor: a, index: i });
  });
  (doc.quotes || []).forEach((q, i) => add(q.span, "quote", { quote: q, index: i }));
  (doc.amounts || []).forEach((x, i) => add(x.span, "amount", { amount: x, index: i }));
  (doc.dates || []).forEach((x, i) => add(x.span, "date", { date: x, index: i }));
  (doc.places || []).forEach((x, i) => add(x.span, "place", { place: x, index: i }));
  const triggers = new Map();
  (doc.events || []).forEach((ev, n) => {
    add(ev.span, "evidence", { n, event: ev });
    const t = ev.trigger && ev.trigger.span;
    if (!validSpan(t, len)) return;
    const key = `${t[0]}:${t[1]}`;
    if (triggers.has(key)) triggers.get(key).all.push(n);
    else {
      const a = { s: t[0], e: t[1], os: t[0], kind: "trigger", n, event: ev, all: [n] };
      triggers.set(key, a);
      out.push(a);
    }
  });
  return out;
}

function order(a, b) {
  return a.s - b.s || b.e - a.e || RANK[a.kind] - RANK[b.kind];
}

function describeEvent(ev) {
  const parts = [
    `${actorLabel(ev.source)} → ${actorLabel(ev.target)}`,
    `CAMEO ${ev.cameo} ${ROOTS[ev.root] || ""}`.trim(),
    `${QUADS[ev.quad_class] || ""}, Goldstein ${fmt(ev.goldstein)}`,
    ev.plover && ev.plover.event ? `PLOVER ${ev.plover.event}${ev.plover.mode ? ` / ${ev.plover.mode}` : ""}` : null,
    ev.modality && ev.modality !== "asserted" ? `modality: ${ev.modality}` : null,
    ev.negated ? "negated" : null,
    ev.hypothetical ? "hypothetical" : null,
  ];
  return parts.filter(Boolean).join("\n");
}

function makeElement(a, prefix) {
  const attrs = { "data-s": a.s, "data-e": a.e };
  let cls = [a.kind];
  let title = "";
  switch (a.kind) {
    case "actor": {
      const x = a.actor;
      cls.push(`t-${x.type || "other"}`);
      attrs["data-actor"] = a.index;
      attrs["data-span"] = `${a.os}:${a.e}`;
      title = [x.name, x.office, x.code ? `(${x.code})` : null, x.type].filter(Boolean).join(" · ");
      break;
    }
    case "trigger": {
      const ev = a.event;
      cls.push(`q${ev.quad_class}`);
      if (ev.negated) cls.push("negated");
      if (ev.hypothetical) cls.push("hypothetical");
      attrs["data-ev"] = a.n;
      attrs["data-evs"] = a.all.join(" ");
      attrs["data-testid"] = "trigger";
      attrs.tabindex = 0;
      attrs.role = "button";
      title = describeEvent(ev);
      break;
    }
    case "evidence":
      attrs["data-ev"] = a.n;
      if (a.s === a.os) {
        attrs.id = `${prefix}${a.n}`;
        attrs["data-testid"] = "evidence";
      } else cls.push("cont");
      break;
    case "quote": {
      const q = a.quote;
      cls.push(q.kind || "direct");
      title = q.speaker ? `quote: ${q.speaker.name}${q.speaker.code ? ` (${q.speaker.code})` : ""}` : "quote (speaker unknown)";
      break;
    }
    case "amount":
      title = `amount: ${a.amount.value ?? ""} ${a.amount.unit || ""}`.trim();
      break;
    case "date":
      title = `date: ${a.date.date || "?"}`;
      break;
    case "place": {
      const p = a.place;
      title = `place: ${p.name || p.text}${p.country ? `, ${p.country}` : ""}`;
      break;
    }
    default:
      break;
  }
  if (title) attrs.title = title;
  return el(a.kind === "quote" ? "q" : "span", { class: cls, ...attrs });
}

/** Appends text[s:e] to parent with the (sorted) annotations inside it, splitting crossing ones. */
function build(parent, text, s, e, anns, prefix) {
  let pos = s;
  let list = anns.slice();
  while (list.length) {
    let a = list.shift();
    if (a.s < pos) a = { ...a, s: pos };
    if (a.e <= a.s) continue;
    if (a.s > pos) parent.append(text.slice(pos, a.s));
    const inner = [];
    const rest = [];
    for (const b of list) {
      if (b.s >= a.e) rest.push(b);
      else if (b.e <= a.e) inner.push(b);
      else {
        inner.push({ ...b, e: a.e });
        rest.push({ ...b, s: a.e });
      }
    }
    const node = makeElement(a, prefix);
    build(node, text, a.s, a.e, inner, prefix);
    parent.append(node);
    pos = a.e;
    list = rest.sort(order);
  }
  if (pos < e) parent.append(text.slice(pos, e));
}

/** Renders the text into paragraphs (split on blank lines) keeping character offsets exact. */
function renderText(container, text, anns, prefix) {
  const sorted = anns.slice().sort(order);
  const frag = document.createDocumentFragment();
  build(frag, text, 0, text.length, sorted, prefix);
  container.append(frag);
}

function legend(textBox, testid) {
  const box = el("div.legend.doc-legend", { "data-testid": testid });
  for (const layer of LAYERS) {
    const cb = el("input", { type: "checkbox", checked: true, "data-layer": layer.key });
    cb.addEventListener("change", () => textBox.classList.toggle(`hide-${layer.key}`, !cb.checked));
    const group = el("label.layer", {}, cb, el("b", {}, layer.label));
    for (const [cls, label] of layer.items) group.append(el("span.key", {}, el(`span.${cls.split(" ").join(".")}`, {}, label)));
    box.append(group);
  }
  return box;
}

function eventItem(ev, n, onClick, prefix) {
  const quad = ev.quad_class;
  const modality = ev.modality || "asserted";
  const flags = [];
  if (ev.negated && modality !== "negated") flags.push(el("span.badge.warn", {}, "negated"));
  if (ev.hypothetical && modality !== "hypothetical") flags.push(el("span.badge.warn", {}, "hypothetical"));
  const conf = typeof ev.confidence === "number" ? ev.confidence : null;
  const bar = el("span.conf-bar", { title: `confidence ${conf === null ? "?" : conf.toFixed(2)}` }, el("span.conf-fill"));
  if (conf !== null) bar.firstChild.style.width = `${Math.round(Math.max(0, Math.min(1, conf)) * 100)}%`;
  const btn = el("button.ev-button", { type: "button", "aria-label": `event ${n + 1}: ${ev.trigger ? ev.trigger.text : ""}` },
    el("div.ev-head", {},
      el(`span.chip.q${quad}`, { title: QUADS[quad] || "" }, `Q${quad}`),
      el("span.dyad", {},
        el("span.actor-code", { title: actorTitle(ev.source) }, actorLabel(ev.source)), " → ",
        el("span.actor-code", { title: actorTitle(ev.target) }, actorLabel(ev.target))),
      el("span.cameo", { title: ROOTS[ev.root] || "" }, ev.cameo)),
    el("div.ev-trigger", {}, "“", ev.trigger ? ev.trigger.text : "", "” ", el("span.muted", {}, ROOTS[ev.root] || "")),
    el("div.ev-meta", {},
      ev.plover && ev.plover.event ? el("span.badge.plover", {}, ev.plover.event + (ev.plover.mode ? ` / ${ev.plover.mode}` : "")) : null,
      el(modality === "asserted" ? "span.badge" : "span.badge.warn", { title: "modality" }, modality),
      ...flags,
      el("span.badge.gold", { title: "Goldstein" }, `G ${fmt(ev.goldstein)}`)),
    el("div.ev-rule", {}, el("code", {}, ev.rule || ""), bar, el("span.muted", {}, conf === null ? "" : conf.toFixed(2))));
  btn.addEventListener("click", () => onClick(n));
  const li = el("li.ev-item", { id: `${prefix}item-${n}`, "data-ev": n, "data-testid": "event-item",
    "data-start": ev.span ? ev.span[0] : "" }, btn);
  if (ev.negated || ev.hypothetical) li.classList.add("unasserted");
  return li;
}

function entityDetails(doc) {
  const box = el("div.entities");
  const section = (title, items, render, testid) => {
    if (!items || !items.length) return;
    const list = el("ul.plain.small");
    items.forEach((x) => list.append(render(x)));
    box.append(el("details", { "data-testid": testid }, el("summary", {}, `${title} (${items.length})`), list));
  };
  section("Actors", doc.actors, (a) => el("li", {},
    el(`span.actor.t-${a.type || "other"}`, {}, a.name), " ",
    el("span.muted", {}, [a.code, a.office, `${(a.mentions || []).length}×`].filter(Boolean).join(" · "))), "entity-actors");
  section("Quotes", doc.quotes, (q) => el("li", {},
    el("span.muted", {}, q.speaker ? `${q.speaker.name}: ` : "?: "), `“${q.text}”`), "entity-quotes");
  section("Amounts", doc.amounts, (x) => el("li", {}, el("span.amount", {}, x.text), " ",
    el("span.muted", {}, [x.value, x.unit].filter((v) => v !== null && v !== undefined).join(" "))), "entity-amounts");
  section("Dates", doc.dates, (x) => el("li", {}, el("span.date", {}, x.text), " ", el("span.muted", {}, x.date || "")), "entity-dates");
  section("Places", doc.places, (x) => el("li", {}, el("span.place", {}, x.text), " ",
    el("span.muted", {}, [x.name, x.country].filter(Boolean).join(", "))), "entity-places");
  return box;
}

/**
 * Renders `doc` into `container`. Options: prefix (id prefix for evidence spans),
 * onSelect(n, event) called when an event is selected by the user.
 * Returns {select(n, scroll), selectByStart(start), events}.
 */
export function renderDocument(container, doc, { prefix = "ev-", onSelect = null, extraMeta = null } = {}) {
  clear(container);
  const events = doc.events || [];
  const asserted = events.filter((e) => !e.negated && !e.hypothetical).length;
  const meta = el("div.doc-meta", {},
    el("h2.doc-title", { "data-testid": "doc-title" }, doc.title || doc.doc_id || "(untitled)"),
    el("div.muted", {},
      [doc.date, doc.doc_id, doc.source].filter(Boolean).join(" · "),
      doc.url && /^https?:\/\//i.test(doc.url)
        ? [" · ", el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null,
      ` · ${events.length} events (${asserted} asserted), ${(doc.actors || []).length} actors`,
      extraMeta ? [" · ", extraMeta] : null));

  const textBox = el("div.doc-text", { "data-testid": "doc-text", tabindex: 0 });
  renderText(textBox, doc.text || "", annotations(doc), prefix);

  const list = el("ol.ev-list", { "data-testid": "event-list" });
  let current = null;

  function select(n, scroll = true) {
    if (current !== null) {
      container.querySelectorAll(".active").forEach((x) => x.classList.remove("active"));
      container.querySelectorAll(".ev-source, .ev-target").forEach((x) => x.classList.remove("ev-source", "ev-target"));
    }
    current = n;
    const ev = events[n];
    if (!ev) return;
    textBox.querySelectorAll(`.evidence[data-ev="${n}"]`).forEach((x) => x.classList.add("active"));
    textBox.querySelectorAll(".trigger").forEach((x) => {
      if ((x.dataset.evs || "").split(" ").includes(String(n))) x.classList.add("active");
    });
    for (const [side, cls] of [["source", "ev-source"], ["target", "ev-target"]]) {
      const a = ev[side];
      if (a && a.span) textBox.querySelectorAll(`.actor[data-span="${a.span[0]}:${a.span[1]}"]`).forEach((x) => x.classList.add(cls));
    }
    const item = list.querySelector(`[data-ev="${n}"]`);
    if (item) item.classList.add("active");
    if (scroll) {
      const target = textBox.querySelector(`#${CSS.escape(prefix + n)}`) || textBox.querySelector(`.trigger.active`);
      if (target) target.scrollIntoView({ block: "center", inline: "nearest", behavior: "auto" });
      if (item) item.scrollIntoView({ block: "nearest", behavior: "auto" });
    }
  }

  const choose = (n) => {
    select(n, true);
    if (onSelect) onSelect(n, events[n]);
  };
  events.forEach((ev, n) => list.append(eventItem(ev, n, choose, prefix)));

  textBox.addEventListener("click", (e) => {
    const t = e.target.closest(".trigger");
    if (!t || !textBox.contains(t)) return;
    const all = (t.dataset.evs || t.dataset.ev).split(" ").map(Number);
    // clicking a trigger shared by several events cycles through them
    const i = all.indexOf(current);
    const n = i >= 0 ? all[(i + 1) % all.length] : all[0];
    select(n, false);
    const item = list.querySelector(`[data-ev="${n}"]`);
    if (item) item.scrollIntoView({ block: "nearest", behavior: "auto" });
    if (onSelect) onSelect(n, events[n]);
  });
  textBox.addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList && e.target.classList.contains("trigger")) {
      e.preventDefault();
      e.target.click();
    }
  });

  const side = el("aside.doc-side", { "data-testid": "doc-side" },
    el("h3", {}, `Events (${events.length})`),
    events.length ? list : el("p.empty", {}, "No events were found in this text."),
    entityDetails(doc));

  container.append(meta, legend(textBox, "legend"), el("div.doc-body", {}, el("div.doc-text-wrap", {}, textBox), side));

  return {
    events,
    select,
    /** Selects the event whose evidence span starts at `start` (and trigger at `triggerStart`, if given). */
    selectByStart(start, triggerStart = null, scroll = true) {
      const s = Number(start);
      const t = triggerStart === null || triggerStart === "" ? null : Number(triggerStart);
      let n = t === null ? -1
        : events.findIndex((ev) => ev.span && ev.span[0] === s && ev.trigger && ev.trigger.span && ev.trigger.span[0] === t);
      if (n < 0) n = events.findIndex((ev) => ev.span && ev.span[0] === s);
      if (n < 0) n = events.findIndex((ev) => ev.trigger && ev.trigger.span && ev.trigger.span[0] === s);
      if (n >= 0) select(n, scroll);
      return n;
    },
  };
}
