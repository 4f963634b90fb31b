// The JSON API client: GET/POST helpers that turn {"error": {code, message}} into ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Builds "/api/<path>?k=v" leaving out empty values. */
export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return `/api/${path}${s ? `?${s}` : ""}`;
}

async function handle(resp) {
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(resp.status, err.code || `E${resp.status}`, err.message || resp.statusText || "request failed");
  }
  return body;
}

export async function get(path, params = {}, { signal } = {}) {
  let resp;
  try {
    resp = await fetch(url(path, params), { headers: { Accept: "application/json" }, signal });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "E000", "the server cannot be reached");
  }
  return handle(resp);
}

export async function post(path, data, { signal } = {}) {
  let resp;
  try {
    resp = await fetch(`/api/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(data),
      signal,
    });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "E000", "the server cannot be reached");
  }
  return handle(resp);
}

/** Shows an error in the banner at the top of the page. */
export function showError(err) {
  if (err && err.name === "AbortError") return;
  const banner = document.getElementById("banner");
  const text = document.getElementById("banner-text");
  if (!banner || !text) return;
  text.textContent = err instanceof ApiError ? `${err.message} (${err.code})` : String((err && err.message) || err);
  banner.hidden = false;
}

export function hideError() {
  const banner = document.getElementById("banner");
  if (banner) banner.hidden = true;
}
