/* Presenter mode (issues 7 and 17): open any page or deck with ?present=1 for a projector. One chart per screen,
 * full-bleed, the page's controls folded into a slim bar that opens on hover or keyboard focus, high-contrast
 * type (assets/presenter.css, scoped to html.present), and every chart's own text at least MIN px: after each
 * draw the figure's fonts below MIN are raised with Plotly.relayout/restyle, so plotly lays the larger text out
 * itself (nothing overlaps or clips).
 *
 * Keys (a presentation clicker sends PageUp/PageDown or the arrows):
 *   ArrowRight, PageDown / ArrowLeft, PageUp   next / previous chart        (the chart's number is ?slide=N)
 *   + or ArrowUp / - or ArrowDown               the year (the slider of the controls above the chart) up / down
 *   Escape                                      leave presenter mode (same page and state, without present/slide)
 *   F                                           full screen on / off
 * Keys typed into inputs, or sent to a focused slider, dropdown or open panel, are left to them. The class and
 * the slide number survive the URL writes of the page's callbacks (assets/url_history.js keeps them).
 */
(function () {
  var params = new URLSearchParams(window.location.search);
  if (params.get('present') !== '1') { return; }
  var root = document.documentElement;
  root.classList.add('present');
  var MIN = 24;  // px: the smallest chart text at 1920x1080
  function bar() {  // px: the folded controls bar (presenter.css --present-bar; 0 on pages without controls)
    var main = document.querySelector('main.page');
    return main ? parseFloat(getComputedStyle(main).getPropertyValue('--present-bar')) || 0 : 0;
  }
  var current = Math.max(0, (parseInt(params.get('slide') || '1', 10) || 1) - 1);

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function visible(el) { return el.offsetParent !== null && el.getClientRects().length > 0; }
  function slides() {
    return Array.prototype.filter.call(document.querySelectorAll('main section.chart'), visible);
  }
  function setSlideInUrl(n) {
    var url = new URL(window.location.href);
    url.searchParams.set('slide', String(n + 1));
    var next = url.pathname + url.search.replace(/%2C/g, ',') + url.hash;
    if (next !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, '', next);
    }
  }
  function go(n, smooth) {
    var list = slides();
    if (!list.length) { return; }
    current = Math.max(0, Math.min(list.length - 1, n));
    var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    list[current].scrollIntoView({block: 'start', behavior: smooth && !reduce ? 'smooth' : 'auto'});
    list[current].setAttribute('data-present-current', '1');
    list.forEach(function (s, i) { if (i !== current) { s.removeAttribute('data-present-current'); } });
    setSlideInUrl(current);
  }

  // ---- chart text: raise every font below MIN after each draw (idempotent: nothing to change -> no call)
  function fontUpdates(obj, path, out) {
    if (!obj || typeof obj !== 'object') { return out; }
    Object.keys(obj).forEach(function (k) {
      if (k.charAt(0) === '_') { return; }
      var v = obj[k], p = path ? path + '.' + k : k;
      if (/font$/i.test(k) && v && typeof v === 'object' && !Array.isArray(v)) {
        var s = v.size;
        if ((typeof s === 'number' && s < MIN) || (Array.isArray(s) && s.some(function (x) { return x < MIN; }))) {
          out[p + '.size'] = MIN;
        }
      } else if (Array.isArray(v)) {
        v.forEach(function (item, i) { if (item && typeof item === 'object') { fontUpdates(item, p + '[' + i + ']', out); } });
      } else if (v && typeof v === 'object') {
        fontUpdates(v, p, out);
      }
    });
    return out;
  }
  function enlarge(gd) {
    if (!window.Plotly || !gd.layout || gd._presentBusy) { return; }
    var lay = fontUpdates(gd.layout, '', {});
    if (!gd.layout.font || !(gd.layout.font.size >= MIN)) { lay['font.size'] = MIN; }
    if (!gd.layout.uniformtext || gd.layout.uniformtext.minsize !== MIN) {
      lay['uniformtext.minsize'] = MIN; lay['uniformtext.mode'] = 'show';
    }
    var box = gd.parentElement;  // the graph's box fills the slide (presenter.css); a fixed figure height follows it
    if (box && gd.layout.height && Math.abs(gd.layout.height - box.clientHeight) > 4 && box.clientHeight > 100) {
      lay.height = box.clientHeight;
    }
    var traces = [];
    (gd.data || []).forEach(function (tr, i) {
      var up = fontUpdates(tr, '', {});
      if (tr.type === 'sankey' && !(tr.textfont && tr.textfont.size >= MIN)) {
        up['textfont.size'] = MIN; up['textfont.color'] = '#000000';  // projector contrast
        var m = gd.layout.margin || {};  // room for the first and last node's label
        if (!(m.t >= MIN)) { lay['margin.t'] = MIN; }
        if (!(m.b >= MIN)) { lay['margin.b'] = MIN; }
      }
      // Sankey nodes carry their values in their labels already (dashboard/figures/flows.py sankey)
      if (Object.keys(up).length) { traces.push([up, i]); }
    });
    if (!Object.keys(lay).length && !traces.length) { return; }
    gd._presentBusy = true;
    var done = function () { gd._presentBusy = false; };
    var chain = Object.keys(lay).length ? window.Plotly.relayout(gd, lay) : Promise.resolve();
    traces.forEach(function (t) { chain = chain.then(function () { return window.Plotly.restyle(gd, t[0], [t[1]]); }); });
    chain.then(done, done);
  }
  function hook(gd) {
    if (gd._presentHooked || !gd.on) { return; }
    gd._presentHooked = true;
    gd.on('plotly_afterplot', function () { enlarge(gd); });
    enlarge(gd);
  }
  function hookAll() {
    Array.prototype.forEach.call(document.querySelectorAll('main .js-plotly-plot'), hook);
  }

  // ---- the first screen: the slide named in the URL, once the charts are there
  var placed = false;
  new MutationObserver(function () {
    hookAll();
    var list = slides();
    // placed once the charts are there, and again when React replaces the server's static first view
    // (layouts/first_view.py): the new sections do not carry the mark
    if (list.length > current && (!placed || !list[current].hasAttribute('data-present-current'))) {
      placed = true;
      window.dispatchEvent(new Event('resize'));  // plotly's responsive charts take their presenter size
      go(current, false);
    }
  }).observe(root, {childList: true, subtree: true});

  // ---- keys
  function yearStep(up) {
    var sliders = Array.prototype.slice.call(document.querySelectorAll('main [role=slider]'));
    if (!sliders.length) { return; }
    var list = slides(), here = list[current], handle = sliders[0];
    sliders.forEach(function (s) {  // the slider of the controls nearest above the current chart
      if (here && (s.compareDocumentPosition(here) & Node.DOCUMENT_POSITION_FOLLOWING)) { handle = s; }
    });
    var key = up ? 'ArrowRight' : 'ArrowLeft', code = up ? 39 : 37;
    handle.focus({preventScroll: true});
    handle.dispatchEvent(new KeyboardEvent('keydown', {key: key, code: key, keyCode: code, which: code, bubbles: true}));
    handle.blur();
  }
  function leave() {
    var url = new URL(window.location.href);
    url.searchParams.delete('present');
    url.searchParams.delete('slide');
    window.location.assign(url.pathname + url.search.replace(/%2C/g, ',') + url.hash);
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) { return; }
    var inWidget = e.target.closest && e.target.closest('[role=slider], [role=listbox], [role=combobox], .dash-dropdown, details[open]');
    var k = e.key;
    if (k === 'f' || k === 'F') {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (root.requestFullscreen) { root.requestFullscreen(); }
      e.preventDefault();
    } else if (k === 'Escape') {
      if (inWidget || document.querySelector('main [aria-expanded="true"]')) { return; }  // a list or panel closes first
      e.preventDefault();
      leave();
    } else if (inWidget) {
      return;
    } else if (k === 'ArrowRight' || k === 'PageDown') {
      e.preventDefault(); go(current + 1, true);
    } else if (k === 'ArrowLeft' || k === 'PageUp') {
      e.preventDefault(); go(current - 1, true);
    } else if (k === '+' || k === '=' || k === 'ArrowUp') {
      e.preventDefault(); yearStep(true);
    } else if (k === '-' || k === 'ArrowDown') {
      e.preventDefault(); yearStep(false);
    }
  });
  // scrolling by hand (wheel, touch) moves the current chart too
  var timer = null;
  window.addEventListener('scroll', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var list = slides(), best = current, bestDist = Infinity, top = bar();
      list.forEach(function (s, i) {
        var d = Math.abs(s.getBoundingClientRect().top - top);
        if (d < bestDist) { bestDist = d; best = i; }
      });
      if (best !== current && placed) { current = best; setSlideInUrl(current); }
    }, 200);
  }, {passive: true});
})();
