// The event panel: the fields in English, then the Arabic sentences they came from, right-to-left, with the span
// behind each field highlighted (evidence = {field: {start, end, text}}, offsets into the article's text).
import { getJSON, postJSON } from "./api.js";
import { arabic, clear, el, fmt } from "./dom.js";
import { typeColor } from "./colors.js";

export const FIELD_LABELS = {
  event_date: "Date", event_type: "Event type", sub_event_type: "Sub-event type", disorder_type: "Disorder type",
  actor1: "Actor 1", assoc_actor_1: "Associated with actor 1", actor2: "Actor 2",
  assoc_actor_2: "Associated with actor 2", interaction: "Interaction", civilian_targeting: "Civilian targeting",
  location: "Location", admin3: "Sub-district", admin2: "District", admin1: "Governorate / province",
  country: "Country", geo_precision: "Geo precision", location_offset: "Offset", fatalities: "Fatalities",
  injured: "Injured", weapon: "Weapon", modality: "Modality", attribution: "Reported by", background: "Background",
  confidence: "Confidence",
};
const SENTENCE_END = /[.!?\u061F\u06D4\n]/;
const MAX_ARTICLES = 5;

function fieldValue(ev, field) {
  if (field === "event_date") {
    const range = ev.event_date_end && ev.event_date_end !== ev.event_date ? ` to ${ev.event_date_end}` : "";
    return `${fmt(ev.event_date)}${range}` + (ev.time_precision ? ` (precision ${ev.time_precision})` : "");
  }
  if (field === "location" && typeof ev.latitude === "number") {
    return `${fmt(ev.location)} (${ev.latitude.toFixed(4)}, ${ev.longitude.toFixed(4)})`;
  }
  if (field === "location_offset" && ev.location_offset) {
    const o = ev.location_offset;
    return `${fmt(o.km)} km, bearing ${fmt(o.bearing_deg)}° from ${fmt(o.anchor)}`;
  }
  return fmt(ev[field]);
}

// Where each evidence span lies: in the article whose text has it at the given offsets, else where its text occurs.
export function locateSpans(evidence, articles) {
  const found = [];
  for (const [field, span] of Object.entries(evidence || {})) {
    if (!span || typeof span.text !== "string" || !span.text) continue;
    let hit = null;
    for (const art of articles) {
      if (art.text.slice(span.start, span.end) === span.text) { hit = { art, start: span.start, end: span.end }; break; }
    }
    if (!hit) {
      for (const art of articles) {
        const at = art.text.indexOf(span.text);
        if (at >= 0) { hit = { art, start: at, end: at + span.text.length }; break; }
      }
    }
    found.push({ field, text: span.text, ...(hit || {}) });
  }
  return found;
}

function sentenceAround(text, start, end) {
  let a = start;
  while (a > 0 && !SENTENCE_END.test(text[a - 1])) a -= 1;
  let b = Math.max(end, start);
  while (b < text.length && !SENTENCE_END.test(text[b])) b += 1;
  if (b < text.length && text[b] !== "\n") b += 1;
  return [a, b];
}

