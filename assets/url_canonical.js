/* Invalid URL values (issue 7): a page that fell back to defaults renders its notice with data-canonical,
 * the valid query it shows (layouts/notice.py). Swap it into the address bar (a replaceState): no reload,
 * no extra history entry, and the page-independent switches (present, lang) are kept.
 */
(function () {
  var KEEP = ['present', 'slide', 'lang'];
  function canonicalise() {
    var el = document.querySelector('[data-canonical]:not([data-canonical-done])');
    if (!el) { return; }
    el.setAttribute('data-canonical-done', '1');
    var params = new URLSearchParams(el.getAttribute('data-canonical'));
    var current = new URLSearchParams(window.location.search);
    KEEP.forEach(function (k) { if (current.has(k) && !params.has(k)) { params.set(k, current.get(k)); } });
    var qs = params.toString().replace(/%2C/g, ',');
    var search = qs ? '?' + qs : '';
    var dc = window.dash_clientside;
    if (search === window.location.search || !dc || !dc.set_props) { return; }
    // through the Location component (id 'url'), so its own state agrees with the address bar; with no
    // user action behind it, assets/url_history.js turns the write into a replaceState
    dc.set_props('url', {search: search});
  }
  new MutationObserver(canonicalise).observe(document.documentElement, {childList: true, subtree: true});
})();
