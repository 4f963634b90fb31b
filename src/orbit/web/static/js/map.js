// Map view: Natural Earth 1:110m countries (vendor/countries-110m.json, decoded with the global
// `topojson` from vendor/topojson-client.min.js) drawn as SVG in the Natural Earth I projection,
// countries shaded by the events they take part in, and markers for the places named in articles.

import { get, showError } from "./api.js";
import { el, svg, clear, countries, countryName, tooltip, QUADS } from "./util.js";

const W = 960;
const H = 500;
const RAD = Math.PI / 180;
let chartBox, placesBox, note;
let root = null;
let view = { k: 1, x: 0, y: 0 }; // zoom factor and top-left corner of the viewBox
let ready = null;
let names = {};
let atlasCodes = {};

/** Natural Earth I projection (Šavrič, Jenny, Patterson, Petrovič, Hurni 2011), lon/lat in degrees. */
function naturalEarth(lon, lat) {
  const l = lon * RAD;
  const p = lat * RAD;
  const p2 = p * p;
  const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x, y];
}

const SCALE = Math.min((W - 8) / (2 * naturalEarth(180, 0)[0]), (H - 8) / (2 * naturalEarth(0, 90)[1]));

function project(lon, lat) {
  const [x, y] = naturalEarth(Math.max(-180, Math.min(180, lon)), Math.max(-90, Math.min(90, lat)));
  return [W / 2 + x * SCALE, H / 2 - y * SCALE];
}

function ringPath(ring) {
  let d = "";
  let prevLon = null;
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i];
    const [x, y] = project(lon, lat);
    // a jump over the antimeridian starts a new sub-path instead of a line across the map
    const cmd = i === 0 || (prevLon !== null && Math.abs(lon - prevLon) > 180) ? "M" : "L";
    d += `${cmd}${x.toFixed(1)},${y.toFixed(1)}`;
    prevLon = lon;
  }
  return `${d}Z`;
}

function geometryPath(g) {
  if (!g) return "";
  if (g.type === "Polygon") return g.coordinates.map(ringPath).join("");
  if (g.type === "MultiPolygon") return g.coordinates.map((poly) => poly.map(ringPath).join("")).join("");
  return "";
}

function outlinePath() {
  const pts = [];
  for (let lat = -90; lat <= 90; lat += 2) pts.push(project(180, lat));
  for (let lat = 90; lat >= -90; lat -= 2) pts.push(project(-180, lat));
  return `M${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")}Z`;
}

function graticule() {
  let d = "";
  for (let lon = -180; lon <= 180; lon += 30) {
    const pts = [];
    for (let lat = -90; lat <= 90; lat += 3) pts.push(project(lon, lat));
    d += `M${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")}`;
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    const pts = [];
    for (let lon = -180; lon <= 180; lon += 3) pts.push(project(lon, lat));
    d += `M${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")}`;
  }
  return d;
}

function shade(events, max) {
  // light to dark teal by sqrt(events / max)
  const t = Math.sqrt(events / Math.max(1, max));
  const from = [214, 234, 236];
  const to = [23, 96, 118];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function applyView() {
  if (!root) return;
  const w = W / view.k;
  const h = H / view.k;
  view.x = Math.max(0, Math.min(W - w, view.x));
  view.y = Math.max(0, Math.min(H - h, view.y));
  root.setAttribute("viewBox", `${view.x.toFixed(2)} ${view.y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)}`);
  root.querySelectorAll("circle[data-r]").forEach((c) => c.setAttribute("r", (Number(c.dataset.r) / view.k ** 0.8).toFixed(2)));
}

function zoom(factor, cx = null, cy = null) {
  const w = W / view.k;
  const h = H / view.k;
  const px = cx === null ? view.x + w / 2 : cx;
  const py = cy === null ? view.y + h / 2 : cy;
  const k = Math.max(1, Math.min(12, view.k * factor));
  const fx = (px - view.x) / w;
  const fy = (py - view.y) / h;
  view.k = k;
  view.x = px - fx * (W / k);
  view.y = py - fy * (H / k);
  applyView();
}

function svgPoint(evt) {
  const r = root.getBoundingClientRect();
  const w = W / view.k;
  const h = H / view.k;
  return [view.x + ((evt.clientX - r.left) / r.width) * w, view.y + ((evt.clientY - r.top) / r.height) * h];
}

function enablePanZoom() {
  root.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x, y] = svgPoint(e);
    zoom(e.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  let drag = null;
  root.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  });
  root.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const r = root.getBoundingClientRect();
    const dx = ((e.clientX - drag.x) / r.width) * (W / view.k);
    const dy = ((e.clientY - drag.y) / r.height) * (H / view.k);
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) {
      if (!drag.moved) root.setPointerCapture(e.pointerId);
      drag.moved = true;
      root.classList.add("panning");
    }
    if (drag.moved) {
      view.x = drag.vx - dx;
      view.y = drag.vy - dy;
      applyView();
    }
  });
  const end = () => {
    drag = null;
    root.classList.remove("panning");
  };
  root.addEventListener("pointerup", end);
  root.addEventListener("pointercancel", end);
}

