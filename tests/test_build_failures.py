"""A fault in a page's code fails the build, naming the page, the block and the snippet file and line.

Each test builds a scratch copy of the project with one fault added to the first lesson's page, the
way an author would run it: plain `mkdocs build`, no --strict on the command line.
"""

import time

import pytest

from conftest import LESSONS, mkdocs_build
from lessonkit.pages import INCLUDE

pytestmark = pytest.mark.build
LESSON = LESSONS[0].page
PAGE, SESSION = f"docs/{LESSON.src_uri}", LESSON.fences[0].session
FENCE = f'python exec="on" source="tabbed-right" session="{SESSION}"'


def build_with(project, fault: str):
    with open(project / PAGE, "a") as page:
        page.write(f"\n\n{fault}\n")
    result = mkdocs_build(project, project / "site")
    return result, result.stdout + result.stderr


def test_an_exception_in_a_block_fails_naming_page_block_and_line(scratch_project):
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-fault"\nprint(1)\nraise ValueError("boom")\n```')
    assert result.returncode != 0
    line = LESSON.path.read_text().count("\n") + 5  # the appended fence's second code line
    assert f"{LESSON.src_uri}: block 'injected-fault' raised ValueError: boom at {PAGE}:{line}" in output
    assert "Traceback" not in output


def test_an_exception_in_a_snippet_names_the_snippet_file_and_line(scratch_project):
    fence = LESSON.fences[0]
    path, number = fence.origins[0]
    lines = (scratch_project / path).read_text().splitlines()
    lines.insert(number - 1, "undefined_name  # an author's typo")
    (scratch_project / path).write_text("\n".join(lines) + "\n")
    result = mkdocs_build(scratch_project, scratch_project / "site")
    assert result.returncode != 0
    message = f"{LESSON.src_uri}: block '{fence.id}' raised NameError: name 'undefined_name' is not defined at {path}:{number}"
    assert message in result.stdout + result.stderr


def test_an_endless_loop_fails_within_its_time_limit_naming_the_block(scratch_project):
    start = time.monotonic()
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-loop" timeout="2"\nwhile True:\n    pass\n```')
    assert result.returncode != 0
    assert f"{LESSON.src_uri}: block 'injected-loop' ran longer than 2 s (an endless loop?)" in output
    assert time.monotonic() - start < 120


def test_a_missing_snippet_section_fails_naming_page_and_include(scratch_project):
    path = INCLUDE.search(LESSON.fences[0].body)[1].partition(":")[0]
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-fault"\n--8<-- "{path}:no-such-section"\n```')
    assert result.returncode != 0
    assert f"{LESSON.src_uri}: code block 'injected-fault': Snippet section 'no-such-section' could not be located" in output


def test_a_missing_snippet_file_fails_naming_page_and_file(scratch_project):
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-fault"\n--8<-- "no/such/file.py"\n```')
    assert result.returncode != 0
    assert f"{LESSON.src_uri}: code block 'injected-fault': Snippet at path 'no/such/file.py' could not be found" in output


def test_an_invalid_fence_option_fails_naming_page_and_block(scratch_project):
    fence = FENCE.replace("tabbed-right", "tabbed")
    result, output = build_with(scratch_project, f'```{fence} id="injected-fault"\nprint(1)\n```')
    assert result.returncode != 0
    assert f"{LESSON.src_uri}: code block 'injected-fault' was not executed" in output


def test_a_block_that_prints_nothing_into_a_result_tab_fails(scratch_project):
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-silent"\nx = 1\n```')
    assert result.returncode != 0
    assert f"{LESSON.src_uri}: block 'injected-silent' prints nothing into its Result tab" in output


@pytest.mark.parametrize("code", [0, 3])
def test_sys_exit_in_a_block_fails_naming_page_block_and_line(scratch_project, code):
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-fault"\nimport sys\nsys.exit({code})\n```')
    assert result.returncode != 0
    assert f"{LESSON.src_uri}: block 'injected-fault' called sys.exit({code})" in output


def test_the_unchanged_scratch_copy_builds(scratch_project):
    result = mkdocs_build(scratch_project, scratch_project / "site")
    assert result.returncode == 0, result.stderr
