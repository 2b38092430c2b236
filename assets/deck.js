/* Decks (issue 17): "Add to deck" under every chart (layouts/cards.py deck_button) collects the chart's item (its
 * view and state, dashboard/share/deck.py) in this browser (localStorage) and links to the deck page,
 * /deck?views=..., where the deck lives in the URL. On the deck page the page's own deck (data-deck, from its URL)
 * becomes the stored one, so moving or removing a view there is what the next "Add to deck" adds to.
 * Items are URL-encoded and joined by commas; the whole list is encoded once more as the parameter's value.
 */
(function () {
  var KEY = 'mtd-deck';
  function read() {
    try {
      var v = JSON.parse(window.localStorage.getItem(KEY) || '[]');
      return Array.isArray(v) ? v.filter(function (x) { return typeof x === 'string'; }) : [];
    } catch (err) { return []; }
  }
  function write(items) {
    try { window.localStorage.setItem(KEY, JSON.stringify(items)); } catch (err) { /* private mode: the link still works */ }
  }
  function href(items, lang) {
    var q = 'views=' + encodeURIComponent(items.map(encodeURIComponent).join(','));
    return '/deck?' + q + (lang && lang !== 'en' ? '&lang=' + lang : '');
  }
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('.deck-add');
    if (!button) { return; }
    var items = read();
    var item = button.dataset.deckItem;
    var max = parseInt(button.dataset.max || '10', 10);
    var status = button.parentNode.querySelector('.deck-add-status');
    var full = items.indexOf(item) < 0 && items.length >= max;
    if (!full && items.indexOf(item) < 0) { items.push(item); write(items); }
    if (!status) { return; }
    status.textContent = (full ? button.dataset.full : button.dataset.added) + ' ';
    var a = document.createElement('a');
    a.href = href(items, button.dataset.lang);
    a.className = 'deck-open-link';
    a.textContent = button.dataset.open + ' (' + items.length + ')';
    status.appendChild(a);
  });
  function syncFromPage() {
    var main = document.querySelector('main.page-deck[data-deck]');
    if (!main || main.dataset.deckSynced === main.dataset.deck) { return; }
    main.dataset.deckSynced = main.dataset.deck;
    try { write(JSON.parse(main.dataset.deck)); } catch (err) { /* not a list: keep the stored deck */ }
  }
  new MutationObserver(syncFromPage).observe(document.documentElement, {childList: true, subtree: true});
})();
