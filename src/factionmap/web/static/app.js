// factionmap web UI. Every string from the knowledge base is article text or derived from
// it, so it is untrusted: it reaches the page only through textContent, never innerHTML,
// and a link is made only for http(s) URLs.
"use strict";

const state = { months: [], cy: null, map: null, markers: {}, layers: null, config: {} };
window.factionmap = state; // for end-to-end tests and the curious

const PREDICATE_COLOURS = {
  hostile_to: "#c0392b", allied_with: "#27ae60", member_of: "#2c7fb8", part_of: "#41b6c4",
  leader_of: "#253494", founder_of: "#7b3294", backed_by: "#e67e22", negotiating_with: "#f1c40f",
  merged_into: "#8e44ad", split_from: "#95a5a6", controls: "#6d4c41",
};
// Event markers by PLOVER type: force red, coercion and hostile words orange, mobilising
// purple, cooperation green, talk and requests blue.
const EVENT_COLOURS = {
  ASSAULT: "#c0392b", COERCE: "#e67e22", THREATEN: "#e67e22", SANCTION: "#e67e22", ACCUSE: "#f39c12",
  PROTEST: "#f39c12", REJECT: "#f39c12", MOBILIZE: "#8e44ad", AGREE: "#27ae60", COOPERATE: "#27ae60",
  SUPPORT: "#27ae60", AID: "#27ae60", CONCEDE: "#16a085", RETREAT: "#16a085", CONSULT: "#2c7fb8",
  REQUEST: "#2c7fb8",
};
const UNHELD = "#9aa5b1";
const TYPE_COLOURS = { ORG: "#4f7cac", PERSON: "#d35400", LOCATION: "#16a085" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "href") { if (safeUrl(value)) node.setAttribute("href", value); }
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function safeUrl(value) {
  if (typeof value !== "string") return false;
  if (value.startsWith("#/") || value.startsWith("/api/")) return true;
  try { return ["http:", "https:"].includes(new URL(value).protocol); } catch { return false; }
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(typeof body.detail === "string" ? body.detail : `${path}: ${response.status}`);
  }
  return response.json();
}

function asOf() { return state.months[Number(document.getElementById("as-of").value)] || ""; }

function monthsBetween(first, last) {
  const months = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1; if (m > 12) { m = 1; y += 1; }
  }
  return months;
}

function setMonth(month) {
  const index = state.months.indexOf(month);
  if (index < 0) return false;
  const slider = document.getElementById("as-of");
  slider.value = String(index);
  slider.dispatchEvent(new Event("input"));
  return true;
}
state.setMonth = setMonth;

// The evidence sentence, with the span the fact rests on highlighted.
function evidence(row) {
  const sentence = row.sentence || row.text || "";
  const quoted = row.text && sentence.includes(row.text) ? row.text : null;
  const span = el("span", { class: "evidence" });
  if (quoted) {
    const at = sentence.indexOf(quoted);
    span.append(sentence.slice(0, at), el("mark", {}, quoted), sentence.slice(at + quoted.length));
  } else {
    span.append(el("mark", {}, sentence));
  }
  return span;
}

function source(row) {
  const label = `${row.outlet || "unknown outlet"}, ${row.published || "undated"}`;
  const parts = [el("a", { href: `#/document/${encodeURIComponent(row.doc_id)}` }, label)];
  if (row.url && safeUrl(row.url)) parts.push(" · ", el("a", { href: row.url, rel: "noopener noreferrer" }, "original"));
  return el("span", { class: "source" }, ...parts);
}

function actorLink(id, name) { return el("a", { href: `#/actor/${encodeURIComponent(id)}` }, name || id); }

