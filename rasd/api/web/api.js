// Calls to the rasd API (same origin). Errors carry the API's own message.

export function queryString(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") q.set(key, value);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export async function getJSON(path, params = {}) {
  return answer(await fetch(path + queryString(params), { headers: { Accept: "application/json" } }));
}

// A write: JSON body, the API key in X-API-Key (writes need one; `rasd keys create`).
export async function postJSON(path, body, apiKey) {
  return answer(await fetch(path, { method: "POST", body: JSON.stringify(body),
    headers: { Accept: "application/json", "Content-Type": "application/json", "X-API-Key": apiKey || "" } }));
}

async function answer(response) {
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const message = body && body.message ? body.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

// Every page of matching events, up to `cap` events (the map and table show at most that many).
export async function allEvents(filters, cap, pageSize = 1000) {
  const events = [];
  let offset = 0;
  let total = 0;
  while (events.length < cap) {
    const page = await getJSON("/api/events", { ...filters, limit: Math.min(pageSize, cap - events.length), offset });
    total = page.total;
    events.push(...page.events);
    if (page.next_offset === null) break;
    offset = page.next_offset;
  }
  return { events, total };
}
