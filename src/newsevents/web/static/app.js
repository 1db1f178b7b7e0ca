// newsevents dashboard: filters -> timeline, map, actor network, event table -> article view with evidence.
// Plain JS, no build step. Every string from the store is untrusted: it only ever reaches the page through
// textContent, createTextNode or setAttribute (never innerHTML).
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const QUAD_COLORS = {1: "#3b82c4", 2: "#2a9d5c", 3: "#e39a2d", 4: "#c8372d"};
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const PAGE = 50;
const state = {filters: {}, sort: "-date", offset: 0, total: 0, selected: null, generation: 0, allYears: false};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function query(extra) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({...state.filters, ...(extra || {})})) {
    if (v !== "" && v !== null && v !== undefined) p.set(k, v);
  }
  return p.toString();
}

async function api(path, extra) {
  const qs = query(extra);
  const res = await fetch(path + (qs ? "?" + qs : ""), {headers: {Accept: "application/json"}});
  const body = await res.json();
  if (!res.ok) {
    const err = new Error(body && body.error ? body.error.message : res.statusText);
    err.api = true;
    throw err;
  }
  return body;
}

function showError(err) {
  $("error").textContent = err ? String(err.message || err) : "";
}

function badge(quad, text) {
  return el("span", {class: "badge q" + quad, title: QUAD_NAMES[quad] || ""}, text);
}

// ---- timeline: stacked bars of events per day by quad class ----
function drawTimeline(rows) {
  const chart = $("timeline");
  chart.replaceChildren();
  const byDay = new Map();
  for (const r of rows) {
    if (!byDay.has(r.day)) byDay.set(r.day, {1: 0, 2: 0, 3: 0, 4: 0});
    byDay.get(r.day)[r.quad] = r.n;
  }
  const days = [...byDay.keys()].sort();
  const axis = $("timeline-axis");
  axis.replaceChildren();
  if (!days.length) {
    const t = svg("text", {x: 300, y: 80, "text-anchor": "middle", "font-size": 12, fill: "#5f6b76"});
    t.textContent = "no dated events";
    chart.append(t);
    return;
  }
  const W = 600, H = 160, bw = Math.min(W / days.length, 40);  // a few days stay bars, not blocks
  const totals = days.map((d) => Object.values(byDay.get(d)).reduce((a, b) => a + b, 0));
  const max = Math.max(...totals);
  if (days.length <= 200) {
    // few days: one rectangle per day and class, each with its own tooltip
    days.forEach((day, i) => {
      let y = H;
      for (const q of [4, 3, 2, 1]) {
        const n = byDay.get(day)[q];
        if (!n) continue;
        const h = (n / max) * (H - 4);
        y -= h;
        const rect = svg("rect", {x: i * bw, y, width: Math.max(bw - (bw > 3 ? 1 : 0), 0.5), height: h,
          fill: QUAD_COLORS[q], class: "bar"});
        const tip = svg("title");
        tip.textContent = `${day}: ${n} ${QUAD_NAMES[q]}`;
        rect.append(tip);
        rect.addEventListener("click", () => setFilters({start: day, end: day}));
        chart.append(rect);
      }
    });
  } else {
    // many days: one path per class keeps the DOM small; a click picks the day under the pointer
    const paths = {1: [], 2: [], 3: [], 4: []};
    days.forEach((day, i) => {
      let y = H;
      for (const q of [4, 3, 2, 1]) {
        const n = byDay.get(day)[q];
        if (!n) continue;
        const h = (n / max) * (H - 4);
        y -= h;
        paths[q].push(`M${(i * bw).toFixed(2)},${y.toFixed(2)}h${bw.toFixed(3)}v${h.toFixed(2)}h${(-bw).toFixed(3)}z`);
      }
    });
    for (const q of [4, 3, 2, 1]) chart.append(svg("path", {d: paths[q].join(""), fill: QUAD_COLORS[q], class: "bar"}));
    const hit = svg("rect", {x: 0, y: 0, width: W, height: H, fill: "transparent"});
    const tip = svg("title");
    tip.textContent = `${days.length} days; click a day to filter to it`;
    hit.append(tip);
    hit.addEventListener("click", (ev) => {
      const box = chart.getBoundingClientRect();
      const i = Math.min(days.length - 1, Math.floor(((ev.clientX - box.left) / box.width) * days.length));
      setFilters({start: days[i], end: days[i]});
    });
    chart.append(hit);
  }
  axis.append(el("span", {}, days[0]), el("span", {}, `max ${max}/day`), el("span", {}, days[days.length - 1]));
}

