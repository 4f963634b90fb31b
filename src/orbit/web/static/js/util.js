// Small DOM, SVG and formatting helpers shared by the views.

export const SVGNS = "http://www.w3.org/2000/svg";

/** el("div.cls#id", {attrs}, children...) — builds an HTML element; attrs starting with "on" are listeners. */
export function el(tag, attrs = {}, ...children) {
  const [name, ...rest] = tag.split(/(?=[.#])/);
  const node = document.createElement(name || "div");
  for (const part of rest) {
    if (part[0] === ".") node.classList.add(part.slice(1));
    else node.id = part.slice(1);
  }
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** svg("rect", {x, y, ...}, children...) — builds an SVG element. */
export function svg(name, attrs = {}, ...children) {
  const node = document.createElementNS(SVGNS, name);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "class") node.setAttribute("class", Array.isArray(v) ? v.filter(Boolean).join(" ") : v);
    else if (k === "text") node.textContent = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export const QUADS = {
  1: "Verbal cooperation",
  2: "Material cooperation",
  3: "Verbal conflict",
  4: "Material conflict",
};

export const ROOTS = {
  "01": "Make public statement",
  "02": "Appeal",
  "03": "Express intent to cooperate",
  "04": "Consult",
  "05": "Engage in diplomatic cooperation",
  "06": "Engage in material cooperation",
  "07": "Provide aid",
  "08": "Yield",
  "09": "Investigate",
  "10": "Demand",
  "11": "Disapprove",
  "12": "Reject",
  "13": "Threaten",
  "14": "Protest",
  "15": "Exhibit force posture",
  "16": "Reduce relations",
  "17": "Coerce",
  "18": "Assault",
  "19": "Fight",
  "20": "Use unconventional mass violence",
};

let countriesPromise = null;

/** {names: {ISO3: name}, atlas: {atlasName: ISO3}} from /static/data/countries.json (cached). */
export function countries() {
  if (!countriesPromise) {
    countriesPromise = fetch("/static/data/countries.json")
      .then((r) => (r.ok ? r.json() : { names: {}, atlas: {} }))
      .catch(() => ({ names: {}, atlas: {} }));
  }
  return countriesPromise;
}

export function countryName(names, code) {
  return (code && names && names[code]) || code || "";
}

export function fmt(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return Number(n).toFixed(digits).replace(/\.0+$/, "");
}

/** "USA" for an actor ref, with its role: "USAGOV" -> "USA GOV". */
export function actorLabel(a) {
  if (!a) return "–";
  return a.code || a.country || a.name || a.text || "?";
}

export function actorTitle(a) {
  if (!a) return "";
  return [a.name, a.text && a.text !== a.name ? `“${a.text}”` : null, a.code ? `(${a.code})` : null]
    .filter(Boolean).join(" ");
}

export function debounce(fn, ms) {
  let t = null;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/** Parses "#view/arg?x=1&y=2" into {view, arg, params}. */
export function parseHash(hash) {
  const h = (hash || "").replace(/^#/, "");
  const [path, query = ""] = h.split("?");
  const [view, ...rest] = path.split("/");
  return { view: view || "", arg: rest.length ? decodeURIComponent(rest.join("/")) : "", params: new URLSearchParams(query) };
}

const tip = () => document.getElementById("tooltip");

/** Shows the shared tooltip near the mouse. lines: array of strings (first one bold). */
export function showTip(evt, lines) {
  const t = tip();
  clear(t);
  lines.filter(Boolean).forEach((line, i) => t.append(i === 0 ? el("strong", {}, line) : el("div", {}, line)));
  t.hidden = false;
  const pad = 14;
  const w = t.offsetWidth, h = t.offsetHeight;
  let x = evt.clientX + pad, y = evt.clientY + pad;
  if (x + w > window.innerWidth - 4) x = evt.clientX - w - pad;
  if (y + h > window.innerHeight - 4) y = evt.clientY - h - pad;
  t.style.left = `${Math.max(4, x)}px`;
  t.style.top = `${Math.max(4, y)}px`;
}

export function hideTip() {
  const t = tip();
  if (t) t.hidden = true;
}

/** Attaches tooltip handlers to an element; lines may be a function called on hover. */
export function tooltip(node, lines) {
  const get = () => (typeof lines === "function" ? lines() : lines);
  node.addEventListener("mousemove", (e) => showTip(e, get()));
  node.addEventListener("mouseleave", hideTip);
  node.addEventListener("focus", () => {
    const r = node.getBoundingClientRect();
    showTip({ clientX: r.right, clientY: r.bottom }, get());
  });
  node.addEventListener("blur", hideTip);
  return node;
}

/** Nice round tick values between lo and hi (about n of them). */
export function ticks(lo, hi, n = 5) {
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => raw <= s) || 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}
