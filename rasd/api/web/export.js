// Exports of the events on screen: CSV (ACLED-style columns) and GeoJSON, built in the page and downloaded.

const CSV_FIELDS = [
  "event_id", "event_date", "event_date_end", "time_precision", "disorder_type", "event_type", "sub_event_type",
  "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
  "country", "iso3", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
  "fatalities", "injured", "weapon", "modality", "attribution", "notes", "sources", "urls", "article_ids",
  "confidence",
];

function cell(value) {
  if (value === null || value === undefined) return "";
  let s = Array.isArray(value) ? value.join("; ") : typeof value === "object" ? JSON.stringify(value) : String(value);
  // A text cell starting with = + - @ (tab, CR) would run as a formula in a spreadsheet: article text is untrusted.
  // Lists are guarded after joining (their first item may be one); numbers are never text (rasd/csvsafe.py).
  if (typeof value !== "number" && typeof value !== "boolean" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCSV(events) {
  const lines = [CSV_FIELDS.join(",")];
  for (const ev of events) lines.push(CSV_FIELDS.map((f) => cell(ev[f])).join(","));
  return `${lines.join("\n")}\n`;
}

export function toGeoJSON(events) {
  return JSON.stringify({
    type: "FeatureCollection",
    features: events.map((ev) => ({
      type: "Feature",
      id: ev.event_id,
      geometry: typeof ev.latitude === "number" && typeof ev.longitude === "number"
        ? { type: "Point", coordinates: [ev.longitude, ev.latitude] } : null,
      properties: ev,
    })),
  });
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
