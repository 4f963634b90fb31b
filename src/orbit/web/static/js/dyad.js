// Dyad view: events per period between two countries, both directions, as an SVG chart:
// cooperation (blue) above the axis, conflict (red) below, and the mean Goldstein score as a line.
// Route: #dyad?source=USA&target=KAZ&freq=month

import { get, showError } from "./api.js";
import { el, svg, clear, countries, countryName, fmt, ticks, tooltip } from "./util.js";

let form, inA, inB, inFreq, chartBox, tableBox, titleBox, topBox;
let busiest = null;
let names = {};
let token = 0;

const COLORS = {
  "coop-ab": "#1f5fa8", "coop-ba": "#7fb0e0",
  "conf-ab": "#b8322a", "conf-ba": "#ef9a8f",
};

function addPeriod(d, freq) {
  const x = new Date(`${d}T00:00:00Z`);
  if (freq === "day") x.setUTCDate(x.getUTCDate() + 1);
  else if (freq === "week") x.setUTCDate(x.getUTCDate() + 7);
  else if (freq === "month") x.setUTCMonth(x.getUTCMonth() + 1);
  else x.setUTCFullYear(x.getUTCFullYear() + 1);
  return x.toISOString().slice(0, 10);
}

/** All periods from the first to the last one with data (gaps filled), or only those with data if too many. */
function periods(keys, freq) {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length < 2) return sorted;
  const out = [];
  let p = sorted[0];
  const last = sorted[sorted.length - 1];
  while (p <= last && out.length <= 400) {
    out.push(p);
    p = addPeriod(p, freq);
  }
  return out.length > 400 ? sorted : out;
}

function label(p, freq) {
  if (freq === "year") return p.slice(0, 4);
  if (freq === "month") return p.slice(0, 7);
  return p;
}