async function loadAtlas() {
  const resp = await fetch("/static/vendor/countries-110m.json");
  if (!resp.ok) throw new Error("the world map (vendor/countries-110m.json) cannot be loaded");
  const topo = await resp.json();
  if (!window.topojson) throw new Error("topojson-client did not load");
  return window.topojson.feature(topo, topo.objects.countries).features;
}

function drawMap(features, actorCounts) {
  clear(chartBox);
  view = { k: 1, x: 0, y: 0 };
  root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "map-svg", "data-testid": "map-svg",
    role: "img", "aria-label": "World map of countries and places in the articles" });
  root.append(svg("path", { d: outlinePath(), class: "sphere" }));
  root.append(svg("path", { d: graticule(), class: "graticule" }));
  const max = Math.max(1, ...Object.values(actorCounts).map((a) => a.events));
  const gC = svg("g", { class: "countries" });
  for (const f of features) {
    const name = f.properties && f.properties.name;
    const iso = atlasCodes[name] || null;
    const stat = iso ? actorCounts[iso] : null;
    const p = svg("path", { d: geometryPath(f.geometry), class: `country${stat ? " involved" : ""}`,
      "data-testid": "country", "data-iso": iso || "", "data-name": name || "" });
    if (stat) p.style.fill = shade(stat.events, max);
    tooltip(p, [countryName(names, iso) || name, iso ? iso : null,
      stat ? `${stat.events} events (${stat.as_source} as source, ${stat.as_target} as target)` : "no events"]);
    if (iso && stat) {
      p.classList.add("clickable");
      p.addEventListener("click", () => {
        if (!root.classList.contains("panning")) location.hash = `#events?actor=${iso}`;
      });
    }
    gC.append(p);
  }
  root.append(gC);
  root.append(svg("g", { class: "markers" }));
  root.append(svg("g", { class: "event-markers" })); // small event dots stay visible over place markers
  chartBox.append(root);
  enablePanZoom();
}

