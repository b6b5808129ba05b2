"""Every snippet runs alone and prints the same thing whatever ran before it: it seeds what it uses.

Each file runs from the project root, as `python snippets/x/y.py` does, twice in fresh child processes
whose global random generators (torch, random) were first set to different states, as an earlier
block of a build would leave them. An unseeded `torch.randn` then prints different numbers.
"""

import contextlib
import io
import multiprocessing
import os
import random
import runpy
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
SNIPPETS = sorted(path.relative_to(ROOT) for path in (ROOT / "snippets").rglob("*.py"))


def _run_alone(path: str, seed: int) -> str:
    """In a forked child: disturb the generators, run the file as a script, return what it printed."""
    import torch

    from lessonkit import execution

    execution.use_figures()  # plt.show() prints the figure, so a drawn plot is compared too
    execution.forget_snippet_modules()  # the fork inherits modules an earlier test imported (another `experiment`)
    torch.manual_seed(seed)
    random.seed(seed)
    os.chdir(ROOT)
    sys.path.insert(0, str((ROOT / path).parent))
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        runpy.run_path(str(ROOT / path), run_name="__main__")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[str, str]]:
    """Every snippet run twice, each run in a new child forked from one that imported torch (fast)."""
    import torch  # noqa: F401 - imported once here, inherited by every child

    context = multiprocessing.get_context("fork")
    with context.Pool(2, maxtasksperchild=1) as pool:
        jobs = {str(path): [pool.apply_async(_run_alone, (str(path), seed)) for seed in (1, 2)] for path in SNIPPETS}
        return {path: tuple(job.get(timeout=120) for job in pair) for path, pair in jobs.items()}


@pytest.mark.parametrize("path", [str(p) for p in SNIPPETS])
def test_snippet_prints_the_same_alone_whatever_state_the_generators_were_in(runs, path):
    first, second = runs[path]
    assert first == second, f"{path} prints differently after another seed: it uses a generator it does not seed"
