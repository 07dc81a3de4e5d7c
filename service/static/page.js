// The page at /: sends a report to POST /v1/extract and shows what was read.
// Plain script, no build step, no library. Text from the report or the answer only ever
// reaches the page through textContent and text nodes, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // Dimensions reported for completeness but never KPIs (docs/CONTRACT.md).
  const OUT_OF_SCOPE = new Set(["number", "date", "duration", "age", "multiple"]);
  const COLOURS = 12; // page.css has .c0 … .c11
  const QUALIFIER = { approx: "≈ ", at_least: "≥ ", at_most: "≤ " };
  const QUALIFIER_WORDS = { exact: "exact", approx: "approximate", at_least: "at least",
                            at_most: "at most", range: "range" };
  const DIRECTION = { up: "↑ up", down: "↓ down" };
  const FILE_KINDS = { "text/plain": "text", "application/pdf": "PDF",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word" };
  const KINDS = { partition: "partition: the parts should make up the total",
                  subset: "subset: the parts are some of the total" };

  const state = {
    file: null,       // the File chosen or dropped, sent instead of the text while set
    sent: null,       // what the answer on show was read from: {file} or {text}, and options
    answer: null,
    marks: [],        // the <mark>s in text order
    byMention: new Map(), // mention id → its <mark>
    rover: null,      // the one mark in the tab order
    described: null,  // the mark the tooltip describes
    ticket: 0,        // counts requests: only the latest one's answer is shown
  };

  // ---------------------------------------------------------------- small helpers

  /** An element with a class and children (strings become text nodes). */
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function blank(x) {
    return x === null || x === undefined ? "" : String(x);
  }

  function num(x) {
    if (typeof x !== "number") return blank(x);
    return x.toLocaleString("en-US", { maximumFractionDigits: 10 });
  }

  /** A figure's value as written for people: 2,385 · ≈ 3.2 · 4–5 · ≥ 100. */
  function valueText(x) {
    if (x.value === null || x.value === undefined) {
      if (x.min !== null && x.min !== undefined && x.max !== null && x.max !== undefined) {
        return `${num(x.min)}–${num(x.max)}`;
      }
      if (x.min !== null && x.min !== undefined) return `≥ ${num(x.min)}`;
      if (x.max !== null && x.max !== undefined) return `≤ ${num(x.max)}`;
      return "";
    }
    return (QUALIFIER[x.qualifier] || "") + num(x.value);
  }

  /** Mark ``node`` as Chinese text, for its font and for screen readers. */
  function chinese(node) {
    node.lang = "zh-CN";
    return node;
  }

  function plural(n, one, many) {
    return `${num(n)} ${n === 1 ? one : many || one + "s"}`;
  }

  // ---------------------------------------------------------------- talking to the service

  /** POST what ``sent`` holds to /v1/extract, asking for ``accept``. */
  function post(sent, accept) {
    const query = sent.outOfScope ? "" : "?out_of_scope=false";
    const init = { method: "POST", headers: { Accept: accept } };
    if (sent.file) {
      init.body = new FormData();
      init.body.append("file", sent.file, sent.file.name);
    } else {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify({ text: sent.text });
    }
    return fetch("/v1/extract" + query, init);
  }

  /** The error a failed response carries (problem+json when the service sent one). */
  async function failure(response) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (ignored) {
      problem = null;
    }
    const title = (problem && problem.title) || response.statusText || "Error";
    const lines = [];
    if (problem && problem.detail) lines.push(problem.detail);
    if (problem && problem.errors && typeof problem.errors === "object") {
      for (const [field, messages] of Object.entries(problem.errors)) {
        const said = [].concat(messages).map((m) => (typeof m === "string" ? m : JSON.stringify(m)));
        lines.push(`${field}: ${said.join(" ")}`);
      }
    }
    return { heading: `${response.status} ${title}`, lines };
  }

  function showError(error) {
    const box = $("error");
    box.replaceChildren(el("strong", "", error.heading), ...error.lines.map((l) => el("p", "", l)));
    box.hidden = false;
  }

  function clearError() {
    $("error").hidden = true;
    $("error").replaceChildren();
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  async function extract() {
    const sent = state.file
      ? { file: state.file, outOfScope: $("out-of-scope").checked }
      : { text: $("text").value, outOfScope: $("out-of-scope").checked };
    const ticket = ++state.ticket;
    clearError();
    $("extract").disabled = true;
    setStatus(sent.file ? `Reading ${sent.file.name}…` : "Reading…");
    const started = performance.now();
    try {
      const response = await post(sent, "application/json");
      if (ticket !== state.ticket) return; // a later request's answer is the one to show
      if (!response.ok) {
        showError(await failure(response));
        setStatus("");
        return;
      }
      const answer = await response.json();
      if (ticket !== state.ticket) return;
      const text = typeof (answer.document || {}).text === "string" ? answer.document.text
        : sent.file ? null : sent.text;
      if (text === null) {
        showError({ heading: "The answer has no text to show",
                    lines: ["The service read the file but did not send back its text (document.text)."] });
        setStatus("");
        return;
      }
      state.sent = sent;
      state.answer = answer;
      render(text, answer);
      const ms = Math.round(performance.now() - started);
      setStatus(`Done in ${num(ms)} ms: ${plural((answer.kpis || []).length, "KPI")}, ` +
                `${plural((answer.mentions || []).length, "figure")}, ` +
                `${plural((answer.warnings || []).length, "warning")}.`);
    } catch (error) {
      if (ticket === state.ticket) {
        showError({ heading: "The service could not be reached", lines: [String(error)] });
        setStatus("");
      }
    } finally {
      if (ticket === state.ticket) $("extract").disabled = false;
    }
  }

  // ---------------------------------------------------------------- downloads

  function baseName() {
    if (state.sent && state.sent.file) return state.sent.file.name.replace(/\.[^.]*$/, "") + ".suanpan";
    const sha = ((state.answer || {}).document || {}).sha256;
    return sha ? `suanpan-${sha.slice(0, 12)}` : "suanpan";
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", "visually-hidden");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function downloadJson() {
    if (!state.answer) return;
    const json = JSON.stringify(state.answer, null, 2) + "\n";
    save(new Blob([json], { type: "application/json" }), baseName() + ".json");
  }

  async function downloadCsv() {
    if (!state.sent) return;
    clearError();
    const button = $("download-csv");
    button.disabled = true;
    try {
      const response = await post(state.sent, "text/csv");
      if (!response.ok) {
        showError(await failure(response));
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      if (!type.startsWith("text/csv")) {
        showError({ heading: "No CSV from the service", lines: [`It answered ${type || "no Content-Type"}.`] });
        return;
      }
      save(await response.blob(), baseName() + ".csv");
    } catch (error) {
      showError({ heading: "The service could not be reached", lines: [String(error)] });
    } finally {
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- the answer on the page

  function render(text, answer) {
    const mentions = answer.mentions || [];
    const kpis = answer.kpis || [];
    const byId = new Map(mentions.map((m) => [m.id, m]));
    const kpiOf = new Map(kpis.map((k) => [k.mention, k]));
    // One colour per KPI name, in the order the KPIs come.
    const colour = new Map();
    for (const name of [...kpis.map((k) => k.name), ...mentions.map((m) => m.kpi)]) {
      if (name && !colour.has(name)) colour.set(name, colour.size % COLOURS);
    }
    const ctx = { answer, byId, kpiOf, colour };
    hideTip();
    const skipped = renderDoc(text, ctx);
    renderLegend(ctx);
    renderSummary(text, ctx, skipped);
    renderKpis(ctx);
    renderBreakdowns(ctx);
    renderWarnings(ctx);
    $("results").hidden = false;
    $("skip").hidden = false;
  }

  function mentionClass(m, ctx) {
    if (m.kpi && ctx.colour.has(m.kpi)) return `mention kpi c${ctx.colour.get(m.kpi)}`;
    return OUT_OF_SCOPE.has(m.dimension) ? "mention out" : "mention plain";
  }

  /** The text with a <mark> per mention and per placeholder; returns the mentions left out. */
  function renderDoc(text, ctx) {
    // Offsets are Python string indexes: code points, not the UTF-16 units of JS strings.
    const chars = Array.from(text);
    const inText = (s) => Number.isInteger(s.start) && Number.isInteger(s.end) &&
      s.start >= 0 && s.start < s.end && s.end <= chars.length;
    const byStart = (a, b) => a.start - b.start || a.end - b.end;
    // Mentions first, then the blanks that overlap none of them; of two overlapping, the first.
    const mentions = [];
    let skipped = 0;
    for (const m of [...(ctx.answer.mentions || [])].filter(inText).sort(byStart)) {
      if (mentions.length && m.start < mentions[mentions.length - 1].end) skipped += 1;
      else mentions.push({ start: m.start, end: m.end, mention: m });
    }
    skipped += (ctx.answer.mentions || []).filter((m) => !inText(m)).length;
    const blanks = [];
    for (const p of [...(ctx.answer.placeholders || [])].filter(inText).sort(byStart)) {
      const free = !overlapsAny(mentions, p) && !(blanks.length && p.start < blanks[blanks.length - 1].end);
      if (free) blanks.push({ start: p.start, end: p.end, placeholder: p });
    }
    const kept = [...mentions, ...blanks].sort(byStart);

    const doc = $("doc");
    const out = document.createDocumentFragment();
    const marks = [];
    let at = 0;
    for (const span of kept) {
      out.append(chars.slice(at, span.start).join(""));
      const mark = el("mark", span.mention ? mentionClass(span.mention, ctx) : "blank",
                      chars.slice(span.start, span.end).join(""));
      mark.tabIndex = -1;
      mark.dataset.start = span.start;
      mark.dataset.end = span.end;
      if (span.mention) mark.dataset.id = span.mention.id;
      marks.push(mark);
      out.append(mark);
      at = span.end;
    }
    out.append(chars.slice(at).join(""));
    doc.replaceChildren(out);
    doc.scrollTop = 0;
    state.marks = marks;
    state.spans = new Map(marks.map((mark, i) => [mark, kept[i]]));
    state.byMention = new Map(marks.filter((m) => m.dataset.id).map((m) => [m.dataset.id, m]));
    state.ctx = ctx;
    state.rover = null;
    if (marks.length) rove(marks[0]);
    return skipped;
  }

  /** Whether ``span`` overlaps any of ``sorted`` (non-overlapping spans in text order). */
  function overlapsAny(sorted, span) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) { // the first that ends after span starts
      const mid = (lo + hi) >> 1;
      if (sorted[mid].end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo].start < span.end;
  }

  function renderLegend(ctx) {
    const counts = new Map();
    let plain = 0;
    let out = 0;
    for (const m of ctx.answer.mentions || []) {
      if (m.kpi && ctx.colour.has(m.kpi)) counts.set(m.kpi, (counts.get(m.kpi) || 0) + 1);
      else if (OUT_OF_SCOPE.has(m.dimension)) out += 1;
      else plain += 1;
    }
    const item = (cls, name, n) => el("li", "", el("span", `swatch ${cls}`), name, el("span", "count", num(n)));
    const items = [...ctx.colour].filter(([name]) => counts.has(name))
      .map(([name, c]) => item(`mention kpi c${c}`, name, counts.get(name)));
    if (plain) items.push(item("mention plain", "figure, no KPI", plain));
    if (out) items.push(item("mention out", "out of scope", out));
    const blanks = (ctx.answer.placeholders || []).length;
    if (blanks) items.push(item("blank", "placeholder (blank)", blanks));
    $("legend").replaceChildren(...items);
  }

  /** Where the text came from: "report.docx, Word, 3 paragraphs, 1 table". */
  function fileSummary(source) {
    const bits = [source.filename || "the file", FILE_KINDS[source.media_type] || blank(source.media_type)];
    if (typeof source.pages === "number") bits.push(plural(source.pages, "page"));
    if (typeof source.paragraphs === "number") bits.push(plural(source.paragraphs, "paragraph"));
    if (typeof source.tables === "number") bits.push(plural(source.tables, "table"));
    if (source.encoding) bits.push(source.encoding);
    return "from " + bits.filter(Boolean).join(", ");
  }

  function renderSummary(text, ctx, skipped) {
    const a = ctx.answer;
    const parts = [
      plural(Array.from(text).length, "character"),
      plural((a.mentions || []).length, "figure"),
      plural((a.kpis || []).length, "KPI"),
      plural((a.breakdowns || []).length, "breakdown"),
      plural((a.placeholders || []).length, "placeholder"),
      plural((a.warnings || []).length, "warning"),
    ];
    const source = ((a.document || {}).source) || null;
    if (source) parts.push(fileSummary(source));
    const version = (a.extractor || {}).version;
    if (version) parts.push(`extractor ${version}`);
    const summary = $("summary");
    summary.replaceChildren(parts.join(" · "));
    if (skipped) summary.append(el("span", "note", ` (${plural(skipped, "figure")} overlapping another not highlighted)`));
  }

  /** A KPI's name after its colour; long names may break after an underscore. */
  function swatchName(name, ctx) {
    const words = String(name).split("_").flatMap((w, i) => (i ? [el("wbr"), "_" + w] : [w]));
    return el("span", "kpi-name", el("span", `swatch mention kpi c${ctx.colour.get(name)}`), el("span", "", ...words));
  }

  /** ``evidence`` with the figure in it emphasised (its last occurrence: evidence ends there). */
  function evidence(kpi) {
    const text = blank(kpi.evidence);
    const figure = state.byMention.get(kpi.mention);
    const written = figure ? figure.textContent : "";
    const at = written ? text.lastIndexOf(written) : -1;
    if (at < 0) return el("span", "", text);
    return el("span", "", text.slice(0, at), el("strong", "", written), text.slice(at + written.length));
  }

  /** The total a KPI is part of, as its label and value (the id when it is not a mention). */
  function partOf(id, ctx) {
    if (!id) return "";
    const total = ctx.byId.get(id);
    if (!total) return String(id);
    return `${total.label || total.kpi || ""} ${valueText(total)}${total.unit ? " " + total.unit : ""}`.trim();
  }

  function kpiValue(kpi) {
    const cell = el("span", "value");
    if (kpi.direction) cell.append(el("span", `direction ${kpi.direction}`, DIRECTION[kpi.direction] || kpi.direction), " ");
    cell.append(valueText(kpi));
    return cell;
  }

  function renderKpis(ctx) {
    const kpis = ctx.answer.kpis || [];
    const rows = kpis.map((kpi) => {
      const row = el("tr", "kpi-row",
        el("td", "", swatchName(kpi.name, ctx)),
        el("td", "num", kpiValue(kpi)),
        chinese(el("td", "", blank(kpi.unit))),
        chinese(el("td", "", blank(kpi.period))),
        chinese(el("td", "label-cell", blank(kpi.label))),
        chinese(el("td", "", partOf(kpi.part_of, ctx))),
        chinese(el("td", "evidence", evidence(kpi))));
      const labels = ["KPI", "Value", "Unit", "Period", "Label", "Part of", "Evidence"];
      [...row.cells].forEach((cell, i) => { cell.dataset.label = labels[i]; });
      row.tabIndex = 0;
      row.dataset.mention = blank(kpi.mention);
      row.setAttribute("aria-label", `${kpi.name} ${valueText(kpi)} ${blank(kpi.unit)}: show in the text`);
      return row;
    });
    $("kpis").tBodies[0].replaceChildren(...rows);
    $("kpis").hidden = !rows.length;
    $("no-kpis").hidden = rows.length > 0;
    $("kpi-count").textContent = num(rows.length);
  }

  function jumpButton(mentionId, ...content) {
    const button = el("button", "jump", ...content);
    button.type = "button";
    button.dataset.mention = mentionId;
    return button;
  }

  function describe(m) {
    if (!m) return "";
    return `${m.label ? m.label + " " : ""}${m.text}`;
  }

  function renderBreakdowns(ctx) {
    const list = (ctx.answer.breakdowns || []).map((b) => {
      const total = ctx.byId.get(b.total);
      const adds = b.consistent === true ? "adds up" : b.consistent === false ? "does not add up" : "not checked";
      const box = el("section", "breakdown");
      box.dataset.consistent = String(b.consistent);
      const heading = el("h3", "", "Total ", chinese(jumpButton(b.total, describe(total) || b.total)));
      const verdict = el("p", `verdict ${b.consistent === false ? "bad" : b.consistent === true ? "good" : ""}`,
                         el("span", "mark", b.consistent === true ? "✓" : b.consistent === false ? "✗" : "?"), " ", adds);
      const unit = b.unit ? ` ${b.unit}` : "";
      if (typeof b.parts_sum === "number" && typeof b.total_value === "number") {
        const diff = b.parts_sum - b.total_value;
        const gap = diff === 0 ? "" : diff < 0 ? `, ${num(-diff)}${unit} short` : `, ${num(diff)}${unit} over`;
        verdict.append(el("span", "sum", `: parts ${num(b.parts_sum)}${unit}, total ${num(b.total_value)}${unit}${gap}`));
      }
      box.append(heading, verdict);
      if (b.kind) box.append(el("p", "kind", KINDS[b.kind] || b.kind));
      const parts = chinese(el("ol", "parts", ...(b.parts || []).map((id) => {
        const m = ctx.byId.get(id);
        return el("li", "", jumpButton(id, m ? (m.label || "") : id, m ? el("span", "part-figure", m.text) : null,
                                        m && m.kpi ? el("span", "part-kpi", m.kpi) : null));
      })));
      box.append(parts);
      return box;
    });
    $("breakdowns").replaceChildren(...list);
    $("no-breakdowns").hidden = list.length > 0;
    $("breakdown-count").textContent = num(list.length);
  }

  function renderWarnings(ctx) {
    const items = (ctx.answer.warnings || []).map((w) => {
      const item = el("li", "", el("code", "", blank(w.code)), " ", blank(w.message));
      if (typeof w.start === "number") {
        const button = el("button", "jump", "Show in the text");
        button.type = "button";
        button.dataset.start = w.start;
        item.append(" ", button);
      }
      return item;
    });
    $("warnings").replaceChildren(...items);
    $("no-warnings").hidden = items.length > 0;
    $("warning-count").textContent = num(items.length);
  }

  // ---------------------------------------------------------------- moving around the text

  /** Make ``mark`` the one mark in the tab order (the text is one stop; arrows move within). */
  function rove(mark) {
    if (state.rover && state.rover !== mark) state.rover.tabIndex = -1;
    state.rover = mark;
    mark.tabIndex = 0;
  }

  function jumpTo(mark) {
    if (!mark) return;
    rove(mark);
    mark.scrollIntoView({ block: "center", inline: "nearest" });
    mark.focus({ preventScroll: true });
    mark.classList.remove("flash");
    void mark.offsetWidth; // restart the animation
    mark.classList.add("flash");
  }

  function markOfMention(id) {
    return state.byMention.get(id);
  }

  function markAt(offset) {
    return state.marks.find((m) => Number(m.dataset.start) <= offset && offset < Number(m.dataset.end)) ||
      state.marks.find((m) => Number(m.dataset.start) >= offset);
  }

  // ---------------------------------------------------------------- the tooltip

  function row(name, value) {
    if (value === "" || value === null || value === undefined) return [];
    return [el("dt", "", name), el("dd", "", value)];
  }

  function tipContent(mark) {
    const span = state.spans.get(mark);
    const ctx = state.ctx;
    if (span.placeholder) {
      const p = span.placeholder;
      return [el("p", "tip-title", "Placeholder: a blank in a template, no figure"),
              el("dl", "", ...row("Text", p.text), ...row("Unit", blank(p.unit)), ...row("KPI", blank(p.kpi)))];
    }
    const m = span.mention;
    const kpi = ctx.kpiOf.get(m.id) || {};
    const title = m.kpi ? m.kpi
      : OUT_OF_SCOPE.has(m.dimension) ? `Out of scope (${m.dimension})` : "A figure, no KPI";
    const direction = m.direction || kpi.direction;
    return [el("p", "tip-title", title),
            el("dl", "",
               ...row("Value", valueText(m)),
               ...row("Unit", blank(m.unit)),
               ...row("Qualifier", QUALIFIER_WORDS[m.qualifier] || blank(m.qualifier)),
               ...row("Direction", direction ? DIRECTION[direction] || direction : ""),
               ...row("Dimension", blank(m.dimension)),
               ...row("Label", blank(m.label)),
               ...row("Period", blank(kpi.period)),
               ...row("Part of", partOf(kpi.part_of, ctx)),
               ...row("Id", blank(m.id)))];
  }

  function showTip(mark) {
    const tip = $("tip");
    if (state.described && state.described !== mark) state.described.removeAttribute("aria-describedby");
    state.described = mark;
    tip.replaceChildren(...tipContent(mark));
    tip.hidden = false;
    mark.setAttribute("aria-describedby", "tip");
    placeTip();
  }

  function placeTip() {
    const mark = state.described;
    const tip = $("tip");
    if (!mark || tip.hidden) return;
    const r = mark.getBoundingClientRect();
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const below = r.bottom + 8;
    const top = below + h <= window.innerHeight - 4 ? below : Math.max(4, r.top - h - 8);
    const left = Math.min(Math.max(4, r.left), Math.max(4, window.innerWidth - w - 4));
    tip.style.top = `${Math.round(top)}px`;
    tip.style.left = `${Math.round(left)}px`;
  }

  function hideTip() {
    $("tip").hidden = true;
    if (state.described) state.described.removeAttribute("aria-describedby");
    state.described = null;
  }

  // ---------------------------------------------------------------- files

  function setFile(file) {
    if (!file) return;
    state.file = file;
    $("file-label").textContent = `${file.name} (${num(Math.ceil(file.size / 1024))} KB) is read instead of the text`;
    $("file-name").hidden = false;
    extract();
  }

  function clearFile() {
    state.file = null;
    $("file").value = "";
    $("file-name").hidden = true;
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    $("form").addEventListener("submit", (event) => {
      event.preventDefault();
      extract();
    });
    $("text").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        extract();
      }
    });
    $("text").addEventListener("input", () => { if (state.file) clearFile(); });
    $("choose").addEventListener("click", () => $("file").click());
    $("file").addEventListener("change", () => setFile($("file").files[0]));
    $("file-clear").addEventListener("click", () => { clearFile(); $("text").focus(); });

    const drop = $("drop");
    drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      setFile(event.dataTransfer.files[0]);
    });
    // A file dropped beside the box must not make the browser leave the page for it.
    window.addEventListener("dragover", (event) => event.preventDefault());
    window.addEventListener("drop", (event) => event.preventDefault());

    $("out-of-scope").addEventListener("change", () => { if (state.answer) extract(); });
    $("download-json").addEventListener("click", downloadJson);
    $("download-csv").addEventListener("click", downloadCsv);

    const doc = $("doc");
    doc.addEventListener("mouseover", (event) => {
      const mark = event.target.closest("mark");
      if (mark) showTip(mark);
    });
    doc.addEventListener("mouseout", (event) => {
      const mark = event.target.closest("mark");
      if (mark && mark === state.described && document.activeElement !== mark &&
          !mark.contains(event.relatedTarget)) hideTip();
    });
    doc.addEventListener("focusin", (event) => {
      const mark = event.target.closest("mark");
      if (mark) {
        rove(mark);
        showTip(mark);
      }
    });
    doc.addEventListener("focusout", hideTip);
    doc.addEventListener("keydown", (event) => {
      const i = state.marks.indexOf(event.target);
      if (i < 0) return;
      const last = state.marks.length - 1;
      const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1,
                   Home: 0, End: last }[event.key];
      if (to !== undefined) {
        event.preventDefault();
        jumpTo(state.marks[Math.min(Math.max(to, 0), last)]);
      }
    });
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTip(); });
    window.addEventListener("scroll", placeTip, true);
    window.addEventListener("resize", placeTip);

    const table = $("kpis");
    table.addEventListener("click", (event) => {
      const row = event.target.closest("tr.kpi-row");
      if (row) jumpTo(markOfMention(row.dataset.mention));
    });
    table.addEventListener("keydown", (event) => {
      const row = event.target.closest("tr.kpi-row");
      if (row && event.target === row && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        jumpTo(markOfMention(row.dataset.mention));
      }
    });
    for (const id of ["breakdowns", "warnings"]) {
      $(id).addEventListener("click", (event) => {
        const button = event.target.closest("button.jump");
        if (!button) return;
        jumpTo(button.dataset.mention ? markOfMention(button.dataset.mention) : markAt(Number(button.dataset.start)));
      });
    }
  }

  init();
}());
