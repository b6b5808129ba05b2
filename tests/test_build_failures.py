"""A fault in a page's code fails the build, naming the page, the block and the snippet file and line.

One scratch copy of the fixture lesson (tests/fixture_site/) gets every fault at once, each in a block
of its own session added to its lesson page, and is built once, the way an author runs it (plain
`mkdocs build`): the build reports every fault, not only the first.
"""

import re

import pytest

from conftest import FIXTURE, FIXTURE_LESSON, copy_project, first_code_line, mkdocs_build

pytestmark = pytest.mark.build
SRC_URI = f"{FIXTURE_LESSON}/index.md"
PAGE = f"docs/{SRC_URI}"
FAULTS = {  # block id: code (each in its own session, so one fault cannot hide another)
    "injected-raise": 'print(1)\nraise ValueError("boom")',
    "injected-loop": "while True:\n    pass",
    "injected-missing-section": '--8<-- "{snippet}:no-such-section"',
    "injected-missing-file": '--8<-- "no/such/file.py"',
    "injected-silent": "x = 1",
    "injected-exit-0": "import sys\nsys.exit(0)",
    "injected-exit-3": "import sys\nsys.exit(3)",
}


def fence(block: str, code: str, source: str = "tabbed-right", extra: str = "") -> str:
    return f'```python exec="on" source="{source}" session="{block}" id="{block}"{extra}\n{code}\n```'


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """The faulty copy, built once: its output, and where things were put."""
    project = copy_project(tmp_path_factory.mktemp("faults"), FIXTURE)
    page = project / PAGE
    text = page.read_text()
    first_include = re.search(r"^--8<-- \"([^\"]+)\"", text, flags=re.M)[1]
    first_id = re.search(r'exec="on"[^\n]*\bid="([^"]+)"', text)[1]
    snippet = first_include.partition(":")[0]
    faults = {block: code.format(snippet=snippet) for block, code in FAULTS.items()}
    fences = [fence(b, c, extra=' timeout="2"' if b == "injected-loop" else "") for b, c in faults.items()]
    fences.append(fence("injected-invalid", "print(1)", source="tabbed"))
    written = text + "\n\n" + "\n\n".join(fences) + "\n"
    page.write_text(written)
    page_lines = written.splitlines()
    start_of = lambda block: next(n for n, line in enumerate(page_lines, 1) if f'id="{block}"' in line)  # noqa: E731
    path, number = first_code_line(project, first_include)
    lines = (project / path).read_text().splitlines()
    lines.insert(number - 1, "undefined_name  # an author's typo")
    (project / path).write_text("\n".join(lines) + "\n")
    result = mkdocs_build(project, project / "site")
    return {
        "result": result,
        "output": result.stdout + result.stderr,
        "raise_line": start_of("injected-raise") + 2,  # the fence line, `print(1)`, then `raise`
        "loop_lines": (start_of("injected-loop") + 1, start_of("injected-loop") + 2),
        "typo": (path, number),
        "first_id": first_id,
    }


def test_the_build_fails(build):
    assert build["result"].returncode != 0, build["output"]


def test_an_exception_in_a_block_names_page_block_and_line(build):
    message = f"{SRC_URI}: block 'injected-raise' raised ValueError: boom at {PAGE}:{build['raise_line']}"
    assert message in build["output"]
    assert "Traceback" not in build["output"]


def test_an_exception_in_a_snippet_names_the_snippet_file_and_line(build):
    path, number = build["typo"]
    error = "NameError: name 'undefined_name' is not defined"
    message = f"{SRC_URI}: block '{build['first_id']}' raised {error} at {path}:{number}"
    assert message in build["output"]


def test_an_endless_loop_fails_within_its_time_limit_naming_the_block_and_the_running_line(build):
    ran_long = f"{SRC_URI}: block 'injected-loop' ran longer than 2 s of CPU time (an endless loop?) at {PAGE}:"
    assert any(f"{ran_long}{line}" in build["output"] for line in build["loop_lines"]), build["output"]


def test_a_missing_snippet_section_names_page_block_and_include(build):
    error = "Snippet section 'no-such-section' could not be located"
    message = f"{SRC_URI}: code block 'injected-missing-section': {error}"
    assert message in build["output"]


def test_a_missing_snippet_file_names_page_block_and_file(build):
    message = f"{SRC_URI}: code block 'injected-missing-file': Snippet at path 'no/such/file.py' could not be found"
    assert message in build["output"]


def test_an_invalid_fence_option_names_page_and_block(build):
    assert f"{SRC_URI}: code block 'injected-invalid' was not executed" in build["output"]


def test_a_block_that_prints_nothing_into_a_result_tab_fails(build):
    assert f"{SRC_URI}: block 'injected-silent' prints nothing into its Result tab" in build["output"]


@pytest.mark.parametrize("code", [0, 3])
def test_sys_exit_in_a_block_names_page_and_block(build, code):
    assert f"{SRC_URI}: block 'injected-exit-{code}' called sys.exit({code})" in build["output"]