// Year-only dates outside the corpus's years (a clock time "1830" read as a year) are left out of the timeline
// unless the box is ticked: the API counts them (outside_span) and says which years the corpus spans.
function timelineCounts() {
  return api("/api/counts", {by: "day,quad", in_span: state.allYears ? "false" : "true"});
}

function drawOutsideNote(counts) {
  const n = counts.outside_span || 0;
  $("timeline-years").hidden = !n;
  if (!n) return;
  const s = counts.span;
  const years = s.first === s.last ? String(s.first) : `${s.first}-${s.last}`;
  $("timeline-outside").textContent = `${n} event${n === 1 ? "" : "s"} with a year-only date outside ${years} ` +
    (state.allYears ? "shown" : "not shown");
}

async function loadTimeline() {
  const counts = await timelineCounts();
  drawTimeline(counts.items);
  drawOutsideNote(counts);
}

// ---- map: events grouped by place on the offline base map ----
function drawMap(points) {
  const g = $("points");
  g.replaceChildren();
  const max = Math.max(1, ...points.map((p) => p.n));
  // biggest first so small places stay clickable on top
  for (const p of [...points].sort((a, b) => b.n - a.n)) {
    const c = svg("circle", {cx: p.lon + 180, cy: 90 - p.lat, r: 0.8 + 4 * Math.sqrt(p.n / max),
      fill: QUAD_COLORS[p.quad_code] || "#555", "data-event": p.event_id, class: "point"});
    const tip = svg("title");
    tip.textContent = `${p.name || "?"}: ${p.n} event(s)`;
    c.append(tip);
    c.addEventListener("click", () => openEvent(p.event_id));
    g.append(c);
  }
}

// ---- network: actor -> recipient pairs on a circle ----
function drawNetwork(pairs) {
  const net = $("network");
  net.replaceChildren();
  const weight = new Map();
  for (const p of pairs) {
    weight.set(p.actor, (weight.get(p.actor) || 0) + p.n);
    weight.set(p.recipient, (weight.get(p.recipient) || 0) + p.n);
  }
  const names = [...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a)).slice(0, 30);
  if (!names.length) {
    const t = svg("text", {x: 200, y: 150, "text-anchor": "middle"});
    t.textContent = "no actor-recipient pairs";
    net.append(t);
    return;
  }
  const pos = new Map();
  names.forEach((name, i) => {
    const a = (2 * Math.PI * i) / names.length - Math.PI / 2;
    pos.set(name, [200 + 110 * Math.cos(a), 150 + 110 * Math.sin(a), a]);
  });
  const maxN = Math.max(...pairs.map((p) => p.n));
  for (const p of pairs) {
    if (!pos.has(p.actor) || !pos.has(p.recipient)) continue;
    const [x1, y1] = pos.get(p.actor), [x2, y2] = pos.get(p.recipient);
    const line = svg("line", {x1, y1, x2, y2, "stroke-width": 0.5 + 3 * (p.n / maxN)});
    const tip = svg("title");
    tip.textContent = `${p.actor} → ${p.recipient}: ${p.n}`;
    line.append(tip);
    net.append(line);
  }
  const maxW = Math.max(...names.map((n) => weight.get(n)));
  for (const name of names) {
    const [x, y, a] = pos.get(name);
    const node = svg("circle", {cx: x, cy: y, r: 2 + 5 * Math.sqrt(weight.get(name) / maxW)});
    const label = svg("text", {x: x + 10 * Math.cos(a), y: y + 10 * Math.sin(a) + 3,
      "text-anchor": Math.cos(a) < -0.1 ? "end" : Math.cos(a) > 0.1 ? "start" : "middle"});
    label.textContent = name.length > 24 ? name.slice(0, 23) + "…" : name;
    const tip = svg("title");
    tip.textContent = `${name}: ${weight.get(name)} event(s)`;
    node.append(tip);
    for (const n of [node, label]) n.addEventListener("click", () => setFilters({actor: name}));
    net.append(node, label);
  }
}