function drawChart(a, b, freq, ab, ba) {
  clear(chartBox);
  const byAB = new Map(ab.map((r) => [r.period, r]));
  const byBA = new Map(ba.map((r) => [r.period, r]));
  const ps = periods([...byAB.keys(), ...byBA.keys()], freq);
  if (!ps.length) {
    chartBox.append(el("p.empty", { "data-testid": "dyad-empty" },
      `No events between ${countryName(names, a)} and ${countryName(names, b)} in the store.`));
    return [];
  }
  const zero = { q1: 0, q2: 0, q3: 0, q4: 0, events: 0, goldstein_sum: 0 };
  const data = ps.map((p) => {
    const x = byAB.get(p) || zero;
    const y = byBA.get(p) || zero;
    const events = x.events + y.events;
    return {
      period: p,
      coopAB: x.q1 + x.q2, confAB: x.q3 + x.q4,
      coopBA: y.q1 + y.q2, confBA: y.q3 + y.q4,
      events,
      mean: events ? (x.goldstein_sum + y.goldstein_sum) / events : null,
    };
  });
  const maxCount = Math.max(1, ...data.map((d) => Math.max(d.coopAB, d.coopBA, d.confAB, d.confBA)));

  const W = Math.max(640, chartBox.clientWidth || 800);
  const H = 380;
  const m = { l: 48, r: 52, t: 16, b: 46 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const y0 = m.t + ih / 2;
  const yc = (v) => y0 - (v / maxCount) * (ih / 2); // counts: + up (cooperation), - down (conflict)
  const yg = (g) => y0 - (g / 10) * (ih / 2); // Goldstein -10..10 on the same height
  const band = iw / data.length;
  const barW = Math.max(1, Math.min(28, band * 0.38));

  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "dyad-svg", "data-testid": "dyad-svg", "data-dyad": `${a}-${b}-${freq}`,
    role: "img", "aria-label": `Events between ${a} and ${b} per ${freq}` });
  root.append(svg("title", {}, `Events between ${countryName(names, a)} and ${countryName(names, b)} per ${freq}`));

  // grid + left axis (counts, mirrored)
  const axis = svg("g", { class: "axis" });
  const tv = ticks(0, maxCount, 4).filter((v) => Number.isInteger(v));
  for (const v of tv) {
    for (const sgn of v === 0 ? [1] : [1, -1]) {
      const y = yc(sgn * v);
      axis.append(svg("line", { x1: m.l, x2: m.l + iw, y1: y, y2: y, class: v === 0 ? "zero" : "grid" }));
      axis.append(svg("text", { x: m.l - 6, y: y + 4, "text-anchor": "end" }, String(v)));
    }
  }
  for (const g of [-10, -5, 0, 5, 10]) {
    axis.append(svg("text", { x: m.l + iw + 6, y: yg(g) + 4, class: "gold-axis" }, g > 0 ? `+${g}` : String(g)));
  }
  axis.append(svg("text", { x: 12, y: m.t + ih / 4, class: "axis-title", transform: `rotate(-90 12 ${m.t + ih / 4})`,
    "text-anchor": "middle" }, "cooperation"));
  axis.append(svg("text", { x: 12, y: m.t + (3 * ih) / 4, class: "axis-title", transform: `rotate(-90 12 ${m.t + (3 * ih) / 4})`,
    "text-anchor": "middle" }, "conflict"));
  axis.append(svg("text", { x: W - 8, y: m.t + ih / 2, class: "axis-title gold-axis", "text-anchor": "middle",
    transform: `rotate(90 ${W - 8} ${m.t + ih / 2})` }, "mean Goldstein"));
  root.append(axis);

  // x labels (thinned)
  const every = Math.ceil(data.length / Math.max(1, Math.floor(iw / 80)));
  const xl = svg("g", { class: "axis" });
  data.forEach((d, i) => {
    if (i % every) return;
    const x = m.l + band * (i + 0.5);
    xl.append(svg("text", { x, y: H - m.b + 18, "text-anchor": "middle" }, label(d.period, freq)));
  });
  root.append(xl);

  // bars
  const bars = svg("g", { class: "bars" });
  const dirs = [[`${a} → ${b}`, "ab"], [`${b} → ${a}`, "ba"]];
  data.forEach((d, i) => {
    const cx = m.l + band * (i + 0.5);
    dirs.forEach(([dirLabel, dir], k) => {
      const x = cx + (k === 0 ? -barW - 1 : 1);
      const coop = dir === "ab" ? d.coopAB : d.coopBA;
      const conf = dir === "ab" ? d.confAB : d.confBA;
      const lines = [`${label(d.period, freq)} · ${dirLabel}`, `cooperation: ${coop}`, `conflict: ${conf}`];
      if (coop) {
        const r = svg("rect", { x, y: yc(coop), width: barW, height: y0 - yc(coop), class: `bar coop dir-${dir}`,
          fill: COLORS[`coop-${dir}`], "data-testid": "bar", "data-period": d.period, "data-value": coop });
        bars.append(tooltip(r, lines));
      }
      if (conf) {
        const r = svg("rect", { x, y: y0, width: barW, height: yc(-conf) - y0, class: `bar conflict dir-${dir}`,
          fill: COLORS[`conf-${dir}`], "data-testid": "bar", "data-period": d.period, "data-value": conf });
        bars.append(tooltip(r, lines));
      }
    });
  });
  root.append(bars);

  // Goldstein mean line (segments break over periods with no events)
  const line = svg("g", { class: "gold-line" });
  let path = "";
  let prev = false;
  data.forEach((d, i) => {
    const x = m.l + band * (i + 0.5);
    if (d.mean === null) {
      prev = false;
      return;
    }
    path += `${prev ? "L" : "M"}${x.toFixed(1)},${yg(d.mean).toFixed(1)}`;
    prev = true;
  });
  if (path) line.append(svg("path", { d: path, class: "gold-path", "data-testid": "goldstein-line" }));
  data.forEach((d, i) => {
    if (d.mean === null) return;
    const c = svg("circle", { cx: m.l + band * (i + 0.5), cy: yg(d.mean), r: 3.5, class: "gold-dot" });
    line.append(tooltip(c, [`${label(d.period, freq)}`, `mean Goldstein: ${fmt(d.mean, 2)}`, `${d.events} events`]));
  });
  root.append(line);
  chartBox.append(root);
  return data;
}

function drawLegend(a, b) {
  const box = document.getElementById("dyad-legend");
  clear(box);
  const sw = (color, text) => {
    const s = el("span.swatch");
    s.style.background = color;
    return el("span.key", {}, s, text);
  };
  box.append(sw(COLORS["coop-ab"], `cooperation ${a} → ${b}`), sw(COLORS["coop-ba"], `cooperation ${b} → ${a}`),
    sw(COLORS["conf-ab"], `conflict ${a} → ${b}`), sw(COLORS["conf-ba"], `conflict ${b} → ${a}`),
    el("span.key", {}, el("span.swatch.line"), "mean Goldstein (right axis, −10…+10)"));
}

