"use strict";
// tmalign review page. Every piece of text from the data goes in through
// textContent or createTextNode, never as markup.
(function () {
  const data = JSON.parse(document.getElementById("tmalign-data").textContent);
  const A = data.alignment, R = data.review;
  const docs = A.documents, N = docs.length;
  const MIN = R.minScore, RED = R.redBelow;
  const RTL = new Set(["ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"]);
  const isRtl = (lang) => RTL.has(String(lang).toLowerCase().split("-")[0]);
  const $ = (id) => document.getElementById(id);
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  // Beads as ranges [start, end) per document.
  let beads = [];
  {
    const next = new Array(N).fill(0);
    A.beads.forEach((b, i) => {
      const r = b.ids.map((ids, k) => {
        const s = ids.length ? ids[0] : next[k];
        next[k] = s + ids.length;
        return [s, s + ids.length];
      });
      beads.push({ r, score: b.score, confirmed: false, excluded: false, ev: i, edited: false });
    });
    for (const [i, c, x] of R.flags) {
      if (beads[i]) { beads[i].confirmed = !!c; beads[i].excluded = !!x; }
    }
  }

  const sides = (b) => b.r.filter((r) => r[1] > r[0]).length;
  const omission = (b) => sides(b) < N;
  const below = (b) => b.score < MIN;
  const leftOut = (b) => b.excluded || (!b.confirmed && (sides(b) < 2 || below(b)));
  const needsReview = (b) => !b.confirmed && !b.excluded && (below(b) || omission(b));
  const band = (s) => (s >= MIN ? "green" : s >= RED ? "amber" : "red");
  const kind = (b) => b.r.map((r) => r[1] - r[0]).join("-");
  const fmt = (s) => s.toFixed(2);

  // ---- saving: the exact bytes of serde_json's pretty printer ----
  function Float(x) { this.x = x; }
  function pretty(v, ind) {
    if (v === null) return "null";
    if (v instanceof Float) return Number.isInteger(v.x) ? v.x.toFixed(1) : String(v.x);
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (typeof v === "string") return JSON.stringify(v);
    const inner = ind + "  ";
    if (Array.isArray(v)) {
      if (!v.length) return "[]";
      return "[\n" + v.map((x) => inner + pretty(x, inner)).join(",\n") + "\n" + ind + "]";
    }
    const keys = Object.keys(v).sort();
    if (!keys.length) return "{}";
    return "{\n" + keys.map((k) => inner + JSON.stringify(k) + ": " + pretty(v[k], inner)).join(",\n") + "\n" + ind + "}";
  }
  function serialise() {
    const out = beads.map((b) => {
      const o = { ids: b.r.map(([s, e]) => { const l = []; for (let i = s; i < e; i++) l.push(i); return l; }), score: new Float(b.score) };
      if (b.confirmed) o.confirmed = true;
      if (b.excluded) o.excluded = true;
      return o;
    });
    const docsOut = docs.map((d) => {
      const o = {
        lang: d.lang, path: d.path,
        sentences: d.sentences.map((s) => ({ start: s.start, end: s.end, paragraph: s.paragraph, text: s.text })),
      };
      // The input format (text, html, docx), where the JSON records it.
      if (d.format !== undefined) o.format = d.format;
      return o;
    });
    return pretty({ beads: out, documents: docsOut }, "") + "\n";
  }
  function saveName() {
    const p = docs[0].path;
    if (!p) return "alignment.reviewed.json";
    const base = String(p).split(/[\\/]/).pop().replace(/\.[^.]*$/, "");
    return (base || "alignment") + ".reviewed.json";
  }
  function save() {
    const blob = new Blob([serialise()], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = el("a");
    a.href = url;
    a.download = saveName();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status("Saved " + a.download + ": " + beads.length + " beads.");
  }

  // ---- the invariant: every sentence in exactly one bead, in order ----
  function checkInvariant() {
    const next = new Array(N).fill(0);
    for (let i = 0; i < beads.length; i++) {
      const b = beads[i];
      if (b.r.length !== N || sides(b) === 0) return "bead " + (i + 1) + " is empty";
      for (let k = 0; k < N; k++) {
        if (b.r[k][0] !== next[k] || b.r[k][1] < b.r[k][0]) return "bead " + (i + 1) + " breaks the order of " + docs[k].lang;
        next[k] = b.r[k][1];
      }
    }
    for (let k = 0; k < N; k++) {
      if (next[k] !== docs[k].sentences.length) return "sentence " + next[k] + " of " + docs[k].lang + " is in no bead";
    }
    return null;
  }

  // ---- rows ----
  // Only the rows on screen (and a screen's worth around them) are in the
  // DOM: two spacers stand for the rest. Row heights are measured once a
  // row has been shown and estimated from its text until then.
  const rowsEl = $("rows");
  const topPad = el("div", "pad"), win = el("div", "window"), bottomPad = el("div", "pad");
  rowsEl.append(topPad, win, bottomPad);
  const GAP = 8, OVERSCAN = 600;
  let order = [];            // indices of the beads the filter shows, in order
  let pos = new Float64Array(1); // pos[k]: top of order[k] in the list
  let shown = new Map();     // bead -> its row element, for the rows in the DOM
  let current = -1;
  const langName = (k) => docs[k].lang;

  function evidenceEl(b) {
    const box = el("div", "evidence");
    if (b.edited || b.ev === null) {
      box.appendChild(el("span", "muted", "Edited: the aligner's evidence was for the beads before the edit."));
      return box;
    }
    const ev = R.evidence[b.ev];
    if (!ev) return box;
    const label = { n: "number", u: "link", w: "name", t: "term" };
    for (const [t, a, c, ta, tc] of ev.m) {
      const chip = el("span", "chip " + t);
      chip.title = label[t] + " matched: " + langName(a) + " ↔ " + langName(c);
      chip.appendChild(el("span", "tag", label[t]));
      const x = el("bdi", "", ta); x.lang = docs[a].lang;
      chip.appendChild(x);
      if (ta !== tc) {
        chip.appendChild(el("span", "eq", " = "));
        const y = el("bdi", "", tc); y.lang = docs[c].lang;
        chip.appendChild(y);
      }
      if (N > 2) chip.appendChild(el("span", "pair", " " + langName(a) + "–" + langName(c)));
      box.appendChild(chip);
    }
    for (const [a, c, ca, cc, fitted, sigma] of ev.l) {
      const ratio = ca > 0 ? cc / ca : 0;
      const len = el("span", "len" + (sigma > 3 ? " bad" : sigma > 1.5 ? " warn" : ""));
      len.title = "Characters " + langName(c) + " per character " + langName(a) + " in this bead, against the ratio fitted to the documents; σ is the Gale–Church deviation";
      len.textContent = "length " + langName(c) + "/" + langName(a) + " " + ratio.toFixed(2) + "× (fitted " + fitted.toFixed(2) + "×, " + sigma.toFixed(1) + "σ)";
      box.appendChild(len);
    }
    if (!ev.m.length && !ev.l.length) box.appendChild(el("span", "muted", "No anchors: one side only."));
    else if (!ev.m.length) box.appendChild(el("span", "muted", "no numbers, names or links matched"));
    return box;
  }

  function button(text, title, fn, cls) {
    const bt = el("button", cls || "", text);
    bt.type = "button";
    bt.title = title;
    bt.addEventListener("click", (e) => { e.stopPropagation(); fn(); });
    return bt;
  }

  function rowClasses(row, b) {
    row.className = "row bead band-" + band(b.score) +
      (needsReview(b) ? " is-review" : "") + (below(b) ? " is-below" : "") +
      (omission(b) ? " is-omit" : "") + (b.confirmed ? " is-confirmed" : "") +
      (b.excluded ? " is-excluded" : "") + (leftOut(b) ? " is-out" : "") +
      (beads[current] === b ? " current" : "");
  }

  function estimate(b) {
    let chars = 0;
    for (let k = 0; k < N; k++) {
      let n = 0;
      for (let i = b.r[k][0]; i < b.r[k][1]; i++) n += docs[k].sentences[i].text.length + 40;
      chars = Math.max(chars, n);
    }
    const cellWidth = Math.max(200, (window.innerWidth - 240) / N);
    return 78 + 24 * Math.ceil(chars / Math.max(20, cellWidth / 8));
  }
  const heightOf = (b) => (b.h || (b.h0 || (b.h0 = estimate(b)))) + GAP;

  function buildRow(b) {
    const row = el("div");
    row.bead = b;
    const meta = el("div", "meta");
    const top = el("div", "meta-top");
    top.appendChild(el("span", "num"));
    top.appendChild(el("span", "kind", kind(b)));
    meta.appendChild(top);
    const score = el("div", "score", fmt(b.score));
    score.title = "Score " + b.score + " (posterior probability of this bead)";
    meta.appendChild(score);
    const flags = el("div", "flags");
    if (omission(b)) flags.appendChild(el("span", "flag omit", "omission"));
    if (leftOut(b)) flags.appendChild(el("span", "flag out", "not in TMX"));
    if (b.confirmed) flags.appendChild(el("span", "flag ok", "confirmed"));
    if (b.excluded) flags.appendChild(el("span", "flag ex", "excluded"));
    meta.appendChild(flags);
    const acts = el("div", "actions");
    acts.appendChild(button(b.confirmed ? "Unconfirm" : "Confirm", "Mark this bead checked: export always writes it (c)", () => toggle(row.bead, "confirmed"), "act confirm"));
    acts.appendChild(button(b.excluded ? "Include" : "Exclude", "Keep this bead out of the memory (x)", () => toggle(row.bead, "excluded"), "act exclude"));
    acts.appendChild(button("Merge ↓", "Merge with the next bead (m)", () => merge(beads.indexOf(row.bead)), "act merge"));
    meta.appendChild(acts);
    row.appendChild(meta);
    for (let k = 0; k < N; k++) {
      const d = docs[k];
      const cell = el("div", "cell");
      cell.lang = d.lang;
      cell.dir = isRtl(d.lang) ? "rtl" : "ltr";
      const [s, e] = b.r[k];
      if (s === e) cell.appendChild(el("div", "nothing", "nothing in " + d.lang));
      for (let i = s; i < e; i++) {
        const sent = d.sentences[i];
        const p = el("div", "s");
        p.dir = "auto";
        if (i > 0 && sent.paragraph !== d.sentences[i - 1].paragraph) {
          p.classList.add("para");
          p.title = "New paragraph";
        }
        p.appendChild(el("span", "t", sent.text));
        // The sentence's buttons are made on first hover: most rows never need them.
        p.addEventListener("mouseenter", () => {
          const tools = el("span", "stools");
          if (i === s) tools.appendChild(button("↑", "Move this sentence to the bead above", () => move(beads.indexOf(row.bead), k, -1)));
          if (i === e - 1) tools.appendChild(button("↓", "Move this sentence to the bead below", () => move(beads.indexOf(row.bead), k, 1)));
          if (i < e - 1) tools.appendChild(button("✂", "Split the bead after this sentence", () => split(beads.indexOf(row.bead), k, i)));
          p.appendChild(tools);
        }, { once: true });
        cell.appendChild(p);
      }
      row.appendChild(cell);
    }
    row.appendChild(evidenceEl(b));
    row.addEventListener("click", () => setCurrent(beads.indexOf(row.bead), false));
    rowClasses(row, b);
    return row;
  }

  function positions() {
    pos = new Float64Array(order.length + 1);
    for (let k = 0; k < order.length; k++) pos[k + 1] = pos[k] + heightOf(beads[order[k]]);
  }
  // What each filter shows, as bits of flagsOf.
  const REVIEW = 1, BELOW = 2, OMIT = 4, KNOWN = 8;
  const FILTERS = { all: 0, review: REVIEW, below: BELOW, omit: OMIT };
  let filterBits = 0;
  // A bead's flags, worked out once: beads are never changed in place
  // (an edit puts a new bead in the list), so they cannot go stale.
  const flagsOf = (b) => b.f || (b.f = KNOWN | (needsReview(b) ? REVIEW : 0) | (below(b) ? BELOW : 0) | (omission(b) ? OMIT : 0));
  function visible(b) { return !filterBits || (flagsOf(b) & filterBits) !== 0; }
  function rebuildOrder() {
    order = [];
    for (let i = 0; i < beads.length; i++) if (!filterBits || (flagsOf(beads[i]) & filterBits)) order.push(i);
    positions();
    reorder = true;
  }
  // First k with pos[k + 1] > y.
  function rowAt(y) {
    let lo = 0, hi = order.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (pos[m + 1] > y) hi = m; else lo = m + 1; }
    return lo;
  }
  const listTop = () => topPad.getBoundingClientRect().top + window.scrollY;
  // The rows in the DOM are order[winA..winZ); reorder says order changed
  // since (a filter or an edit), so that range means nothing any more.
  let winA = 0, winZ = 0, reorder = true, remeasure = false;
  function rowFor(k, fresh) {
    const b = beads[order[k]];
    let row = shown.get(b);
    if (!row) { row = buildRow(b); fresh.push(row); }
    // Only what changed is written: a write to a row that stays would make
    // the browser lay it out again.
    const index = String(order[k]);
    if (row.dataset.index !== index) {
      row.dataset.index = index;
      row.firstChild.firstChild.firstChild.textContent = "#" + (order[k] + 1);
    }
    row.classList.toggle("current", order[k] === current);
    return row;
  }
  function render() {
    const top = listTop();
    const y0 = window.scrollY - top, y1 = y0 + window.innerHeight;
    // A jump (the scrollbar dragged, a filter, a click on the plot) builds
    // only the screen now and the rows around it in the next frame.
    const a0 = rowAt(y0), z0 = Math.min(order.length, rowAt(y1) + 1);
    const jumped = reorder || (z0 > a0 && (z0 <= winA || a0 >= winZ));
    const fullA = Math.max(0, rowAt(y0 - OVERSCAN));
    const fullZ = Math.min(order.length, rowAt(y1 + OVERSCAN) + 1);
    const a = jumped ? a0 : fullA, z = jumped ? z0 : fullZ;
    const fresh = [];
    if (jumped) {
      const rows = [], next = new Map();
      for (let k = a; k < z; k++) { const row = rowFor(k, fresh); rows.push(row); next.set(row.bead, row); }
      win.replaceChildren(...rows);
      shown = next;
    } else {
      // Keep the rows that stay; take off and add only at the two ends.
      for (let k = winA; k < Math.min(a, winZ); k++) { const row = shown.get(beads[order[k]]); shown.delete(row.bead); row.remove(); }
      for (let k = Math.max(z, winA); k < winZ; k++) { const row = shown.get(beads[order[k]]); shown.delete(row.bead); row.remove(); }
      const head = [];
      for (let k = a; k < Math.min(winA, z); k++) head.push(rowFor(k, fresh));
      for (let k = Math.max(a, winA); k < Math.min(z, winZ); k++) rowFor(k, fresh);
      const tail = [];
      for (let k = Math.max(winZ, a); k < z; k++) tail.push(rowFor(k, fresh));
      if (head.length) win.prepend(...head);
      if (tail.length) win.append(...tail);
      for (const row of head.concat(tail)) shown.set(row.bead, row);
    }
    winA = a; winZ = z; reorder = false;
    // Measure the new rows (all of them after a resize) in one layout;
    // keep the first row on screen where it was.
    const measure = remeasure ? [...shown.values()] : fresh;
    remeasure = false;
    const anchor = Math.min(Math.max(a, a0), Math.max(0, order.length - 1));
    const before = pos[anchor];
    let changed = false;
    const heights = measure.map((row) => row.offsetHeight);
    measure.forEach((row, n) => { const h = heights[n]; if (h && row.bead.h !== h) { row.bead.h = h; changed = true; } });
    if (changed) {
      positions();
      if (pos[anchor] !== before && y0 > 0) window.scrollBy(0, pos[anchor] - before);
    }
    const topH = pos[a] + "px", bottomH = (pos[order.length] - pos[z]) + "px";
    if (topPad.style.height !== topH) topPad.style.height = topH;
    if (bottomPad.style.height !== bottomH) bottomPad.style.height = bottomH;
    const count = String(order.length);
    if (rowsEl.dataset.count !== count) rowsEl.dataset.count = count;
    if (a !== fullA || z !== fullZ) schedule();
  }
  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; render(); });
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", () => { for (const b of beads) b.h0 = 0; remeasure = true; positions(); schedule(); });

  let ready = false;
  function buildAll(done) {
    shown = new Map();
    rebuildOrder();
    render();
    ready = true;
    document.body.dataset.ready = "true";
    if (done) done();
  }

  // ---- editing ----
  let undoStack = [];
  const copy = (b) => Object.assign({}, b, { r: b.r.map((x) => x.slice()), f: 0 });
  function edit(from, count, replacement) {
    if (!ready) { status("Still loading the rows; try again in a moment."); return false; }
    const before = beads.slice();
    beads.splice(from, count, ...replacement);
    const problem = checkInvariant();
    if (problem) {
      beads = before;
      status("Refused: " + problem + ".");
      return false;
    }
    undoStack.push(before);
    $("undo").disabled = false;
    current = Math.min(from, beads.length - 1);
    rebuildOrder();
    render();
    refresh();
    return true;
  }
  const edited = (b) => Object.assign(copy(b), { edited: true, ev: null, confirmed: true, excluded: false });
  function merge(i) {
    if (i < 0 || i + 1 >= beads.length) { status("The last bead has no next bead to merge with."); return; }
    const a = beads[i], c = beads[i + 1];
    const m = edited(a);
    m.r = a.r.map((r, k) => [r[0], c.r[k][1]]);
    m.score = Math.min(a.score, c.score);
    if (edit(i, 2, [m])) status("Merged beads " + (i + 1) + " and " + (i + 2) + ".");
  }
  function split(i, k, after) {
    const b = beads[i];
    const [s, e] = b.r[k];
    if (!(after >= s && after < e - 1)) { status("Split needs a boundary between two sentences."); return; }
    const f = (after + 1 - s) / (e - s);
    const p = edited(b), q = edited(b);
    for (let t = 0; t < N; t++) {
      const [ts, te] = b.r[t];
      const cut = t === k ? after + 1 : ts + Math.round(f * (te - ts));
      p.r[t] = [ts, cut];
      q.r[t] = [cut, te];
    }
    if (edit(i, 1, [p, q])) status("Split bead " + (i + 1) + " in two.");
  }
  function move(i, k, dir) {
    const b = beads[i];
    const [s, e] = b.r[k];
    if (s === e) return;
    const nb = edited(b);
    const j = i + dir;
    let other = beads[j] ? edited(beads[j]) : null;
    if (!other) {
      const at = dir < 0 ? s : e;
      other = edited({ r: Array.from({ length: N }, () => [at, at]), score: 0 });
      for (let t = 0; t < N; t++) { const at2 = dir < 0 ? b.r[t][0] : b.r[t][1]; other.r[t] = [at2, at2]; }
    }
    if (dir < 0) { nb.r[k] = [s + 1, e]; other.r[k] = [other.r[k][0], s + 1]; }
    else { nb.r[k] = [s, e - 1]; other.r[k] = [e - 1, other.r[k][1]]; }
    const keep = sides(nb) > 0 ? [nb] : [];
    const what = "Moved a " + docs[k].lang + " sentence to the bead " + (dir < 0 ? "above." : "below.");
    if (beads[j]) {
      const from = Math.min(i, j);
      if (edit(from, 2, dir < 0 ? [other, ...keep] : [...keep, other])) status(what);
    } else if (edit(i, 1, dir < 0 ? [other, ...keep] : [...keep, other])) status(what);
  }
  function toggle(b, flag) {
    const i = beads.indexOf(b);
    if (i < 0) return;
    const nb = copy(b);
    nb[flag] = !b[flag];
    if (nb[flag]) nb[flag === "confirmed" ? "excluded" : "confirmed"] = false;
    if (edit(i, 1, [nb])) status("Bead " + (i + 1) + (nb[flag] ? " " + flag : " no longer " + flag) + ".");
  }
  function undo() {
    if (!undoStack.length) return;
    beads = undoStack.pop();
    $("undo").disabled = !undoStack.length;
    buildAll(refresh);
    status("Undone.");
  }

  // ---- navigation, counter, filter ----
  function setCurrent(i, scroll) {
    const old = shown.get(beads[current]);
    if (old) old.classList.remove("current");
    current = i;
    const row = shown.get(beads[i]);
    if (row) row.classList.add("current");
    if (!scroll) return;
    // Bring it to the middle of the screen; it is built if it was not shown.
    let lo = 0, hi = order.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (order[m] < i) lo = m + 1; else hi = m; }
    if (order[lo] !== i) return;
    const h = heightOf(beads[i]);
    window.scrollTo(0, Math.max(0, listTop() + pos[lo] + h / 2 - window.innerHeight / 2));
    render();
  }
  function jump(dir) {
    for (let i = current + dir; i >= 0 && i < beads.length; i += dir) {
      if (needsReview(beads[i]) && visible(beads[i])) { setCurrent(i, true); return; }
    }
    status(dir > 0 ? "No more beads that need review below." : "No beads that need review above.");
  }
  function refresh() {
    const n = beads.filter(needsReview).length;
    $("counter").textContent = n + " of " + beads.length + " need review";
    const out = beads.filter(leftOut).length;
    const stats = $("stats");
    stats.textContent = "";
    const add = (k, v) => { stats.appendChild(el("dt", "", k)); stats.appendChild(el("dd", "", v)); };
    add("beads", String(beads.length));
    add("below " + MIN.toFixed(2), String(beads.filter(below).length));
    add("omissions", String(beads.filter(omission).length));
    add("not in TMX", String(out));
    add("confirmed", String(beads.filter((b) => b.confirmed).length));
    add("excluded", String(beads.filter((b) => b.excluded).length));
    drawPlots();
  }
  function status(text) { $("status").textContent = text; }

  // ---- the path plot ----
  const COLORS = { green: "#1a9850", amber: "#e8a317", red: "#d73027", grey: "#9aa3ad" };
  function drawPlots() {
    const box = $("plots");
    box.textContent = "";
    for (let k = 1; k < N; k++) box.appendChild(plot(0, k));
  }
  function plot(a, c) {
    const na = Math.max(1, docs[a].sentences.length), nc = Math.max(1, docs[c].sentences.length);
    const size = 220, pad = 28;
    const wrap = el("figure", "plot");
    const s = svg("svg", { viewBox: "0 0 " + (size + pad + 8) + " " + (size + pad + 8), width: size + pad + 8, height: size + pad + 8, role: "img" });
    s.setAttribute("aria-label", "Alignment path: sentences of " + docs[a].lang + " against " + docs[c].lang);
    const X = (i) => pad + (i / na) * size, Y = (j) => 4 + (j / nc) * size;
    s.appendChild(svg("rect", { x: pad, y: 4, width: size, height: size, class: "frame" }));
    s.appendChild(svg("line", { x1: X(0), y1: Y(0), x2: X(na), y2: Y(nc), class: "diag" }));
    const d = { green: [], amber: [], red: [], grey: [] };
    for (const b of beads) {
      const [as, ae] = b.r[a], [cs, ce] = b.r[c];
      if (as === ae && cs === ce) continue;
      d[b.excluded ? "grey" : band(b.score)].push("M" + X(as).toFixed(1) + " " + Y(cs).toFixed(1) + "L" + X(ae).toFixed(1) + " " + Y(ce).toFixed(1));
    }
    for (const col of ["grey", "green", "amber", "red"]) {
      if (d[col].length) s.appendChild(svg("path", { d: d[col].join(""), stroke: COLORS[col], class: "marks " + col }));
    }
    const text = (x, y, t, cls) => { const e = svg("text", { x, y, class: cls || "" }); e.textContent = t; s.appendChild(e); };
    text(pad + size / 2, size + pad + 2, docs[a].lang + " sentence →", "axis mid");
    const yl = svg("text", { x: 12, y: 4 + size / 2, class: "axis mid", transform: "rotate(-90 12 " + (4 + size / 2) + ")" });
    yl.textContent = docs[c].lang + " sentence →";
    s.appendChild(yl);
    text(pad, size + 16, "0", "tick");
    text(pad + size, size + 16, String(na), "tick end");
    text(pad - 3, size + 4, String(nc), "tick end");
    s.addEventListener("click", (ev) => {
      const m = s.getScreenCTM();
      if (!m) return;
      const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
      const ia = ((pt.x - pad) / size) * na, ic = ((pt.y - 4) / size) * nc;
      let best = -1, bestD = Infinity;
      for (let i = 0; i < beads.length; i++) {
        const b = beads[i];
        const mx = (b.r[a][0] + b.r[a][1]) / 2, my = (b.r[c][0] + b.r[c][1]) / 2;
        const dd = ((mx - ia) / na) ** 2 + ((my - ic) / nc) ** 2;
        if (dd < bestD) { bestD = dd; best = i; }
      }
      if (best >= 0) {
        if (!visible(beads[best])) { $("filter").value = "all"; applyFilter(); }
        setCurrent(best, true);
        status("Bead " + (best + 1) + " (" + kind(beads[best]) + ", score " + fmt(beads[best].score) + ").");
      }
    });
    wrap.appendChild(s);
    wrap.appendChild(el("figcaption", "", docs[a].lang + " × " + docs[c].lang + ": one mark per bead; steps off the diagonal are omissions. Click a mark to go to its bead."));
    return wrap;
  }

  function legend() {
    const box = $("legend");
    const item = (cls, text) => { const s = el("span", "key " + cls); s.appendChild(el("i")); s.appendChild(document.createTextNode(text)); box.appendChild(s); };
    item("green", "≥ " + MIN.toFixed(2) + " kept in the TMX");
    if (RED < MIN) item("amber", RED.toFixed(2) + "–" + MIN.toFixed(2) + " left out, check");
    item("red", "< " + RED.toFixed(2) + " likely wrong");
    item("grey", "excluded");
  }
  function applyFilter() {
    rowsEl.dataset.filter = $("filter").value;
    filterBits = FILTERS[$("filter").value] || 0;
    rebuildOrder();
    render();
  }

  // ---- start ----
  const title = R.title;
  document.title = title;
  $("title").textContent = title;
  const head = $("head");
  head.appendChild(el("div", "meta", "bead"));
  for (let k = 0; k < N; k++) {
    const h = el("div", "cell");
    h.dir = isRtl(docs[k].lang) ? "rtl" : "ltr";
    h.appendChild(el("strong", "", docs[k].lang));
    if (docs[k].path) { h.appendChild(document.createTextNode(" ")); h.appendChild(el("bdi", "path", String(docs[k].path))); }
    h.appendChild(el("span", "count", " · " + docs[k].sentences.length + " sentences"));
    head.appendChild(h);
  }
  document.documentElement.style.setProperty("--cols", String(N));
  legend();
  $("filter").addEventListener("change", applyFilter);
  $("prev").addEventListener("click", () => jump(-1));
  $("next").addEventListener("click", () => jump(1));
  $("undo").addEventListener("click", undo);
  $("save").addEventListener("click", save);
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.tagName === "SELECT") return;
    const b = beads[current];
    switch (e.key) {
      case "j": case "n": jump(1); break;
      case "k": case "p": jump(-1); break;
      case "c": if (b) toggle(b, "confirmed"); break;
      case "x": if (b) toggle(b, "excluded"); break;
      case "m": if (b) merge(current); break;
      case "u": undo(); break;
      default: return;
    }
    e.preventDefault();
  });
  rowsEl.dataset.filter = $("filter").value;
  filterBits = FILTERS[$("filter").value] || 0;
  buildAll();
  refresh();
  // For tests and scripts: the same bytes Save downloads.
  window.tmalignReview = { serialise, checkInvariant, beads: () => beads, merge, split, move };
})();
