/* Browser Back/Forward for URL state (issue 7).
 * Pages write their state into the URL from callbacks (Output(url, 'search')), which pushes a history entry
 * without re-rendering the page. On popstate we hand the new location to the router (the 'url-popstate'
 * store, an Input of the page callback in dashboard/factory.py) so the page is rebuilt from the old query.
 */
(function () {
  window.addEventListener('popstate', function () {
    var dc = window.dash_clientside;
    if (!dc || !dc.set_props) { return; }
    dc.set_props('url-popstate', {data: {pathname: window.location.pathname, search: window.location.search,
                                         at: Date.now()}});
  });
})();