// One sentence as text nodes and <mark>s: each stretch covered by evidence is marked with the fields it supports.
export function renderSentence(text, a, b, spans) {
  const cuts = new Set([a, b]);
  for (const s of spans) {
    if (s.end > a && s.start < b) { cuts.add(Math.max(a, s.start)); cuts.add(Math.min(b, s.end)); }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const p = arabic("p", "", { className: "evidence-sentence" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const fields = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.field);
    if (!fields.length) { p.appendChild(document.createTextNode(piece)); continue; }
    const labels = fields.map((f) => FIELD_LABELS[f] || f).join(", ");
    p.appendChild(el("mark", { className: "ev-mark", dataset: { fields: fields.join(" ") }, title: labels, text: piece }));
  }
  return p;
}

function evidenceSentences(located) {
  const byArticle = new Map();
  for (const s of located) {
    if (!s.art) continue;
    if (!byArticle.has(s.art.article_id)) byArticle.set(s.art.article_id, { art: s.art, spans: [] });
    byArticle.get(s.art.article_id).spans.push(s);
  }
  const blocks = [];
  for (const { art, spans } of byArticle.values()) {
    const ranges = spans.map((s) => sentenceAround(art.text, s.start, s.end)).sort((x, y) => x[0] - y[0]);
    const merged = [];
    for (const r of ranges) {
      const lastRange = merged[merged.length - 1];
      if (lastRange && r[0] <= lastRange[1]) lastRange[1] = Math.max(lastRange[1], r[1]);
      else merged.push([...r]);
    }
    const box = el("div", { className: "evidence-article" });
    if (byArticle.size > 1) box.appendChild(arabic("div", art.title || art.article_id.slice(0, 12), { className: "evidence-source" }));
    for (const [a, b] of merged) box.appendChild(renderSentence(art.text, a, b, spans));
    blocks.push(box);
  }
  return blocks;
}

function fieldsTable(ev, located, container) {
  const evidenceOf = Object.fromEntries(located.map((s) => [s.field, s]));
  const rows = [];
  for (const field of Object.keys(FIELD_LABELS)) {
    const value = fieldValue(ev, field);
    const span = evidenceOf[field];
    if (value === "—" && !span) continue;
    const row = el("tr", { dataset: { field }, className: span ? "has-evidence" : "" },
      el("th", { text: FIELD_LABELS[field] }),
      el("td", { text: value }),
      el("td", { className: "evidence-cell" }, span ? arabic("bdi", span.text, { className: "evidence-snippet" }) : ""));
    if (span) {
      row.addEventListener("mouseenter", () => highlight(container, field, true));
      row.addEventListener("mouseleave", () => highlight(container, field, false));
    }
    rows.push(row);
  }
  return el("table", { className: "fields" }, el("tbody", {}, rows));
}

function highlight(container, field, on) {
  for (const mark of container.querySelectorAll("mark.ev-mark")) {
    if ((mark.dataset.fields || "").split(" ").includes(field)) mark.classList.toggle("active", on);
  }
}

// The stored article as JSON from this API (a same-origin path built from an encoded id, never from data as is).
function storedTextLink(articleId) {
  const a = el("a", { className: "small", text: "stored text", target: "_blank", rel: "noopener" });
  a.setAttribute("href", `/api/articles/${encodeURIComponent(articleId)}`);
  return a;
}

function reportList(reports) {
  return el("ul", { className: "reports" }, reports.map((r) => el("li", {},
    r.url ? el("a", { href: r.url, target: "_blank", rel: "noopener noreferrer", text: r.url }) : el("span", { text: "(no URL)" }),
    " ", el("span", { className: "muted", text: [r.outlet, r.published].filter(Boolean).join(", ") }),
    " ", storedTextLink(r.article_id),
    r.title ? arabic("div", r.title, { className: "report-title" }) : null)));
}

// Fields an analyst can correct from the panel (the API accepts these and a few more: rasd.review.CORRECTABLE).
export const CORRECTABLE = ["fatalities", "injured", "event_date", "time_precision", "event_type", "sub_event_type",
  "actor1", "actor2", "location", "admin1", "country", "geo_precision", "modality", "background", "weapon"];
const KEY_STORE = "rasd-api-key"; // kept for this browser tab only (sessionStorage), never in the URL

const INTRO = "Select an event on the map or in the table to see its fields and the Arabic sentences they came from.";

// Back to the empty panel (Reset, or Back to a view with no event selected).
export function closePanel(container) {
  clear(container).appendChild(el("p", { className: "muted", text: INTRO }));
  delete container.dataset.eventId;
  container.dataset.wanted = ""; // an event still loading is not shown when it arrives
  container.dataset.state = "ready";
}

function reviewLine(review) {
  if (!review) return el("p", { className: "review-status", dataset: { status: "unreviewed" }, text: "Not reviewed yet." });
  const fixed = Object.entries(review.corrections || {}).map(([k, v]) => `${FIELD_LABELS[k] || k} = ${fmt(v)}`);
  return el("p", { className: "review-status", dataset: { status: review.status } },
    el("b", { text: review.status }), ` by ${review.by}, ${review.at.replace("T", " ")}`,
    fixed.length ? `; corrected: ${fixed.join("; ")}` : "", review.note ? ` — “${review.note}”` : "");
}

function historyList(acts) {
  return el("ol", { className: "review-history" }, acts.map((a) => el("li", {
    text: `${a.reviewed_at.replace("T", " ")} ${a.reviewer}: ` + (a.action === "corrected"
      ? `${FIELD_LABELS[a.field] || a.field} ${fmt(a.old_value)} → ${fmt(a.new_value)}` : a.action)
      + (a.note ? ` (${a.note})` : "") })));
}

// The review box: status and history, then verdict buttons and a field correction (writes need an API key).
function reviewBox(ev, reviews, onReviewed) {
  const box = el("section", { className: "review", dataset: { eventId: ev.event_id } });
  const status = el("div", {}, reviewLine(reviews.review), reviews.acts.length ? historyList(reviews.acts) : null);
  const message = el("p", { className: "review-message", role: "status" });
  const keyInput = el("input", { type: "password", name: "api-key", placeholder: "API key (rasd keys create)",
    autocomplete: "off", value: sessionStorage.getItem(KEY_STORE) || "" });
  const note = el("input", { type: "text", name: "review-note", placeholder: "note (optional)", maxlength: "2000" });
  const field = el("select", { name: "review-field" }, CORRECTABLE.map((f) => el("option", { value: f, text: FIELD_LABELS[f] || f })));
  const value = el("input", { type: "text", name: "review-value", placeholder: "new value", maxlength: "300" });
  async function send(body) {
    const key = keyInput.value.trim();
    if (!key) { message.textContent = "An API key is needed to review (rasd keys create)."; message.className = "review-message error"; return; }
    sessionStorage.setItem(KEY_STORE, key);
    if (note.value.trim()) body.note = note.value.trim();
    message.textContent = "Saving…";
    message.className = "review-message";
    try {
      const answer = await postJSON(`/api/events/${encodeURIComponent(ev.event_id)}/review`, body, key);
      clear(status).append(reviewLine(answer.review), historyList(answer.acts));
      message.textContent = `Saved ${body.verdict ? "the verdict" : "the correction"}; the event is now ${answer.review.status}.`;
      box.dataset.status = answer.review.status;
      if (onReviewed) onReviewed(ev.event_id, answer);
    } catch (err) {
      message.textContent = `Not saved: ${err.message}`;
      message.className = "review-message error";
    }
  }
  const button = (text, className, body) => el("button", { type: "button", className, text, on: { click: () => send(body()) } });
  box.append(
    el("h3", { text: "Review" }), status,
    el("div", { className: "review-actions" },
      button("✓ Verified", "verify", () => ({ verdict: "verified" })),
      button("✗ Wrong", "wrong", () => ({ verdict: "wrong" })), note),
    el("div", { className: "review-correct" }, "Correct ", field, " to ", value,
      button("Save correction", "correct", () => ({ corrections: { [field.value]: value.value.trim() || null } }))),
    el("div", { className: "review-key" }, keyInput), message);
  if (reviews.review) box.dataset.status = reviews.review.status;
  return box;
}

// Shows one event; false when the panel was closed or given another event before this one arrived.
export async function showEvent(container, eventId, { onReviewed = null } = {}) {
  container.dataset.wanted = eventId;
  const stale = () => container.dataset.wanted !== eventId; // closed or another event selected meanwhile
  clear(container);
  container.appendChild(el("p", { className: "muted", text: "Loading event…" }));
  let detail;
  try {
    detail = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (err) {
    if (stale()) return false;
    clear(container).appendChild(el("p", { className: "error", text: `Cannot load the event: ${err.message}` }));
    return true;
  }
  const ev = detail.event;
  const ids = [...new Set([...(ev.article_ids || []), ...detail.reports.map((r) => r.article_id)])].slice(0, MAX_ARTICLES);
  const articles = (await Promise.all(ids.map((id) => getJSON(`/api/articles/${encodeURIComponent(id)}`).catch(() => null))))
    .filter(Boolean);
  const located = locateSpans(ev.evidence, articles);
  const reviews = await getJSON(`/api/events/${encodeURIComponent(eventId)}/reviews`).catch(() => ({ review: null, acts: [] }));
  if (stale()) return false;
  clear(container);
  const heading = el("h2", { className: "event-title" }, el("span", { className: "swatch" }),
    `${fmt(ev.event_type)}${ev.sub_event_type ? ` — ${ev.sub_event_type}` : ""}`);
  heading.firstChild.style.background = typeColor(ev.event_type);
  container.appendChild(heading);
  container.appendChild(el("p", { className: "notes", text: ev.notes || "" }));
  container.appendChild(reviewBox(ev, reviews, onReviewed));
  container.appendChild(el("h3", { text: "Arabic evidence" }));
  const sentences = evidenceSentences(located);
  if (sentences.length) container.append(el("div", { className: "evidence" }, sentences));
  else container.appendChild(el("p", { className: "muted", text: "No evidence spans recorded for this event." }));
  container.appendChild(el("h3", { text: "Fields" }));
  container.appendChild(fieldsTable(ev, located, container));
  if (ev.date_text) container.appendChild(el("p", { className: "muted" }, "Date expression: ", arabic("bdi", ev.date_text)));
  container.appendChild(el("h3", { text: `Source articles (${detail.reports.length})` }));
  container.appendChild(reportList(detail.reports));
  if (articles.length) {
    const full = el("details", { className: "full-article" }, el("summary", { text: "Full article text" }));
    const located0 = located.filter((s) => s.art && s.art.article_id === articles[0].article_id);
    full.appendChild(renderSentence(articles[0].text, 0, articles[0].text.length, located0));
    container.appendChild(full);
  }
  container.appendChild(el("p", { className: "muted small", text: `Event ${ev.event_id}` }));
  return true;
}