function drawTable(a, b, freq, data) {
  clear(tableBox);
  const withData = data.filter((d) => d.events);
  if (!withData.length) return;
  tableBox.append(el("thead", {}, el("tr", {},
    el("th", {}, "Period"), el("th.num", {}, `${a}→${b} coop.`), el("th.num", {}, `${a}→${b} confl.`),
    el("th.num", {}, `${b}→${a} coop.`), el("th.num", {}, `${b}→${a} confl.`), el("th.num", {}, "Mean Goldstein"), el("th", {}, ""))));
  const body = el("tbody");
  for (const d of withData) {
    const p = new URLSearchParams({ source: a, target: b, since: d.period, until: lastDay(d.period, freq) });
    body.append(el("tr", {}, el("td", {}, label(d.period, freq)), el("td.num", {}, d.coopAB), el("td.num", {}, d.confAB),
      el("td.num", {}, d.coopBA), el("td.num", {}, d.confBA), el("td.num", {}, fmt(d.mean, 2)),
      el("td", {}, el("a", { href: `#events?${p}` }, "events ›"))));
  }
  tableBox.append(body);
}

function lastDay(p, freq) {
  const next = new Date(`${addPeriod(p, freq)}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

async function render(a, b, freq) {
  const t = ++token;
  titleBox.textContent = `${countryName(names, a)} (${a}) ⇄ ${countryName(names, b)} (${b}), per ${freq}`;
  chartBox.classList.add("loading");
  try {
    const [ab, ba] = await Promise.all([
      get("series", { source: a, target: b, freq }),
      a === b ? Promise.resolve({ items: [] }) : get("series", { source: b, target: a, freq }),
    ]);
    if (t !== token) return;
    const data = drawChart(a, b, freq, ab.items, ba.items);
    drawLegend(a, b);
    drawTable(a, b, freq, data);
  } catch (e) {
    if (t === token) {
      clear(chartBox).append(el("p.empty", {}, e.message));
      showError(e);
    }
  } finally {
    chartBox.classList.remove("loading");
  }
}

async function loadTop() {
  const data = await get("dyads", { limit: 40 });
  // merge the two directions of each pair
  const pairs = new Map();
  for (const d of data.items) {
    const key = [d.source, d.target].sort().join("|");
    const p = pairs.get(key) || { a: d.source, b: d.target, events: 0, cooperation: 0, conflict: 0 };
    p.events += d.events;
    p.cooperation += d.cooperation;
    p.conflict += d.conflict;
    pairs.set(key, p);
  }
  const list = [...pairs.values()].sort((x, y) => y.events - x.events);
  clear(topBox);
  for (const p of list.slice(0, 20)) {
    topBox.append(el("li", { "data-testid": "dyad-top-item" },
      el("a", { href: `#dyad?source=${p.a}&target=${p.b}&freq=${inFreq.value || "month"}` }, `${p.a} ⇄ ${p.b}`),
      " ", el("span.muted", {}, `${p.events} event${p.events === 1 ? "" : "s"} · ${p.cooperation} coop. · ${p.conflict} confl.`)));
  }
  if (!list.length) topBox.append(el("li.empty", {}, "No dyads yet."));
  busiest = list[0] || null;
}

let ready = null;

async function init() {
  form = document.getElementById("dyad-form");
  inA = document.getElementById("dyad-a");
  inB = document.getElementById("dyad-b");
  inFreq = document.getElementById("dyad-freq");
  chartBox = document.getElementById("dyad-chart");
  tableBox = document.getElementById("dyad-table");
  titleBox = document.getElementById("dyad-title");
  topBox = document.getElementById("dyad-top");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const a = inA.value.trim().toUpperCase();
    const b = inB.value.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(a) || !/^[A-Z]{3}$/.test(b)) {
      showError(new Error("countries are 3-letter ISO codes such as USA or KAZ"));
      return;
    }
    location.hash = `#dyad?source=${a}&target=${b}&freq=${inFreq.value}`;
  });
  document.getElementById("dyad-swap").addEventListener("click", () => {
    [inA.value, inB.value] = [inB.value, inA.value];
    form.requestSubmit();
  });
  inFreq.addEventListener("change", () => form.requestSubmit());
  names = (await countries()).names;
  try {
    await loadTop();
  } catch (e) {
    showError(e);
  }
}

export async function show(arg, params) {
  if (!ready) ready = init();
  await ready;
  let a = (params.get("source") || "").toUpperCase();
  let b = (params.get("target") || "").toUpperCase();
  const freq = ["day", "week", "month", "year"].includes(params.get("freq")) ? params.get("freq") : (inFreq.value || "month");
  if (!a || !b) {
    if (inA.value && inB.value) {
      a = inA.value.toUpperCase();
      b = inB.value.toUpperCase();
    } else if (busiest) {
      a = busiest.a;
      b = busiest.b;
    } else {
      clear(chartBox).append(el("p.empty", {}, "No dyads in the store yet."));
      return;
    }
  }
  inA.value = a;
  inB.value = b;
  inFreq.value = freq;
  await render(a, b, freq);
}
