/*
 * Flame graph page script of pprof-ts: reads the embedded JSON (see src/render/flame-data.ts),
 * lays out the tree of the chosen sample type and orientation, and draws the frames wider than
 * a pixel as positioned boxes. Zoom (click, breadcrumb, Escape), regex search with the matched
 * share, tooltips, sample-type switch and the inverted view all work from the embedded data.
 * Every text from the profile goes through textContent: names are data, never markup.
 * Exposes `window.flameGraph` for tests and benchmarks.
 */
(function () {
  'use strict';

  var ROW = 18;
  var MIN_PX = 1; // frames narrower than a pixel (and their callees) are not drawn
  var LABEL_MIN_PX = 24; // narrower boxes get no text
  var CHAR_PX = 7.3; // width of one character of the label font, for choosing short names

  var data = JSON.parse(document.getElementById('flame-data').textContent);
  var $ = function (id) { return document.getElementById(id); };
  var flame = $('flame');
  var tooltip = $('tooltip');
  var state = { type: data.defaultType, orientation: 'callees', zoom: 0, regex: null, tree: null, match: null };
  var layouts = {};

  function frameName(f) { return data.strings[data.frames[3 * f]]; }
  function frameFile(f) { return data.strings[data.frames[3 * f + 1]]; }
  function frameColor(f) { return data.colors[data.frames[3 * f + 2]] || ''; }
  function sampleType() { return data.types[state.type]; }

  /** Name without the package path, for narrow boxes: "github.com/a/b.(*T).M" -> "b.(*T).M". */
  function shortName(name) {
    var head = name.split(' ', 1)[0];
    var slash = head.lastIndexOf('/');
    return slash >= 0 ? name.slice(slash + 1) : name;
  }

  /** Parent, depth, start offset and subtree end of every node, from the preorder arrays. */
  function layout(typeIndex, orientation) {
    var key = typeIndex + ':' + orientation;
    if (layouts[key]) return layouts[key];
    var p = data.types[typeIndex].trees[orientation];
    var n = p.f.length;
    var width = p.w || p.t;
    var parent = new Int32Array(n);
    var depth = new Int32Array(n);
    var x0 = new Float64Array(n);
    var end = new Int32Array(n);
    var stack = [0];
    var left = [p.c[0]];
    var next = [0];
    parent[0] = -1;
    for (var i = 1; i < n; i++) {
      while (left[left.length - 1] === 0) {
        end[stack.pop()] = i;
        left.pop();
        next.pop();
      }
      var top = stack.length - 1;
      var par = stack[top];
      parent[i] = par;
      depth[i] = depth[par] + 1;
      x0[i] = x0[par] + next[top];
      next[top] += Math.abs(width[i]);
      left[top]--;
      stack.push(i);
      left.push(p.c[i]);
      next.push(0);
    }
    while (stack.length > 0) end[stack.pop()] = n;
    var merged = {};
    for (var k = 0; k < p.m.length; k += 2) merged[p.m[k]] = p.m[k + 1];
    layouts[key] = { p: p, n: n, width: width, parent: parent, depth: depth, x0: x0, end: end, merged: merged };
    return layouts[key];
  }

  function nodeName(t, i) {
    return frameName(t.p.f[i]);
  }

  function pathTo(t, i) {
    var path = [];
    for (var a = i; a >= 0; a = t.parent[a]) path.push(a);
    return path.reverse();
  }

  function labelOf(t, i, px) {
    if (px < LABEL_MIN_PX) return '';
    var st = sampleType();
    if (i === 0) return 'root ' + PprofUnits.scaled(t.p.t[0], st.unit, st.outputUnit) + ' (' + PprofUnits.percent(t.p.t[0], st.total) + ')';
    var name = nodeName(t, i);
    return name.length * CHAR_PX > px ? shortName(name) : name;
  }

  function render() {
    var started = performance.now();
    var t = state.tree;
    var z = state.zoom;
    var W = Math.max(1, flame.clientWidth);
    var scale = t.width[z] > 0 ? W / Math.abs(t.width[z]) : 0;
    var base = t.x0[z];
    var items = [];
    var path = pathTo(t, z);
    for (var a = 0; a < path.length; a++) items.push([path[a], 0, W]);
    var maxDepth = t.depth[z];
    for (var i = z + 1; i < t.end[z];) {
      var w = Math.abs(t.width[i]) * scale;
      if (w < MIN_PX) { i = t.end[i]; continue; }
      items.push([i, (t.x0[i] - base) * scale, w]);
      if (t.depth[i] > maxDepth) maxDepth = t.depth[i];
      i++;
    }
    var frag = document.createDocumentFragment();
    var inverted = state.orientation === 'callers';
    for (var k = 0; k < items.length; k++) {
      var id = items[k][0];
      var box = document.createElement('div');
      var f = t.p.f[id];
      box.className = 'frame' + (id === 0 ? ' root' : f === 1 ? ' other' : '') + (id !== z && t.depth[id] < t.depth[z] ? ' ancestor' : '');
      if (state.match !== null && state.match[id] === 1) box.className += ' match';
      else if (state.match !== null) box.className += ' dim';
      box.dataset.node = String(id);
      box.style.left = items[k][1] + 'px';
      // A pixel of space between neighbours once there is room for it.
      box.style.width = (items[k][2] > 3 ? items[k][2] - 1 : items[k][2]) + 'px';
      box.style.top = (inverted ? t.depth[id] : maxDepth - t.depth[id]) * ROW + 'px';
      var change = changeOf(t, id);
      if (change !== null) {
        // Comparisons and delta profiles: red grew, blue shrank, stronger with the change.
        box.dataset.change = change.kind;
        box.style.background = change.color;
      } else if (id !== 0 && f !== 1) box.style.background = frameColor(f);
      box.textContent = labelOf(t, id, items[k][2]);
      frag.appendChild(box);
    }
    flame.replaceChildren(frag);
    flame.style.height = (maxDepth + 1) * ROW + 'px';
    renderBreadcrumb(t, path);
    api.lastRenderMs = performance.now() - started;
    api.drawn = items.length;
  }

  /** Whether the current tree is a comparison or delta (values can be negative, or base values are present). */
  function isComparison(t) {
    if (t.p.b !== undefined) return true;
    if (data.mean !== true) return t.p.w !== undefined;
    // With --mean the widths always go along; the values are signed when a mean is negative.
    if (t.negative === undefined) {
      t.negative = false;
      for (var k = 0; k < t.n && !t.negative; k++) t.negative = t.p.t[k] < 0 || t.p.s[k] < 0;
    }
    return t.negative;
  }

  /**
   * The change of node i (t = new - base for comparisons, the signed value for delta
   * profiles) as 'grew' | 'shrank' | 'same' with a colour whose intensity is the change
   * relative to the largest change of any frame of the tree; null for ordinary profiles.
   */
  function changeOf(t, i) {
    if (!isComparison(t)) return null;
    if (t.maxChange === undefined) {
      var max = 0;
      for (var k = 1; k < t.n; k++) max = Math.max(max, Math.abs(t.p.t[k]));
      t.maxChange = max;
    }
    var delta = t.p.t[i];
    if (delta === 0 || t.maxChange === 0) return { kind: 'same', color: 'rgb(236, 236, 236)' };
    var k2 = Math.round(40 + 190 * Math.min(1, Math.abs(delta) / t.maxChange));
    var c = 255 - k2;
    return delta > 0
      ? { kind: 'grew', color: 'rgb(255, ' + c + ', ' + c + ')' }
      : { kind: 'shrank', color: 'rgb(' + c + ', ' + c + ', 255)' };
  }

  function renderBreadcrumb(t, path) {
    var nav = $('breadcrumb');
    var frag = document.createDocumentFragment();
    path.forEach(function (id, k) {
      if (k > 0) {
        var sep = document.createElement('span');
        sep.className = 'sep';
        sep.textContent = '\u203a';
        frag.appendChild(sep);
      }
      var name = id === 0 ? 'root' : shortName(nodeName(t, id));
      if (k === path.length - 1) {
        var cur = document.createElement('span');
        cur.className = 'current';
        cur.textContent = name;
        frag.appendChild(cur);
      } else {
        var b = document.createElement('button');
        b.type = 'button';
        b.dataset.node = String(id);
        b.textContent = name;
        frag.appendChild(b);
      }
    });
    nav.replaceChildren(frag);
  }

  function renderHeader() {
    var st = sampleType();
    $('title').textContent = data.title;
    var box = $('profile-header');
    var frag = document.createDocumentFragment();
    st.header.forEach(function (line) {
      var div = document.createElement('div');
      div.textContent = line;
      frag.appendChild(div);
    });
    if (data.comparison !== undefined || isComparison(state.tree)) {
      var cmp = document.createElement('div');
      cmp.id = 'comparison';
      cmp.className = 'comparison';
      cmp.textContent = (data.comparison !== undefined
        ? 'Compared with base profile ' + data.comparison.base
        : 'Delta profile (values can be negative)') +
        ': red frames grew, blue frames shrank; the stronger the colour, the larger the change';
      frag.appendChild(cmp);
    }
    if (data.mean === true) {
      var meanNote = document.createElement('div');
      meanNote.id = 'mean';
      meanNote.className = 'comparison';
      meanNote.textContent = 'Values are means per sample (--mean): each frame\'s value divided by its sample count; widths are the summed values';
      frag.appendChild(meanNote);
    }
    var total = document.createElement('div');
    total.className = 'total';
    total.id = 'total';
    total.textContent = 'Total: ' + st.totalText;
    frag.appendChild(total);
    box.replaceChildren(frag);
  }

  function applySearch() {
    var input = $('search');
    var text = input.value;
    var out = $('search-result');
    state.match = null;
    input.classList.remove('invalid');
    if (text === '') { out.textContent = ''; return; }
    // Same syntax as the CLI's --focus / --match (Go's, `(?i)` included): see regex.js.
    var compiled = PprofRegex.compile(text);
    if (compiled.error !== undefined) {
      input.classList.add('invalid');
      out.textContent = 'invalid regexp: ' + compiled.error;
      api.matched = null;
      return;
    }
    var re = compiled.re;
    var t = state.tree;
    var match = new Uint8Array(t.n);
    var count = 0;
    for (var i = 1; i < t.n; i++) {
      if (t.p.f[i] !== 1 && re.test(nodeName(t, i))) { match[i] = 1; count++; }
    }
    // The matched share counts each sample once: only matches without a matching ancestor.
    var sum = 0;
    for (var j = 0; j < t.n;) {
      if (match[j] === 1) { sum += t.p.t[j]; j = t.end[j]; } else j++;
    }
    state.match = match;
    var st = sampleType();
    var frames = count + (count === 1 ? ' frame' : ' frames');
    if (data.mean === true) {
      // Means of different frames do not add up: only the count is meaningful.
      out.textContent = 'Matched: ' + frames;
      api.matched = { value: null, frames: count };
      return;
    }
    out.textContent = 'Matched: ' + PprofUnits.scaled(sum, st.unit, st.outputUnit) + ' (' +
      PprofUnits.percent(sum, st.total) + ') in ' + frames;
    api.matched = { value: sum, frames: count };
  }

  function info(i) {
    var t = state.tree;
    var st = sampleType();
    var f = t.p.f[i];
    var self = t.p.s[i];
    var total = t.p.t[i];
    return {
      name: i === 0 ? 'root' : frameName(f),
      file: frameFile(f),
      merged: t.merged[i] || 0,
      self: self,
      total: total,
      selfText: PprofUnits.scaled(self, st.unit, st.outputUnit),
      totalText: PprofUnits.scaled(total, st.unit, st.outputUnit),
      selfPercent: PprofUnits.percent(self, st.total),
      totalPercent: PprofUnits.percent(total, st.total),
      base: t.p.b !== undefined ? t.p.b[i] : null,
      current: t.p.b !== undefined ? total + t.p.b[i] : null,
      delta: isComparison(t) ? total : null,
    };
  }

  function signed(v) {
    var st = sampleType();
    return (v > 0 ? '+' : '') + PprofUnits.scaled(v, st.unit, st.outputUnit);
  }

  function showTooltip(i, x, y) {
    var d = info(i);
    var lines = [];
    var name = document.createElement('div');
    name.className = 'name';
    name.textContent = d.name;
    lines.push(name);
    var add = function (text) {
      var div = document.createElement('div');
      div.textContent = text;
      lines.push(div);
    };
    if (d.file !== '') add(d.file);
    if (d.merged > 0) add(d.merged + (d.merged === 1 ? ' frame' : ' frames') + ' too narrow to draw, merged');
    add('self:  ' + d.selfText + ' (' + d.selfPercent + ')');
    add('total: ' + d.totalText + ' (' + d.totalPercent + ')');
    if (d.base !== null) {
      var st = sampleType();
      add('base:  ' + PprofUnits.scaled(d.base, st.unit, st.outputUnit));
      add('new:   ' + PprofUnits.scaled(d.current, st.unit, st.outputUnit));
      add('delta: ' + signed(d.delta) + (d.base !== 0 ? ' (' + (d.delta > 0 ? '+' : '') + (100 * d.delta / d.base).toFixed(2) + '% of base)' : ''));
    } else if (d.delta !== null) {
      add('delta: ' + signed(d.delta));
    }
    tooltip.replaceChildren.apply(tooltip, lines);
    tooltip.hidden = false;
    var r = tooltip.getBoundingClientRect();
    var left = x + 14 + r.width > window.innerWidth ? Math.max(0, x - 14 - r.width) : x + 14;
    var top = y + 16 + r.height > window.innerHeight ? Math.max(0, y - 8 - r.height) : y + 16;
    tooltip.style.left = left + 'px';
    tooltip.style.top = top + 'px';
  }

  function nodeOf(target) {
    var elNode = target.closest ? target.closest('[data-node]') : null;
    return elNode === null ? -1 : Number(elNode.dataset.node);
  }

  function zoomTo(i) {
    state.zoom = i >= 0 && i < state.tree.n ? i : 0;
    render();
  }

  function selectTree() {
    state.tree = layout(state.type, state.orientation);
    state.zoom = 0;
    renderHeader();
    applySearch();
    render();
  }

  flame.addEventListener('click', function (e) {
    var i = nodeOf(e.target);
    if (i < 0) return;
    // Clicking the zoomed frame again zooms out one level.
    zoomTo(i === state.zoom && i !== 0 ? state.tree.parent[i] : i);
  });
  flame.addEventListener('mousemove', function (e) {
    var i = nodeOf(e.target);
    if (i < 0) { tooltip.hidden = true; return; }
    showTooltip(i, e.clientX, e.clientY);
  });
  flame.addEventListener('mouseleave', function () { tooltip.hidden = true; });
  $('breadcrumb').addEventListener('click', function (e) {
    var i = nodeOf(e.target);
    if (i >= 0) zoomTo(i);
  });
  $('reset-zoom').addEventListener('click', function () { zoomTo(0); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') zoomTo(0);
  });
  $('sample-type').addEventListener('change', function (e) {
    state.type = Number(e.target.value);
    selectTree();
  });
  $('inverted').addEventListener('change', function (e) {
    state.orientation = e.target.checked ? 'callers' : 'callees';
    selectTree();
  });
  var searchTimer = 0;
  $('search').addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { applySearch(); render(); }, 120);
  });
  var resizeFrame = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(render);
  });

  var api = {
    data: data,
    format: PprofUnits,
    state: state,
    info: info,
    zoomTo: zoomTo,
    /** Node ids of the current tree whose frame name is exactly `name`. */
    find: function (name) {
      var out = [];
      for (var i = 1; i < state.tree.n; i++) if (nodeName(state.tree, i) === name) out.push(i);
      return out;
    },
    search: function (text) { $('search').value = text; applySearch(); render(); return api.matched; },
    lastRenderMs: 0,
    drawn: 0,
    matched: null,
  };
  window.flameGraph = api;

  var select = $('sample-type');
  data.types.forEach(function (st, i) {
    var opt = document.createElement('option');
    opt.value = String(i);
    opt.textContent = st.type + (st.unit !== '' ? ' (' + st.unit + ')' : '');
    select.appendChild(opt);
  });
  select.value = String(state.type);
  document.title = data.title;
  selectTree();
  api.readyMs = performance.now();
  document.documentElement.dataset.ready = 'true';
})();
