/* Presenter mode (issue 7): open any page with ?present=1 for projectors: large type, high contrast, no
 * navigation chrome (assets/presenter.css, scoped to html.present). Keys: Left/Right step the page's first
 * slider (e.g. the year), F toggles full screen. The class stays for the session even when callbacks rewrite
 * the query string.
 */
(function () {
  if (new URLSearchParams(window.location.search).get('present') !== '1') { return; }
  document.documentElement.classList.add('present');
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) { return; }
    if (e.key === 'f' || e.key === 'F') {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
      e.preventDefault();
    } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !e.target.closest('[role=slider]')) {
      var handle = document.querySelector('main [role=slider]');
      if (!handle) { return; }
      e.preventDefault();
      handle.focus();
      handle.dispatchEvent(new KeyboardEvent('keydown', {key: e.key, code: e.key, keyCode: e.key === 'ArrowLeft' ? 37 : 39,
                                                          which: e.key === 'ArrowLeft' ? 37 : 39, bubbles: true}));
    }
  });
})();
