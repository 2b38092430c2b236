/* Provenance panels of source lines (layouts/provenance.py, assets/provenance.css).
 * - Escape closes an open panel without moving focus or the pointer (WCAG 2.2 SC 1.4.13 "dismissible"); it
 *   shows again when the pointer or focus leaves the source line and comes back.
 * - The open panel is placed with position:fixed right under its trigger (above it when there is no room),
 *   so a scrolling container (e.g. the key-figures table) does not clip it; it touches the trigger, so the
 *   pointer can move onto it ("hoverable"). Without this script the CSS still shows it (absolute).
 * Event delegation: works for source lines that callbacks render later. */
(function () {
  function box(el) { return el && el.closest ? el.closest('.prov') : null; }
  function place(b) {
    var tip = b.querySelector('.prov-tip'), trig = b.querySelector('.prov-trigger');
    if (!tip || !trig || tip.offsetParent === null && getComputedStyle(tip).display === 'none') { return; }
    var r = trig.getBoundingClientRect(), vw = window.innerWidth, vh = window.innerHeight;
    tip.style.position = 'fixed';
    tip.style.maxHeight = '';
    var w = tip.offsetWidth, h = tip.offsetHeight, below = vh - r.bottom - 4, above = r.top - 4;
    tip.style.left = Math.max(4, Math.min(r.left, vw - w - 4)) + 'px';
    var up = h > below && (h <= above || above > below);
    if (h > Math.max(below, above)) {  // taller than either side: fit the larger one (the panel scrolls)
      h = Math.max(below, above);
      tip.style.maxHeight = h + 'px';
    }
    tip.style.top = (up ? r.top - h : r.bottom) + 'px';
  }
  function placeOpen() {
    var open = document.querySelectorAll('.prov:hover, .prov:focus-within');
    for (var i = 0; i < open.length; i++) { place(open[i]); }
  }
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' && e.key !== 'Esc') { return; }
    var open = document.querySelectorAll('.prov:hover, .prov:focus-within');
    for (var i = 0; i < open.length; i++) {
      if (!open[i].classList.contains('prov-dismissed')) { open[i].classList.add('prov-dismissed'); e.stopPropagation(); }
    }
  }, true);
  function enter(e) {
    var b = box(e.target);
    if (!b) { return; }
    if (!b.contains(e.relatedTarget)) {
      b.classList.remove('prov-dismissed');
      window.requestAnimationFrame(function () { place(b); });
    }
  }
  document.addEventListener('mouseover', enter);
  document.addEventListener('focusin', enter);
  window.addEventListener('scroll', placeOpen, true);
  window.addEventListener('resize', placeOpen);
})();
