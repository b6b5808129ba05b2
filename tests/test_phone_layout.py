"""On a phone (390 px wide), every built page shows all of its content: nothing is cut without a sign.

Tables, code blocks inside a question (outside its solution) and figures must fit the space they are
shown in; lesson code listings and solution evidence may scroll, as code does everywhere. No copy
button sits on code text, and no tabbed Result is empty.
"""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
# Each check returns a description of every offending element; [] when the page fits.
TOO_WIDE = r"""() => {
  const describe = (el) => {
    const headings = [...document.querySelectorAll(".md-content :is(h1, h2, h3)[id]")];
    const where = el.parentElement.closest("section.quiz, [id]") ||
      headings.filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    const text = (el.textContent || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
    return `${el.tagName.toLowerCase()} in #${where ? where.id : "?"} (${text.slice(0, 40)}...)`;
  };
  const content = document.querySelector(".md-content");
  const right = content.getBoundingClientRect().right;
  const failures = [];
  const check = (el, kind) => {
    const scroller = el.closest(".md-typeset__scrollwrap, .highlight, .jp-OutputArea-output") || el;
    const cut = Math.max(el.scrollWidth - el.clientWidth, scroller.scrollWidth - scroller.clientWidth);
    const past = el.getBoundingClientRect().right - right;
    if (cut > 1 || past > 1) failures.push(`${kind}: ${describe(el)} cut by ${Math.round(Math.max(cut, past))}px`);
  };
  for (const el of content.querySelectorAll("table")) check(el, "table");
  for (const el of content.querySelectorAll("figure, svg, img"))
    if (!el.closest(".md-icon, button, label, .md-code__nav")) check(el, "figure");
  for (const el of content.querySelectorAll("section.quiz pre > code"))
    if (!el.closest(".quiz-solution")) check(el, "question code");
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    failures.push(`page: scrolls sideways (${document.documentElement.scrollWidth}px on ${window.innerWidth}px)`);
  return failures;
}"""

COPY_BUTTON_ON_CODE = r"""() => {
  const failures = [];
  for (const pre of document.querySelectorAll(".md-content pre")) {
    const button = pre.querySelector(".md-code__button");
    const code = pre.querySelector(":scope > code");
    if (!button || !code || !button.getClientRects().length) continue;
    const b = button.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(code);
    const covered = [...range.getClientRects()].some(
      (r) => r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top
    );
    if (covered) failures.push(`copy button on the text of: ${code.textContent.trim().slice(0, 40)}...`);
  }
  return failures;
}"""

EMPTY_RESULTS = r"""() => {
  const failures = [];
  for (const set of document.querySelectorAll(".md-content .tabbed-set")) {
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
    const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")];
    labels.forEach((label, i) => {
      const block = blocks[i];
      const shown = block && (block.textContent.trim() || block.querySelector("svg, img, figure, table"));
      if (label.textContent.trim() === "Result" && !shown) {
        const source = blocks[labels.findIndex((l) => l.textContent.trim() === "Source")];
        failures.push(`empty Result tab: ${(source ? source.textContent : "").trim().slice(0, 50)}...`);
      }
    });
  }
  return failures;
}"""


def on_every_page_of_a_phone(browser, site, base_url: str, check: str) -> dict[str, list[str]]:
    """Each built page opened at 390x844 (scale 2, mobile): the check's failures, by page path."""
    context = browser.new_context(base_url=base_url, **PHONE)
    phone = context.new_page()
    found = {}
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix().removesuffix("index.html")
        phone.goto(path)
        if failures := phone.evaluate(check):
            found[path] = failures
    context.close()
    return found


def test_nothing_is_cut_on_a_phone(browser, built_site, served_site):
    assert on_every_page_of_a_phone(browser, built_site, served_site, TOO_WIDE) == {}


def test_no_copy_button_sits_on_code_text_on_a_phone(browser, built_site, served_site):
    assert on_every_page_of_a_phone(browser, built_site, served_site, COPY_BUTTON_ON_CODE) == {}


def test_no_tabbed_result_is_empty(browser, built_site, served_site):
    assert on_every_page_of_a_phone(browser, built_site, served_site, EMPTY_RESULTS) == {}


SMALL_TYPE = r"""() => {
  for (const details of document.querySelectorAll(".md-content details")) details.open = true;
  const failures = [];
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const seen = (el) => el.getClientRects().length > 0 && el.textContent.trim();
  for (const el of document.querySelectorAll(".md-content :is(td, th, details > p, details li)")) {
    if (seen(el) && size(el) < 14) failures.push(`text ${size(el)}px: ${el.textContent.trim().slice(0, 40)}`);
  }
  for (const el of document.querySelectorAll(".md-content :is(td, th, details) code")) {
    if (seen(el) && size(el) < 13) failures.push(`code ${size(el)}px: ${el.textContent.trim().slice(0, 40)}`);
  }
  return failures.slice(0, 5);
}"""


def test_tables_and_solutions_are_readable_on_a_phone(browser, built_site, served_site):
    """Text in tables and solutions at least 14 px, code in them at least 13 px (open solutions too)."""
    assert on_every_page_of_a_phone(browser, built_site, served_site, SMALL_TYPE) == {}
