// The page's one script (inline; nothing is fetched but the page's own stream). It applies fragments
// with the rule of src/html/fragment.ts, follows the newest step unless the reader scrolled away,
// pages the presenter view by keys, and opens folded text for printing.
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var body = document.body, main = document.getElementById('main');
  var view = body.getAttribute('data-view');
  var jump = document.getElementById('jump'), status = document.getElementById('status');
  var openForPrint = function () {
    document.querySelectorAll('details.more').forEach(function (d) { d.open = true; });
  };
  window.addEventListener('beforeprint', openForPrint);
  if (view === 'handout') { openForPrint(); return; }
  var stream = body.getAttribute('data-stream');
  if (!stream || typeof EventSource === 'undefined') return;
  var next = Number(body.getAttribute('data-next-seq') || 0);
  var following = true, autoY = -1, lastY = window.scrollY, page = -1, shownId = null;

  function apply(f) {
    var t = document.createElement('template');
    t.innerHTML = f.html;
    var el = t.content.firstElementChild;
    if (!el) return null;
    var old = document.getElementById(f.id);
    if (old) old.replaceWith(el);
    else ((f.parent && document.getElementById(f.parent)) || main).appendChild(el);
    return el;
  }
  function latestStep() {
    var steps = main.querySelectorAll('section.step');
    return steps.length ? steps[steps.length - 1] : null;
  }
  function atBottom() {
    return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 120;
  }
  // the page's own scrolling is told from the reader's by where it left the page
  function autoScroll(el, where) {
    el.scrollIntoView({ block: where, behavior: 'auto' });
    autoY = window.scrollY;
  }
  function showJump() { if (jump) jump.hidden = following; }

  // the presenter view: one top-level piece (header, a step, the teardown, the end) per screen
  function pages() { return Array.prototype.filter.call(main.children, function (c) { return c.id; }); }
  function show(i) {
    var all = pages();
    if (!all.length) return;
    page = Math.max(0, Math.min(all.length - 1, i));
    all.forEach(function (p, k) { p.classList.toggle('shown', k === page); });
    shownId = all[page].id;
    window.scrollTo(0, 0);
  }
  function presenterUpdate(el, wasLatest) {
    var all = pages();
    var i = shownId ? all.findIndex(function (p) { return p.id === shownId; }) : -1;
    if (wasLatest || i < 0) show(all.length - 1);
    else show(i);
    void el;
  }

  function onFragment(f) {
    if (typeof f.seq === 'number') {
      if (f.seq < next) return;
      next = f.seq + 1;
    }
    var waiting = document.getElementById('waiting');
    if (waiting) waiting.remove();
    var wasLatest = view === 'presenter' && (page < 0 || page >= pages().length - 1);
    var isNew = !document.getElementById(f.id);
    var el = apply(f);
    if (!el) return;
    if (view === 'presenter') { presenterUpdate(el, wasLatest); return; }
    if (view !== 'live' || !following) return;
    if (isNew && el.classList.contains('step')) autoScroll(el, 'start');
    else if (el.closest('section.step') === latestStep() || el.parentElement === main) autoScroll(el, 'nearest');
  }

  var es = new EventSource(stream + (stream.indexOf('?') < 0 ? '?' : '&') + 'from=' + next);
  es.onmessage = function (m) {
    var f;
    try { f = JSON.parse(m.data); } catch (e) { return; }
    onFragment(f);
    if (status) status.textContent = '';
  };
  es.onerror = function () {
    if (status && es.readyState !== 2) status.textContent = status.getAttribute('data-lost') || '';
  };
  es.onopen = function () { if (status) status.textContent = ''; };

  if (view === 'live') {
    window.addEventListener('scroll', function () {
      var y = window.scrollY;
      // reading on down keeps following; going back up stops it, until the bottom or the button
      if (Math.abs(y - autoY) >= 2) {
        if (y < lastY - 1) following = false;
        if (atBottom()) following = true;
        showJump();
      }
      lastY = y;
    }, { passive: true });
    if (jump) jump.addEventListener('click', function () {
      following = true;
      showJump();
      var s = latestStep();
      window.scrollTo(0, document.documentElement.scrollHeight);
      autoY = window.scrollY;
      if (s && s.getBoundingClientRect().top > 0) autoScroll(s, 'start');
    });
    var last = latestStep();
    if (last) autoScroll(last, 'start');
  }
  if (view === 'presenter') {
    show(pages().length - 1);
    document.addEventListener('keydown', function (k) {
      if (k.altKey || k.ctrlKey || k.metaKey) return;
      var key = k.key;
      if (key === 'ArrowRight' || key === 'PageDown' || key === ' ') show(page + 1);
      else if (key === 'ArrowLeft' || key === 'PageUp') show(page - 1);
      else if (key === 'End') show(pages().length - 1);
      else if (key === 'Home') show(0);
      else if (key === 'f' || key === 'F') {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      } else return;
      k.preventDefault();
    });
  }
})();
`