// ---- network ----
async function showNetwork() {
  const params = new URLSearchParams({ as_of: asOf() });
  const predicate = document.getElementById("f-predicate").value;
  const type = document.getElementById("f-type").value;
  const around = document.getElementById("f-around").value.trim();
  if (predicate) params.append("predicate", predicate);
  if (type) params.append("type", type);
  if (around) params.set("around", around);
  if (around) params.set("depth", document.getElementById("f-depth").value);
  params.set("max_credibility", document.getElementById("f-cred").value);
  params.set("min_reliability", document.getElementById("f-rel").value);
  const data = await api(`/api/graph?${params}`);
  // The slider moved on while this month was fetched: the newer call draws, not this one.
  if (data.as_of !== asOf()) return;
  const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.name]));
  const elements = data.nodes.map((n) => ({
    data: { id: n.id, label: n.name, type: n.type, size: 14 + Math.min(40, Math.sqrt(n.mentions || 1) * 6) },
  }));
  data.edges.forEach((e, i) => elements.push({
    data: { id: `e${i}`, source: e.subject, target: e.object, predicate: e.predicate,
      dashed: e.contested || !!e.via ? "yes" : "no" },
  }));
  if (!state.cy) {
    state.cy = cytoscape({
      container: document.getElementById("cy"),
      style: [
        { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)",
          "font-size": 10, "background-color": (n) => TYPE_COLOURS[n.data("type")] || "#888" } },
        { selector: "edge", style: { width: 2, "curve-style": "bezier", "target-arrow-shape": "triangle",
          "line-color": (e) => PREDICATE_COLOURS[e.data("predicate")] || "#999",
          "target-arrow-color": (e) => PREDICATE_COLOURS[e.data("predicate")] || "#999" } },
        { selector: "edge[dashed = 'yes']", style: { "line-style": "dashed" } },
      ],
    });
    state.cy.on("tap", "node", (evt) => { location.hash = `#/actor/${encodeURIComponent(evt.target.id())}`; });
  }
  state.cy.elements().remove();
  state.cy.add(elements);
  state.cy.layout({ name: "cose", animate: false }).run();
  const list = document.getElementById("edge-list");
  list.replaceChildren(...data.edges.map((e) => el("li", { "data-predicate": e.predicate },
    actorLink(e.subject, names[e.subject]), " ", el("span", { class: "pred" }, e.predicate), " ",
    actorLink(e.object, names[e.object]),
    ` (${e.valid_from || "…"} – ${e.valid_to || "open"}; credibility ${e.credibility})`,
    e.contested ? el("span", { class: "contested" }, " contested") : null,
    e.via ? ` ${e.via}` : null)));
  document.querySelectorAll(".as-of-text").forEach((n) => { n.textContent = data.as_of; });
  document.getElementById("edge-count").textContent = data.total_edges > data.edges.length
    ? `showing the ${data.edges.length} best-corroborated of ${data.total_edges} facts; focus on an actor for the rest`
    : `${data.edges.length} facts`;
  if (data.undated) {
    document.getElementById("edge-count").textContent +=
      `; ${data.undated} more carry no date at all and hold at no month (listed on actor pages)`;
  }
}