// ---- event table ----
function drawTable(page) {
  const body = $("events").tBodies[0];
  body.replaceChildren();
  for (const e of page.items) {
    const row = el("tr", {"data-id": e.id},
      el("td", {}, e.date || ""),
      el("td", {}, badge(e.quad_code, e.event)),
      el("td", {}, e.mode || ""),
      el("td", {}, e.actor_names || ""),
      el("td", {}, e.recipient_names || ""),
      el("td", {}, e.loc_name || ""),
      el("td", {}, e.event_text || ""),
      el("td", {}, e.goldstein == null ? "" : String(e.goldstein)),
      el("td", {}, e.confidence == null ? "" : e.confidence.toFixed(2)),
      el("td", {}, e.title || e.doc_id));
    if (e.id === state.selected) row.classList.add("selected");
    row.addEventListener("click", () => openEvent(e.id));
    body.append(row);
  }
  const last = Math.min(state.offset + page.items.length, page.total);
  const total = page.total_capped ? `${page.total.toLocaleString()}+` : page.total.toLocaleString();
  $("table-count").textContent = `(${total} matching)`;
  $("page").textContent = page.total ? `${state.offset + 1}–${last} of ${total}` : "no events";
  $("prev").disabled = state.offset === 0;
  $("next").disabled = last >= page.total && !page.total_capped;
}

async function loadTable(generation) {
  const page = await api("/api/events", {limit: PAGE, offset: state.offset, sort: state.sort});
  if (generation !== undefined && generation !== state.generation) return;  // a newer refresh is under way
  state.total = page.total;
  drawTable(page);
}

// ---- article view: text with triggers, actors, places and quotes highlighted ----
const KIND_ORDER = ["evidence", "quote", "cue", "speaker", "entity", "actor", "recipient", "place", "trigger"];

function renderHighlighted(text, spans, selected) {
  // Cut the text at every span boundary; each piece carries the classes of the spans covering it.
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  let firstSelected = null;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { frag.append(document.createTextNode(piece)); continue; }
    covering.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
    const node = el("span", {title: covering.map((s) => `${s.kind}: ${s.label || ""}`).join("\n")}, piece);
    for (const s of covering) {
      node.classList.add("hl-" + s.kind);
      if (selected && s.ref === selected) {
        node.classList.add("sel");
        node.setAttribute("data-selected", s.kind);
        if (!firstSelected) firstSelected = node;
      }
    }
    frag.append(node);
  }
  return {frag, firstSelected};
}

async function openEvent(eventId) {
  try {
    const detail = await fetch("/api/events/" + encodeURIComponent(eventId)).then(async (r) => {
      const body = await r.json();
      if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
      return body;
    });
    state.selected = eventId;
    for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.id === eventId);
    await openArticle(detail.article.doc_id, detail);
  } catch (err) { showError(err); }
}

// ---- the reports of one happening (its cluster) and the article's story, linked from the evidence view ----
function linkButton(label, onClick) {
  const b = el("button", {type: "button", class: "linklike"}, label);
  b.addEventListener("click", onClick);
  return b;
}

function renderLinks(art, detail) {
  const reports = $("event-reports");
  const story = $("event-story");
  reports.replaceChildren();
  story.replaceChildren();
  if (art.duplicate_of) {
    reports.append(el("p", {class: "muted", id: "duplicate-note"}, "near-duplicate of ",
      linkButton(art.duplicate_of, () => openArticle(art.duplicate_of).catch(showError)),
      ` (similarity ${Number(art.dup_similarity).toFixed(2)}): its events are not counted again`));
  }
  const cluster = detail && detail.cluster;
  if (cluster) {
    const items = cluster.members.filter((m) => m.id !== detail.event.id).map((m) => el("li", {},
      linkButton([m.source || "unknown source", m.pub_date, m.title || m.doc_id].filter(Boolean).join(" · "),
        () => openEvent(m.id)), " ", el("span", {class: "muted"}, m.sentence || m.event_text || "")));
    reports.append(el("p", {id: "reported-by"}, el("strong", {}, cluster.summary),
      ` · ${cluster.num_mentions} mention${cluster.num_mentions === 1 ? "" : "s"}`,
      cluster.first_seen ? ` · first seen ${cluster.first_seen}, last ${cluster.last_seen}` : ""));
    if (items.length) reports.append(el("ul", {id: "sibling-reports"}, ...items));
  }
  const s = detail && detail.story;
  if (s && s.articles.length > 1) {
    const items = s.articles.filter((a) => a.doc_id !== art.doc_id).map((a) => el("li", {},
      linkButton([a.date, a.source, a.title || a.doc_id].filter(Boolean).join(" · "),
        () => openArticle(a.doc_id).catch(showError)),
      a.duplicate_of ? el("span", {class: "muted"}, " (near-duplicate)") : ""));
    story.append(el("p", {}, el("strong", {}, `Story: ${s.story.num_articles} articles`),
      ` · ${s.story.first_seen || "?"} to ${s.story.last_seen || "?"}`), el("ul", {id: "story-articles"}, ...items));
  }
}

