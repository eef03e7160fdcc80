// sitegen navigation: the light/dark toggle, the sidebar drawer, and the table of contents marking the section
// in view. Everything here is an enhancement: without JavaScript the pages follow the system's colour scheme,
// the drawer opens with its checkbox, and the table of contents is a plain list.
(function () {
  'use strict';

  // Light or dark -------------------------------------------------------------------------------------------
  // The page follows the system until the reader chooses; a choice equal to the system's is forgotten, so the
  // page follows the system again. The inline script in <head> applies a stored choice before the first paint.

  const KEY = 'sitegen-theme';
  const root = document.documentElement;
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

  function isDark() {
    return root.dataset.theme ? root.dataset.theme === 'dark' : systemDark.matches;
  }

  function setUpThemeToggle() {
    const button = document.querySelector('.theme-toggle');
    if (!button) return;
    const show = () => button.setAttribute('aria-pressed', String(isDark()));
    button.addEventListener('click', () => {
      const wanted = isDark() ? 'light' : 'dark';
      try {
        if ((wanted === 'dark') === systemDark.matches) localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, wanted);
      } catch (e) { /* storage off: the choice lasts for this page only */ }
      if ((wanted === 'dark') === systemDark.matches) delete root.dataset.theme;
      else root.dataset.theme = wanted;
      show();
    });
    systemDark.addEventListener('change', show);
    show();
    button.hidden = false;
  }

  // Sidebar drawer ------------------------------------------------------------------------------------------

  function setUpDrawer() {
    const toggle = document.getElementById('site-nav-toggle');
    const sidebar = document.getElementById('site-sidebar');
    if (!toggle || !sidebar) return;
    toggle.addEventListener('change', () => {
      if (toggle.checked && getComputedStyle(sidebar).position === 'fixed') {
        const current = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector('a');
        if (current) current.focus({ preventScroll: true });
        if (current) current.scrollIntoView({ block: 'center' });
      }
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && toggle.checked) {
        toggle.checked = false;
        toggle.focus();
      }
    });
    // A link to a place on this page closes the drawer, so the reader sees where it went.
    sidebar.addEventListener('click', (event) => {
      if (event.target.closest('a')) toggle.checked = false;
    });
  }

  // Table of contents: the section in view ------------------------------------------------------------------

  function setUpTocHighlight() {
    const links = Array.from(document.querySelectorAll('.toc-sidebar .toc a[href^="#"]'));
    if (!links.length || !('IntersectionObserver' in window)) return;
    const byId = new Map();
    const headings = [];
    for (const link of links) {
      const id = decodeURIComponent(link.getAttribute('href').slice(1));
      const heading = document.getElementById(id);
      if (!heading) continue;
      byId.set(heading, link);
      headings.push(heading);
    }
    const visible = new Set();
    let marked = null;
    function mark() {
      // The first heading on screen; else the last one above it.
      let current = headings.find((h) => visible.has(h));
      if (!current) {
        for (const h of headings) {
          if (h.getBoundingClientRect().top < 0) current = h; else break;
        }
      }
      const link = current ? byId.get(current) : null;
      if (link === marked) return;
      if (marked) marked.removeAttribute('aria-current');
      if (link) link.setAttribute('aria-current', 'location');
      marked = link;
    }
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) visible.add(entry.target); else visible.delete(entry.target);
      }
      mark();
    }, { rootMargin: '0px 0px -60% 0px' });
    headings.forEach((h) => observer.observe(h));
  }

  function start() {
    setUpThemeToggle();
    setUpDrawer();
    setUpTocHighlight();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
