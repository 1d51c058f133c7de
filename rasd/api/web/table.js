// The events table (the events loaded for the map), a page of rows at a time; a row opens the event panel.
import { clear, el, fmt } from "./dom.js";
import { typeColor } from "./colors.js";

const ROWS = 200;
const COLUMNS = [
  ["event_date", "Date"], ["event_type", "Type"], ["sub_event_type", "Sub-type"], ["actor1", "Actor 1"],
  ["actor2", "Actor 2"], ["location", "Location"], ["admin1", "Governorate"], ["country", "Country"],
  ["fatalities", "Fatalities"],
];

export function renderTable(container, events, onSelect, shown = ROWS) {
  clear(container);
  const head = el("thead", {}, el("tr", {}, COLUMNS.map(([, label]) => el("th", { text: label }))));
  const body = el("tbody");
  for (const ev of events.slice(0, shown)) {
    const cells = COLUMNS.map(([key]) => el("td", { text: fmt(ev[key]) }));
    cells[1].prepend(el("span", { className: "swatch" }));
    cells[1].firstChild.style.background = typeColor(ev.event_type);
    const row = el("tr", { tabindex: "0", dataset: { eventId: ev.event_id },
      on: { click: () => onSelect(ev.event_id), keydown: (e) => { if (e.key === "Enter") onSelect(ev.event_id); } } },
    cells);
    body.appendChild(row);
  }
  container.appendChild(el("table", { className: "events" }, head, body));
  if (events.length > shown) {
    container.appendChild(el("button", { type: "button", className: "more",
      text: `Show more (${events.length - shown} more rows)`,
      on: { click: () => renderTable(container, events, onSelect, shown + ROWS) } }));
  }
}
