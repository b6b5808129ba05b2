// Material wraps each code block's copy button in an unnamed <nav>: many identical landmarks
// (axe landmark-unique). A copy button is no navigation: drop the wrapper's landmark role.
document$.subscribe(() => {
  for (const nav of document.querySelectorAll(".md-code__nav")) nav.setAttribute("role", "none");
});