// ---- map ----
async function showMap() {
  if (!state.map) {
    state.map = L.map("map", { zoomControl: true, attributionControl: true }).setView([35.5, 38.5], 6);
    const world = await api("/static/vendor/countries-50m.json");
    const countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, { style: { color: "#7a8793", weight: 1, fillColor: "#e9ecef", fillOpacity: 1 } })
      .addTo(state.map);
    // Governorates and provinces of Syria and its neighbours, drawn over the country fill
    // (Natural Earth admin-1, simplified into the repo by scripts/build_geodata.py).
    const admin1 = await api("/static/vendor/admin1-levant.json");
    state.governorates = L.geoJSON(admin1, {
      style: { color: "#9aa5b1", weight: 0.6, dashArray: "3 3", fill: false, className: "governorate-boundary" },
      onEachFeature: (feature, layer) => layer.bindTooltip(feature.properties.name || "", { sticky: true }),
    }).addTo(state.map);
    state.map.attributionControl.addAttribution("Natural Earth (world-atlas; admin-1)");
    state.layers = L.layerGroup().addTo(state.map);
  }
  const month = asOf();
  const [places, events] = await Promise.all([
    api(`/api/places?as_of=${encodeURIComponent(month)}`), api("/api/events?limit=2000"),
  ]);
  if (month !== asOf()) return; // a newer month is being drawn
  state.layers.clearLayers();
  state.markers = {};
  const palette = Object.values(PREDICATE_COLOURS);
  const list = document.getElementById("place-list");
  list.replaceChildren();
  const byId = {};
  const holders = new Map();
  for (const place of places) {
    byId[place.id] = place;
    const held = place.controllers.map((c) => c.name).join(", ");
    const colour = place.controllers.length ? palette[hash(place.controllers[0].id) % palette.length] : UNHELD;
    if (place.controllers.length) holders.set(place.controllers[0].name, colour);
    const icon = L.divIcon({ className: "", html: "", iconSize: [14, 14] });
    const marker = L.marker([place.lat, place.lon], { icon, title: place.name, alt: place.name });
    marker.bindPopup(() => el("div", {}, el("strong", {}, place.name), held ? el("div", {}, `controlled by ${held}`) : null));
    marker.on("add", () => {
      const node = marker.getElement();
      node.className += " place-marker";
      node.style.background = colour;
      node.dataset.controllers = held;
    });
    marker.addTo(state.layers);
    state.markers[place.name] = marker;
    list.append(el("li", { "data-place": place.name }, actorLink(place.id, place.name),
      ` (${place.lat.toFixed(3)}, ${place.lon.toFixed(3)})`, held ? ` controlled by ${held}` : ""));
  }
  for (const ev of events) {
    const place = byId[ev.location];
    if (!place) continue;
    const icon = L.divIcon({ className: "event-marker", html: "", iconSize: [10, 10] });
    const marker = L.marker([place.lat + 0.01, place.lon + 0.01], { icon, title: `${ev.type} at ${place.name}` })
      .bindPopup(() => el("div", {}, el("strong", {}, `${ev.type} ${ev.date || ""}`), evidence(ev), source(ev)));
    marker.on("add", () => {
      const node = marker.getElement();
      node.dataset.type = ev.type;
      node.style.background = EVENT_COLOURS[ev.type] || "#555";
    });
    marker.addTo(state.layers);
  }
  // Which colour stands for which controller this month (places held by no one are grey).
  document.getElementById("map-legend").replaceChildren(
    ...[...holders].map(([name, colour]) => el("span", { class: "legend-item" },
      el("span", { class: "swatch", style: `background: ${colour}` }), name)),
    el("span", { class: "legend-item" }, el("span", { class: "swatch", style: `background: ${UNHELD}` }),
      "no controller known"));
  list.dataset.asOf = month;
  setTimeout(() => state.map.invalidateSize(), 0);
}

function hash(text) { let h = 0; for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0; return h; }

// ---- timeline ----
async function showTimeline() {
  const params = new URLSearchParams({ limit: "2000" });
  const type = document.getElementById("t-type").value;
  const actor = document.getElementById("t-actor").value.trim();
  if (type) params.set("type", type);
  if (actor) params.set("actor", actor);
  const events = await api(`/api/events?${params}`);
  document.getElementById("event-list").replaceChildren(...events.map((ev) => el("li", {},
    el("strong", {}, `${ev.date || "undated"} ${ev.type}`), " ", evidence(ev), source(ev))));
}

