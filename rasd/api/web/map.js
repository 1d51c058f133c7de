// The map: an offline base map served by rasd itself (no tile server, nothing fetched from outside): the world's
// countries and first-level regions (Natural Earth, public domain) with Iraq's governorates from OCHA's COD-AB on
// top, the filter's country and region outlined; the events as clustered dots coloured by type, sized by fatalities.
/* global L */
import { el, fmt } from "./dom.js";
import { TYPE_COLORS, markerSize, typeColor } from "./colors.js";

const IRAQ_BOUNDS = [[29.0, 38.8], [37.4, 48.6]];
const TYPE_CLASS = Object.fromEntries(Object.keys(TYPE_COLORS).map((t, i) => [t, `ev-t${i}`]));
export const BASE_LAYERS = {
  countries: "/static/kb/world_admin0.geojson",
  regions: "/static/kb/world_admin1.geojson",
  iraq: "/static/kb/admin1_iraq.geojson",
};
const STYLE = {
  country: { color: "#66727f", weight: 1.4, fillColor: "#f4f1ea", fillOpacity: 1 },
  region: { color: "#c3cbd3", weight: 0.5, fill: false },
  iraq: { color: "#8d9aa6", weight: 0.8, fillColor: "#eeeae0", fillOpacity: 0.6 },
  countrySelected: { color: "#0969da", weight: 2.5, fillColor: "#f4f1ea", fillOpacity: 1 },
  regionSelected: { color: "#0969da", weight: 2.5, fill: true, fillColor: "#ddf4ff", fillOpacity: 0.55 },
};

// A name as the filters and the boundary files may each spell it: no case, accents, hyphens or leading "al".
export function foldName(name) {
  return (name || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, " ").trim().replace(/^(al|el|ad|ar|as|ash|az|an|at|ath|adh)\s+/, "").replace(/\s+/g, "");
}

function namesOf(props) {
  return [props.name_en, props.name, ...(props.name_alt || "").split("|")].filter(Boolean).map(foldName);
}

