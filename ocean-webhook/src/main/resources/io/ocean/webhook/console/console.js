// The Ocean console: four views over the JSON API under /ocean/api, refreshed every 2 s without reloading.
// Everything from the server is put in the page with textContent, never as HTML.
(function () {
  "use strict";

  var POLL_MS = 2000;
  var API = "api/";
  var view = "events";
  var openTraceId = null;
  var selected = new Set();
  var queueHistory = { t: [], byPath: {} };
  var charts = {};
  var timer = null;

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attrs.text; }
      else if (name === "cls") { node.className = attrs.cls; }
      else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // Rebuilds a part of the page only when its data changed, so rows under the pointer stay put between polls.
  var rendered = {};
  function changed(key, data) {
    var text = JSON.stringify(data);
    if (rendered[key] === text) { return false; }
    rendered[key] = text;
    return true;
  }

  function getJson(path) {
    return fetch(API + path, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 401) { window.location.href = "login"; throw new Error("signed out"); }
        if (!response.ok) { throw new Error(path + ": " + response.status); }
        return response.json();
      });
  }

  function live(ok) {
    $("live-dot").className = "dot " + (ok ? "on" : "off");
    $("live-text").textContent = ok ? "live · updated " + new Date().toLocaleTimeString() : "connection lost; retrying";
  }

  function time(iso) {
    if (!iso) { return ""; }
    var d = new Date(iso);
    return d.toLocaleTimeString([], { hour12: false }) + "." + String(d.getMilliseconds()).padStart(3, "0");
  }

  function dateTime(iso) { return iso ? new Date(iso).toLocaleString([], { hour12: false }) : ""; }

  function short(text) { return !text ? "" : text.length > 14 ? text.slice(0, 13) + "…" : text; }

  function millis(value) {
    if (value === undefined || value === null) { return ""; }
    return value < 10 ? value.toFixed(2) + " ms" : value < 10000 ? Math.round(value) + " ms" : (value / 1000).toFixed(1) + " s";
  }

  function outcomePill(event) {
    var text = event.outcome === "dead-letter" ? "dead letter"
      : event.outcome === "retrying" ? "waiting for retry " + event.retry : event.outcome;
    return el("span", { cls: "pill " + event.outcome, text: text });
  }

  function traceLink(traceId) {
    var link = el("a", { cls: "trace mono", href: "#events", text: traceId.slice(0, 8) });
    link.title = traceId;
    link.addEventListener("click", function (e) {
      e.preventDefault();
      openEvent(traceId);
      show("events");
    });
    return link;
  }

  // ---- Events -------------------------------------------------------------------------------------------------

  function eventsQuery() {
    var params = new URLSearchParams();
    if ($("filter-path").value) { params.set("path", $("filter-path").value); }
    if ($("filter-outcome").value) { params.set("outcome", $("filter-outcome").value); }
    if ($("filter-text").value.trim()) { params.set("q", $("filter-text").value.trim()); }
    params.set("limit", "200");
    return "events?" + params.toString();
  }

  function renderEvents(data) {
    if (!changed("events", [data, openTraceId])) { return; }
    var body = $("events-body");
    clear(body);
    data.events.forEach(function (event) {
      var row = el("tr", { cls: "clickable" + (event.traceId === openTraceId ? " selected" : ""),
        "data-trace-id": event.traceId, "data-outcome": event.outcome }, [
        el("td", { cls: "mono", text: time(event.receivedAt) }),
        el("td", { text: event.path }),
        el("td", { cls: "outcome" }, [outcomePill(event)]),
        el("td", { cls: "mono wide delivery", text: short(event.deliveryId), title: event.deliveryId || "" }),
        el("td", { cls: "wide nowrap", text: millis(event.queueMillis) }),
        el("td", { cls: "wide nowrap", text: millis(event.processingMillis) }),
        el("td", { cls: "mono", text: event.traceId.slice(0, 8) })
      ]);
      row.title = event.reason || event.traceId;
      row.addEventListener("click", function () { openEvent(event.traceId); });
      body.appendChild(row);
    });
    $("events-empty").hidden = data.events.length > 0;
  }

  function openEvent(traceId) {
    openTraceId = traceId;
    getJson("events/" + encodeURIComponent(traceId)).then(renderDetail).catch(function () {
      $("detail-title").textContent = "Event no longer held";
    });
    document.querySelectorAll("#events-body tr").forEach(function (row) {
      row.classList.toggle("selected", row.getAttribute("data-trace-id") === traceId);
    });
  }

  function renderDetail(event) {
    if (!changed("detail", event)) { return; }
    $("event-detail").hidden = false;
    document.querySelector("#view-events .split").classList.add("open");
    $("detail-title").textContent = "Event " + event.traceId.slice(0, 8);
    var facts = $("detail-facts");
    clear(facts);
    [["Trace id", event.traceId], ["Path", event.path], ["Delivery id", event.deliveryId],
      ["Received", dateTime(event.receivedAt)], ["Outcome", null], ["In queue", millis(event.queueMillis)],
      ["Processing", millis(event.processingMillis)], ["Reason", event.reason],
      ["Replayed", event.replays ? event.replays + " time(s)" : null], ["Content type", event.contentType]]
      .forEach(function (fact) {
        if (fact[0] === "Outcome") {
          facts.appendChild(el("dt", { text: "Outcome" }));
          facts.appendChild(el("dd", {}, [outcomePill(event)]));
        } else if (fact[1]) {
          facts.appendChild(el("dt", { text: fact[0] }));
          facts.appendChild(el("dd", { cls: fact[0] === "Trace id" ? "mono" : "", text: fact[1] }));
        }
      });
    var headers = $("detail-headers");
    clear(headers);
    Object.keys(event.headers || {}).forEach(function (name) {
      headers.appendChild(el("tr", { "data-header": name }, [el("td", { text: name }),
        el("td", { cls: "mono", text: event.headers[name].join(", ") })]));
    });
    $("payload-size").textContent = event.payloadBytes >= 0 ? "(" + event.payloadBytes + " bytes)" : "";
    $("payload-note").hidden = !event.payloadNote;
    $("payload-note").textContent = event.payloadNote || "";
    var payload = $("detail-payload");
    clear(payload);
    if (event.payload !== undefined) { payload.appendChild(jsonTree(event.payload, null, 0)); }
    else if (event.payloadText !== undefined) { payload.appendChild(el("div", { cls: "row", text: event.payloadText })); }
    var entities = $("detail-entities");
    clear(entities);
    (event.entities || []).forEach(function (change) {
      entities.appendChild(el("li", {}, [el("span", { cls: "pill " + change.op, text: change.op }),
        document.createTextNode(" " + change.blueprint + " / " + change.identifier)]));
    });
    $("detail-entities-box").hidden = !(event.entities && event.entities.length);
  }

  function closeDetail() {
    openTraceId = null;
    rendered.detail = null;
    $("event-detail").hidden = true;
    document.querySelector("#view-events .split").classList.remove("open");
  }

  // A collapsible, pretty-printed JSON tree: objects and arrays are <details>, open to depth 2.
  function jsonTree(value, key, depth) {
    var label = key === null ? [] : [el("span", { cls: "k", text: JSON.stringify(key) }), document.createTextNode(": ")];
    if (value !== null && typeof value === "object") {
      var isArray = Array.isArray(value);
      var keys = isArray ? value.map(function (_, i) { return i; }) : Object.keys(value);
      var node = el("details", depth < 2 ? { open: "" } : {});
      var summary = el("summary", {}, label);
      summary.appendChild(document.createTextNode(isArray ? "[" + keys.length + "]" : "{" + keys.length + "}"));
      node.appendChild(summary);
      keys.forEach(function (k) { node.appendChild(jsonTree(value[k], isArray ? null : k, depth + 1)); });
      return node;
    }
    var cls = typeof value === "string" ? "s" : typeof value === "number" ? "n" : typeof value === "boolean" ? "b" : "z";
    var row = el("div", { cls: "row" }, label);
    row.appendChild(el("span", { cls: cls, text: JSON.stringify(value) }));
    return row;
  }

  function setAllOpen(container, open) {
    container.querySelectorAll("details").forEach(function (d) { d.open = open; });
  }

  // ---- Dead letters -------------------------------------------------------------------------------------------

  function deadFilter() {
    var query = [];
    if ($("dead-path").value.trim()) { query.push("path=" + encodeURIComponent($("dead-path").value.trim())); }
    if ($("dead-reason").value.trim()) { query.push("reason=" + encodeURIComponent($("dead-reason").value.trim())); }
    return query.join("&");
  }

  function renderDeadSummary(data) {
    var shown = data.deadLetters.length;
    var parts = data.counts.map(function (c) { return c.path + " · " + c.reason + ": " + c.count; });
    $("dead-summary").textContent = data.total + " dead letter(s) held" + (shown < data.total && data.nextCursor
      ? ", newest " + shown + " shown" : "") + (parts.length ? " — " + parts.slice(0, 5).join("; ") : "");
  }

  function renderBulk(job) {
    if (!job) { return; }
    var running = job.status === "running";
    $("bulk-cancel").hidden = !running;
    $("bulk-replay").disabled = running;
    $("bulk-progress").textContent = "Bulk replay " + job.status + ": " + job.replayed + " replayed"
      + (job.refused ? ", " + job.refused + " refused" : "");
  }

  function postAction(path) {
    return fetch(API + path, { method: "POST", credentials: "same-origin" }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    });
  }

  function renderDeadLetters(data) {
    renderDeadSummary(data);
    if (!changed("deadLetters", data)) { return; }
    var body = $("dead-letters-body");
    var present = new Set(data.deadLetters.map(function (l) { return l.traceId; }));
    selected.forEach(function (id) { if (!present.has(id)) { selected.delete(id); } });
    clear(body);
    data.deadLetters.forEach(function (letter) {
      var box = el("input", { type: "checkbox", cls: "select", "aria-label": "select " + letter.traceId });
      box.checked = selected.has(letter.traceId);
      box.addEventListener("change", function () {
        if (box.checked) { selected.add(letter.traceId); } else { selected.delete(letter.traceId); }
        updateSelection();
      });
      var replay = el("button", { type: "button", cls: "replay secondary", text: "Replay" });
      replay.addEventListener("click", function () { replayAll([letter.traceId]); });
      body.appendChild(el("tr", { "data-trace-id": letter.traceId }, [
        el("td", {}, [box]),
        el("td", { cls: "mono", text: dateTime(letter.failedAt) }),
        el("td", { text: letter.path }),
        el("td", { cls: "reason", text: letter.reason }),
        el("td", { text: String(letter.attempts) }),
        el("td", {}, [traceLink(letter.traceId)]),
        el("td", {}, [replay])
      ]));
    });
    $("dead-letters-empty").hidden = data.deadLetters.length > 0;
    updateSelection();
  }

  function updateSelection() {
    $("replay-selected").disabled = selected.size === 0;
    $("replay-selected").textContent = selected.size ? "Replay selected (" + selected.size + ")" : "Replay selected";
  }

  // Pause keeps the path's events stored but not run (across restarts); resume runs them.
  function pauseButton(p) {
    var button = el("button", { type: "button", cls: "pause-toggle", text: p.paused ? "Resume" : "Pause" });
    button.addEventListener("click", function () {
      button.disabled = true;
      var name = p.path.charAt(0) === "/" ? p.path.slice(1) : p.path;
      postAction("paths/" + encodeURIComponent(name) + "/" + (p.paused ? "resume" : "pause"))
        .then(function () { refresh(); }, function () { button.disabled = false; });
    });
    return button;
  }

  function replayAll(traceIds) {
    var done = 0, failed = 0;
    $("replay-message").textContent = "Replaying " + traceIds.length + "…";
    return traceIds.reduce(function (chain, traceId) {
      return chain.then(function () {
        return fetch(API + "dead-letters/" + encodeURIComponent(traceId) + "/replay",
          { method: "POST", credentials: "same-origin" })
          .then(function (response) {
            if (response.status === 202) { done++; selected.delete(traceId); } else { failed++; }
          });
      });
    }, Promise.resolve()).then(function () {
      $("replay-message").textContent = done + " replayed" + (failed ? ", " + failed + " refused" : "")
        + "; they are back in Events.";
      refresh();
    });
  }

  // ---- Entities -----------------------------------------------------------------------------------------------

  function renderEntities(data) {
    if (!changed("entities", data)) { return; }
    $("entity-mode").textContent = data.mode === "local" ? "entities go to the local catalog"
      : data.mode === "port" ? "entities go to Port" : "entities go to a sink set in code";
    $("catalog-box").hidden = data.mode !== "local";
    if (data.mode === "local") {
      var select = $("entity-blueprint");
      var chosen = select.value;
      var known = Array.prototype.map.call(select.options, function (o) { return o.value; });
      (data.blueprints || []).forEach(function (b) { if (known.indexOf(b) < 0) { select.appendChild(el("option", { value: b, text: b })); } });
      select.value = chosen;
      $("catalog-size").textContent = "(" + data.catalogSize + " entities)";
      var body = $("entities-body");
      clear(body);
      data.entities.forEach(function (entity) {
        var identifier = typeof entity.identifier === "string" ? entity.identifier : JSON.stringify(entity.identifier);
        var row = el("tr", { cls: "clickable", "data-identifier": identifier }, [
          el("td", { text: entity.blueprint }), el("td", { cls: "mono", text: identifier }),
          el("td", { text: entity.title || "" }), el("td", { cls: "muted", text: "JSON ›" })]);
        row.addEventListener("click", function () { showEntity(entity, identifier); });
        body.appendChild(row);
      });
      $("entities-empty").hidden = data.entities.length > 0;
    }
    var recent = $("recent-body");
    clear(recent);
    data.recent.forEach(function (change) {
      var row = el("tr", { "data-identifier": change.identifier }, [
        el("td", { cls: "mono", text: time(change.at) }), el("td", {}, [el("span", { cls: "pill " + change.op, text: change.op })]),
        el("td", { text: change.blueprint }), el("td", { cls: "mono", text: change.identifier }),
        el("td", {}, [traceLink(change.traceId)])]);
      if (change.entity) {
        row.classList.add("clickable");
        row.addEventListener("click", function (e) {
          if (e.target.tagName !== "A") { showEntity(change.entity, change.identifier); }
        });
      }
      recent.appendChild(row);
    });
    $("recent-empty").hidden = data.recent.length > 0;
  }

  function showEntity(entity, identifier) {
    $("entity-detail").hidden = false;
    $("entity-title").textContent = entity.blueprint + " / " + identifier;
    clear($("entity-json"));
    $("entity-json").appendChild(jsonTree(entity, null, 0));
  }

  // ---- Health -------------------------------------------------------------------------------------------------

  function chart(id, series, data, bars) {
    var target = $(id);
    var width = Math.max(260, target.clientWidth || 300);
    if (!window.uPlot) { return; }
    if (!charts[id] || charts[id].series.length !== series.length + 1) {
      if (charts[id]) { charts[id].destroy(); }
      charts[id] = new uPlot({
        width: width, height: 170, legend: { show: true }, cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true, range: function (u, min, max) { return min === max ? [min - 60, max + 1] : [min, max]; } },
          y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } }
        },
        axes: [{ space: 60 }, { size: 40 }],
        series: [{}].concat(series.map(function (s) {
          return { label: s.label, stroke: s.color, fill: bars ? s.color + "55" : s.color + "22", width: 1.5,
            paths: bars && uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.7, 40] }) : undefined,
            points: { show: false } };
        }))
      }, data, target);
    } else {
      if (Math.abs(charts[id].width - width) > 10) { charts[id].setSize({ width: width, height: 170 }); }
      charts[id].setData(data);
    }
  }

  function renderHealth(status) {
    var r = status.rates;
    var xs = r.received.map(function (_, i) { return r.start + i * r.stepSeconds; });
    var perSecond = function (v) { return v / r.stepSeconds; };
    chart("chart-rates", [{ label: "received", color: "#0ea5e9" }, { label: "processed", color: "#16a34a" }],
      [xs, r.received.map(perSecond), r.processed.map(perSecond)], false);
    chart("chart-dead", [{ label: "dead-lettered", color: "#dc2626" }], [xs, r.deadLettered], true);
    $("dead-held").textContent = "(" + status.deadLetters + " held)";

    var now = Date.now() / 1000;
    if (!queueHistory.t.length) {
      // an empty sample a minute back gives the first real one a time axis to sit on
      queueHistory.t.push(now - 60);
      status.paths.forEach(function (p) { queueHistory.byPath[p.path] = [null]; });
    }
    queueHistory.t.push(now);
    status.paths.forEach(function (p) {
      if (!queueHistory.byPath[p.path]) { queueHistory.byPath[p.path] = queueHistory.t.slice(0, -1).map(function () { return null; }); }
    });
    Object.keys(queueHistory.byPath).forEach(function (path) {
      var found = status.paths.filter(function (p) { return p.path === path; })[0];
      queueHistory.byPath[path].push(found ? found.queued : null);
    });
    while (queueHistory.t.length && queueHistory.t[0] < now - 900) {
      queueHistory.t.shift();
      Object.keys(queueHistory.byPath).forEach(function (path) { queueHistory.byPath[path].shift(); });
    }
    var colors = ["#7c3aed", "#0ea5e9", "#f59e0b", "#16a34a", "#dc2626"];
    var paths = Object.keys(queueHistory.byPath);
    chart("chart-queue", paths.map(function (p, i) { return { label: p, color: colors[i % colors.length] }; }),
      [queueHistory.t.slice()].concat(paths.map(function (p) { return queueHistory.byPath[p].slice(); })), false);

    var body = $("health-paths");
    if (!changed("health", [status.paths, status.portAppConfig, status.lastResync])) { return; }
    clear(body);
    status.paths.forEach(function (p) {
      body.appendChild(el("tr", { "data-path": p.path }, [el("td", { text: p.path }), el("td", { text: String(p.queued) }),
        el("td", { text: String(p.queuedBytes) }),
        el("td", { text: p.queued > 0 ? p.oldestQueuedSeconds.toFixed(1) + " s" : "—" }),
        el("td", { cls: "path-state", text: p.paused ? "paused" : "running" }),
        el("td", {}, [pauseButton(p)])]));
    });
    $("app-config-source").textContent = status.portAppConfig.source
      + (status.portAppConfig.resources !== undefined ? " · " + status.portAppConfig.resources + " resource(s)" : "");
    var config = $("app-config");
    clear(config);
    if (status.portAppConfig.config !== undefined) { config.appendChild(jsonTree(status.portAppConfig.config, null, 0)); }
    $("last-resync").textContent = resyncText(status.lastResync);
    $("console-info").textContent = "Keeping " + status.console.eventsHeld + " recent events ("
      + status.console.recentEventsPerPath + " per path), " + status.console.payloadBytesHeld + " of "
      + status.console.payloadBytesBudget + " payload bytes. Access: " + status.console.access + ".";
  }

  function resyncText(r) {
    if (!r) { return "No resync has run yet (resyncs run when the integration registers onResync handlers)."; }
    if (r.status === "running") {
      return "Running since " + dateTime(r.startedAt)
        + (r.previousStatus ? " · the last one: " + r.previousStatus + " at " + dateTime(r.previousFinishedAt) : "");
    }
    return "Last resync: " + r.status + " (" + r.trigger + "), " + dateTime(r.startedAt) + " → " + dateTime(r.finishedAt)
      + (r.deleted ? " · " + r.deleted + " stale entit" + (r.deleted === 1 ? "y" : "ies") + " deleted" : "")
      + (r.errors ? " · " + r.errors + " error(s), see the log" : "");
  }

  function renderHeader(status) {
    $("integration").textContent = status.integration.identifier + " · " + status.integration.type + " "
      + status.integration.version;
    $("dead-count").hidden = status.deadLetters === 0;
    $("dead-count").textContent = String(status.deadLetters);
    $("logout").hidden = status.console.access !== "token";
    var select = $("filter-path");
    var known = Array.prototype.map.call(select.options, function (o) { return o.value; });
    status.paths.forEach(function (p) {
      if (known.indexOf(p.path) < 0) { select.appendChild(el("option", { value: p.path, text: p.path })); }
    });
  }

  // ---- Views and polling --------------------------------------------------------------------------------------

  function refresh() {
    var work = [getJson("status").then(function (status) {
      renderHeader(status);
      if (view === "health") { renderHealth(status); }
    })];
    if (view === "events") {
      work.push(getJson(eventsQuery()).then(renderEvents));
      if (openTraceId) { work.push(getJson("events/" + encodeURIComponent(openTraceId)).then(renderDetail, function () { })); }
    } else if (view === "dead-letters") {
      var filter = deadFilter();
      work.push(getJson("dead-letters" + (filter ? "?" + filter : "")).then(renderDeadLetters));
      work.push(fetch(API + "dead-letters/replay", { credentials: "same-origin" }).then(function (response) {
        return response.status === 200 ? response.json().then(renderBulk) : null;
      }));
    } else if (view === "entities") {
      var params = new URLSearchParams();
      if ($("entity-blueprint").value) { params.set("blueprint", $("entity-blueprint").value); }
      if ($("entity-q").value.trim()) { params.set("q", $("entity-q").value.trim()); }
      work.push(getJson("entities?" + params.toString()).then(renderEntities));
    }
    return Promise.all(work).then(function () { live(true); }, function () { live(false); });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { refresh().then(schedule, schedule); }, POLL_MS);
  }

  function show(name) {
    view = ["events", "dead-letters", "entities", "health"].indexOf(name) >= 0 ? name : "events";
    document.querySelectorAll(".view").forEach(function (section) { section.hidden = section.id !== "view-" + view; });
    document.querySelectorAll(".tabs a").forEach(function (tab) {
      tab.setAttribute("aria-selected", tab.id === "tab-" + view ? "true" : "false");
    });
    if (window.location.hash !== "#" + view) { history.replaceState(null, "", "#" + view); }
    refresh().then(schedule, schedule);
  }

  function debounce(fn) {
    var t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, 250); };
  }

  window.addEventListener("hashchange", function () { show(window.location.hash.slice(1)); });
  ["filter-path", "filter-outcome", "entity-blueprint"].forEach(function (id) { $(id).addEventListener("change", refresh); });
  ["filter-text", "entity-q"].forEach(function (id) { $(id).addEventListener("input", debounce(refresh)); });
  $("detail-close").addEventListener("click", closeDetail);
  $("entity-close").addEventListener("click", function () { $("entity-detail").hidden = true; });
  $("payload-expand").addEventListener("click", function (e) { e.preventDefault(); setAllOpen($("detail-payload"), true); });
  $("payload-collapse").addEventListener("click", function (e) { e.preventDefault(); setAllOpen($("detail-payload"), false); });
  $("replay-selected").addEventListener("click", function () { replayAll(Array.from(selected)); });
  $("bulk-replay").addEventListener("click", function () {
    var filter = deadFilter();
    postAction("dead-letters/replay" + (filter ? "?" + filter : "")).then(function (answer) {
      if (answer.status === 202) { renderBulk(answer.body); } else { $("bulk-progress").textContent = answer.body.message; }
    });
  });
  $("bulk-cancel").addEventListener("click", function () {
    postAction("dead-letters/replay/cancel").then(function (answer) { renderBulk(answer.body); });
  });
  $("bulk-discard").addEventListener("click", function () {
    var filter = deadFilter();
    var path = "dead-letters/discard" + (filter ? "?" + filter : "");
    postAction(path).then(function (answer) {
      if (answer.status !== 409 || answer.body.matched === undefined) {
        $("bulk-progress").textContent = answer.body.message;
        return null;
      }
      var which = answer.body.more ? "the newest " + answer.body.matched + " matching dead letters (more match)"
        : answer.body.matched + " dead letter(s)";
      if (!window.confirm("Discard " + which + " for good?")) { return null; }
      return postAction(path + (filter ? "&" : "?") + "confirm=" + answer.body.matched).then(function (done) {
        $("bulk-progress").textContent = done.status !== 200 ? done.body.message
          : done.body.discarded + " discarded" + (done.body.more ? "; more match: discard again for the next" : "");
        refresh();
      });
    });
  });
  $("select-all").addEventListener("change", function () {
    document.querySelectorAll("#dead-letters-body tr").forEach(function (row) {
      var id = row.getAttribute("data-trace-id");
      if ($("select-all").checked) { selected.add(id); } else { selected.delete(id); }
      row.querySelector("input.select").checked = $("select-all").checked;
    });
    updateSelection();
  });
  window.addEventListener("resize", debounce(function () { if (view === "health") { refresh(); } }));
  show(window.location.hash.slice(1) || "events");
})();
