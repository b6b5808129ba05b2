"""A fault in a page's code fails the build, and the message names the page and the block.

Each test builds a scratch copy of the project with one fault appended to the lesson page, the way
an author would run it: plain `mkdocs build`, no --strict on the command line.
"""

import pytest

from conftest import mkdocs_build

PAGE = "docs/rnn/index.md"
FENCE = 'python exec="on" source="tabbed-right" session="rnn-index"'

pytestmark = pytest.mark.build


def build_with(project, fault: str):
    with open(project / PAGE, "a") as page:
        page.write(f"\n\n{fault}\n")
    result = mkdocs_build(project, project / "site")
    return result, result.stdout + result.stderr


def test_an_exception_in_a_block_fails_naming_page_and_block(scratch_project):
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-fault"\nraise ValueError("boom")\n```')
    assert result.returncode != 0
    assert "rnn/index.md: Execution of python code block 'injected-fault' exited with errors" in output


def test_a_missing_snippet_section_fails_naming_page_and_include(scratch_project):
    result, output = build_with(
        scratch_project, f'```{FENCE} id="injected-fault"\n--8<-- "rnn/index/pipeline.py:no-such-section"\n```'
    )
    assert result.returncode != 0
    assert (
        "rnn/index.md: code block 'injected-fault': Snippet section 'no-such-section' could not be located"
        ' (from --8<-- "rnn/index/pipeline.py:no-such-section")'
    ) in output


def test_a_missing_snippet_file_fails_naming_page_and_file(scratch_project):
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-fault"\n--8<-- "rnn/index/gone.py"\n```')
    assert result.returncode != 0
    assert "rnn/index.md: code block 'injected-fault': Snippet at path 'rnn/index/gone.py' could not be found" in output


def test_an_invalid_fence_option_fails_naming_page_and_block(scratch_project):
    fence = FENCE.replace("tabbed-right", "tabbed")
    result, output = build_with(scratch_project, f'```{fence} id="injected-fault"\nprint(1)\n```')
    assert result.returncode != 0
    assert "rnn/index.md: code block 'injected-fault' was not executed" in output


@pytest.mark.parametrize("code", [0, 3])
def test_sys_exit_in_a_block_fails_naming_page(scratch_project, code):
    result, output = build_with(scratch_project, f'```{FENCE} id="injected-fault"\nimport sys\nsys.exit({code})\n```')
    assert result.returncode != 0
    assert "rnn/index.md: a code block called sys.exit() during the build" in output


def test_the_unchanged_scratch_copy_builds(scratch_project):
    result = mkdocs_build(scratch_project, scratch_project / "site")
    assert result.returncode == 0, result.stderr
