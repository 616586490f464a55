/* hrkg map: draws the JSON payload with vis-network. Every text from the graph is put on
   the page with textContent or as a DOM text node, never parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("hrkg-map-data").textContent);
  var view = data.view;
  var relations = data.relations;
  var CLASS_NAMES = data.classNames;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function row(table, key, value) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && value.length === 0)) { return; }
    var tr = el("tr");
    tr.appendChild(el("th", null, key));
    var td = el("td");
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = String(value); }
    tr.appendChild(td);
    table.appendChild(tr);
  }

  function className(cls, sub) {
    var c = CLASS_NAMES[cls];
    var text = c ? c.zh + " · " + c.en : cls;
    if (sub && sub !== cls) { text += " (" + sub + ")"; }
    return text;
  }

  function docList(docs) {
    var names = Array.isArray(docs) ? docs : Object.keys(docs).sort();
    var list = el("ul", "hrkg-docs");
    names.forEach(function (name) {
      var text = Array.isArray(docs) ? name : name + " (" + docs[name] + ")";
      list.appendChild(el("li", null, text));
    });
    return list;
  }

  /* the entity page of an IRI: a path on the server that drew this map, else the IRI */
  function pageLink(uri) {
    var base = view.pageBase || "";
    if (base && uri.indexOf(base + "/") === 0) { return uri.slice(base.length); }
    return /^https?:\/\//.test(uri) ? uri : null;
  }

  function nodeCard(hr) {
    var box = el("div", "hrkg-card");
    var head = el("div", "hrkg-card-title", hr.zh || hr.en || hr.id || hr.uri);
    head.style.borderColor = hr.classColor;
    box.appendChild(head);
    var href = pageLink(hr.uri);
    if (href) {
      var link = el("a", "hrkg-page-link", "实体页 Entity page →");
      link.href = href;
      box.appendChild(link);
    }
    var table = el("table");
    row(table, "类别 Class", className(hr.cls, hr.sub));
    row(table, "中文 Chinese", hr.zh);
    row(table, "English", hr.en);
    if (hr.alt.length) {
      row(table, "别名 Aliases", hr.alt.join("、") + (hr.altMore ? " … +" + hr.altMore : ""));
    }
    row(table, "标识符 Identifier", hr.id);
    if (hr.cls === "Document") {
      row(table, "文件 File", hr.file);
      if (hr.sources.length > 1) {
        row(table, "来源 Sources", hr.sources.length + " 个版本 versions: " + hr.sources.join(", "));
      }
      row(table, "标题 Title", hr.title);
    } else {
      row(table, "提及文档 Mentioned in",
          hr.docs.length + " 份文档 document" + (hr.docs.length === 1 ? "" : "s"));
      if (hr.docs.length) { row(table, "", docList(hr.docs.slice(0, 8))); }
      row(table, "提及次数 Mentions", hr.mentions);
    }
    row(table, "连接 Degree", hr.degree);
    if (hr.hops >= 0 && view.kind === "focus") { row(table, "距离 Hops", hr.hops); }
    if (hr.community >= 0) { row(table, "社区 Community", "#" + (hr.community + 1)); }
    row(table, "URI", hr.uri);
    box.appendChild(table);
    return box;
  }

  function edgeCard(hr, fromLabel, toLabel) {
    var box = el("div", "hrkg-card");
    box.appendChild(el("div", "hrkg-card-title", hr.zh + " · " + hr.en));
    box.appendChild(el("div", "hrkg-edge-ends", fromLabel + (hr.kind === "comention" ? " — " : " → ") + toLabel));
    var table = el("table");
    if (hr.kind === "comention") {
      row(table, "同句次数 Sentences naming both", hr.weight);
    } else if (hr.kind === "mentions") {
      row(table, "提及次数 Mentions", hr.weight);
    } else {
      row(table, "关系 Relation", hr.rel);
    }
    box.appendChild(table);
    if (hr.evidence.length) {
      box.appendChild(el("div", "hrkg-evidence-head", "证据 Evidence"));
      hr.evidence.forEach(function (item) {
        var quote = el("blockquote", "hrkg-evidence");
        quote.appendChild(el("span", "hrkg-sentence", item[0]));
        quote.appendChild(el("cite", null, item[1]));
        box.appendChild(quote);
      });
      if (hr.evidenceMore) { box.appendChild(el("div", "hrkg-more", "… +" + hr.evidenceMore)); }
    } else if (hr.kind === "relation") {
      box.appendChild(el("div", "hrkg-more", "无证据句 no evidence sentence (background knowledge)"));
    }
    return box;
  }

  var labelOf = {};
  data.nodes.forEach(function (n) { labelOf[n.id] = n.hr.zh || n.hr.en || n.label; });
  var colourMode = view.colour;

  function nodeColour(hr, mode) {
    var c = mode === "community" ? hr.communityColor : hr.classColor;
    return { background: c, border: "#2b2b2b", highlight: { background: c, border: "#000000" },
             hover: { background: c, border: "#000000" } };
  }

  var nodeItems = data.nodes.map(function (n) {
    n.title = nodeCard(n.hr);
    n.color = nodeColour(n.hr, colourMode);
    return n;
  });
  var edgeItems = data.edges.map(function (e) {
    e.title = edgeCard(e.hr, labelOf[e.from] || e.from, labelOf[e.to] || e.to);
    return e;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  /* ---- filters: by class, by document, by relation (co-mentions: a layer, off by default) ---- */
  var hiddenClasses = {};
  var hiddenRelations = { comention: !view.comentions };
  var onlyDocument = "";
  function nodeShown(n) {
    if (n.id === view.center) { return true; }
    if (hiddenClasses[n.hr.cls]) { return false; }
    if (!onlyDocument) { return true; }
    return n.hr.docs.indexOf(onlyDocument) >= 0 || n.hr.file === onlyDocument;
  }
  var nodesView = new vis.DataView(nodes, { filter: nodeShown });
  var edgesView = new vis.DataView(edges, { filter: function (e) {
    return !hiddenRelations[e.hr.rel] && nodesView.get(e.from) !== null && nodesView.get(e.to) !== null;
  } });
  var container = document.getElementById("hrkg-network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);

  /* ---- heading, note, legend ---- */
  var heading = document.getElementById("hrkg-heading");
  if (view.kind === "focus") {
    heading.textContent = "以「" + view.centerLabel + "」为中心（" + view.hops + " 跳）· Neighbourhood";
  } else if (view.kind === "document") {
    heading.textContent = "文档 Document：" + view.centerLabel +
      (view.centerTitle ? " — " + view.centerTitle : "");
  } else {
    heading.textContent = "知识图谱概览 · Overview";
  }
  document.title = "hrkg · " + heading.textContent;

  var note = document.getElementById("hrkg-note");
  var shown = el("p", null, "显示 " + nodes.length + " 个节点、" + edgesView.length + " 条连线 · " +
    nodes.length + " nodes, " + edgesView.length + " edges shown" +
    (edgesView.length < edges.length ? " (" + (edges.length - edgesView.length) +
      " 条共现连线在图层中 co-mentions in their layer, see Filters)" : "") +
    (view.types.length ? " (" + view.types.join(", ") + ")" : ""));
  note.appendChild(shown);
  if (view.leftOut > 0) {
    var parts = Object.keys(view.leftOutByClass).map(function (cls) {
      var c = CLASS_NAMES[cls];
      return (c ? c.zh : cls) + " " + view.leftOutByClass[cls];
    });
    var left = el("p", "hrkg-left-out",
      "已省略 " + view.leftOut + " / " + view.candidates + " 个连接较少的节点（" + parts.join("、") +
      "）· " + view.leftOut + " less connected nodes left out; raise --max-nodes (now " +
      view.maxNodes + ") to see them.");
    left.id = "hrkg-left-out";
    note.appendChild(left);
  }
  if (view.weakEdges > 0) {
    note.appendChild(el("p", null, "为清晰起见，每个节点只画最强的 " + view.edgesPerNode + " 条共现连线，另有 " +
      view.weakEdges + " 条未画 · only the " + view.edgesPerNode + " strongest co-mentions per node are drawn; " +
      view.weakEdges + " weaker ones hidden (--edges-per-node 0 draws all)."));
  }
  if (view.lightEdges > 0) {
    note.appendChild(el("p", null, view.lightEdges + " 条共现次数低于 " + view.minWeight +
      " 的连线未显示 · co-mention edges lighter than --min-weight " + view.minWeight + " hidden."));
  }
  note.appendChild(el("p", "hrkg-hint", "节点大小 = 连接数（度）· node size = degree. " +
    "共现 = 语料中同时提及两个实体的句子数 · co-mention = sentences of the corpus that name both."));

  function drawLegend() {
    var legend = document.getElementById("hrkg-legend");
    legend.textContent = "";
    if (colourMode === "community") {
      legend.appendChild(el("h2", null, "社区 Communities (" + data.legend.communityCount + ", Louvain)"));
      var list = el("ul");
      data.legend.communities.forEach(function (c) {
        var item = el("li");
        var glyph = el("span", "hrkg-glyph", "●");
        glyph.style.color = c.color;
        item.appendChild(glyph);
        item.appendChild(document.createTextNode(" #" + (c.community + 1) + " " + c.leader +
          " 等 " + c.size + " 个 · " + c.size + " nodes"));
        list.appendChild(item);
      });
      if (data.legend.communityCount > data.legend.communities.length) {
        list.appendChild(el("li", "hrkg-hint", "其余社区为灰色 · other communities grey"));
      }
      legend.appendChild(list);
    } else {
      legend.appendChild(el("h2", null, "图例 Legend"));
      var classes = el("ul");
      data.legend.classes.forEach(function (c) {
        var item = el("li");
        var glyph = el("span", "hrkg-glyph", c.glyph);
        glyph.style.color = c.color;
        item.appendChild(glyph);
        item.appendChild(document.createTextNode(" " + c.zh + " " + c.en + " (" + c.count + ")"));
        classes.appendChild(item);
      });
      legend.appendChild(classes);
    }
    var rels = el("ul", "hrkg-relations");
    data.legend.relations.forEach(function (key) {
      var r = relations[key] || relations.other;
      var item = el("li");
      var line = el("span", "hrkg-line" + (key === "comention" ? " thin" : key === "mentions" ? " dashed" : ""));
      line.style.borderColor = r.color;
      item.appendChild(line);
      item.appendChild(document.createTextNode(" " + r.zh + " " + (relations[key] ? r.en : key)));
      rels.appendChild(item);
    });
    legend.appendChild(rels);
  }
  drawLegend();

  function refilter() {
    nodesView.refresh();
    edgesView.refresh();
    network.redraw();
  }
  function checkbox(list, text, checked, colour, onChange) {
    var item = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); refilter(); });
    label.appendChild(box);
    if (colour) {
      var swatch = el("span", "hrkg-swatch");
      swatch.style.background = colour;
      label.appendChild(swatch);
    }
    label.appendChild(document.createTextNode(" " + text));
    item.appendChild(label);
    list.appendChild(item);
    return box;
  }
  var filterBoxes = { classes: {}, relations: {} };
  (function drawFilters() {
    var panel = document.getElementById("hrkg-filters");
    panel.appendChild(el("h2", null, "筛选 Filters"));
    var classes = el("ul", "hrkg-filter-list");
    data.legend.classes.forEach(function (c) {
      filterBoxes.classes[c.cls] = checkbox(classes, c.zh + " " + c.en, true, c.color,
        function (on) { hiddenClasses[c.cls] = !on; });
    });
    panel.appendChild(classes);
    if (data.documents.length) {
      var label = el("label", "hrkg-filter-doc", "文档 Document ");
      var select = el("select");
      select.id = "hrkg-filter-document";
      var all = el("option", null, "全部 all documents");
      all.value = "";
      select.appendChild(all);
      data.documents.forEach(function (d) {
        var option = el("option", null, d.label + (d.sources.length > 1 ? " (" + d.sources.length + " 个版本 versions)" : ""));
        option.value = d.file;
        select.appendChild(option);
      });
      select.addEventListener("change", function () { onlyDocument = select.value; refilter(); });
      label.appendChild(select);
      panel.appendChild(label);
    }
    var rels = el("ul", "hrkg-filter-list");
    data.legend.relations.forEach(function (key) {
      var r = relations[key] || relations.other;
      var text = r.zh + " " + (relations[key] ? r.en : key) +
        (key === "comention" ? " (图层 layer)" : "");
      filterBoxes.relations[key] = checkbox(rels, text, !hiddenRelations[key], r.color,
        function (on) { hiddenRelations[key] = !on; });
    });
    panel.appendChild(rels);
  }());

  /* ---- labels: placed by the page, most important first, never over another label or a node;
     zoom in and the less important ones find room. The focus is placed first, drawn last. ---- */
  var LABEL_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans', sans-serif";
  var labelled = [];
  var labelBoxes = [];
  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) { return true; }
    }
    return false;
  }
  function priority(n) {
    if (n.id === view.center) { return -2; }
    return n.hr.cls === "Document" ? -1 : n.hr.rank;
  }
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    var shown = nodesView.get();
    var positions = network.getPositions(shown.map(function (n) { return n.id; }));
    var width = container.clientWidth, height = container.clientHeight;
    var obstacles = [];
    var todo = [];
    shown.forEach(function (n) {
      var at = network.canvasToDOM(positions[n.id]);
      var r = (n.size || 10) * scale + 1;
      if (n.shape === "box") {
        var box = network.getBoundingBox(n.id);
        var tl = network.canvasToDOM({ x: box.left, y: box.top });
        var br = network.canvasToDOM({ x: box.right, y: box.bottom });
        obstacles.push({ x: tl.x, y: tl.y, w: br.x - tl.x, h: br.y - tl.y });
      } else {
        obstacles.push({ x: at.x - r, y: at.y - r, w: 2 * r, h: 2 * r });
      }
      todo.push({ n: n, at: at, r: r });
    });
    todo.sort(function (a, b) { return priority(a.n) - priority(b.n) || (a.n.id < b.n.id ? -1 : 1); });
    var ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top";
    var draws = [];
    labelled = [];
    labelBoxes = [];
    todo.forEach(function (item) {
      var n = item.n;
      if (n.shape === "box") { labelled.push(n.id); return; }
      var at = item.at, r = item.r;
      if (at.x < -50 || at.y < -50 || at.x > width + 50 || at.y > height + 50) { return; }
      var focus = n.id === view.center;
      var size = focus ? 16 : 13;
      ctx.font = (focus ? "bold " : "") + size + "px " + LABEL_FONT;
      var text = n.hr.short;
      var w = ctx.measureText(text).width + 6, h = size + 4;
      /* below, above, right, left; then the corners and one line further out, for a node
         drawn next to a twin (two reports with the same neighbours lie on one spot) */
      var places = [{ x: at.x - w / 2, y: at.y + r + 1 }, { x: at.x - w / 2, y: at.y - r - 1 - h },
                    { x: at.x + r + 2, y: at.y - h / 2 }, { x: at.x - r - 2 - w, y: at.y - h / 2 },
                    { x: at.x + r + 2, y: at.y + r + 1 }, { x: at.x - r - 2 - w, y: at.y + r + 1 },
                    { x: at.x + r + 2, y: at.y - r - 1 - h }, { x: at.x - r - 2 - w, y: at.y - r - 1 - h },
                    { x: at.x - w / 2, y: at.y + r + 2 + h }, { x: at.x - w / 2, y: at.y - r - 2 - 2 * h }];
      for (var i = 0; i < places.length; i++) {
        var box = { x: places[i].x, y: places[i].y, w: w, h: h };
        var inside = box.x >= 0 && box.y >= 0 && box.x + w <= width && box.y + h <= height;
        if (inside && !overlaps(box, obstacles)) {
          obstacles.push(box);
          draws.push({ box: box, text: text, font: ctx.font, focus: focus });
          labelBoxes.push(box);
          labelled.push(n.id);
          return;
        }
      }
    });
    for (var d = draws.length - 1; d >= 0; d--) {  /* the most important last: on top */
      var item = draws[d];
      ctx.font = item.font;
      ctx.lineJoin = "round";
      ctx.lineWidth = 4;
      ctx.strokeStyle = item.focus ? "#fff59d" : "rgba(255, 255, 255, 0.92)";
      ctx.strokeText(item.text, item.box.x + 3, item.box.y + 2);
      ctx.fillStyle = "#111111";
      ctx.fillText(item.text, item.box.x + 3, item.box.y + 2);
    }
    ctx.restore();
  });

  /* ---- details panel ---- */
  var details = document.getElementById("hrkg-details");
  function showDetails(card) {
    details.textContent = "";
    details.appendChild(card);
  }
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return false; }
    showDetails(nodeCard(n.hr));
    return true;
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return false; }
    showDetails(edgeCard(e.hr, labelOf[e.from] || e.from, labelOf[e.to] || e.to));
    return true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); } else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  /* ---- search ---- */
  var options = document.getElementById("hrkg-node-list");
  var searchIndex = [];
  data.nodes.slice().sort(function (a, b) { return b.hr.degree - a.hr.degree; }).forEach(function (n) {
    var hr = n.hr;
    var keys = [hr.zh, hr.en, hr.id, hr.file].concat(hr.alt).filter(Boolean);
    searchIndex.push({ id: n.id, keys: keys.map(function (k) { return k.toLowerCase(); }) });
    var option = document.createElement("option");
    option.value = hr.zh || hr.en || hr.id || n.id;
    option.label = [hr.en, hr.id].filter(Boolean).join(" · ");
    options.appendChild(option);
  });
  function findNode(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { return null; }
    var exact = searchIndex.filter(function (s) { return s.keys.indexOf(q) >= 0; });
    if (exact.length) { return exact[0].id; }
    var partial = searchIndex.filter(function (s) {
      return s.keys.some(function (k) { return k.indexOf(q) >= 0; });
    });
    return partial.length ? partial[0].id : null;
  }
  var status = document.getElementById("hrkg-search-status");
  function search(query) {
    var id = findNode(query);
    if (id === null) {
      status.textContent = "未找到 not found";
      return null;
    }
    status.textContent = "";
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    showNode(id);
    return id;
  }
  var input = document.getElementById("hrkg-search");
  input.addEventListener("change", function () { search(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { search(input.value); }
  });

  /* ---- colouring ---- */
  function setColour(mode) {
    colourMode = mode === "community" ? "community" : "class";
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, color: nodeColour(n.hr, colourMode) };
    }));
    drawLegend();
    document.querySelectorAll("input[name=hrkg-colour]").forEach(function (radio) {
      radio.checked = radio.value === colourMode;
    });
  }
  document.querySelectorAll("input[name=hrkg-colour]").forEach(function (radio) {
    radio.checked = radio.value === colourMode;
    radio.addEventListener("change", function () { setColour(radio.value); });
  });

  /* ---- physics: stabilize, then freeze ---- */
  var loading = document.getElementById("hrkg-loading");
  var loadingText = document.getElementById("hrkg-loading-text");
  function markReady() {
    loading.style.display = "none";
    window.hrkgMapReady = { nodes: nodes.length, edges: edges.length, view: view.kind };
    document.documentElement.setAttribute("data-hrkg-ready", String(nodes.length));
  }
  function freeze() {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
  }
  network.on("stabilizationProgress", function (params) {
    loadingText.textContent = "布局中 Laying out… " + Math.round(100 * params.iterations / params.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    freeze();
    markReady();
  });
  if (nodes.length === 0) {
    note.appendChild(el("p", "hrkg-left-out", "没有可显示的节点 · nothing to show for this view."));
    markReady();
  }
  document.getElementById("hrkg-relayout").addEventListener("click", function () {
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilizationIterationsDone", freeze);
    network.stabilize(data.options.physics.stabilization.iterations);
  });
  document.getElementById("hrkg-fit").addEventListener("click", function () {
    network.fit({ animation: false });
  });

  window.hrkgMap = { network: network, nodes: nodes, edges: edges, search: search,
                     showNode: showNode, showEdge: showEdge, setColour: setColour,
                     nodesView: nodesView, edgesView: edgesView, filters: filterBoxes,
                     labelled: function () { return labelled.slice(); },
                     labelBoxes: function () { return labelBoxes.slice(); } };
}());