// ---- actor ----
async function showActor(id) {
  const view = document.getElementById("view-actor");
  const data = await api(`/api/actor/${encodeURIComponent(id)}`);
  const e = data.entity;
  const aliases = data.aliases.filter((a) => a.alias !== e.name)
    .map((a) => a.alias + (a.kind === "former_name" ? " (former)" : ""));
  view.replaceChildren(
    el("h2", { id: "actor-name" }, e.name),
    el("p", {}, `${e.type}${e.subtype ? " / " + e.subtype : ""} · ${data.mention_count} mentions`),
    el("p", { id: "actor-aliases" }, "Also: ", aliases.join(", ") || "none"),
    e.roles && e.roles.length ? el("p", {}, "Roles: ", e.roles.join(", ")) : "",
    el("h3", {}, "Affiliations over time"), timelineBars(data.timeline),
    el("h3", {}, `Relations (${data.relations.length})`),
    el("ul", { class: "facts", id: "actor-relations" }, ...data.relations.map((r) => el("li", {},
      actorLink(r.subject, r.subject_name), " ", el("span", { class: "pred" }, r.predicate), " ",
      actorLink(r.object, r.object_name), r.polarity !== "asserted" ? ` [${r.polarity}]` : "",
      r.grade ? el("span", { class: "grade", title: "source reliability and credibility" }, r.grade) : "",
      evidence(r), source(r)))),
    el("h3", {}, `Events (${data.events.length})`),
    el("ul", { class: "facts" }, ...data.events.map((ev) => el("li", {},
      el("strong", {}, `${ev.date || "undated"} ${ev.type}`), evidence(ev), source(ev)))),
    el("h3", {}, `Quotes by (${data.quotes_by.length})`),
    el("ul", { class: "facts" }, ...data.quotes_by.map((q) => el("li", {}, `“${q.text}”`, source(q)))),
    el("h3", {}, `Quotes about (${data.quotes_about.length})`),
    el("ul", { class: "facts" }, ...data.quotes_about.map((q) => el("li", {}, `“${q.text}”`, source(q)))),
    el("h3", {}, "Mentions"),
    el("ul", { class: "facts" }, ...data.mentions.map((m) => el("li", {}, evidence(m), source(m)))),
  );
}

function timelineBars(rows) {
  const box = el("div", { class: "bars" });
  if (!rows.length || !state.months.length) { box.append("none recorded"); return box; }
  const first = state.months[0], last = state.months[state.months.length - 1];
  const position = (month) => {
    const i = state.months.indexOf((month || "").slice(0, 7));
    return i < 0 ? null : (100 * i) / Math.max(1, state.months.length - 1);
  };
  for (const row of rows) {
    const left = row.valid_from ? position(row.valid_from) ?? 0 : 0;
    const right = row.valid_to ? position(row.valid_to) ?? 100 : 100;
    const bar = el("div", { class: "bar", title: `${row.valid_from || first} – ${row.valid_to || "open"}` },
      `${row.subject_name} ${row.predicate} ${row.object_name}`);
    // A fact begun in the last month still shows as a sliver inside the row, not past its end.
    const width = Math.max(2, right - left);
    bar.style.left = `${Math.min(left, 100 - width)}%`;
    bar.style.width = `${width}%`;
    box.append(el("div", { class: "bar-row" }, bar));
  }
  box.append(el("div", { class: "source" }, `${first} … ${last}`));
  return box;
}

// ---- search, review, document ----
async function showSearch(q) {
  const data = await api(`/api/search?q=${encodeURIComponent(q)}`);
  const view = document.getElementById("view-search");
  view.replaceChildren(el("h2", {}, `Search: ${q}`),
    el("h3", {}, "Actors"), el("ul", { class: "facts", id: "search-actors" }, ...data.actors.map((a) =>
      el("li", {}, actorLink(a.id, a.name), ` ${a.type} · ${a.mentions} mentions`,
        a.aliases.length ? el("span", { class: "source" }, ` also ${a.aliases.slice(0, 6).join(", ")}`) : ""))),
    el("h3", {}, "Places"), el("ul", { class: "facts" }, ...data.places.map((a) => el("li", {}, actorLink(a.id, a.name)))),
    el("h3", {}, "Quotes"), el("ul", { class: "facts" }, ...data.quotes.map((qq) => el("li", {}, `“${qq.text}”`, source(qq)))));
}