function drawPlaces(places, events) {
  const gM = root.querySelector(".markers");
  const gE = root.querySelector(".event-markers");
  clear(gM);
  clear(gE);
  clear(placesBox);
  // events at places, grouped by location, coloured by their most frequent QuadClass
  const byLoc = new Map();
  for (const e of events) {
    if (typeof e.lat !== "number" || typeof e.lon !== "number") continue;
    const key = `${e.lat.toFixed(2)},${e.lon.toFixed(2)}`;
    const g = byLoc.get(key) || { lat: e.lat, lon: e.lon, name: e.name, country: e.country, quads: [0, 0, 0, 0, 0] };
    g.quads[e.quad_class || 0] += 1;
    byLoc.set(key, g);
  }
  for (const g of byLoc.values()) {
    const n = g.quads.reduce((a, b) => a + b, 0);
    const q = g.quads.indexOf(Math.max(...g.quads.slice(1)), 1);
    const [x, y] = project(g.lon, g.lat);
    const r = 2.5 + 2 * Math.sqrt(n);
    const c = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r, "data-r": r, class: `event-marker q${q}`,
      "data-testid": "event-marker" });
    tooltip(c, [`${g.name || "?"}${g.country ? `, ${g.country}` : ""}`, `${n} event${n === 1 ? "" : "s"} here`,
      ...[1, 2, 3, 4].filter((k) => g.quads[k]).map((k) => `${QUADS[k]}: ${g.quads[k]}`)]);
    gE.append(c);
  }
  const max = Math.max(1, ...places.map((p) => p.mentions));
  places.forEach((p, i) => {
    if (typeof p.lat !== "number" || typeof p.lon !== "number") return;
    const [x, y] = project(p.lon, p.lat);
    const r = 3 + 13 * Math.sqrt(p.mentions / max);
    const label = `${p.name}${p.country ? `, ${countryName(names, p.country)}` : ""}`;
    const c = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r, "data-r": r, class: "marker",
      "data-testid": "place-marker", "data-name": p.name, "data-index": i, tabindex: 0, role: "img",
      "aria-label": `${label}: ${p.mentions} mentions` });
    tooltip(c, [label, `${p.mentions} mention${p.mentions === 1 ? "" : "s"} in ${p.documents} document${p.documents === 1 ? "" : "s"}`,
      `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`]);
    gM.append(c);
    const li = el("li", { "data-testid": "place-item", "data-index": i },
      el("button.linkish", { type: "button" }, p.name), " ",
      el("span.muted", {}, `${p.country || ""} · ${p.mentions}×`));
    li.querySelector("button").addEventListener("click", () => {
      gM.querySelectorAll(".marker.selected").forEach((m) => m.classList.remove("selected"));
      c.classList.add("selected");
      gM.append(c); // on top
      view.k = Math.max(view.k, 3);
      view.x = x - W / view.k / 2;
      view.y = y - H / view.k / 2;
      applyView();
    });
    placesBox.append(li);
  });
  applyView();
  const shown = places.filter((p) => typeof p.lat === "number").length;
  note.textContent = shown
    ? `${shown} place${shown === 1 ? "" : "s"} named in the articles (marker size: mentions). Countries shaded by events.`
    : "No geocoded places in the store yet; countries are shaded by the events they take part in.";
  if (!shown) placesBox.append(el("li.empty", {}, "No places yet."));
}

function drawLegend(hasEvents) {
  const box = document.getElementById("map-legend");
  clear(box);
  const s1 = el("span.swatch");
  s1.style.background = shade(1, 10);
  const s2 = el("span.swatch");
  s2.style.background = shade(10, 10);
  box.append(el("span.key", {}, s1, "few events"), el("span.key", {}, s2, "many events"),
    el("span.key", {}, el("span.swatch.round.marker-key"), "place (size: mentions)"));
  if (hasEvents) {
    for (const q of [1, 2, 3, 4]) box.append(el("span.key", {}, el(`span.swatch.round.q${q}`), `event: ${QUADS[q]}`));
  }
}

async function init() {
  chartBox = document.getElementById("map-chart");
  placesBox = document.getElementById("map-places");
  note = document.getElementById("map-note");
  document.getElementById("map-zoom-in").addEventListener("click", () => zoom(1.5));
  document.getElementById("map-zoom-out").addEventListener("click", () => zoom(1 / 1.5));
  document.getElementById("map-zoom-reset").addEventListener("click", () => {
    view = { k: 1, x: 0, y: 0 };
    applyView();
  });
  const c = await countries();
  names = c.names;
  atlasCodes = c.atlas;
  chartBox.classList.add("loading");
  try {
    const [features, actors, places] = await Promise.all([
      loadAtlas(),
      get("actors", { limit: 1000 }).catch((e) => {
        showError(e);
        return { items: [] };
      }),
      get("places").catch((e) => {
        showError(e);
        return { places: [], events: [] };
      }),
    ]);
    const counts = {};
    for (const a of actors.items) if (a.country) counts[a.country] = a;
    drawMap(features, counts);
    drawPlaces(places.places || [], places.events || []);
    drawLegend((places.events || []).length > 0);
  } catch (e) {
    clear(chartBox).append(el("p.empty", {}, e.message));
    showError(e);
  } finally {
    chartBox.classList.remove("loading");
  }
}

export async function show() {
  if (!ready) ready = init();
  await ready;
}
