/* Explorer ('/'): hovering a country on the map, a bar in the ranking or a line in the time series highlights the
 * same country on the other two charts, and unhovering clears it (issue 3).
 *
 * Entirely client-side and instant: no Dash prop, no callback, no Plotly redraw. Plotly.restyle was measured at
 * ~1 s on the 50m world map (a geo restyle recomputes every shape), so the highlight is drawn on the graphs' own
 * SVG instead: CSS classes (assets/explorer.css) on the matching bar / line, and on the map a copy of the
 * country's outline drawn on top of the others. Nothing reaches the server and no URL history entry is written
 * (assets/url_history.js only acts on URL writes).
 *   map:     a thick dark outline around the country (values layer or the grey "No data" layer)
 *   ranking: the bar gets a dark outline, the other bars fade
 *   series:  the country's line is thickened, the other lines dim
 * Every trace carries its ISO3: the map in `locations`, ranking bars and series lines in `customdata`. A new
 * figure from the server (afterplot) re-applies the current highlight, so it never sticks to a stale element.
 *
 * The pure helpers (no DOM) are exported for node so tests/test_explorer_hover_js.py can unit-test them.
 */
(function (root) {
  'use strict';

  var KEYS = {map: 'explorer-map', ranking: 'explorer-ranking', series: 'explorer-series'};
  var ISO3 = /^[A-Z]{3}$/;
  var LINKED = 'hover-linked';      // on the graph div while one of its items is highlighted
  var HIT = 'hover-link-hit';       // on the highlighted bar (g.point) or line (g.trace)
  var OUTLINE = 'hover-link-outline';  // the map's outline copy

  // ------------------------------------------------------------ pure helpers

  function first(v) {
    if (v && typeof v === 'object' && typeof v.length === 'number') { return v.length ? v[0] : null; }
    return v;
  }

  /** The ISO3 code a hover point refers to (map: location; bars/lines: customdata), or null. */
  function isoOfPoint(pt) {
    if (!pt) { return null; }
    var v = pt.location != null ? pt.location : first(pt.customdata);
    return typeof v === 'string' && ISO3.test(v) ? v : null;
  }

  function indexOf(arr, iso) {
    if (!arr || typeof iso !== 'string') { return -1; }
    for (var i = 0; i < arr.length; i++) { if (arr[i] === iso) { return i; } }
    return -1;
  }

  /** Map: {trace, point} where ``iso`` is drawn (values layer or "No data" layer), or null. */
  function mapMatch(traces, iso) {
    for (var t = 0; t < (traces || []).length; t++) {
      var i = indexOf(traces[t].locations, iso);
      if (i >= 0) { return {trace: t, point: i}; }
    }
    return null;
  }

  /** Ranking: {trace, point} of the bar of ``iso``, or null when it is not ranked. */
  function rankingMatch(traces, iso) {
    for (var t = 0; t < (traces || []).length; t++) {
      var i = indexOf(traces[t].customdata, iso);
      if (i >= 0) { return {trace: t, point: i}; }
    }
    return null;
  }

  /** Series: {trace} of the line of ``iso`` (its customdata is the code on every point), or null. */
  function seriesMatch(traces, iso) {
    for (var t = 0; t < (traces || []).length; t++) {
      if (typeof iso === 'string' && first(traces[t].customdata) === iso) { return {trace: t}; }
    }
    return null;
  }

  var MATCH = {map: mapMatch, ranking: rankingMatch, series: seriesMatch};
  var api = {isoOfPoint: isoOfPoint, mapMatch: mapMatch, rankingMatch: rankingMatch, seriesMatch: seriesMatch,
             KEYS: KEYS, current: null};

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
    return;
  }

  // ------------------------------------------------------------ browser: drawing on the graphs' SVG

  function graphDiv(key) {
    var outer = document.getElementById(JSON.stringify({key: key, type: 'chart-graph'}));
    if (!outer) { return null; }
    return outer.classList.contains('js-plotly-plot') ? outer : outer.querySelector('.js-plotly-plot');
  }

  function clear(gd) {
    gd.classList.remove(LINKED);
    var hits = gd.querySelectorAll('.' + HIT);
    for (var i = 0; i < hits.length; i++) { hits[i].classList.remove(HIT); }
    var outlines = gd.querySelectorAll('.' + OUTLINE);
    for (var j = 0; j < outlines.length; j++) { outlines[j].parentNode.removeChild(outlines[j]); }
    gd.removeAttribute('data-hover-iso3');
  }

  /** The SVG element(s) of trace ``t`` in a layer (Plotly keeps one g.trace per trace, in fullData order). */
  function traceGroup(gd, layer, t) {
    var groups = gd.querySelectorAll(layer + ' g.trace');
    for (var i = 0; i < groups.length; i++) {
      var cd = groups[i].__data__;
      var tr = cd && cd[0] && cd[0].trace;
      if (tr && tr.index === t) { return groups[i]; }
    }
    return null;
  }

  var DRAW = {
    map: function (gd, m, iso) {
      var paths = gd.querySelectorAll('path.choroplethlocation');
      for (var i = 0; i < paths.length; i++) {
        var d = paths[i].__data__;
        if (!d || d.loc !== iso) { continue; }
        var copy = paths[i].cloneNode(false);
        copy.removeAttribute('style');
        copy.setAttribute('class', OUTLINE);
        copy.setAttribute('data-iso3', iso);
        var layer = paths[i].closest('.choroplethlayer') || paths[i].parentNode;
        layer.appendChild(copy);  // after every trace: drawn on top of the neighbours' fills
        return true;
      }
      return false;
    },
    ranking: function (gd, m) {
      var g = traceGroup(gd, '.barlayer', m.trace);
      var point = g && g.querySelectorAll('g.point')[m.point];
      if (!point) { return false; }
      point.classList.add(HIT);
      return true;
    },
    series: function (gd, m) {
      var g = traceGroup(gd, '.scatterlayer', m.trace);
      if (!g) { return false; }
      g.classList.add(HIT);
      return true;
    }
  };

  function highlight(view, gd, iso) {
    clear(gd);
    var m = iso ? MATCH[view](gd.data, iso) : null;
    if (m && DRAW[view](gd, m, iso)) {
      gd.classList.add(LINKED);
      gd.setAttribute('data-hover-iso3', iso);
    }
  }

  var state = {source: null, iso: null};

  /** Highlight ``iso`` (null clears) on every explorer chart except ``source`` (which shows its own hover label). */
  function link(source, iso) {
    state = {source: source, iso: iso || null};
    api.current = state.iso;
    Object.keys(KEYS).forEach(function (view) {
      var gd = graphDiv(KEYS[view]);
      if (!gd || !gd.data) { return; }
      if (view === source) { clear(gd); } else { highlight(view, gd, state.iso); }
    });
  }

  function bind() {
    Object.keys(KEYS).forEach(function (view) {
      var gd = graphDiv(KEYS[view]);
      // bound once per Plotly event emitter (Plotly.purge drops the emitter and its listeners)
      if (!gd || typeof gd.on !== 'function' || !gd._ev || gd.__hoverLinkEv === gd._ev) { return; }
      gd.__hoverLinkEv = gd._ev;
      gd.on('plotly_hover', function (ev) { link(view, isoOfPoint(ev && ev.points && ev.points[0])); });
      gd.on('plotly_unhover', function () { link(view, null); });
      gd.on('plotly_afterplot', function () {  // a new figure or a redraw: draw the current highlight again
        if (view !== state.source) { highlight(view, gd, state.iso); }
      });
    });
  }

  api.link = link;
  api.bind = bind;
  root.explorerHover = api;

  // Graphs appear (and may be re-created) after Dash renders the page: bind whenever the DOM changes.
  var queued = false;
  function onMutation() {
    if (queued) { return; }
    queued = true;
    window.setTimeout(function () { queued = false; bind(); }, 50);
  }
  function start() {
    new MutationObserver(onMutation).observe(document.body, {childList: true, subtree: true});
    bind();
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})(typeof window !== 'undefined' ? window : this);
