// DOM helpers. Article text and every value from the API is untrusted: it only ever reaches the page as text nodes
// (textContent / createTextNode) or as attributes we name here; nothing from the data is parsed as HTML.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "className") node.className = value;
    else if (key === "on") for (const [name, fn] of Object.entries(value)) node.addEventListener(name, fn);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "href") { const safe = safeHref(value); if (safe) node.setAttribute("href", safe); }
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// Only http(s) links: a javascript: or data: URL from an article's metadata must never become clickable.
export function safeHref(url) {
  if (typeof url !== "string") return null;
  const trimmed = url.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : null;
}

// Arabic text: right-to-left, language-tagged so the browser picks Arabic shaping and fonts.
export function arabic(tag, text, props = {}) {
  return el(tag, { dir: "rtl", lang: "ar", ...props }, text ?? "");
}

export function fmt(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join("; ") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
