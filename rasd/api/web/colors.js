// One colour per ACLED event type, shared by the map, its legend, the table and the event panel.

export const TYPE_COLORS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#1f77b4",
  "Riots": "#8c564b",
  "Strategic developments": "#7f7f7f",
};
export const OTHER_COLOR = "#17becf";

export function typeColor(type) {
  return TYPE_COLORS[type] || OTHER_COLOR;
}

// Marker diameter in pixels: area grows with fatalities, capped so a massacre does not hide its neighbours.
export function markerSize(fatalities) {
  const n = Number.isFinite(fatalities) && fatalities > 0 ? fatalities : 0;
  return Math.round(Math.min(40, 10 + 4 * Math.sqrt(n)));
}
