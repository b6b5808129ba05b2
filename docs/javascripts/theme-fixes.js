// Material wraps each code block's copy button in an unnamed <nav>: many identical landmarks
// (axe landmark-unique). A copy button is no navigation: drop the wrapper's landmark role.
document$.subscribe(() => {
  for (const nav of document.querySelectorAll(".md-code__nav")) nav.setAttribute("role", "none");
});

// A wide table scrolls inside Material's wrapper, which the keyboard cannot reach (axe
// scrollable-region-focusable): make the wrapper focusable, as Material does for code blocks.
document$.subscribe(() => {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) wrap.tabIndex = 0;
});
