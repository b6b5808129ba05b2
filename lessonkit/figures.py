"""A matplotlib backend for the pages: `plt.show()` prints each open figure as inline SVG.

Snippets draw with plain pyplot and call `plt.show()`, as in any notebook (where Jupyter's own backend
shows them). On a page, this backend prints the figure where the block's output goes: text, ticks and
axes in the page's text colour (`currentColor`, so the dark palette works), stable ids, and
`fig.set_label(...)` as its accessible name. Selected with MPLBACKEND=module://lessonkit.figures.
"""

from __future__ import annotations

import hashlib
import io
import re

import matplotlib
from cycler import cycler
from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase, _Backend
from matplotlib.backends.backend_svg import FigureCanvasSVG

INK = "#010203"  # text and axes are drawn in this colour, then swapped for currentColor (as is black, "k")
# Data colours with at least 3:1 contrast on both palettes' backgrounds (white, and slate #1e2129): the
# matplotlib default's orange, cyan, olive and pink fall below it on white (tests/test_promises.py).
DATA_COLOURS = [
    "#1f77b4",
    "#d45f00",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#b0651f",
    "#d1449a",
    "#808080",
    "#8f8f00",
    "#1a9aa8",
]
matplotlib.rcParams.update(
    {
        "svg.hashsalt": "lesson",  # the same ids in every build
        "svg.fonttype": "none",  # real text: searchable, and sized by the page
        **dict.fromkeys(["text.color", "axes.labelcolor", "axes.edgecolor", "xtick.color", "ytick.color"], INK),
        "legend.labelcolor": INK,
        "axes.prop_cycle": cycler(color=DATA_COLOURS),
        "legend.frameon": False,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "savefig.facecolor": "none",
    }
)


def svg_markup(figure) -> str:
    """The figure as an inline <svg>, themed, with role="img" and its label as the accessible name."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=dict.fromkeys(["Date", "Creator", "Format", "Type"]))
    svg = buffer.getvalue().replace(INK, "currentColor").replace("#000000", "currentColor")  # black is "ink" too
    svg = svg[svg.index("<svg") :]  # no XML prologue or doctype inside HTML
    svg = re.sub(r"\n\s*", " ", svg)  # one line: Markdown then treats the figure as one piece of HTML
    label = (figure.get_label() or "A plot").replace('"', "&quot;")
    # matplotlib numbers ids per figure (patch_1, ...): prefix them, or two plots on a page share ids.
    prefix = "fig" + hashlib.sha1(label.encode()).hexdigest()[:8] + "-"
    svg = re.sub(r'(\bid="|#)([A-Za-z_][\w.-]*)(?=[")])', lambda m: m[1] + prefix + m[2], svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


@_Backend.export
class _BackendLesson(_Backend):
    FigureCanvas = FigureCanvasSVG
    FigureManager = FigureManagerBase

    @staticmethod
    def show(*args, **kwargs):
        for manager in Gcf.get_all_fig_managers():
            print(f'<figure class="lesson-plot">{svg_markup(manager.canvas.figure)}</figure>\n')
        Gcf.destroy_all()
