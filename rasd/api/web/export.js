// Exports of the events matching the filters: the server writes them (GET /api/export), in the one layout that
// `rasd export` and the API share (CSV, ACLED CSV, GeoJSON); the page only starts the download.
import { queryString } from "./api.js";

export function exportURL(filters, format) {
  return `/api/export${queryString({ ...filters, format })}`;
}

export function download(url) {
  const a = document.createElement("a");
  a.href = url;
  a.download = "";
  document.body.appendChild(a);
  a.click();
  a.remove();
}
