/* Server-built HTML: put the escaped HTML string an element carries in ``data-html`` in place, and again
 * whenever a callback sends a new one. The strings (data tables, provenance panels) are built by
 * layouts/markup.py: one string each, not hundreds of Dash components, which the Dash renderer re-selects on
 * every store update.
 *
 * The holder is an html.Div/Span with no React children, so React never touches what is put inside it.
 */
(function () {
  var ATTR = 'data-html';

  function fill(el) {
    var markup = el.getAttribute(ATTR) || '';
    if (el.__htmlMarkup === markup) return;
    el.__htmlMarkup = markup;
    el.innerHTML = markup;
  }

  function scan(node) {
    // plotly adds thousands of SVG nodes: only HTML elements hold server-built HTML
    if (!(node instanceof HTMLElement)) return;
    if (node.hasAttribute(ATTR)) fill(node);
    node.querySelectorAll('[' + ATTR + ']').forEach(fill);
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      if (m.type === 'attributes') fill(m.target);
      else m.addedNodes.forEach(scan);
    });
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: [ATTR]});
  if (document.body) scan(document.body);
})();
