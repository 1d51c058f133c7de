// The map: Iraq's governorates from the KB as the (offline) base layer, a graticule for elsewhere, and the events as
// clustered dots coloured by type and sized by fatalities. No tile server: nothing is fetched from outside.
/* global L */
import { el, fmt } from "./dom.js";
import { TYPE_COLORS, markerSize, typeColor } from "./colors.js";

const IRAQ_BOUNDS = [[29.0, 38.8], [37.4, 48.6]];
const TYPE_CLASS = Object.fromEntries(Object.keys(TYPE_COLORS).map((t, i) => [t, `ev-t${i}`]));

export class EventMap {
  constructor(container, onSelect) {
    this.onSelect = onSelect;
    this.map = L.map(container, { zoomSnap: 0.5, worldCopyJump: false, minZoom: 3, maxZoom: 14 });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Boundaries: OCHA COD-AB Iraq 2019 (CC BY-IGO)");
    this.map.fitBounds(IRAQ_BOUNDS);
    this.addGraticule();
    this.clusters = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, chunkedLoading: true });
    this.map.addLayer(this.clusters);
    this.markers = new Map();
    this.addLegend();
  }

  async loadBoundaries(url) {
    const response = await fetch(url);
    if (!response.ok) return;
    const data = await response.json();
    const layer = L.geoJSON(data, {
      style: { color: "#5a6b7b", weight: 1, fillColor: "#e8edf1", fillOpacity: 0.6 },
      onEachFeature: (feature, lyr) => {
        const p = feature.properties || {};
        lyr.bindTooltip(el("span", {}, el("b", { text: p.name_en || "" }), " ", el("span", { dir: "rtl", lang: "ar", text: p.name_ar || "" })), { sticky: true });
      },
    });
    layer.addTo(this.map);
    layer.bringToBack();
    this.regions = layer;
    this.highlightRegion(this.region);
  }

  // Outline the governorate the filter selected (the boundaries' English names are the gazetteer's admin1 names).
  highlightRegion(name) {
    this.region = name;
    if (!this.regions) return;
    const wanted = (name || "").toLowerCase();
    this.regions.eachLayer((lyr) => {
      const selected = wanted && (lyr.feature.properties.name_en || "").toLowerCase() === wanted;
      lyr.setStyle(selected ? { color: "#0969da", weight: 2.5, fillColor: "#ddf4ff", fillOpacity: 0.7 }
        : { color: "#5a6b7b", weight: 1, fillColor: "#e8edf1", fillOpacity: 0.6 });
    });
  }

  addGraticule() {
    const lines = [];
    for (let lat = 10; lat <= 50; lat += 5) lines.push([[lat, 20], [lat, 70]]);
    for (let lon = 20; lon <= 70; lon += 5) lines.push([[10, lon], [50, lon]]);
    L.polyline(lines, { color: "#c9d3dc", weight: 0.6, interactive: false }).addTo(this.map);
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
    if (layers.length) {
      const bounds = L.latLngBounds(layers.map((m) => m.getLatLng()));
      this.map.fitBounds(bounds.pad(0.1), { maxZoom: 9 });
    }
    return layers.length;
  }

  focus(eventId) {
    const marker = this.markers.get(eventId);
    if (!marker) return;
    this.clusters.zoomToShowLayer(marker, () => marker.openTooltip());
  }
}
