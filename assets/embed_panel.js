/* Copy buttons of the chart "Embed" panel (layouts/embed_panel.py): copy the read-only textarea next to the
 * button with the clipboard API, or select it for Ctrl+C where the API is not available (plain http, old
 * browsers). One delegated listener: panels are created and replaced by callbacks. No network requests. */
(function () {
  function say(button, key) {
    var status = button.parentNode.querySelector('.embed-copy-status');
    if (status) { status.textContent = button.dataset[key] || ''; }
  }
  function selectText(area) { area.focus(); area.select(); area.setSelectionRange(0, area.value.length); }
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('.embed-copy-button');
    if (!button) { return; }
    var area = button.parentNode.querySelector('textarea');
    if (!area) { return; }
    var fallback = function () {
      selectText(area);
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
      say(button, ok ? 'copied' : 'failed');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(function () { say(button, 'copied'); }, fallback);
    } else {
      fallback();
    }
  });
})();
