// Weekly event counts as an SVG bar chart (built with DOM calls; no chart library needed).
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function weekDate(iso) {
  return new Date(`${iso}T00:00:00Z`);
}

export function drawTimeline(container, byWeek) {
  while (container.firstChild) container.removeChild(container.firstChild);
  const width = Math.max(container.clientWidth, 300);
  const height = Math.max(container.clientHeight, 120);
  const pad = { left: 34, right: 8, top: 8, bottom: 22 };
  const root = svg("svg", { width, height, role: "img", "aria-label": "Events per week" });
  container.appendChild(root);
  if (!byWeek.length) {
    const t = svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" });
    t.textContent = "No dated events";
    root.appendChild(t);
    return;
  }
  const first = weekDate(byWeek[0].week).getTime();
  const last = weekDate(byWeek[byWeek.length - 1].week).getTime();
  const weekMs = 7 * 24 * 3600 * 1000;
  const nWeeks = Math.round((last - first) / weekMs) + 1;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const maxCount = Math.max(...byWeek.map((w) => w.events));
  const barW = Math.max(plotW / nWeeks, 1);
  const x = (t) => pad.left + ((t - first) / weekMs) * (plotW / nWeeks);
  const y = (n) => pad.top + plotH - (n / maxCount) * plotH;

  for (const tick of [0, Math.ceil(maxCount / 2), maxCount]) {
    root.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), class: "grid" }));
    const label = svg("text", { x: pad.left - 4, y: y(tick) + 4, "text-anchor": "end", class: "axis" });
    label.textContent = String(tick);
    root.appendChild(label);
  }
  let lastYear = null;
  for (const w of byWeek) {
    const t = weekDate(w.week).getTime();
    const bar = svg("rect", { x: x(t), y: y(w.events), width: Math.max(barW - 0.5, 0.8), height: y(0) - y(w.events),
      class: "bar" });
    const title = svg("title");
    title.textContent = `Week of ${w.week}: ${w.events} event(s), ${w.fatalities} fatalities`;
    bar.appendChild(title);
    root.appendChild(bar);
  }
  // Year labels along the axis (at most ~12, so long spans stay readable).
  const firstYear = new Date(first).getUTCFullYear();
  const lastYearN = new Date(last).getUTCFullYear();
  const step = Math.max(1, Math.ceil((lastYearN - firstYear + 1) / 12));
  for (let year = firstYear; year <= lastYearN; year += step) {
    const t = Math.max(Date.UTC(year, 0, 1), first);
    if (t === lastYear) continue;
    lastYear = t;
    const nearEnd = x(t) > width - pad.right - 30; // keep the last label inside the chart
    const label = svg("text", { x: nearEnd ? width - pad.right : x(t), y: height - 6, class: "axis",
      "text-anchor": nearEnd ? "end" : "start" });
    label.textContent = String(year);
    root.appendChild(label);
  }
  if (firstYear === lastYearN) {
    const label = svg("text", { x: width - pad.right, y: height - 6, "text-anchor": "end", class: "axis" });
    label.textContent = `${byWeek[0].week} – ${byWeek[byWeek.length - 1].week}`;
    root.appendChild(label);
  }
}
