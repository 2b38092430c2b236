// The trace types the dashboard draws (scatter comes with the core). tests/test_plotly_bundle.py checks that
// every figure the app builds uses only these; add a trace here and run `make plotly-js` before using it.
'use strict';
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/sankey'),
]);
// Base maps come from this app, never from plotly's CDN default (https://cdn.plot.ly/un/): the default for every
// graph, so a map that forgets config.topojsonURL still works offline (the pages and embeds also set it).
Plotly.setPlotConfig({topojsonURL: '/assets/topojson/'});
module.exports = Plotly;
