"""axe-core in the browser: a page's WCAG 2.2 AA and best-practice violations. Any test can call it.

Usage, e.g. after answering a quiz: `assert_no_axe_violations(page)`.
"""

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no wcag22a tag), and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
_AXE = Axe()


def axe_violations(page) -> list[str]:
    """One line per violated rule and element: rule (impact): element, and axe's first explanation."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = []
    for violation in _AXE.run(page, options=options).response["violations"]:
        for node in violation["nodes"]:
            checks = node["any"] + node["all"] + node["none"]
            why = checks[0]["message"] if checks else violation["help"]
            found.append(f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))}: {why}")
    return found


def assert_no_axe_violations(page) -> None:
    """Fails naming the page, each violated rule and each element, in the page's current state."""
    violations = axe_violations(page)
    assert not violations, f"axe violations on {page.url}:\n  " + "\n  ".join(violations)
