"""A fault in a page's code fails the build, naming the page, the block and the snippet file and line.

One scratch copy of the project gets every fault at once, each in a block of its own session added to
the first lesson's page, and is built once, the way an author runs it (plain `mkdocs build`): the
build reports every fault, not only the first.
"""

import time

import pytest

from conftest import LESSONS, copy_project, mkdocs_build
from lessonkit.pages import INCLUDE

pytestmark = pytest.mark.build
LESSON = LESSONS[0].page
PAGE = f"docs/{LESSON.src_uri}"
FIRST = LESSON.fences[0]
SNIPPET = INCLUDE.search(FIRST.body)[1].partition(":")[0]
FAULTS = {  # block id: code (each in its own session, so one fault cannot hide another)
    "injected-raise": 'print(1)\nraise ValueError("boom")',
    "injected-loop": "while True:\n    pass",
    "injected-missing-section": f'--8<-- "{SNIPPET}:no-such-section"',
    "injected-missing-file": '--8<-- "no/such/file.py"',
    "injected-silent": "x = 1",
    "injected-exit-0": "import sys\nsys.exit(0)",
    "injected-exit-3": "import sys\nsys.exit(3)",
}


def fence(block: str, code: str, source: str = "tabbed-right", extra: str = "") -> str:
    return f'```python exec="on" source="{source}" session="{block}" id="{block}"{extra}\n{code}\n```'


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """The faulty copy, built once: its output, the time it took, and where things were put."""
    project = copy_project(tmp_path_factory.mktemp("faults"))
    page = project / PAGE
    text = page.read_text()
    fences = [fence(b, c, extra=' timeout="2"' if b == "injected-loop" else "") for b, c in FAULTS.items()]
    fences.append(fence("injected-invalid", "print(1)", source="tabbed"))
    page.write_text(text + "\n\n" + "\n\n".join(fences) + "\n")
    raise_line = text.count("\n") + 2 + 1 + 2  # the blank lines, the fence line, then `print(1)`, `raise`
    path, number = FIRST.origins[0]
    lines = (project / path).read_text().splitlines()
    lines.insert(number - 1, "undefined_name  # an author's typo")
    (project / path).write_text("\n".join(lines) + "\n")
    start = time.monotonic()
    result = mkdocs_build(project, project / "site")
    return {
        "result": result,
        "output": result.stdout + result.stderr,
        "seconds": time.monotonic() - start,
        "raise_line": raise_line,
        "typo": (path, number),
    }


def test_the_build_fails(build):
    assert build["result"].returncode != 0, build["output"]


def test_an_exception_in_a_block_names_page_block_and_line(build):
    message = f"{LESSON.src_uri}: block 'injected-raise' raised ValueError: boom at {PAGE}:{build['raise_line']}"
    assert message in build["output"]
    assert "Traceback" not in build["output"]


def test_an_exception_in_a_snippet_names_the_snippet_file_and_line(build):
    path, number = build["typo"]
    error = "NameError: name 'undefined_name' is not defined"
    message = f"{LESSON.src_uri}: block '{FIRST.id}' raised {error} at {path}:{number}"
    assert message in build["output"]


def test_an_endless_loop_fails_within_its_time_limit_naming_the_block(build):
    assert f"{LESSON.src_uri}: block 'injected-loop' ran longer than 2 s (an endless loop?)" in build["output"]
    assert build["seconds"] < 150


def test_a_missing_snippet_section_names_page_block_and_include(build):
    error = "Snippet section 'no-such-section' could not be located"
    message = f"{LESSON.src_uri}: code block 'injected-missing-section': {error}"
    assert message in build["output"]


def test_a_missing_snippet_file_names_page_block_and_file(build):
    message = (
        f"{LESSON.src_uri}: code block 'injected-missing-file': Snippet at path 'no/such/file.py' could not be found"
    )
    assert message in build["output"]


def test_an_invalid_fence_option_names_page_and_block(build):
    assert f"{LESSON.src_uri}: code block 'injected-invalid' was not executed" in build["output"]


def test_a_block_that_prints_nothing_into_a_result_tab_fails(build):
    assert f"{LESSON.src_uri}: block 'injected-silent' prints nothing into its Result tab" in build["output"]


@pytest.mark.parametrize("code", [0, 3])
def test_sys_exit_in_a_block_names_page_and_block(build, code):
    assert f"{LESSON.src_uri}: block 'injected-exit-{code}' called sys.exit({code})" in build["output"]
