// The dashboard: filters -> /api/stats and /api/events -> map, timeline, table; a click opens the event panel.
// The view lives in the URL (?country=Iraq&admin1=...&q=...&sort=fatalities&dir=desc&event=ID&map=lat,lon,zoom):
// a shared or reloaded URL shows the same filtered view, and Back/Forward step through earlier views.
import { allEvents, getJSON, queryString } from "./api.js";
import { clear, el } from "./dom.js";
import { TYPE_COLORS } from "./colors.js";
import { download, exportURL } from "./export.js";
import { EventMap } from "./map.js";
import { closePanel, showEvent } from "./panel.js";
import { renderTable } from "./table.js";
import { drawTimeline } from "./timeline.js";

const MAX_EVENTS = 5000; // the map and the table show at most this many of the matching events (newest first)
export const FILTERS = ["since", "until", "country", "admin1", "actor", "type", "q"];
const $ = (id) => document.getElementById(id);
const state = { events: [], admin1ByCountry: new Map(), lastByWeek: [], isoByCountry: new Map(), sort: {}, eventId: "" };

function setStatus(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function readFilters() {
  const form = $("filters");
  return Object.fromEntries(FILTERS.map((name) => [name, form.elements[name].value.trim()]));
}

// The view as URL parameters (only what is set) and back.
function viewParams() {
  const params = { ...readFilters(), sort: state.sort.key || "", dir: state.sort.key ? state.sort.dir : "",
    event: state.eventId || "", map: state.map.view ? state.map.view.join(",") : "" };
  return queryString(params);
}

function saveView(push) {
  const url = `${location.pathname}${viewParams()}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

function loadView() {
  const params = new URLSearchParams(location.search);
  const form = $("filters");
  for (const name of FILTERS) {
    const value = params.get(name) || "";
    const field = form.elements[name];
    if (field.tagName === "SELECT" && value && ![...field.options].some((o) => o.value === value)) {
      field.appendChild(el("option", { value, text: value })); // a value this store has no event for: kept
    }
    field.value = value;
  }
  state.sort = params.get("sort") ? { key: params.get("sort"), dir: params.get("dir") === "desc" ? "desc" : "asc" } : {};
  const view = (params.get("map") || "").split(",").map(Number);
  state.map.view = view.length === 3 && view.every(Number.isFinite) ? view : null;
  state.eventId = params.get("event") || (/^#event=(.+)$/.exec(location.hash) || [])[1] || "";
  if (state.eventId) state.eventId = decodeURIComponent(state.eventId);
}

function fillSelect(select, values, anyLabel) {
  const keep = select.value;
  clear(select).appendChild(el("option", { value: "", text: anyLabel }));
  for (const v of values) select.appendChild(el("option", { value: v, text: v }));
  if (keep && !values.includes(keep)) select.appendChild(el("option", { value: keep, text: keep }));
  select.value = keep;
}

function fillGovernorates() {
  const country = $("filters").elements.country.value;
  const names = new Set();
  for (const [c, list] of state.admin1ByCountry) if (!country || c === country) list.forEach((n) => names.add(n));
  fillSelect($("filters").elements.admin1, [...names].sort(), "Any governorate");
}

async function loadOptions() {
  const stats = await getJSON("/api/stats", { top: 100 });
  for (const row of stats.by_admin1) {
    if (!row.country || !row.admin1) continue;
    if (!state.admin1ByCountry.has(row.country)) state.admin1ByCountry.set(row.country, []);
    state.admin1ByCountry.get(row.country).push(row.admin1);
  }
  const countries = [...new Set(stats.by_admin1.map((r) => r.country).filter(Boolean))].sort();
  fillSelect($("filters").elements.country, countries, "Any country");
  fillGovernorates();
  const types = [...new Set([...Object.keys(TYPE_COLORS), ...stats.by_type.map((t) => t.event_type).filter(Boolean)])];
  fillSelect($("filters").elements.type, types, "Any type");
  const actors = $("actor-list");
  clear(actors);
  for (const a of stats.by_actor) actors.appendChild(el("option", { value: a.actor }));
}

function drawTable() {
  renderTable($("table"), state.events, selectEvent, state.sort, (key, dir) => {
    state.sort = { key, dir };
    saveView(false);
  });
}

async function refresh({ push = true } = {}) {
  const filters = readFilters();
  if (push) state.map.view = null; // new filters: fit the map to what they select
  document.body.dataset.state = "loading";
  setStatus("Loading…");
  saveView(push);
  try {
    const [stats, page] = await Promise.all([getJSON("/api/stats", { ...filters, top: 10 }),
      allEvents(filters, MAX_EVENTS)]);
    state.events = page.events;
    state.lastByWeek = stats.by_week;
    for (const ev of page.events) if (ev.country && ev.iso3) state.isoByCountry.set(ev.country, ev.iso3);
    state.map.highlight({ country: filters.country, iso3: state.isoByCountry.get(filters.country) || "",
      admin1: filters.admin1 });
    const onMap = state.map.setEvents(page.events);
    drawTimeline($("timeline"), stats.by_week);
    drawTable();
    const shown = page.total > page.events.length ? `, showing the newest ${page.events.length}` : "";
    setStatus(`${page.total} event(s) match${shown}; ${onMap} on the map; ${stats.fatalities} fatalities` +
      (stats.first_event_date ? `; ${stats.first_event_date} to ${stats.last_event_date}` : "") +
      `. Counted: ${stats.counted.note}` + (stats.counted.left_out ? ` (${stats.counted.left_out} left out)` : ""));
  } catch (err) {
    setStatus(`Cannot load events: ${err.message}`, true);
  }
  document.body.dataset.state = "ready";
}

function markSelected(eventId) {
  for (const row of document.querySelectorAll("table.events tr")) {
    row.classList.toggle("selected", Boolean(eventId) && row.dataset.eventId === eventId);
  }
}

async function selectEvent(eventId) {
  state.eventId = eventId;
  saveView(false);
  markSelected(eventId);
  const panel = $("event-panel");
  panel.dataset.state = "loading";
  if (!await showEvent(panel, eventId, { onReviewed: reviewed })) return; // closed or replaced meanwhile
  panel.dataset.state = "ready";
  panel.dataset.eventId = eventId;
  state.map.focus(eventId);
}

// After a review: the event in the table takes its corrected fields and its new review status.
function reviewed(eventId, answer) {
  const ev = state.events.find((e) => e.event_id === eventId);
  if (ev && answer && answer.review) {
    Object.assign(ev, answer.review.corrections || {});
    ev.review = answer.review;
  }
  drawTable();
  markSelected(eventId);
}

function resetView() {
  state.eventId = "";
  state.sort = {};
  closePanel($("event-panel"));
  markSelected("");
  fillGovernorates();
  refresh();
}

// Exports come from the server (GET /api/export: the layout of `rasd export`), for every event the filters match.
function exportEvents(format) {
  download(exportURL(readFilters(), format));
}

async function start() {
  state.map = new EventMap($("map"), selectEvent);
  state.map.onMove = (view) => { state.map.view = view; saveView(false); }; // a pan or zoom: in the URL too
  const form = $("filters");
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(resetView, 0));
  for (const name of ["since", "until", "admin1", "type"]) form.elements[name].addEventListener("change", () => refresh());
  form.elements.country.addEventListener("change", () => { fillGovernorates(); refresh(); });
  $("export-csv").addEventListener("click", () => exportEvents("acled-csv"));
  $("export-geojson").addEventListener("click", () => exportEvents("geojson"));
  window.addEventListener("resize", () => drawTimeline($("timeline"), state.lastByWeek));
  window.addEventListener("popstate", async () => {
    loadView();
    await refresh({ push: false });
    if (state.eventId) selectEvent(state.eventId);
    else closePanel($("event-panel"));
  });
  const baseMap = state.map.loadBaseMap().catch((err) => setStatus(`Cannot load the base map: ${err.message}`, true));
  try {
    await loadOptions();
  } catch (err) {
    setStatus(`Cannot load filters: ${err.message}`, true);
  }
  loadView();
  fillGovernorates();
  await Promise.all([refresh({ push: false }), baseMap]);
  if (state.eventId) await selectEvent(state.eventId);
}

start();
