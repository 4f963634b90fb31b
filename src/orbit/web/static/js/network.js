// Network view: countries as nodes, directed edges coloured by cooperation/conflict and sized by
// event count, laid out with a small force-directed simulation (Fruchterman–Reingold).
// Route: #network?since=&until=&min=

import { get, showError } from "./api.js";
import { el, svg, clear, countries, countryName, tooltip } from "./util.js";

const W = 960;
const H = 640;
let chartBox, side, inSince, inUntil, inMin;
let names = {};
let graph = null;
let selected = null;
let token = 0;

function kind(coop, conf) {
  const n = coop + conf;
  if (!n) return "neutral";
  const share = coop / n;
  if (share >= 2 / 3) return "coop";
  if (share <= 1 / 3) return "conflict";
  return "mixed";
}

/** Deterministic force-directed layout; returns nodes with x, y. */
function layout(nodes, edges) {
  const n = nodes.length;
  const byId = new Map(nodes.map((d, i) => [d.id, i]));
  const order = nodes.map((_, i) => i).sort((i, j) => nodes[j].events - nodes[i].events || (nodes[i].id < nodes[j].id ? -1 : 1));
  const pos = new Array(n);
  order.forEach((i, k) => {
    const ang = (2 * Math.PI * k) / Math.max(1, n);
    const r = Math.min(W, H) * 0.35;
    pos[i] = { x: W / 2 + r * Math.cos(ang), y: H / 2 + r * Math.sin(ang) };
  });
  if (n < 2) {
    if (n === 1) pos[0] = { x: W / 2, y: H / 2 };
    return pos;
  }
  const links = [];
  const seen = new Map();
  for (const e of edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (seen.has(key)) links[seen.get(key)].w += e.events;
    else {
      seen.set(key, links.length);
      links.push({ a, b, w: e.events });
    }
  }
  const area = (W - 80) * (H - 80);
  const k = Math.sqrt(area / n) * 0.9;
  const iterations = n > 300 ? 80 : n > 120 ? 150 : 300;
  const gravity = 0.9;
  let temp = W / 8;
  const cool = temp / (iterations + 1);
  const disp = pos.map(() => ({ x: 0, y: 0 }));
  for (let it = 0; it < iterations; it++) {
    for (const d of disp) d.x = d.y = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let dist = Math.hypot(dx, dy);
        if (dist < 0.01) {
          dx = 0.01 * (i - j);
          dy = 0.01;
          dist = Math.hypot(dx, dy);
        }
        const f = (k * k) / dist;
        disp[i].x += (dx / dist) * f;
        disp[i].y += (dy / dist) * f;
        disp[j].x -= (dx / dist) * f;
        disp[j].y -= (dy / dist) * f;
      }
    }
    for (const l of links) {
      const dx = pos[l.a].x - pos[l.b].x;
      const dy = pos[l.a].y - pos[l.b].y;
      const dist = Math.max(0.01, Math.hypot(dx, dy));
      const f = ((dist * dist) / k) * (0.6 + 0.4 * Math.log1p(l.w));
      disp[l.a].x -= (dx / dist) * f;
      disp[l.a].y -= (dy / dist) * f;
      disp[l.b].x += (dx / dist) * f;
      disp[l.b].y += (dy / dist) * f;
    }
    for (let i = 0; i < n; i++) {
      // gravity keeps unconnected components on screen
      disp[i].x += (W / 2 - pos[i].x) * gravity;
      disp[i].y += (H / 2 - pos[i].y) * gravity;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      const step = Math.min(d, temp);
      pos[i].x += (disp[i].x / d) * step;
      pos[i].y += (disp[i].y / d) * step;
    }
    temp = Math.max(1, temp - cool);
  }
  // fit into the drawing area
  const pad = 50;
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (W - 2 * pad) / Math.max(1, x1 - x0);
  const sy = (H - 2 * pad) / Math.max(1, y1 - y0);
  // fill the area, stretching one axis by at most 1.5x
  const s = Math.min(sx, sy);
  const fx = Math.min(sx, s * 1.5);
  const fy = Math.min(sy, s * 1.5);
  const ox = (W - fx * (x1 - x0)) / 2;
  const oy = (H - fy * (y1 - y0)) / 2;
  return pos.map((p) => ({ x: ox + (p.x - x0) * fx, y: oy + (p.y - y0) * fy }));
}

function radius(events, maxEvents) {
  return 7 + 18 * Math.sqrt(events / Math.max(1, maxEvents));
}

