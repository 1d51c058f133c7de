// The dashboard: filters -> /api/stats and /api/events -> map, timeline, table; a click opens the event panel.
import { allEvents, getJSON } from "./api.js";
import { clear, el } from "./dom.js";
import { TYPE_COLORS } from "./colors.js";
import { download, exportURL } from "./export.js";
import { EventMap } from "./map.js";
import { showEvent } from "./panel.js";
import { renderTable } from "./table.js";
import { drawTimeline } from "./timeline.js";

const MAX_EVENTS = 5000; // the map and the table show at most this many of the matching events (newest first)
const $ = (id) => document.getElementById(id);
const state = { events: [], admin1ByCountry: new Map(), lastByWeek: [] };

function setStatus(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function readFilters() {
  const form = $("filters");
  const value = (name) => form.elements[name].value.trim();
  return { since: value("since"), until: value("until"), country: value("country"), admin1: value("admin1"),
    actor: value("actor"), type: value("type"), q: value("q") };
}

function fillSelect(select, values, anyLabel) {
  const keep = select.value;
  clear(select).appendChild(el("option", { value: "", text: anyLabel }));
  for (const v of values) select.appendChild(el("option", { value: v, text: v }));
  if (values.includes(keep)) select.value = keep;
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

async function refresh() {
  const filters = readFilters();
  document.body.dataset.state = "loading";
  setStatus("Loading…");
  try {
    const [stats, page] = await Promise.all([getJSON("/api/stats", { ...filters, top: 10 }),
      allEvents(filters, MAX_EVENTS)]);
    state.events = page.events;
    state.lastByWeek = stats.by_week;
    const onMap = state.map.setEvents(page.events);
    state.map.highlightRegion(filters.admin1);
    drawTimeline($("timeline"), stats.by_week);
    renderTable($("table"), page.events, selectEvent);
    const shown = page.total > page.events.length ? `, showing the newest ${page.events.length}` : "";
    setStatus(`${page.total} event(s) match${shown}; ${onMap} on the map; ${stats.fatalities} fatalities` +
      (stats.first_event_date ? `; ${stats.first_event_date} to ${stats.last_event_date}` : "") +
      `. Counted: ${stats.counted.note}` + (stats.counted.left_out ? ` (${stats.counted.left_out} left out)` : ""));
  } catch (err) {
    setStatus(`Cannot load events: ${err.message}`, true);
  }
  document.body.dataset.state = "ready";
}

async function selectEvent(eventId) {
  history.replaceState(null, "", `#event=${encodeURIComponent(eventId)}`);
  for (const row of document.querySelectorAll("table.events tr.selected")) row.classList.remove("selected");
  for (const row of document.querySelectorAll("table.events tr")) {
    if (row.dataset.eventId === eventId) row.classList.add("selected");
  }
  const panel = $("event-panel");
  panel.dataset.state = "loading";
  await showEvent(panel, eventId);
  panel.dataset.state = "ready";
  panel.dataset.eventId = eventId;
  state.map.focus(eventId);
}

function exportEvents(format) {
  download(exportURL(readFilters(), format));
}

async function start() {
  state.map = new EventMap($("map"), selectEvent);
  const form = $("filters");
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(() => { fillGovernorates(); refresh(); }, 0));
  for (const name of ["since", "until", "admin1", "type"]) form.elements[name].addEventListener("change", refresh);
  form.elements.country.addEventListener("change", () => { fillGovernorates(); refresh(); });
  $("export-csv").addEventListener("click", () => exportEvents("csv"));
  $("export-geojson").addEventListener("click", () => exportEvents("geojson"));
  window.addEventListener("resize", () => drawTimeline($("timeline"), state.lastByWeek));
  state.map.loadBoundaries("/static/kb/admin1_iraq.geojson").catch(() => null);
  try {
    await loadOptions();
  } catch (err) {
    setStatus(`Cannot load filters: ${err.message}`, true);
  }
  await refresh();
  const match = /^#event=(.+)$/.exec(location.hash);
  if (match) selectEvent(decodeURIComponent(match[1]));
}

start();
