"""Maths: `$...$` and `$$...$$` become MathML at build time (hooks/maths.py); nothing is loaded to draw them."""

import importlib.util
from types import SimpleNamespace

import markdown
from mkdocs.config import load_config

from conftest import ROOT
from lessonkit import failures

spec = importlib.util.spec_from_file_location("maths_hook", ROOT / "hooks" / "maths.py")
maths = importlib.util.module_from_spec(spec)
spec.loader.exec_module(maths)
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="lesson/index.md"))


def rendered(text: str) -> str:
    """Markdown as the site converts it (arithmatex configured as in mkdocs.yml), then the hook."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    html = markdown.markdown(
        text,
        extensions=["pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": config.mdx_configs.get("pymdownx.arithmatex", {})},
    )
    return maths.on_page_content(html, PAGE, config, None)


def test_inline_and_display_maths_become_mathml():
    html = rendered("The update $h_t = \\tanh(W x_t)$ reads.\n\n$$\nh_t < 1\n$$\n")
    assert '<math alttext="h_t = \\tanh(W x_t)" xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert 'display="block"' in html and "<mo>&#x0003C;</mo>" in html
    assert "arithmatex" not in html and "\\(" not in html and "$" not in html


def test_a_formula_that_does_not_render_fails_naming_page_and_formula():
    failures.clear()
    rendered("Broken: $\\frac{1}{$ here.")
    assert any("lesson/index.md: the formula `\\frac{1}{` does not render" in m for m in failures.all_messages())
    failures.clear()


def test_the_notebook_page_renders_its_prose_maths_but_never_code_or_outputs():
    notebook = SimpleNamespace(file=SimpleNamespace(src_uri="lesson/lesson-lesson.ipynb"))
    html = "<p>The update $h_t = \\tanh(x_t)$ costs $5 and $6.</p><pre>print('$x$')</pre><code>$y$</code>"
    out = maths.on_page_content(html, notebook, None, None)
    assert out.count("<math ") == 1 and 'alttext="h_t = \\tanh(x_t)"' in out
    assert "costs $5 and $6." in out and "<pre>print('$x$')</pre><code>$y$</code>" in out