export class EventMap {
  constructor(container, onSelect) {
    this.onSelect = onSelect;
    this.map = L.map(container, { zoomSnap: 0.5, worldCopyJump: false, minZoom: 2, maxZoom: 14,
      preferCanvas: false });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain); Iraq: OCHA COD-AB 2019 (CC BY-IGO)");
    this.map.fitBounds(IRAQ_BOUNDS);
    this.map.createPane("base").style.zIndex = 200;
    // Thousands of regions: one canvas, not thousands of SVG paths (in the base pane, under the outline).
    this.canvas = L.canvas({ pane: "base", padding: 0.2 });
    this.map.createPane("outline").style.zIndex = 390;
    this.outlineRenderer = L.svg({ pane: "outline", padding: 0.5 });
    this.clusters = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, chunkedLoading: true });
    this.map.addLayer(this.clusters);
    this.markers = new Map();
    this.selection = { country: "", iso3: "", admin1: "" };
    this.outline = null;
    this.view = null; // [lat, lon, zoom] from a shared URL: kept instead of fitting the events, until the next filter
    this.fitting = false;
    this.addLegend();
    this.map.on("moveend", () => { if (!this.fitting && this.onMove) this.onMove(this.currentView()); });
  }

  // The map's view as it goes in the URL: centre (4 decimals) and zoom.
  currentView() {
    const c = this.map.getCenter();
    return [Number(c.lat.toFixed(4)), Number(c.lng.toFixed(4)), this.map.getZoom()];
  }

  fit(bounds) {
    this.fitting = true; // not animated, so moveend fires now, while this is set: not a move by the user
    try { this.map.fitBounds(bounds, { maxZoom: 9, animate: false }); } finally { this.fitting = false; }
  }

  // Countries, then the world's regions, then Iraq's governorates; resolves when all three are drawn.
  async loadBaseMap(urls = BASE_LAYERS) {
    const get = async (url) => { const r = await fetch(url); if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`); return r.json(); };
    const [countries, regions, iraq] = await Promise.all([get(urls.countries), get(urls.regions), get(urls.iraq)]);
    this.countries = L.geoJSON(countries, { pane: "base", renderer: this.canvas, style: STYLE.country, interactive: false });
    this.regions = L.geoJSON(regions, { pane: "base", renderer: this.canvas, style: STYLE.region, interactive: false });
    this.iraq = L.geoJSON(iraq, {
      pane: "base", style: STYLE.iraq,
      onEachFeature: (feature, lyr) => {
        const p = feature.properties || {};
        lyr.bindTooltip(el("span", {}, el("b", { text: p.name_en || "" }), " ", el("span", { dir: "rtl", lang: "ar", text: p.name_ar || "" })), { sticky: true });
      },
    });
    for (const layer of [this.countries, this.regions, this.iraq]) layer.addTo(this.map);
    this.map.getContainer().dataset.basemap = "ready";
    this.highlight(this.selection);
  }

  // Outline the filter's country and first-level region (country by ISO3 code or name; region by its names).
  highlight({ country = "", iso3 = "", admin1 = "" } = {}) {
    this.selection = { country, iso3, admin1 };
    if (!this.countries) return;
    if (this.outline) { this.outline.remove(); this.outline = null; }
    const wantCountry = foldName(country);
    const countryHit = (p) => (iso3 && p.iso3 === iso3) || (wantCountry && foldName(p.name) === wantCountry);
    const shapes = [];
    this.countries.eachLayer((lyr) => { if ((iso3 || wantCountry) && countryHit(lyr.feature.properties)) shapes.push(lyr.feature); });
    const wantRegion = foldName(admin1);
    let regionShapes = [];
    if (wantRegion) {
      const inCountry = (p) => !(iso3 || wantCountry) || countryHit({ iso3: p.iso3, name: p.country });
      this.regions.eachLayer((lyr) => {
        const p = lyr.feature.properties;
        if (inCountry(p) && namesOf(p).includes(wantRegion)) regionShapes.push(lyr.feature);
      });
      this.iraq.eachLayer((lyr) => {
        const p = lyr.feature.properties;
        if ((!iso3 || iso3 === "IRQ") && foldName(p.name_en) === wantRegion) regionShapes.push(lyr.feature);
      });
    }
    if (!shapes.length && !regionShapes.length) {
      this.map.getContainer().dataset.outlined = "";
      return;
    }
    const group = L.featureGroup();
    const options = { pane: "outline", renderer: this.outlineRenderer, interactive: false };
    for (const f of regionShapes) L.geoJSON(f, { ...options, style: STYLE.regionSelected }).addTo(group);
    for (const f of shapes) L.geoJSON(f, { ...options, style: { ...STYLE.countrySelected, fill: false } }).addTo(group);
    group.addTo(this.map);
    this.outline = group;
    this.map.getContainer().dataset.outlined = [shapes.length ? "country" : "", regionShapes.length ? "region" : ""]
      .filter(Boolean).join(" ");
    this.outlineBounds = group.getBounds();
  }

  addLegend() {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const box = el("div", { className: "legend" }, el("div", { className: "legend-title", text: "Event type" }));
      for (const [type, color] of Object.entries(TYPE_COLORS)) {
        const swatch = el("span", { className: "swatch" });
        swatch.style.background = color;
        box.appendChild(el("div", {}, swatch, type));
      }
      box.appendChild(el("div", { className: "legend-note", text: "Dot size: fatalities" }));
      return box;
    };
    legend.addTo(this.map);
  }

  setEvents(events) {
    this.clusters.clearLayers();
    this.markers.clear();
    const layers = [];
    for (const ev of events) {
      if (typeof ev.latitude !== "number" || typeof ev.longitude !== "number") continue;
      const size = markerSize(ev.fatalities);
      const icon = L.divIcon({ className: `ev-dot ${TYPE_CLASS[ev.event_type] || "ev-other"}`, html: "",
        iconSize: [size, size] });
      const marker = L.marker([ev.latitude, ev.longitude], { icon, keyboard: true });
      const tip = el("div", { className: "tip" },
        el("div", { className: "tip-title", text: `${fmt(ev.event_date)} · ${fmt(ev.event_type)}` }),
        el("div", { text: [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ") }),
        el("div", { text: `${fmt(ev.actor1)} vs ${fmt(ev.actor2)}` }),
        el("div", { text: `Fatalities: ${fmt(ev.fatalities)}` }));
      tip.style.borderLeft = `4px solid ${typeColor(ev.event_type)}`;
      marker.bindTooltip(tip, { direction: "top" });
      marker.on("click", () => this.onSelect(ev.event_id));
      this.markers.set(ev.event_id, marker);
      layers.push(marker);
    }
    this.clusters.addLayers(layers);
    // The view holds the events and the outlined country or region whole (call `highlight` first).
    const bounds = layers.length ? L.latLngBounds(layers.map((m) => m.getLatLng())).pad(0.1) : null;
    const outlined = this.outline ? this.outline.getBounds() : null;
    if (this.view) {
      this.fitting = true;
      try { this.map.setView([this.view[0], this.view[1]], this.view[2], { animate: false }); } finally { this.fitting = false; }
    } else if (bounds && outlined) this.fit(bounds.extend(outlined));
    else if (bounds || outlined) this.fit(bounds || outlined);
    return layers.length;
  }

  // Show the selected event's dot where the map is: a cluster holding it fans out (no zoom to street level, where
  // the base map's borders are out of sight and events at one point would need the deepest zoom to part).
  focus(eventId) {
    const marker = this.markers.get(eventId);
    if (!marker) return;
    const parent = this.clusters.getVisibleParent(marker);
    if (!parent) {
      this.clusters.zoomToShowLayer(marker, () => marker.openTooltip()); // outside the view: go there
    } else if (parent !== marker && parent.spiderfy) {
      this.clusters.once("spiderfied", () => marker.openTooltip());
      parent.spiderfy();
    } else {
      marker.openTooltip();
    }
  }
}
