// The events table (the events loaded for the map), sortable by any column, a page of rows at a time; a row opens
// the event panel. The id column is what `rasd events --explain ID` and `rasd review ID` take.
import { clear, el, fmt } from "./dom.js";
import { typeColor } from "./colors.js";

const ROWS = 200;
// [field, label, kind]: kind "num" sorts as numbers, "text" as text (empty values always last).
export const COLUMNS = [
  ["event_id", "Id", "text"], ["event_date", "Date", "text"], ["time_precision", "Date precision", "num"],
  ["event_type", "Type", "text"], ["sub_event_type", "Sub-type", "text"], ["actor1", "Actor 1", "text"],
  ["actor2", "Actor 2", "text"], ["location", "Location", "text"], ["admin1", "Governorate", "text"],
  ["country", "Country", "text"], ["fatalities", "Fatalities", "num"], ["background", "Background", "text"],
  ["review", "Review", "text"],
];
const PRECISION = { 1: "day", 2: "week", 3: "month" };

export function cellText(ev, key) {
  if (key === "time_precision") return ev.time_precision ? `${ev.time_precision} (${PRECISION[ev.time_precision] || "?"})` : "—";
  if (key === "background") return ev.background ? "background" : "new";
  if (key === "review") return (ev.review && ev.review.status) || "—";
  return fmt(ev[key]);
}

function sortValue(ev, key) {
  if (key === "review") return ev.review ? ev.review.status : null;
  if (key === "background") return ev.background ? 1 : 0;
  const v = ev[key];
  return v === undefined || v === "" ? null : v;
}

// A copy of `events` ordered by one column; empty values last whatever the direction.
export function sortEvents(events, key, dir) {
  const kind = (COLUMNS.find((c) => c[0] === key) || [])[2] || "text";
  const sign = dir === "desc" ? -1 : 1;
  return [...events].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    if (kind === "num") return sign * (Number(x) - Number(y));
    return sign * String(x).localeCompare(String(y));
  });
}

// sort = {key, dir}; onSort(key, dir) is told when a header is clicked (the page keeps the order in its URL).
export function renderTable(container, events, onSelect, sort = {}, onSort = null, shown = ROWS) {
  clear(container);
  const ordered = sort.key ? sortEvents(events, sort.key, sort.dir) : events;
  const headers = COLUMNS.map(([key, label]) => {
    const active = sort.key === key;
    const next = active && sort.dir === "asc" ? "desc" : "asc";
    const th = el("th", { dataset: { key }, "aria-sort": active ? (sort.dir === "desc" ? "descending" : "ascending") : "none" },
      el("button", { type: "button", className: "sort", text: label + (active ? (sort.dir === "desc" ? " ▼" : " ▲") : ""),
        on: { click: () => { if (onSort) onSort(key, next); renderTable(container, events, onSelect, { key, dir: next }, onSort, shown); } } }));
    return th;
  });
  const body = el("tbody");
  for (const ev of ordered.slice(0, shown)) {
    const cells = COLUMNS.map(([key]) => el("td", { text: cellText(ev, key), dataset: { key } }));
    const typeCell = cells[COLUMNS.findIndex((c) => c[0] === "event_type")];
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = typeColor(ev.event_type);
    typeCell.prepend(swatch);
    cells[0].classList.add("id-cell");
    const row = el("tr", { tabindex: "0", dataset: { eventId: ev.event_id, review: (ev.review && ev.review.status) || "" },
      className: ev.background ? "background" : "",
      on: { click: () => onSelect(ev.event_id), keydown: (e) => { if (e.key === "Enter") onSelect(ev.event_id); } } },
    cells);
    body.appendChild(row);
  }
  container.appendChild(el("table", { className: "events" }, el("thead", {}, el("tr", {}, headers)), body));
  if (ordered.length > shown) {
    container.appendChild(el("button", { type: "button", className: "more",
      text: `Show more (${ordered.length - shown} more rows)`,
      on: { click: () => renderTable(container, events, onSelect, sort, onSort, shown + ROWS) } }));
  }
}
