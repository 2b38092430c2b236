// Builds ../plotly-custom.min.js from entry.js with plotly.js's own esbuild settings (plotly.js/esbuild-config.js),
// minified, with a banner naming the plotly.js version and the traces (read by tests/test_plotly_bundle.py).
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');

const version = require('plotly.js/package.json').version;
const traces = [...fs.readFileSync(path.join(__dirname, 'entry.js'), 'utf8').matchAll(/plotly\.js\/lib\/(\w+)'/g)]
    .map((m) => m[1]).filter((n) => n !== 'core');
const out = process.argv[2] || path.join(__dirname, '..', 'plotly-custom.min.js');

esbuild.build({
    entryPoints: [path.join(__dirname, 'entry.js')],
    outfile: out,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    banner: { js: `/*! plotly.js v${version} (MIT licence, Copyright Plotly, Inc.), partial bundle: scatter ${traces.join(' ')} */` },
    plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    logLevel: 'info',
}).catch(() => process.exit(1));
