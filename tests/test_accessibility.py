"""Every built page, in the light and the dark palette, has no WCAG 2.2 AA or best-practice violation."""

import pytest
from a11y import assert_no_axe_violations, axe_violations

pytestmark = pytest.mark.browser


def page_paths(site) -> list[str]:
    """Every built page as a path relative to the site root (a directory URL for index.html)."""
    return [page.relative_to(site).as_posix().removesuffix("index.html") for page in sorted(site.rglob("*.html"))]


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_every_page_has_no_axe_violations(page, built_site, scheme, palette):
    page.emulate_media(color_scheme=scheme)  # Material follows the system's scheme until the reader picks one
    found = {}
    for path in page_paths(built_site):
        page.goto(path)
        assert page.locator("body").get_attribute("data-md-color-scheme") == palette, path
        if violations := axe_violations(page):
            found[path] = violations
    assert found == {}


def test_the_axe_check_fails_on_an_image_without_alt(page):
    page.goto("rnn/")
    page.locator("article").evaluate("article => article.append(document.createElement('img'))")
    with pytest.raises(AssertionError, match=r"image-alt \(critical\): img: Element does not have an alt attribute"):
        assert_no_axe_violations(page)