function draw(data) {
  clear(chartBox);
  const { nodes, edges } = data;
  if (!nodes.length) {
    chartBox.append(el("p.empty", { "data-testid": "network-empty" }, "No events between countries in this window."));
    return;
  }
  const pos = layout(nodes, edges);
  const maxEvents = Math.max(...nodes.map((d) => d.events));
  const maxEdge = Math.max(...edges.map((e) => e.events), 1);
  const at = new Map(nodes.map((d, i) => [d.id, { ...pos[i], r: radius(d.events, maxEvents), node: d }]));

  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "net-svg", "data-testid": "network-svg",
    role: "img", "aria-label": `Network of ${nodes.length} countries and ${edges.length} directed dyads` });
  const defs = svg("defs");
  for (const k of ["coop", "conflict", "mixed", "neutral"]) {
    defs.append(svg("marker", { id: `arrow-${k}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse", class: `arrow ${k}` }, svg("path", { d: "M0,0 L10,5 L0,10 z" })));
  }
  root.append(defs);
  root.addEventListener("click", (e) => {
    if (e.target === root) selectNode(null);
  });

  const gEdges = svg("g", { class: "edges" });
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b || e.source === e.target) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.max(1, Math.hypot(dx, dy));
    // bend every edge to its right so A->B and B->A are drawn apart
    const bend = Math.min(40, len * 0.15);
    const cx = (a.x + b.x) / 2 + (dy / len) * bend;
    const cy = (a.y + b.y) / 2 - (dx / len) * bend;
    const ex = b.x - cx;
    const ey = b.y - cy;
    const el2 = Math.max(1, Math.hypot(ex, ey));
    const tx = b.x - (ex / el2) * (b.r + 2);
    const ty = b.y - (ey / el2) * (b.r + 2);
    const sx0 = a.x + ((cx - a.x) / Math.max(1, Math.hypot(cx - a.x, cy - a.y))) * a.r;
    const sy0 = a.y + ((cy - a.y) / Math.max(1, Math.hypot(cx - a.x, cy - a.y))) * a.r;
    const k = kind(e.cooperation, e.conflict);
    const width = 1 + 7 * Math.sqrt(e.events / maxEdge);
    const p = svg("path", {
      d: `M${sx0.toFixed(1)},${sy0.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
      class: `edge ${k}`, "stroke-width": width.toFixed(2), "marker-end": `url(#arrow-${k})`,
      "data-testid": "net-edge", "data-source": e.source, "data-target": e.target, "data-events": e.events,
    });
    gEdges.append(tooltip(p, [`${e.source} → ${e.target}`, `${countryName(names, e.source)} → ${countryName(names, e.target)}`,
      `${e.events} events: ${e.cooperation} cooperation, ${e.conflict} conflict`, `Goldstein sum ${Number(e.goldstein_sum).toFixed(1)}`]));
  }
  root.append(gEdges);

  const gNodes = svg("g", { class: "nodes" });
  for (const d of nodes) {
    const p = at.get(d.id);
    const g = svg("g", { class: `node ${kind(d.cooperation, d.conflict)}`, "data-testid": "net-node", "data-id": d.id,
      transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`, tabindex: 0, role: "button",
      "aria-label": `${countryName(names, d.id)}: ${d.events} events` });
    g.append(svg("circle", { r: p.r.toFixed(1) }));
    g.append(svg("text", { y: 4, "text-anchor": "middle", class: "node-label" }, d.id));
    tooltip(g, [countryName(names, d.id) || d.id, `${d.events} events (as source or target)`,
      `${d.cooperation} cooperation, ${d.conflict} conflict`]);
    g.addEventListener("click", (e) => {
      e.stopPropagation();
      selectNode(d.id);
    });
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        selectNode(d.id);
      }
    });
    gNodes.append(g);
  }
  root.append(gNodes);
  chartBox.append(root);
  if (selected && at.has(selected)) selectNode(selected);
  else selectNode(null);
}

function selectNode(id) {
  selected = id;
  const root = chartBox.querySelector("svg");
  if (root) {
    root.classList.toggle("has-selection", !!id);
    root.querySelectorAll(".node").forEach((n) => n.classList.toggle("selected", n.dataset.id === id));
    root.querySelectorAll(".edge").forEach((e) => e.classList.toggle("linked", !!id && (e.dataset.source === id || e.dataset.target === id)));
    const partners = new Set();
    if (id) graph.edges.forEach((e) => {
      if (e.source === id) partners.add(e.target);
      if (e.target === id) partners.add(e.source);
    });
    root.querySelectorAll(".node").forEach((n) => n.classList.toggle("partner", partners.has(n.dataset.id)));
  }
  clear(side);
  if (!id || !graph) {
    side.append(el("p.empty", {}, "Click a country to see its partners."), summary());
    return;
  }
  const node = graph.nodes.find((n) => n.id === id);
  const partners = new Map();
  for (const e of graph.edges) {
    if (e.source !== id && e.target !== id) continue;
    const other = e.source === id ? e.target : e.source;
    const p = partners.get(other) || { id: other, out: 0, in: 0, cooperation: 0, conflict: 0 };
    if (e.source === id) p.out += e.events;
    else p.in += e.events;
    p.cooperation += e.cooperation;
    p.conflict += e.conflict;
    partners.set(other, p);
  }
  const list = [...partners.values()].sort((x, y) => y.out + y.in - (x.out + x.in));
  const ol = el("ol.partners", { "data-testid": "network-partners" });
  for (const p of list) {
    ol.append(el("li", { "data-testid": "partner", "data-id": p.id },
      el("a", { href: `#dyad?source=${id}&target=${p.id}` }, `${p.id}`), " ",
      el("span", {}, countryName(names, p.id)), el("br"),
      el("span.muted", {}, `${p.out} out · ${p.in} in · `),
      el("span.coop-text", {}, `${p.cooperation} coop.`), " · ", el("span.conflict-text", {}, `${p.conflict} confl.`)));
  }
  side.append(el("h3", { "data-testid": "network-selected" }, `${countryName(names, id)} (${id})`),
    el("p.muted", {}, `${node ? node.events : 0} events: ${node ? node.cooperation : 0} cooperation, ${node ? node.conflict : 0} conflict`),
    el("h4", {}, "Top partners"), ol,
    el("p", {}, el("a", { href: `#events?source=${id}` }, `Events with ${id} as source ›`)),
    el("p", {}, el("a", { href: `#events?target=${id}` }, `Events with ${id} as target ›`)));
}

function summary() {
  if (!graph) return null;
  return el("p.muted", { "data-testid": "network-summary" },
    `${graph.nodes.length} countries, ${graph.edges.length} directed dyads, ${graph.edges.reduce((s, e) => s + e.events, 0)} events.`);
}

async function load(params) {
  const t = ++token;
  chartBox.classList.add("loading");
  try {
    const data = await get("network", params);
    if (t !== token) return;
    graph = data;
    draw(data);
  } catch (e) {
    if (t === token) {
      clear(chartBox).append(el("p.empty", {}, e.message));
      showError(e);
    }
  } finally {
    chartBox.classList.remove("loading");
  }
}

function drawLegend() {
  const box = document.getElementById("net-legend");
  clear(box);
  const key = (cls, text) => el("span.key", {}, el(`span.swatch.${cls}`), text);
  box.append(key("coop", "mostly cooperation (≥ ⅔)"), key("mixed", "mixed"), key("conflict", "mostly conflict (≥ ⅔)"),
    el("span.key.muted", {}, "edge width: events · arrow: source → target · node size: events"));
}

let ready = null;

async function init() {
  chartBox = document.getElementById("net-chart");
  side = document.getElementById("net-side");
  inSince = document.getElementById("net-since");
  inUntil = document.getElementById("net-until");
  inMin = document.getElementById("net-min");
  document.getElementById("net-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (inSince.value) p.set("since", inSince.value);
    if (inUntil.value) p.set("until", inUntil.value);
    if (inMin.value && inMin.value !== "1") p.set("min", inMin.value);
    const hash = `#network${p.toString() ? `?${p}` : ""}`;
    if (location.hash === hash) show("", p);
    else location.hash = hash;
  });
  drawLegend();
  names = (await countries()).names;
}

let lastKey = null;

export async function show(arg, params) {
  if (!ready) ready = init();
  await ready;
  inSince.value = params.get("since") || "";
  inUntil.value = params.get("until") || "";
  inMin.value = params.get("min") || "1";
  const q = { since: inSince.value, until: inUntil.value, min_events: inMin.value !== "1" ? inMin.value : "" };
  const key = JSON.stringify(q);
  if (key === lastKey && graph) return;
  lastKey = key;
  await load(q);
}
