/* Browser Back/Forward for URL state (issue 7).
 * Pages write their state into the URL from callbacks (Output(url, 'search')), which pushes a history entry
 * without re-rendering the page. On popstate we hand the new location to the router (the 'url-popstate'
 * store, an Input of the page callback in dashboard/factory.py) so the page is rebuilt from the old query.
 *
 * One history entry per user action: the first URL write after a click or key press pushes; writes that
 * follow without a new action (a page normalising its URL after loading or after Back/Forward, chained
 * callbacks, animation frames) replace the current entry, so Back always returns to the previous view.
 */
(function () {
  var push = window.history.pushState.bind(window.history);
  var replace = window.history.replaceState.bind(window.history);
  var acted = false;
  function mark() { acted = true; }
  document.addEventListener('pointerdown', mark, true);
  document.addEventListener('keydown', mark, true);
  document.addEventListener('change', mark, true);
  var KEEP = ['present', 'slide', 'lang'];  // page-independent switches: a page's own URL writes never drop them
  function keep(url) {
    if (url === undefined || url === null) { return url; }
    var next = new URL(String(url), window.location.href);
    var current = new URLSearchParams(window.location.search);
    if (next.pathname !== window.location.pathname) { return url; }
    KEEP.forEach(function (k) {
      if (current.has(k) && !next.searchParams.has(k)) { next.searchParams.set(k, current.get(k)); }
    });
    return next.pathname + next.search.replace(/%2C/g, ',') + next.hash;
  }
  window.history.pushState = function (state, title, url) {
    url = keep(url);
    if (acted) {
      acted = false;
      return push(state, title, url);
    }
    return replace(state, title, url);
  };
  window.addEventListener('popstate', function () {
    acted = false;
    var dc = window.dash_clientside;
    if (!dc || !dc.set_props) { return; }
    dc.set_props('url-popstate', {data: {pathname: window.location.pathname, search: window.location.search,
                                         at: Date.now()}});
  });
})();