// The review page: merge candidates, suspicious entities, competing claims and the decisions
// taken, each with its evidence. Decisions go through the same store functions as the CLI;
// the server accepts them only when started with --allow-edits and given its token.
async function showReview() {
  const [review, conflicts, decisions] = await Promise.all(
    [api("/api/review"), api("/api/conflicts"), api("/api/decisions")]);
  const view = document.getElementById("view-review");
  const previous = document.getElementById("token");
  const token = el("input", { id: "token", placeholder: "edit token (server started with --allow-edits)" });
  token.value = previous ? previous.value : "";
  const who = el("input", { id: "who", placeholder: "your name (default: the server's user)" });
  const status = el("p", { id: "review-status", role: "status" });
  const post = async (params, done) => {
    if (who.value.trim()) params.set("who", who.value.trim());
    const response = await fetch(`/api/decisions?${params}`,
      { method: "POST", headers: { "X-Factionmap-Token": token.value } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { status.textContent = `not stored (${response.status}: ${body.detail || ""})`; return; }
    // The page is redrawn with the decision listed before it says so: whoever waits for
    // the message (an analyst, a test) then sees the new list, never the old one.
    document.body.dataset.ready = "no";
    try {
      await showReview();
      document.getElementById("review-status").textContent = done;
    } finally {
      document.body.dataset.ready = "yes";
    }
  };
  const example = (side) => side.example ? el("span", { class: "evidence" }, side.example) : "";
  const sideLine = (side) => el("span", {}, actorLink(side.id, side.name),
    ` ${side.type} · ${side.mentions} mentions in ${side.documents} documents`,
    side.aliases.length ? el("span", { class: "source" }, ` also ${side.aliases.join(", ")}`) : "");
  const candidate = (c, n) => {
    const why = el("input", { class: "why", id: `why-${n}`, placeholder: "why they are one actor (required)" });
    const button = el("button", { type: "button", class: "merge", "data-first": c.first.id, "data-second": c.second.id }, "merge");
    button.addEventListener("click", () => post(new URLSearchParams([["decision", "merge"],
      ["entity", c.first.id], ["entity", c.second.id], ["why", why.value]]),
      `merged ${c.second.name} into ${c.first.name}`));
    return el("li", { class: "candidate" }, el("strong", {}, c.score.toFixed(2)), " ", sideLine(c.first), " ≟ ",
      sideLine(c.second), el("div", { class: "source" }, c.reasons.join("; ")), example(c.first), example(c.second),
      el("div", {}, why, button));
  };
  const claimButtons = (claim) => {
    const why = el("input", { class: "why", placeholder: "why (required to reject)" });
    return [why, ...["reject", "confirm"].map((kind) => {
      const button = el("button", { type: "button", "data-relation": claim.id }, kind);
      button.addEventListener("click", () => post(new URLSearchParams([["decision", kind],
        ["relation", claim.id], ["why", why.value]]), `${kind}ed #${claim.id}`));
      return button;
    })];
  };
  view.replaceChildren(el("h2", {}, "Review"), el("div", { class: "filters" }, token, who), status,
    el("h3", {}, `Merge candidates (${review.candidates.length})`),
    el("ul", { class: "facts", id: "review-candidates" }, ...review.candidates.map(candidate)),
    el("h3", {}, `Suspicious entities (${review.suspicious.length})`),
    el("ul", { class: "facts", id: "review-suspicious" }, ...review.suspicious.map((s) => el("li", {},
      sideLine(s.entity), el("div", { class: "source" }, s.reasons.join("; ")), example(s.entity)))),
    el("h3", {}, `Competing claims (${conflicts.length})`),
    el("ul", { class: "facts" }, ...conflicts.map((c) => el("li", {},
      el("strong", {}, c.kind), " ", c.facts.map((f) => f.join(" ")).join(" vs "),
      ...c.claims.map((claim) => el("div", {}, `#${claim.id} ${claim.polarity}: `, evidence(claim), source(claim),
        ...claimButtons(claim)))))),
    el("h3", {}, `Decisions (${decisions.length})`),
    el("ul", { class: "facts", id: "review-decisions" }, ...decisions.map((d) => el("li", { class: "decision" },
      el("strong", {}, `#${d.id} ${d.kind}`), ` ${d.about}`, d.value_text ? ` → ${d.value_text}` : "",
      el("div", { class: "source" }, `by ${d.who} on ${d.when}${d.why ? ": " + d.why : ""}; now `,
        ...d.now.filter((e, i) => d.now.findIndex((f) => JSON.stringify(f) === JSON.stringify(e)) === i)
          .map((e) => typeof e === "object" && e ? actorLink(e.id, e.name) : ` #${e}`)),
      ...d.evidence.map((e) => el("span", { class: "evidence" }, e.sentence))))));
}

async function showDocument(id) {
  const doc = await api(`/api/document/${encodeURIComponent(id)}`);
  document.getElementById("view-actor").replaceChildren(
    el("h2", {}, doc.title || doc.file), el("p", { class: "source" }, `${doc.outlet || ""} ${doc.published || ""} `,
      doc.url && safeUrl(doc.url) ? el("a", { href: doc.url, rel: "noopener noreferrer" }, doc.url) : ""),
    el("div", { class: "article-text" }, doc.text));
}

// ---- routing ----
function activate(name) {
  document.querySelectorAll(".view").forEach((v) => v.classList.toggle("active", v.id === `view-${name}`));
}

async function route() {
  const [, page, arg] = (location.hash || "#/network").split("/");
  const value = arg ? decodeURIComponent(arg) : "";
  // Only the latest of overlapping redraws (a slider dragged fast) says the page is ready.
  const call = (state.routeCalls = (state.routeCalls || 0) + 1);
  document.body.dataset.ready = "no";
  const notice = document.getElementById("notice");
  notice.textContent = "";
  try {
    if (page === "actor") { activate("actor"); await showActor(value); }
    else if (page === "document") { activate("actor"); await showDocument(value); }
    else if (page === "map") { activate("map"); await showMap(); }
    else if (page === "timeline") { activate("timeline"); await showTimeline(); }
    else if (page === "search") { activate("search"); await showSearch(value); }
    else if (page === "review") { activate("review"); await showReview(); }
    else { activate("network"); await showNetwork(); }
  } catch (error) {
    // A name the focus or actor filter does not know, a store gone: said on the page.
    notice.textContent = error.message;
  } finally {
    if (call === state.routeCalls) document.body.dataset.ready = "yes";
  }
}

async function start() {
  const range = await api("/api/range");
  const slider = document.getElementById("as-of");
  state.months = range.first ? monthsBetween(range.first, range.last) : [new Date().toISOString().slice(0, 7)];
  slider.max = String(state.months.length - 1);
  slider.value = slider.max;
  const label = document.getElementById("as-of-label");
  const update = () => { label.textContent = asOf(); slider.setAttribute("aria-valuetext", asOf()); };
  update();
  let pending = null;
  slider.addEventListener("input", () => {
    update();
    document.body.dataset.ready = "no"; // a redraw is due: nothing shown is of this month yet
    clearTimeout(pending);
    pending = setTimeout(route, 120);
  });
  Object.keys(PREDICATE_COLOURS).forEach((p) => document.getElementById("f-predicate").append(el("option", {}, p)));
  ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
    .forEach((t) => document.getElementById("t-type").append(el("option", {}, t)));
  ["f-predicate", "f-type", "f-rel", "f-cred", "f-around", "f-depth"].forEach((id) => document.getElementById(id).addEventListener("change", route));
  ["t-type", "t-actor"].forEach((id) => document.getElementById(id).addEventListener("change", route));
  document.getElementById("search-form").addEventListener("submit", (evt) => {
    evt.preventDefault();
    location.hash = `#/search/${encodeURIComponent(document.getElementById("search").value)}`;
  });
  window.addEventListener("hashchange", route);
  await route();
}

start();
