/* Data tables: put the HTML string a table holder carries (data-table-html, built and escaped on the server by
 * layouts/components.table_markup) in place, and again whenever a callback sends a new one.
 *
 * The holder is an html.Div with no React children, so React never touches what is put inside it.
 */
(function () {
  var ATTR = 'data-table-html';

  function fill(el) {
    var markup = el.getAttribute(ATTR) || '';
    if (el.__tableMarkup === markup) return;
    el.__tableMarkup = markup;
    el.innerHTML = markup;
  }

  function scan(node) {
    // plotly adds thousands of SVG nodes: only HTML elements can hold a table
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
