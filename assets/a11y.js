/* Accessibility (issue 18): repairs the markup of three Dash 4.4 components that screen readers and keyboards
 * cannot use as rendered, the skip link, and the page's polite live region.
 *
 * - dcc.Dropdown puts a hidden proxy <input aria-hidden="true" tabindex="0"> in the tab order (for Safari)
 *   and takes its real <button> out of it: keyboard focus lands on an element hidden from screen readers.
 *   Here the real button (named by its <label for>) is the tab stop and the proxy leaves the tab order.
 * - dcc.RadioItems renders a role="listbox" of <label role="option"> each holding a native radio (an
 *   interactive control inside an interactive role, and a listbox without a name). Here it becomes what it
 *   is: a role="radiogroup" named by the control's label (data-a11y-label on the wrapper: the id of the
 *   visible label) of plain labels around native radios.
 * - dcc.Slider's thumb (role="slider") has no name and says its index ("7") instead of the year. The slider's
 *   wrapper carries data-a11y-label (id of the visible label) and data-a11y-values (JSON list: the text of
 *   each index, the years); the thumb gets aria-labelledby and aria-valuetext.
 * - in an opened dropdown (Dash focuses its current option) a typed letter goes to the search box.
 * - the skip link moves keyboard focus to the page's <main>; a change of chart titles after a control is used
 *   is announced in #a11y-live (role="status"): "Updated: <titles>" (the prefix is the region's data-prefix).
 */
