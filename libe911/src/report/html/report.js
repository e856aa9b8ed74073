// The e911 HTML report: reads the JSON in #e911-data and draws the page. Plain DOM, no library, no
// network. Text from the configuration only ever goes in through textContent, never as HTML.
(function () {
  "use strict";
  var errors = document.getElementById("e911-errors");
  // Script errors are written into the page, where the browser test reads them from the DOM.
  function showError(text) {
    errors.hidden = false;
    var p = document.createElement("p");
    p.className = "script-error";
    p.textContent = text;
    errors.appendChild(p);
  }
  window.onerror = function (message, source, line, column) {
    showError("script error: " + message + " (line " + line + ":" + column + ")");
  };
  window.addEventListener("unhandledrejection", function (e) { showError("script error: " + e.reason); });

  var OUTCOMES = ["correct", "relay", "unverified", "wrong", "not_routed", "not_enabled"];
  var LABEL = { correct: "correct PSAP", relay: "relay PSAP", unverified: "routed, PSAP not checkable",
    wrong: "wrong PSAP", not_routed: "not routed", not_enabled: "not enabled" };
  var ROW_HEIGHT = 20, RENDER_ALL = 2500, OVERSCAN = 30, PAGE = 100;

  function el(tag, props, children) {
    var e = document.createElement(tag);
    if (props) for (var k in props) {
      if (k === "text") e.textContent = props[k];
      else if (k === "cls") e.className = props[k];
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), props[k]);
      else e.setAttribute(k, props[k]);
    }
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function card(value, label, bad) {
    return el("div", { cls: "card" + (bad ? " bad" : "") }, [el("b", { text: String(value) }), el("span", { text: label })]);
  }
  function legend() {
    return el("div", { cls: "legend" }, OUTCOMES.map(function (o) {
      return el("span", null, [el("i", { cls: "swatch o-" + o }), LABEL[o]]);
    }));
  }
  function option(value, text, selected) {
    var o = el("option", { value: value, text: text });
    if (selected) o.selected = true;
    return o;
  }

  // A sortable, filterable, paginated table. columns: [{name, get(row) -> text, cls(row)?}].
  function dataTable(columns, rows, opts) {
    opts = opts || {};
    var state = { sort: -1, desc: false, page: 0, text: "", extra: null };
    var wrap = el("div"), tbody = el("tbody"), pager = el("div", { cls: "pager" });
    var filter = el("input", { type: "search", placeholder: "filter", oninput: function () { state.text = filter.value.toLowerCase(); state.page = 0; draw(); } });
    var head = el("tr", null, columns.map(function (c, i) {
      return el("th", { text: c.name, title: "sort", onclick: function () {
        state.desc = state.sort === i ? !state.desc : false; state.sort = i; draw(); } });
    }));
    var bar = el("div", { cls: "filters" }, [filter].concat(opts.controls ? opts.controls(function (f) { state.extra = f; state.page = 0; draw(); }) : []));
    wrap.appendChild(bar);
    wrap.appendChild(el("table", { cls: opts.cls || "" }, [el("thead", null, [head]), tbody]));
    wrap.appendChild(pager);
    function draw() {
      var shown = rows.filter(function (r) {
        if (state.extra && !state.extra(r)) return false;
        if (!state.text) return true;
        return columns.some(function (c) { return String(c.get(r)).toLowerCase().indexOf(state.text) >= 0; });
      });
      if (state.sort >= 0) {
        var c = columns[state.sort], sign = state.desc ? -1 : 1;
        shown.sort(function (a, b) {
          var x = c.key ? c.key(a) : c.get(a), y = c.key ? c.key(b) : c.get(b);
          return (x < y ? -1 : x > y ? 1 : 0) * sign;
        });
      }
      var pages = Math.max(1, Math.ceil(shown.length / PAGE));
      state.page = Math.min(state.page, pages - 1);
      tbody.textContent = "";
      shown.slice(state.page * PAGE, state.page * PAGE + PAGE).forEach(function (r) {
        var tr = el("tr", { cls: opts.detail ? "clickable" : "" }, columns.map(function (c) {
          return el("td", { text: String(c.get(r)), cls: c.cls ? c.cls(r) : "" });
        }));
        tbody.appendChild(tr);
        if (opts.detail) tr.addEventListener("click", function () {
          if (tr.nextSibling && tr.nextSibling.className === "detail") { tbody.removeChild(tr.nextSibling); return; }
          var td = el("td", { colspan: String(columns.length) }, [opts.detail(r)]);
          tbody.insertBefore(el("tr", { cls: "detail" }, [td]), tr.nextSibling);
        });
      });
      pager.textContent = "";
      pager.appendChild(document.createTextNode(shown.length + " of " + rows.length + " · page " + (state.page + 1) + " of " + pages));
      pager.appendChild(el("button", { text: "previous", onclick: function () { if (state.page > 0) { state.page--; draw(); } } }));
      pager.appendChild(el("button", { text: "next", onclick: function () { if (state.page < pages - 1) { state.page++; draw(); } } }));
    }
    draw();
    return wrap;
  }

  // Findings: [severity, rule, target, file, line, message, hint, accepted], rule docs inline on click.
  function findingsTable(packed, docs) {
    var FS = packed.strings;
    var findings = packed.rows.map(function (f) {
      return [FS[f[0]], FS[f[1]], f[2], FS[f[3]], f[4], f[5], FS[f[6]], FS[f[7]]];
    });
    var order = { error: 0, warning: 1, info: 2 };
    var cols = [
      { name: "severity", get: function (f) { return f[0]; }, key: function (f) { return order[f[0]]; }, cls: function (f) { return "sev-" + f[0]; } },
      { name: "rule", get: function (f) { return f[1]; } },
      { name: "target", get: function (f) { return f[2]; } },
      { name: "where", get: function (f) { return f[3] + ":" + f[4]; } },
      { name: "message", get: function (f) { return f[5]; } },
      { name: "accepted", get: function (f) { return f[7]; } }
    ];
    return dataTable(cols, findings, {
      cls: "findings",
      controls: function (set) {
        var sev = el("select", { onchange: function () { var v = sev.value; set(v ? function (f) { return f[0] === v; } : null); } },
          [option("", "every severity"), option("error", "errors"), option("warning", "warnings"), option("info", "infos")]);
        return [el("label", { text: "severity" }), sev];
      },
      detail: function (f) {
        return el("div", null, [f[6] ? el("p", { text: "hint: " + f[6] }) : null,
          el("div", { cls: "doc", text: docs[f[1]] || "(no documentation for " + f[1] + ")" })]);
      }
    });
  }

  function report(D) {
    var S = D.strings, sum = D.summary;
    function obj(i) {
      if (i == null) return null;
      var o = D.objects[i];
      return { kind: S[o[0]], id: S[o[1]], where: o[2] >= 0 ? S[o[2]] + ":" + o[3] : "" };
    }
    var app = document.getElementById("e911-app");
    app.appendChild(el("h1", { text: "Emergency calling report" + (sum.name ? ": " + sum.name : "") }));
    app.appendChild(el("p", { cls: "sub", text: (sum.files || []).join(", ") + " · e911 " + D.version }));

    // ---- summary
    var f = sum.findings, o = sum.outcomes;
    app.appendChild(el("h2", { text: "Summary" }));
    app.appendChild(el("div", { cls: "cards", id: "summary" }, [
      card(sum.regions, "regions"), card(sum.sites, "sites"), card(sum.locations, "locations"), card(sum.users, "users"),
      card(sum.numbers, "emergency numbers"), card(sum.cells, "calls simulated"),
      card(f.error, "errors", f.error > 0), card(f.warning, "warnings"), card(f.info, "infos"),
      card(f.waived + f.baselined, "accepted")]));
    app.appendChild(el("div", { cls: "cards" }, [
      card(o.correct + o.relay + o.unverified + o.wrong, "calls routed"), card(o.correct, "correct PSAP"),
      card(o.wrong, "wrong PSAP", o.wrong > 0), card(o.relay, "relay PSAP"), card(o.unverified, "PSAP not checkable"),
      card(o.not_routed, "not routed", o.not_routed > 0), card(o.not_enabled, "not enabled")]));

    // ---- index the matrix: heat-map lines (caller places) grouped by region, columns (platform x number)
    var C = D.cells, n = C.length / 5;
    var lineCells = D.rows.map(function () { return {}; });
    var regionOf = D.rows.map(function (r) { var x = obj(r[0]); return x ? x.id : (r[1] == null ? "(no known site)" : "(no region)"); });
    for (var i = 0; i < n; i++) lineCells[C[i * 5]][C[i * 5 + 1]] = i;
    function cls(i) { return S[D.flows[C[i * 5 + 2]][0]]; }
    function label(r) {
      var row = D.rows[r], site = obj(row[1]), loc = obj(row[2]), user = obj(row[3]);
      if (!site) return "user " + (user ? user.id : "?") + " (no known site)";
      return site.id + (loc ? " / " + loc.id : " / no LIS location");
    }
    var labels = D.rows.map(function (_, r) { return label(r); });  // once: the sort compares them often
    var lines = D.rows.map(function (_, r) { return r; });
    lines.sort(function (a, b) {
      var x = regionOf[a], y = regionOf[b];
      if (x !== y) return (x[0] === "(") !== (y[0] === "(") ? (x[0] === "(" ? 1 : -1) : x < y ? -1 : 1;  // "(no ...)" last
      var p = labels[a], q = labels[b];
      return p < q ? -1 : p > q ? 1 : 0;
    });
    var regions = [];
    lines.forEach(function (r) { if (regions[regions.length - 1] !== regionOf[r]) regions.push(regionOf[r]); });

    // ---- by region: the aggregate that stays readable at 20,000 sites
    app.appendChild(el("h2", { text: "Outcomes by region" }));
    var byRegion = {};
    for (i = 0; i < n; i++) {
      var g = regionOf[C[i * 5]], k = cls(i);
      byRegion[g] = byRegion[g] || { total: 0 };
      byRegion[g][k] = (byRegion[g][k] || 0) + 1;
      byRegion[g].total++;
    }
    var regionRows = regions.map(function (g) { return [g, byRegion[g] || { total: 0 }]; });
    app.appendChild(legend());
    app.appendChild(dataTable([
      { name: "region", get: function (r) { return r[0]; } },
      { name: "calls", get: function (r) { return r[1].total; } },
      { name: "wrong PSAP", get: function (r) { return r[1].wrong || 0; } },
      { name: "not routed", get: function (r) { return r[1].not_routed || 0; } },
      { name: "outcomes", get: function (r) { return OUTCOMES.map(function (x) { return r[1][x] || 0; }).join(" / "); } }
    ], regionRows, { cls: "regions", detail: function (r) {
      var bar = el("div", { cls: "bar" });
      OUTCOMES.forEach(function (x) {
        if (r[1][x]) bar.appendChild(el("div", { cls: "o-" + x, title: LABEL[x] + ": " + r[1][x], style: "width:" + (100 * r[1][x] / r[1].total) + "%" }));
      });
      return el("div", null, [bar, el("button", { text: "show in the heat map", onclick: function () { regionSel.value = r[0]; redraw(); } })]);
    } }));

    // ---- the heat map
    app.appendChild(el("h2", { text: "Coverage matrix" }));
    app.appendChild(el("p", { cls: "sub", text: "One line per place a caller can be (site and LIS location), one square per platform and emergency number or mask. Click a square for its call flow." }));
    var regionSel = el("select", { id: "f-region", onchange: redraw }, [option("", "every region")].concat(regions.map(function (g) { return option(g, g); })));
    var outcomeSel = el("select", { id: "f-outcome", onchange: redraw }, [option("", "every outcome")].concat(OUTCOMES.map(function (x) { return option(x, LABEL[x]); })));
    var numberSel = el("select", { id: "f-number", onchange: redraw }, [option("", "every number")].concat(D.columns.map(function (c, j) { return option(String(j), c[0] + " " + c[1]); })));
    app.appendChild(el("div", { cls: "filters" }, [el("label", { text: "region" }), regionSel, el("label", { text: "outcome" }), outcomeSel,
      el("label", { text: "number" }), numberSel]));
    app.appendChild(legend());
    var scroll = el("div", { cls: "hm-scroll", id: "heatmap", "data-cells-total": String(n) });
    var headLine = el("div", { cls: "hm-head" });
    var body = el("div", { cls: "hm-body" });
    scroll.appendChild(headLine);
    scroll.appendChild(body);
    app.appendChild(scroll);
    var status = el("p", { cls: "sub", id: "heatmap-status" });
    app.appendChild(status);
    var flowBox = el("div", { id: "flow" }, [el("p", { cls: "muted", text: "Click a square of the matrix to see how that call is routed." })]);
    app.appendChild(el("h2", { text: "Call flow" }));
    app.appendChild(flowBox);

    var items = [], cols = [], shownCells = 0;
    function redraw() {
      var reg = regionSel.value, out = outcomeSel.value, num = numberSel.value;
      cols = num ? [Number(num)] : D.columns.map(function (_, j) { return j; });
      items = [];
      shownCells = 0;
      var group = null;
      lines.forEach(function (r) {
        if (reg && regionOf[r] !== reg) return;
        var hit = 0;
        cols.forEach(function (j) { var c = lineCells[r][j]; if (c != null && (!out || cls(c) === out)) hit++; });
        if (!hit) return;
        if (regionOf[r] !== group) { group = regionOf[r]; items.push({ group: group }); }
        items.push({ line: r });
        shownCells += hit;
      });
      headLine.textContent = "";
      headLine.appendChild(el("div", { cls: "hm-label", text: "site / location" }));
      cols.forEach(function (j) { headLine.appendChild(el("div", { cls: "hm-col", text: D.columns[j][0] + " " + D.columns[j][1], title: D.columns[j][0] + " " + D.columns[j][1] })); });
      body.style.height = (items.length * ROW_HEIGHT) + "px";
      body.style.position = "relative";
      scroll.setAttribute("data-cells-shown", String(shownCells));
      status.textContent = shownCells + " of " + n + " calls in " + items.length + " lines" +
        (items.length > RENDER_ALL ? " (lines are drawn as they scroll into view)" : "");
      scroll.scrollTop = 0;
      paint();
    }
    function lineNode(it) {
      if (it.group != null) return el("div", { cls: "hm-group", text: it.group });
      var r = it.line, out = outcomeSel.value;
      var line = el("div", { cls: "hm-row" }, [el("div", { cls: "hm-label", text: labels[r], title: labels[r] + (S[D.rows[r][4]] ? " · " + S[D.rows[r][4]] : "") })]);
      cols.forEach(function (j) {
        var c = lineCells[r][j];
        if (c == null || (out && cls(c) !== out)) { line.appendChild(el("div", { cls: "gap" })); return; }
        line.appendChild(el("div", { cls: "cell o-" + cls(c), "data-cell": String(c), title: D.columns[j][0] + " " + D.columns[j][1] + ": " + LABEL[cls(c)] }));
      });
      return line;
    }
    // Only the lines in view (plus a margin) are in the DOM once there are more than RENDER_ALL.
    var painted = [-1, -1];
    function paint() {
      var from = 0, to = items.length;
      if (items.length > RENDER_ALL) {
        var top = Math.max(0, scroll.scrollTop - 64);
        from = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
        to = Math.min(items.length, Math.ceil((top + scroll.clientHeight) / ROW_HEIGHT) + OVERSCAN);
        if (from === painted[0] && to === painted[1]) return;
      }
      painted = [from, to];
      body.textContent = "";
      for (var k = from; k < to; k++) {
        var node = lineNode(items[k]);
        node.style.position = "absolute";
        node.style.top = (k * ROW_HEIGHT) + "px";
        body.appendChild(node);
      }
    }
    scroll.addEventListener("scroll", function () { if (items.length > RENDER_ALL) paint(); });
    body.addEventListener("click", function (e) {
      var c = e.target.getAttribute && e.target.getAttribute("data-cell");
      if (c == null) return;
      var old = body.querySelector(".cell.sel");
      if (old) old.classList.remove("sel");
      e.target.classList.add("sel");
      showFlow(Number(c), true);
    });

    // ---- the call flow of one cell: caller -> ... -> notification, each box citing file:line
    function box(title, value, cite, extra, state) {
      var b = el("div", { cls: "box" + (state ? " " + state : value ? "" : " missing") }, [el("h3", { text: title }),
        el("div", { cls: "v", text: value || "—" })]);
      (extra || []).forEach(function (x) { if (x) b.appendChild(el("div", { text: x })); });
      (cite || []).forEach(function (x) { if (x && x.where) b.appendChild(el("div", { cls: "cite", text: x.kind + " " + x.id + " · " + x.where })); });
      return b;
    }
    function showFlow(i, scroll) {
      var row = D.rows[C[i * 5]], col = D.columns[C[i * 5 + 1]], fl = D.flows[C[i * 5 + 2]];
      var cn = S[C[i * 5 + 3]], elin = S[C[i * 5 + 4]], klass = S[fl[0]], outcome = S[fl[1]];
      var region = obj(row[0]), site = obj(row[1]), loc = obj(row[2]), user = obj(row[3]);
      var notice = D.notices[fl[3]];
      var pol = [obj(notice[0]), obj(fl[4]), obj(fl[5]), obj(fl[6]), obj(fl[7])].filter(Boolean);
      var usage = obj(fl[8]), route = obj(fl[9]), gws = fl[10].map(obj), psap = obj(fl[11]);
      var expected = fl[12].map(function (s) { return S[s]; }), mode = S[notice[1]], who = notice[2].map(function (s) { return S[s]; });
      var routed = outcome === "routed";
      // Only what differs from the common case: Microsoft carrying the call, a location not from the LIS, screening.
      var pstn = S[fl[14]], lclass = S[fl[15]], screened = fl[16];
      var byMicrosoft = pstn === "calling_plan" ? "Microsoft (Calling Plan)" : pstn === "operator_connect" ? "Microsoft (Operator Connect)" : "";
      var boxes = [
        box("caller", (user ? "user " + user.id : "any caller at the site") + " dials " + col[1], user ? [user] : [],
          [col[0], S[fl[2]] ? "emergency string " + S[fl[2]] : "not an emergency string", fl[13] != null ? "normalized " + S[fl[13]] : ""]),
        box("site", site ? site.id : "", [site, region], [region ? "region " + region.id : ""]),
        box("location", loc ? loc.id : "", [loc], [S[row[4]], S[row[5]] && S[row[5]] !== "null" ? "found by " + S[row[5]] : "",
          lclass && lclass !== "lis" && lclass !== "none" ? "location class " + lclass.replace(/_/g, " ") : ""]),
        box("policies", pol.map(function (p) { return p.id; }).join(", "), pol, pol.map(function (p) { return p.kind.replace(/_/g, " "); })),
        box("PSTN usage", usage ? usage.id : "", [usage]),
        box("route", route ? route.id : byMicrosoft, [route], [route && byMicrosoft ? "carried by " + byMicrosoft : ""], routed ? "" : "bad"),
        box("gateway", gws.map(function (g) { return g.id; }).join(", "), gws),
        box("calling number", cn, [], [elin && elin !== cn ? "ELIN " + elin : ""]),
        box("PSAP", psap ? psap.id : "", [psap], [LABEL[klass], expected.length ? "expected " + expected.join(", ") : "",
          screened ? "screened by a relay centre first" : ""],
          klass === "correct" ? "good" : klass === "wrong" || klass === "not_routed" ? "bad" : ""),
        box("notification", mode === "none" ? "" : mode.replace(/_/g, " "), [pol[0] && pol[0].kind === "emergency_calling_policy" ? pol[0] : null], who.length ? [who.join(", ")] : ["nobody notified"])
      ];
      flowBox.textContent = "";
      flowBox.appendChild(el("p", null, [el("i", { cls: "swatch o-" + klass }), col[0] + " · " + col[1] + " · " + outcome + " · " + LABEL[klass]]));
      var flow = el("div", { cls: "flow", id: "flow-diagram" });
      boxes.forEach(function (b, k) { if (k) flow.appendChild(el("span", { cls: "arrow", text: "→" })); flow.appendChild(b); });
      flowBox.appendChild(flow);
      var args = (user ? " --user " + user.id : "") + (loc ? " (a caller at location " + loc.id + ")" : "");
      flowBox.appendChild(el("p", { cls: "muted", text: "Step by step with every reason: e911 simulate CONFIG " + col[1] + " --platform " + col[0] + args }));
      if (scroll) flowBox.scrollIntoView({ block: "nearest" });
    }
    redraw();
    // A link can open one cell's flow: report.html#cell=N (N as in data-cell).
    var linked = /^#cell=(\d+)$/.exec(window.location.hash);
    if (linked && Number(linked[1]) < n) showFlow(Number(linked[1]));

    // ---- findings
    app.appendChild(el("h2", { text: "Findings (" + D.findings.rows.length + ")" }));
    app.appendChild(findingsTable(D.findings, D.rule_docs));
  }

  // ---- e911 diff --format html: what got worse first
  function diff(D) {
    var app = document.getElementById("e911-app"), sum = D.summary;
    app.appendChild(el("h1", { text: sum.worse ? "This change makes emergency calling worse" : "Configuration change" }));
    app.appendChild(el("p", { cls: "sub", text: "e911 diff · e911 " + D.version }));
    app.appendChild(el("div", { cls: "cards", id: "summary" }, [card(sum.worse, "outcomes worse", sum.worse > 0),
      card(sum.changed - sum.worse, "other outcome changes"), card(sum.added, "findings added", sum.added > 0), card(sum.fixed, "findings fixed")]));
    function side(s) { return s ? LABEL[s[0]] + (s[1] ? " (" + s[1] + ")" : "") : "—"; }
    var cols = [
      { name: "caller (platform|site|location|user|number)", get: function (o) { return o[0]; } },
      { name: "before", get: function (o) { return side(o[4]); } },
      { name: "after", get: function (o) { return side(o[5]); } },
      { name: "changes", get: function (o) { return o[3].join("; "); } }
    ];
    var worse = D.outcomes.filter(function (o) { return o[1]; });
    app.appendChild(el("h2", { text: "Got worse (" + worse.length + ")" }));
    app.appendChild(worse.length ? dataTable([{ name: "why", get: function (o) { return o[2]; }, cls: function () { return "sev-error"; } }].concat(cols), worse, { cls: "worse" })
      : el("p", { text: "No emergency outcome got worse." }));
    app.appendChild(el("h2", { text: "Other changes (" + (D.outcomes.length - worse.length) + ")" }));
    app.appendChild(dataTable(cols, D.outcomes.filter(function (o) { return !o[1]; }), { cls: "changes" }));
    app.appendChild(el("h2", { text: "Findings added (" + D.findings_added.rows.length + ")" }));
    app.appendChild(findingsTable(D.findings_added, D.rule_docs));
    app.appendChild(el("h2", { text: "Findings fixed (" + D.findings_fixed.rows.length + ")" }));
    app.appendChild(findingsTable(D.findings_fixed, D.rule_docs));
  }

  var started = Date.now();
  var data = JSON.parse(document.getElementById("e911-data").textContent);
  if (data.kind === "diff") diff(data); else report(data);
  document.body.setAttribute("data-rendered-ms", String(Date.now() - started));
  document.body.setAttribute("data-ready", "true");
})();
