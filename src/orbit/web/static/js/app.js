// Entry point: hash router (#reader/ID, #events, #dyad, #network, #map, #analyze), header stats.

import { get, showError, hideError } from "./api.js";
import { el, parseHash, countries, hideTip } from "./util.js";
import * as reader from "./reader.js";
import * as events from "./events.js";
import * as dyad from "./dyad.js";
import * as network from "./network.js";
import * as map from "./map.js";
import * as analyze from "./analyze.js";

const VIEWS = { reader, events, dyad, network, map, analyze };
const ALIASES = { analyse: "analyze", read: "reader", "": "reader" };

async function route() {
  const { view: raw, arg, params } = parseHash(location.hash);
  const view = VIEWS[raw] ? raw : ALIASES[raw] || "reader";
  hideTip();
  for (const name of Object.keys(VIEWS)) {
    const section = document.getElementById(`view-${name}`);
    section.hidden = name !== view;
    const tab = document.getElementById(`tab-${name}`);
    tab.classList.toggle("active", name === view);
    if (name === view) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  document.body.dataset.view = view;
  if (view !== "reader") document.title = `orbit — ${document.getElementById(`tab-${view}`).textContent}`;
  try {
    await VIEWS[view].show(arg, params);
  } catch (e) {
    showError(e);
  }
  document.body.dataset.ready = view; // test hook: the view has rendered
}

async function header() {
  try {
    const s = await get("stats");
    const box = document.getElementById("stats");
    box.textContent = "";
    const range = s.first_date && s.last_date ? `${s.first_date} – ${s.last_date}` : "";
    box.append(el("span", {}, `${s.documents} documents`), el("span", {}, `${s.asserted_events ?? s.events} events`));
    if (range) box.append(el("span.muted", {}, range));
    box.title = `${s.events} events in all (${s.asserted_events} asserted), ${s.actors} actors, ${s.clusters} clusters`;
  } catch (e) {
    showError(e);
  }
}

async function datalist() {
  const { names } = await countries();
  const list = document.getElementById("country-codes");
  for (const [code, name] of Object.entries(names).sort((a, b) => a[1].localeCompare(b[1]))) {
    list.append(el("option", { value: code }, name));
  }
}

document.getElementById("banner-close").addEventListener("click", hideError);
window.addEventListener("hashchange", route);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    hideTip();
    hideError();
  }
});
header();
datalist();
route();