(function () {
  function fixDropdown(proxy) {
    if (proxy.getAttribute('tabindex') !== '-1') proxy.setAttribute('tabindex', '-1');
    var button = proxy.nextElementSibling;
    if (button && button.tagName === 'BUTTON' && !button.disabled && button.getAttribute('tabindex') !== '0') {
      button.setAttribute('tabindex', '0');
    }
  }

  function labelOf(el) {
    var holder = el.closest('[data-a11y-label]');
    return holder ? holder.getAttribute('data-a11y-label') : null;
  }

  // the radio group's visible label: data-a11y-label, a <label for> its id, or the label just before it
  function groupLabel(list) {
    var named = labelOf(list);
    if (named) return named;
    var lab = list.id ? document.querySelector('label[for="' + CSS.escape(list.id) + '"]') : null;
    if (!lab) {
      var prev = list.previousElementSibling;
      if (prev && prev.matches('.control-label, label')) lab = prev;
    }
    if (!lab) return null;
    if (!lab.id) lab.id = (list.id || 'radio-group') + '-label';
    return lab.id;
  }

  function fixRadios(list) {
    if (list.getAttribute('role') !== 'radiogroup') list.setAttribute('role', 'radiogroup');
    var label = groupLabel(list);
    if (label && list.getAttribute('aria-labelledby') !== label) list.setAttribute('aria-labelledby', label);
    list.querySelectorAll('label.dash-options-list-option').forEach(function (opt) {
      if (opt.hasAttribute('role')) opt.removeAttribute('role');
      if (opt.hasAttribute('aria-selected')) opt.removeAttribute('aria-selected');
    });
  }

  function fixSlider(thumb) {
    var holder = thumb.closest('[data-a11y-values]');
    var label = labelOf(thumb);
    if (label && thumb.getAttribute('aria-labelledby') !== label) thumb.setAttribute('aria-labelledby', label);
    if (thumb.hasAttribute('aria-label')) thumb.removeAttribute('aria-label');
    if (!holder) return;
    var values;
    try { values = JSON.parse(holder.getAttribute('data-a11y-values') || '[]'); } catch (e) { values = []; }
    var text = values[Number(thumb.getAttribute('aria-valuenow'))];
    if (text !== undefined && thumb.getAttribute('aria-valuetext') !== String(text)) {
      thumb.setAttribute('aria-valuetext', String(text));
    }
  }

  // the card's "Share / Download" menu is rendered open (a row of links); on a phone it starts closed
  var PHONE = window.matchMedia ? window.matchMedia('(max-width: 640px)') : null;
  function fixMenu(details) {
    if (details.hasAttribute('data-menu-ready')) return;
    details.setAttribute('data-menu-ready', '');
    if (PHONE && PHONE.matches) details.removeAttribute('open');
  }

  // an opened dropdown focuses its current option (arrows move from there); a typed letter goes to its search box
  document.addEventListener('keydown', function (e) {
    var el = document.activeElement;
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey || !el || !el.closest) return;
    // focus is on an option of the open list, or still on the trigger that has just opened it
    var content = el.closest('.dash-dropdown-content') ||
      (el.getAttribute('aria-expanded') === 'true' ? document.querySelector('.dash-dropdown-content') : null);
    var search = content && content.querySelector('input.dash-dropdown-search');
    if (!search || el === search) return;
    // the option list handles (and cancels) the key itself: the letter is written into the search box here, the
    // way React reads an input (the native value setter, then an input event), so no letter is lost
    e.preventDefault();
    e.stopPropagation();
    search.focus();
    var setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setValue.call(search, search.value + e.key);
    search.dispatchEvent(new Event('input', {bubbles: true}));
  }, true);

  function repair(root) {
    if (!(root instanceof Element)) return;
    if (root.matches('details.chart-menu')) fixMenu(root);
    root.querySelectorAll('details.chart-menu').forEach(fixMenu);
    root.querySelectorAll('input.dash-dropdown-focus-target').forEach(fixDropdown);
    root.querySelectorAll('.dash-radioitems[role]').forEach(fixRadios);
    root.querySelectorAll('.dash-slider-thumb[role="slider"]').forEach(fixSlider);
  }

  // ------------------------------------------------------------------ live region: what changed
  // Armed by the reader's own use of a control in the page (not by the first render or a page change);
  // the chart titles that are new once the updates have settled are announced once.
  var titles = [];
  var armed = false;
  var pending = null;
  function currentTitles() {
    return Array.prototype.map.call(document.querySelectorAll('#page .chart-title'), function (h) {
      return h.textContent.trim();
    }).filter(Boolean);
  }
  function settleTitles() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () {
      pending = null;
      var now = currentTitles();
      var region = document.getElementById('a11y-live');
      if (armed && region) {
        var changed = now.filter(function (t) { return titles.indexOf(t) < 0; });
        if (changed.length) {
          region.textContent = (region.getAttribute('data-prefix') || '') + ' ' + changed.join('; ');
          armed = false;
        }
      }
      titles = now;
    }, 500);
  }
  function arm(e) {
    var el = e.target instanceof Element ? e.target : null;
    if (!el || !el.closest('#page') || el.closest('a[href]:not([href^="#"])')) return;
    if (e.type === 'keydown' && ['Enter', ' ', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End',
                                 'PageUp', 'PageDown'].indexOf(e.key) < 0) return;
    armed = true;
  }
  ['change', 'click', 'keydown', 'pointerup'].forEach(function (type) {
    document.addEventListener(type, arm, true);
  });

  new MutationObserver(function (mutations) {
    var titleChanged = false;
    mutations.forEach(function (m) {
      var target = m.target instanceof Element ? m.target : m.target.parentElement;
      // a chart's own drawing (thousands of SVG nodes per plotly render) holds nothing this repairs or announces
      if (!target || target.closest('.js-plotly-plot')) return;
      if (m.type === 'attributes') {
        if (target.matches('input.dash-dropdown-focus-target')) fixDropdown(target);
        else if (target.matches('.dash-slider-thumb')) fixSlider(target);
        else if (target.matches('.dash-radioitems, label.dash-options-list-option')) {
          var list = target.closest('.dash-radioitems');
          if (list) fixRadios(list);
        }
        return;
      }
      m.addedNodes.forEach(repair);
      if (!titleChanged) {
        titleChanged = !!target.closest('.chart-title') || Array.prototype.some.call(m.addedNodes, function (n) {
          return n instanceof Element && (n.matches('.chart-title') || !!n.querySelector('.chart-title'));
        });
      }
    });
    if (titleChanged) settleTitles();
    followMain();
  }).observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['tabindex', 'aria-valuenow', 'aria-label', 'role', 'aria-selected', 'disabled']
  });
  if (document.body) repair(document.body);

  // ------------------------------------------------------------------ skip link
  // Focus goes to the page's <main>. While the page is still being drawn (the router's answer not in yet, or the
  // page's layout drawn again) there is none, or the focused one is replaced: focus waits on #page and moves to
  // the new <main> when it comes, for SKIP_WAIT ms after the reader used the link.
  var SKIP_WAIT = 10000;
  var skipAt = 0;
  function focusMain() {
    var main = document.querySelector('#page main');
    var target = main || document.getElementById('page');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  function followMain() {
    if (!skipAt) return;
    if (Date.now() - skipAt > SKIP_WAIT) { skipAt = 0; return; }
    var active = document.activeElement;
    var main = document.querySelector('#page main');
    if (main && active !== main && (!active || active === document.body || active.id === 'page')) focusMain();
  }
  document.addEventListener('click', function (e) {
    var link = e.target instanceof Element ? e.target.closest('a.skip-link') : null;
    if (!link || !document.getElementById('page')) return;
    e.preventDefault();
    skipAt = Date.now();
    focusMain();
  });
  document.addEventListener('focusin', function (e) {  // the reader moved on: stop following
    if (skipAt && e.target instanceof Element && e.target.tagName !== 'MAIN' && e.target.id !== 'page') skipAt = 0;
  });
})();
