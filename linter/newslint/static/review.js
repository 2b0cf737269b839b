// newslint review page. The article is untrusted text: every node is built with
// createElement/textContent, never from HTML strings.
"use strict";

(function () {
  const SEVERITIES = ["error", "warning", "info"];
  const CATEGORIES = ["spelling", "mechanics", "grammar", "style", "table", "attribution", "ai-content",
                      "boilerplate", "consistency", "readability"];
  const $ = (id) => document.getElementById(id);

  const state = {
    text: "",          // the text the findings belong to
    file: null,        // the per-file object (the same as --format json's)
    fixes: [],         // per finding: its safe fix or null
    spans: [],         // per finding: [start, end) in UTF-16 indices of state.text
    rejected: new Set(),
    history: [],       // texts before each accepted fix (Undo)
    selected: -1,
    hiddenSev: new Set(),
    hiddenCat: new Set(),
    busy: false,
  };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  let statusTimer = 0;
  function status(message, bad) {
    const s = $("status");
    s.textContent = message;
    s.classList.toggle("bad", !!bad);
    clearTimeout(statusTimer);
    if (message && !bad) statusTimer = setTimeout(() => { s.textContent = ""; }, 4000);
  }

  async function api(path, body) {
    const r = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await r.json(); } catch (e) { /* an empty or non-JSON answer */ }
    if (!r.ok) throw new Error((data && data.error) || ("HTTP " + r.status));
    return data;
  }

  // --- positions: lines end at "\n", columns count code points (as newslint's JSON) ---------
  function indexer(text) {
    const lineStarts = [0];   // in code points
    const unit = [];          // code point index -> UTF-16 index
    let cp = 0;
    for (let i = 0; i < text.length; ) {
      const c = text.codePointAt(i);
      unit.push(i);
      cp++;
      i += c > 0xffff ? 2 : 1;
      if (c === 10) lineStarts.push(cp);
    }
    unit.push(text.length);
    return function (line, column) {
      if (line < 1) return 0;
      if (line > lineStarts.length) return text.length;
      const at = Math.min(lineStarts[line - 1] + Math.max(column, 1) - 1, unit.length - 1);
      return unit[at];
    };
  }

  function keyOf(i) {
    // a finding's identity across re-lints: rule, matched text and which occurrence of the pair
    const f = state.file.findings[i];
    let n = 0;
    for (let j = 0; j < i; j++) {
      const g = state.file.findings[j];
      if (g.rule === f.rule && g.text === f.text) n++;
    }
    return f.rule + "\u0000" + f.text + "\u0000" + n;
  }

  function visible(f) {
    return !state.hiddenSev.has(f.severity) && !state.hiddenCat.has(f.category);
  }

  function show(text, answer) {
    state.text = text;
    state.file = answer.file;
    state.fixes = answer.fixes;
    const at = indexer(text);
    state.spans = state.file.findings.map((f) => {
      const a = at(f.line, f.column);
      return [a, Math.max(a, at(f.end_line, f.end_column))];
    });
    state.selected = -1;
    $("source").hidden = true;
    $("view").hidden = false;
    $("copy").disabled = $("download").disabled = false;
    $("undo").disabled = state.history.length === 0;
    render();
  }

  function render() {
    renderText();
    renderSide();
  }

  // --- the article, findings highlighted -------------------------------------------------
  function renderText() {
    const view = $("view");
    const top = view.scrollTop;
    const text = state.text;
    const findings = state.file.findings;
    const shown = findings.map((f, i) => i).filter((i) => visible(findings[i]));
    const startsAt = new Map();
    const cuts = new Set([0, text.length]);
    for (const i of shown) {
      const [a, b] = state.spans[i];
      cuts.add(a); cuts.add(b);
      if (!startsAt.has(a)) startsAt.set(a, []);
      startsAt.get(a).push(i);
    }
    const order = [...cuts].sort((x, y) => x - y);
    const frag = document.createDocumentFragment();
    for (let k = 0; k < order.length; k++) {
      const pos = order[k];
      for (const i of startsAt.get(pos) || []) {
        const ref = el("span", "ref " + findings[i].severity, String(i + 1));
        ref.dataset.i = String(i);
        ref.title = findings[i].rule + " " + findings[i].name;
        frag.appendChild(ref);
      }
      if (k === order.length - 1) break;
      const next = order[k + 1];
      const piece = text.slice(pos, next);
      const cover = shown.filter((i) => state.spans[i][0] <= pos && state.spans[i][1] >= next && state.spans[i][1] > state.spans[i][0]);
      if (!cover.length) {
        frag.appendChild(document.createTextNode(piece));
        continue;
      }
      let sev = "info";
      for (const i of cover) {
        if (SEVERITIES.indexOf(findings[i].severity) < SEVERITIES.indexOf(sev)) sev = findings[i].severity;
      }
      const m = el("mark", sev + (cover.length > 1 ? " many" : ""), piece);
      m.dataset.f = cover.join(" ");
      m.title = cover.map((i) => findings[i].rule + ": " + findings[i].message).join("\n");
      if (cover.includes(state.selected)) m.classList.add("selected");
      frag.appendChild(m);
    }
    view.replaceChildren(frag);
    view.scrollTop = top;
  }

  // --- the side panel ---------------------------------------------------------------------
  function count(list, key) {
    const c = new Map();
    for (const f of list) c.set(f[key], (c.get(f[key]) || 0) + 1);
    return c;
  }

  function chip(label, n, off, onToggle) {
    const c = el("label", "chip" + (off ? " off" : ""));
    const box = el("input");
    box.type = "checkbox";
    box.checked = !off;
    box.addEventListener("change", onToggle);
    c.append(box, el("span", "", label), el("span", "n", String(n)));
    return c;
  }

  function renderSide() {
    const findings = state.file.findings;
    const summary = $("summary");
    summary.replaceChildren();
    const bySev = count(findings, "severity");
    const fixable = state.fixes.filter((x) => x).length;
    if (state.file.error) summary.appendChild(el("div", "sev error", state.file.error));
    const line = el("div");
    line.appendChild(el("b", "", plural(findings.length, "finding")));
    const parts = SEVERITIES.filter((s) => bySev.get(s)).map((s) => plural(bySev.get(s), s));
    line.appendChild(document.createTextNode(
      (parts.length ? ": " + parts.join(", ") : "") + (fixable ? "; " + fixable + " with a safe fix" : "")));
    summary.appendChild(line);

    $("filters").hidden = findings.length === 0;
    const sevRow = $("sevfilters");
    sevRow.replaceChildren(...SEVERITIES.filter((s) => bySev.get(s)).map((s) =>
      chip(s, bySev.get(s), state.hiddenSev.has(s), () => { toggle(state.hiddenSev, s); render(); })));
    const byCat = count(findings, "category");
    const cats = orderedCategories(byCat);
    $("catfilters").replaceChildren(...cats.map((c) =>
      chip(c, byCat.get(c), state.hiddenCat.has(c), () => { toggle(state.hiddenCat, c); render(); })));

    const list = $("findings");
    list.replaceChildren();
    if (!findings.length) list.appendChild(el("div", "empty", "No findings."));
    for (const cat of cats) {
      const members = findings.map((f, i) => i).filter((i) => findings[i].category === cat && visible(findings[i]));
      if (!members.length) continue;
      const group = el("section", "group");
      group.appendChild(el("h2", "", cat + " (" + members.length + ")"));
      for (const i of members) group.appendChild(card(i));
      list.appendChild(group);
    }
    const metrics = $("metrics");
    metrics.replaceChildren();
    const stats = state.file.statistics;
    if (stats && Object.keys(stats).length) {
      metrics.appendChild(el("div", "", "Metrics: " + Object.entries(stats).map(([k, v]) => k + " " + v).join("; ")));
    }
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 || word === "info" ? "" : "s");
  }

  function orderedCategories(byCat) {
    const known = CATEGORIES.filter((c) => byCat.has(c));
    const other = [...byCat.keys()].filter((c) => !CATEGORIES.includes(c)).sort();
    return known.concat(other);
  }

  function toggle(set, value) {
    if (set.has(value)) set.delete(value); else set.add(value);
  }

  function quote(s) {
    return el("span", "quote", s === "" ? "∅" : s.replace(/\n/g, "↵\n"));
  }

  function card(i) {
    const f = state.file.findings[i];
    const c = el("article", "card " + f.severity + (i === state.selected ? " selected" : ""));
    c.id = "card-" + i;
    c.dataset.i = String(i);
    const head = el("div", "head");
    head.append(el("span", "num", String(i + 1)), el("span", "sev " + f.severity, f.severity), el("code", "", f.rule),
                el("span", "", f.name), el("span", "where", "line " + f.line + ", col " + f.column));
    c.appendChild(head);
    c.appendChild(el("div", "msg", f.message));
    const detail = el("div", "detail");
    detail.appendChild(document.createTextNode("category: " + f.category));
    c.appendChild(detail);
    if (f.suggestions.length) {
      const s = el("div", "detail");
      s.appendChild(document.createTextNode("suggestion: "));
      f.suggestions.slice(0, 5).forEach((x, k) => {
        if (k) s.appendChild(document.createTextNode(", "));
        s.appendChild(quote(x));
      });
      c.appendChild(s);
    }
    for (const r of f.related) {
      c.appendChild(el("div", "detail", "related: line " + r.line + ", col " + r.column + (r.message ? ": " + r.message : "")));
    }
    const fix = state.fixes[i];
    if (fix) {
      const key = keyOf(i);
      const rejected = state.rejected.has(key);
      const row = el("div", "fix" + (rejected ? " rejected" : ""));
      const what = el("span", "what");
      what.append(document.createTextNode("Fix: "), quote(fix.before), document.createTextNode(" → "), quote(fix.after));
      row.appendChild(what);
      if (rejected) {
        row.appendChild(el("span", "muted", "rejected"));
        const again = el("button", "reconsider", "Reconsider");
        again.addEventListener("click", (ev) => { ev.stopPropagation(); state.rejected.delete(key); renderSide(); });
        row.appendChild(again);
      } else {
        const ok = el("button", "accept", "Accept");
        ok.addEventListener("click", (ev) => { ev.stopPropagation(); accept(i); });
        const no = el("button", "reject", "Reject");
        no.addEventListener("click", (ev) => { ev.stopPropagation(); state.rejected.add(key); renderSide(); });
        row.append(ok, no);
      }
      c.appendChild(row);
    }
    c.addEventListener("click", () => select(i, "text"));
    return c;
  }

  function select(i, scrollTo) {
    state.selected = i;
    for (const m of $("view").querySelectorAll("mark.selected")) m.classList.remove("selected");
    for (const c of $("findings").querySelectorAll(".card.selected")) c.classList.remove("selected");
    const marks = [...$("view").querySelectorAll("mark")].filter((m) => m.dataset.f.split(" ").includes(String(i)));
    for (const m of marks) m.classList.add("selected");
    const c = $("card-" + i);
    if (c) c.classList.add("selected");
    if (scrollTo === "text") {
      const target = marks[0] || [...$("view").querySelectorAll(".ref")].find((r) => r.dataset.i === String(i));
      if (target) target.scrollIntoView({ block: "center", behavior: "smooth" });
    } else if (c) {
      c.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  // --- actions ----------------------------------------------------------------------------
  function filename() {
    return $("filename").value.trim() || "article.txt";
  }

  async function run(label, work) {
    if (state.busy) return;
    state.busy = true;
    document.body.setAttribute("aria-busy", "true");
    try {
      await work();
    } catch (e) {
      status(label + ": " + e.message, true);
    } finally {
      state.busy = false;
      document.body.removeAttribute("aria-busy");
    }
  }

  function check() {
    return run("Check failed", async () => {
      const text = $("view").hidden ? $("source").value.replace(/^\ufeff/, "") : state.text;
      if (text !== state.text) {  // another text: its own rejections and history
        state.rejected.clear();
        state.history = [];
      }
      const answer = await api("/api/review", { text, filename: filename() });
      show(text, answer);
      status(plural(answer.file.findings.length, "finding"));
    });
  }

  function accept(i) {
    return run("Fix failed", async () => {
      const f = state.file.findings[i];
      const fix = state.fixes[i];
      const before = state.text;
      const answer = await api("/api/fix", { text: before, filename: filename(), finding: i, rule: f.rule });
      state.history.push(before);
      show(answer.text, answer);
      status("Applied " + f.rule + ": “" + fix.before + "” → “" + fix.after + "”");
    });
  }

  function undo() {
    if (!state.history.length) return;
    return run("Undo failed", async () => {
      const text = state.history[state.history.length - 1];
      const answer = await api("/api/review", { text, filename: filename() });
      state.history.pop();
      show(text, answer);
      status("Undone");
    });
  }

  function edit() {
    $("source").value = state.text || $("source").value;
    $("view").hidden = true;
    $("source").hidden = false;
    $("source").focus();
  }

  async function copy() {
    const text = currentText();
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const t = el("textarea");
      t.value = text;
      document.body.appendChild(t);
      t.select();
      document.execCommand("copy");
      t.remove();
    }
    status("Copied the text");
  }

  function currentText() {
    return $("view").hidden ? $("source").value : state.text;
  }

  function download() {
    const name = filename().split(/[\\/]/).pop() || "article.txt";
    const url = URL.createObjectURL(new Blob([currentText()], { type: "text/plain;charset=utf-8" }));
    const a = el("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function open(ev) {
    const file = ev.target.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      $("source").value = String(reader.result).replace(/^\ufeff/, "");
      $("filename").value = file.name;
      $("view").hidden = true;
      state.history = [];
      check();
    };
    reader.onerror = () => status("Cannot read " + file.name, true);
    reader.readAsText(file, "utf-8");
    ev.target.value = "";
  }

  function clickText(ev) {
    const target = ev.target;
    if (target.classList.contains("ref")) return select(Number(target.dataset.i), "card");
    if (target.tagName !== "MARK") return;
    // the shortest finding under the pointer: the most specific one
    const ids = target.dataset.f.split(" ").map(Number);
    ids.sort((a, b) => (state.spans[a][1] - state.spans[a][0]) - (state.spans[b][1] - state.spans[b][0]));
    const pick = ids.includes(state.selected) && ids.length > 1 ? ids[(ids.indexOf(state.selected) + 1) % ids.length] : ids[0];
    select(pick, "card");
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("check").addEventListener("click", check);
    $("edit").addEventListener("click", edit);
    $("undo").addEventListener("click", undo);
    $("copy").addEventListener("click", copy);
    $("download").addEventListener("click", download);
    $("open").addEventListener("change", open);
    $("view").addEventListener("click", clickText);
    $("source").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); check(); }
    });
    $("source").addEventListener("input", () => { $("copy").disabled = $("download").disabled = !$("source").value; });
  });
})();