async function openArticle(docId, detail) {
  const res = await fetch("/api/articles/" + encodeURIComponent(docId));
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  const art = body.article;
  const panel = $("article-panel");
  panel.hidden = false;
  $("article-title").textContent = art.title || art.doc_id;
  const meta = [art.date, art.source, art.doc_id].filter(Boolean).join(" · ");
  $("article-meta").replaceChildren(document.createTextNode(meta));
  if (art.url && /^https?:\/\//i.test(art.url)) {  // only web links become links
    $("article-meta").append(" · ", el("a", {href: art.url, rel: "noopener noreferrer", target: "_blank"}, "source"));
  }
  const summary = $("event-summary");
  summary.replaceChildren();
  if (detail) {
    const e = detail.event;
    summary.className = "summary q" + e.quad_code;
    summary.append(badge(e.quad_code, e.event), " ",
      el("strong", {}, [e.actor_names || "?", "→", e.recipient_names || "—"].join(" ")),
      ` ${e.mode ? "(" + e.mode + ") " : ""}on ${e.date || "unknown date"}`,
      detail.place ? ` at ${detail.place.name}` : "",
      e.cameo ? ` · CAMEO ${e.cameo}` : "", e.goldstein != null ? ` · Goldstein ${e.goldstein}` : "",
      (e.aux && e.aux.length) ? ` · ${e.aux.join(", ")}` : "");
  }
  renderLinks(art, detail);
  const legend = $("span-legend");
  legend.replaceChildren(...["evidence", "trigger", "actor", "recipient", "place", "quote"].map(
    (k) => el("span", {class: "k-" + k}, k)));
  const {frag, firstSelected} = renderHighlighted(art.text || "", body.spans, state.selected);
  $("article-text").replaceChildren(frag);
  $("article-notes").replaceChildren(...(art.notes || []).map((n) => el("li", {}, n)));
  (firstSelected || panel).scrollIntoView({block: "center"});
}

// ---- loading everything for the current filters ----
async function refresh() {
  showError(null);
  const generation = ++state.generation;
  try {
    const [timeline, points, pairs, health] = await Promise.all([
      timelineCounts(),
      api("/api/map", {limit: 3000}),
      api("/api/counts", {by: "actor_pair", limit: 60}),
      fetch("/api/health").then((r) => r.json()),
      loadTable(generation),
    ]);
    if (generation !== state.generation) return;  // the filters changed while these were loading
    drawTimeline(timeline.items);
    drawOutsideNote(timeline);
    drawMap(points.items);
    drawNetwork(pairs.items);
    $("summary").textContent = `${health.events} events from ${health.articles} articles`;
  } catch (err) {
    showError(err);
  }
}

function readForm() {
  const f = {};
  for (const input of $("filters").querySelectorAll("input, select")) {
    const v = input.value.trim();
    if (v && !(input.type === "range" && Number(v) === 0)) f[input.name] = v;  // a slider at 0 filters nothing
  }
  return f;
}

// the confidence slider filters the table, map and counts as it moves (debounced: one refresh per pause)
let confTimer = null;
function onConfidence() {
  $("f-conf-value").textContent = Number($("f-conf").value).toFixed(2);
  clearTimeout(confTimer);
  confTimer = setTimeout(() => { state.filters = readForm(); state.offset = 0; refresh(); }, 150);
}

function setFilters(extra) {
  const form = $("filters");
  for (const [k, v] of Object.entries(extra)) if (form.elements[k]) form.elements[k].value = v;
  state.filters = readForm();
  state.offset = 0;
  refresh();
}

function init() {
  const typeSel = $("f-type");
  for (const t of PLOVER) typeSel.append(el("option", {value: t}, t));
  $("legend").append(...[1, 2, 3, 4].map((q) => el("span", {class: "q" + q}, QUAD_NAMES[q])));
  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.filters = readForm();
    state.offset = 0;
    refresh();
  });
  $("f-conf").addEventListener("input", onConfidence);
  $("t-years").addEventListener("change", () => { state.allYears = $("t-years").checked; loadTimeline().catch(showError); });
  $("reset").addEventListener("click", () => {
    // form.reset is shadowed by the button whose id is "reset" (named form access): call the form's own
    HTMLFormElement.prototype.reset.call($("filters"));
    $("f-conf-value").textContent = "0.00";
    state.filters = {};
    state.offset = 0;
    refresh();
  });
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable().catch(showError); });
  $("next").addEventListener("click", () => { state.offset += PAGE; loadTable().catch(showError); });
  for (const th of $("events").tHead.querySelectorAll("th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === "-" + key ? key : "-" + key;
      state.offset = 0;
      loadTable().catch(showError);
    });
  }
  refresh();
}

document.addEventListener("DOMContentLoaded", init);
