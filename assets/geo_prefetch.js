/* Start loading the world base map as the page loads, on the pages whose first view is a world map.
 *
 * plotly.js fetches its TopoJSON only once a map is plotted and uses any copy already in
 * window.PlotlyGeoAssets.topojson (keyed "<scope>_<resolution>m"); fetching it here, while the scripts
 * evaluate and the first callbacks run, lets the map draw in its first pass instead of after the other charts.
 * Same file, same origin (assets/topojson, as config.topojsonURL), so nothing changes offline.
 */
(function () {
  var MAP_PAGES = /^\/(flows)?$/; // the explorer and the flows page open on a world map (resolution 50)
  if (!MAP_PAGES.test(window.location.pathname) || !window.fetch) return;
  fetch('/assets/topojson/world_50m.json')
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (topo) {
      if (!topo) return;
      var assets = (window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}});
      assets.topojson = assets.topojson || {};
      if (assets.topojson.world_50m === undefined) assets.topojson.world_50m = topo;
    })
    .catch(function () { /* plotly.js fetches it itself */ });
})();
