"""The ten learning modes: their pages (generated from what each lesson declares), purposes, labels and home.

Per lesson it adds a flashcards page and a cheat sheet; for the site one review page and one mixed quiz
(lessonkit/modes.py writes their Markdown). It marks predict blocks, the test page's exam mode and the
lesson page's model quiz, names every page after its lesson ("Practice: RNN memory") and fills the
home page's `<!-- modes -->` with each lesson's modes, progress and next step. No lesson is named here.
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url
from PIL import Image

from lessonkit import modes, pages, quiz
from lessonkit.runner import BUILD

HOME_MARKER = "<!-- modes -->"
_labels: dict[str, str] = {}  # src_uri -> "Practice: RNN memory", for the tab title and the footer
_captured: dict[str, dict[str, str]] = {}  # lesson folder -> {"key-insight": html, "results": html}
_WHY_NOT = re.compile(r"@@modes-why-not:([^:@]+):([\w-]+):(\w+)@@")


def _generated(lesson: pages.Lesson) -> dict[str, str]:
    return {mode: f"{lesson.folder}/{name}" for mode, name in modes.GENERATED.items()}


def on_config(config):
    # After hooks/lessons.py, which built the nav: each lesson's group gets its flashcards and cheat sheet.
    pages.use_project(Path(config.config_file_path).parent)
    by_nav = {lesson.nav: lesson for lesson in pages.lessons()}
    for item in config.nav or []:
        (title, group), *_ = item.items()
        if title in by_nav and isinstance(group, list):
            uris = _generated(by_nav[title])
            group += [{"Flashcards": uris["flashcards"]}, {"Cheat sheet": uris["cheatsheet"]}]
    if config.nav is not None:
        config.nav += [{"Review": modes.REVIEW_PAGE}, {"Mixed quiz": modes.MIXED_PAGE}]
    return config


def on_files(files, config):
    # Written to build/ (never docs/: no reload loop), as a File with a real path the other hooks can read.
    folder = Path(config.config_file_path).parent / "build" / "modes"
    lessons = pages.lessons()
    texts = {modes.REVIEW_PAGE: modes.review_page(lessons), modes.MIXED_PAGE: modes.mixed_page(lessons)}
    for lesson in lessons:
        uris = _generated(lesson)
        texts[uris["flashcards"]] = modes.flashcards_page(lesson)
        texts[uris["cheatsheet"]] = modes.cheatsheet_page(lesson)
    for uri, text in texts.items():
        (folder / uri).parent.mkdir(parents=True, exist_ok=True)
        (folder / uri).write_text(text, encoding="utf-8")
        files.append(File(uri, str(folder), config.site_dir, config.use_directory_urls))
    return files


def on_nav(nav, config, files):
    _labels.clear()

    def walk(items, section=None):
        for item in items:
            if isinstance(item, Section):
                walk(item.children, item.title)
            elif getattr(item, "file", None) is not None:
                _labels[item.file.src_uri] = f"{item.title}: {section}" if section else item.title

    walk(nav.items)
    return nav


def _lesson_of(src_uri: str) -> pages.Lesson | None:
    folder = str(Path(src_uri).parent)
    return next((lesson for lesson in pages.lessons() if lesson.folder == folder), None)


@event_priority(60)  # before hooks/quiz.py renders the fences, after hooks/counts.py fills the counts
def on_page_markdown(markdown: str, page, config, files) -> str:
    uri = page.file.src_uri
    markdown, _ = modes.predict_marks(markdown)
    lesson = _lesson_of(uri)
    if lesson is None:
        return markdown
    mode = {lesson.page.src_uri: "learn", getattr(lesson.practice, "src_uri", ""): "practice"}.get(uri)
    if lesson.test is not None and uri == lesson.test.src_uri:
        mode = "test"
    if mode is None:
        return markdown
    line = modes.purpose_line(mode)
    if mode == "test":  # quiz.js runs this page as an exam
        line = line.replace('class="mode-purpose"', 'class="mode-purpose" data-quiz-mode="test"')
    markdown = re.sub(r"^(# .+)$", lambda m: f"{m[1]}\n\n{line}\n", markdown, count=1, flags=re.M)
    fences = list(quiz.FENCE.finditer(markdown))
    if mode == "learn" and fences and "<!-- quiz-progress -->" not in markdown:
        # The model quiz: progress, reset and score of its own, around the lesson page's questions.
        total = len(fences)
        progress = (
            f'<div class="quiz-progress"><p class="quiz-progress-text" aria-live="polite">Progress: (0/{total})</p>'
            '<button type="button" class="md-button quiz-reset" hidden>Reset progress</button></div>\n\n'
        )
        score = '\n\n<p class="quiz-score" aria-live="polite"></p>\n'
        first, last = fences[0].start(), fences[-1].end()
        markdown = markdown[:first] + progress + markdown[first:last] + score + markdown[last:]
    return markdown


_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def _lighter_png(match: re.Match) -> str:
    """A notebook plot as a 32-colour PNG: the same lines and labels at a quarter of the bytes (page weight)."""
    image = Image.open(io.BytesIO(base64.b64decode(match[1]))).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return f'src="data:image/png;base64,{base64.b64encode(out.getvalue()).decode()}"'


_NB_CODE = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)(.*?)(</pre>)', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WHITESPACE_TOKEN = re.compile(r'<span class="w">(\s*)</span>')
WRAPS_AT = 36  # characters: a shorter line fits a phone's width and never wraps


def _hanging(match: re.Match) -> str:
    """Each code line that may wrap on a phone continues under its own indentation, not at column 0."""
    lines = _WHITESPACE_TOKEN.sub(r"\1", match[2]).split("\n")  # (unstyled whitespace tokens: bytes only)
    if any(len(re.findall(r"<span\b", line)) != line.count("</span>") for line in lines):
        return match[0]  # a token spans lines (a long string): leave the block as it is
    out = []
    for line in lines:
        text = html.unescape(_TAG.sub("", line))
        if len(text) > WRAPS_AT:
            indent = len(text) - len(text.lstrip(" "))
            style = f' style="--nb-indent:{indent}ch"' if indent else ""
            line = f'<span class="nb-line"{style}>{line}</span>'
        out.append(line)
    return match[1] + "\n".join(out) + match[3]


def on_page_content(html_text: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".ipynb"):  # its plots come from the kernel as inline PNGs
        html_text = _PNG.sub(_lighter_png, html_text)
        html_text = _NB_CODE.sub(_hanging, html_text)
    if "predict-prompt" in html_text:
        for problem in modes.check_predictions(BeautifulSoup(html_text, "html.parser"), page.file.src_uri):
            BUILD.record(page.file.src_uri, problem)
    lesson = _lesson_of(page.file.src_uri)
    if lesson is not None and page.file.src_uri == lesson.page.src_uri:
        _captured[lesson.folder] = _capture(html_text)
    return html_text


def _capture(html_text: str) -> dict[str, str]:
    """The lesson page's key insight, and each section's printed results (text and tables, no plots)."""
    soup = BeautifulSoup(html_text, "html.parser")
    insight = ""
    heading = soup.find(id="key-insight")
    if heading is not None:
        parts = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h1", "h2"):
                break
            parts.append(str(sibling))
        insight = "\n".join(parts)
    sections = []
    title = ""
    for element in soup.find_all(["h2", "h3", "div"]):
        if element.find_parent("section", class_="quiz") is not None:
            continue  # a question's solution belongs to the question
        if element.name in ("h2", "h3"):
            if element.get("id") == "key-insight":
                break
            title = element.get_text().rstrip("¶").strip()
            continue
        if "tabbed-set" not in (element.get("class") or []):
            continue
        labels = [label.get_text().strip() for label in element.select(".tabbed-labels label")]
        blocks = element.select(":scope > .tabbed-content > .tabbed-block")
        if "Result" not in labels or len(blocks) != len(labels):
            continue
        result = blocks[labels.index("Result")]
        if result.find(["svg", "img", "figure"]):
            continue  # plots are studied on the lesson page
        if not sections or sections[-1][0] != title:
            sections.append((title, []))
        sections[-1][1].append(result.decode_contents())
    body = "\n".join(
        f'<section class="cheat-section"><h2>{html.escape(title)}</h2>\n' + "\n".join(results) + "</section>"
        for title, results in sections
    )
    return {"key-insight": _without_ids(insight), "results": _without_ids(body)}


def _without_ids(fragment: str) -> str:
    """Copied HTML keeps no id (they belong to the lesson page) and no permalink."""
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment)
    return re.sub(r'\s(?:id|for)="[^"]*"', "", fragment)


def on_page_context(context, page, config, nav):
    context["page_label"] = _labels.get(page.file.src_uri, page.title)
    context["page_labels"] = _labels
    content = page.content or ""
    lesson = _lesson_of(page.file.src_uri)
    if lesson is not None and lesson.folder in _captured:
        captured = _captured[lesson.folder]
        content = content.replace("<!-- modes:key-insight -->", captured["key-insight"])
        content = content.replace("<!-- modes:results -->", captured["results"])

    def why_not(match: re.Match) -> str:
        run = BUILD.runs.get(match[1])
        facts = run.facts.get(f"{match[2]}-evidence", {}) if run else {}
        return html.escape(facts.get("outcomes", {}).get(match[3], ""), quote=True)

    content = _WHY_NOT.sub(why_not, content)
    if HOME_MARKER in content:
        home = _home(page, nav)
        content = content.replace(f"<p>{HOME_MARKER}</p>", home).replace(HOME_MARKER, home)
    page.content = content
    return context


def _home(page, nav) -> str:
    """Each lesson with its modes (purpose, progress, score) and a next step; then review and mixed quiz.
    The numbers are the reader's, so modes.js fills them in; without it the links and purposes stay."""
    by_uri = {p.file.src_uri: p for p in nav.pages}

    def link(uri: str, anchor: str = "") -> str:
        return get_relative_url(by_uri[uri].url, page.url) + anchor if uri in by_uri else ""

    def item(mode: str, href: str, key: str = "", extra: str = "") -> str:
        title, text = modes.MODES[mode]
        state = f' <span class="mode-state" data-mode="{mode}" data-page-key="{key}"{extra} hidden></span>'
        state = state if key else ""
        return (
            f'<li class="mode" data-mode="{mode}"><a href="{href}">{title}</a>{state}'
            f'<br><span class="mode-purpose-text">{html.escape(text)}</span></li>'
        )

    parts = []
    for number, lesson in enumerate(pages.lessons(), start=1):
        built = by_uri.get(lesson.page.src_uri)
        minutes = built.meta.get("reading_minutes") if built else None
        sources = modes.questions(lesson)
        model = [s for s in sources if s.page == lesson.page]
        items = [item("learn", link(lesson.page.src_uri), lesson.page.src_uri, ' data-kind="visit"')]
        if model:
            first = f"#{model[0].question.id}"
            items.append(
                item("model-quiz", link(lesson.page.src_uri, first), lesson.page.src_uri, f' data-total="{len(model)}"')
            )
        for mode, quiz_page in [("practice", lesson.practice), ("test", lesson.test)]:
            if quiz_page is not None:
                total = len(pages.QUIZ_FENCE.findall(quiz_page.text))
                items.append(item(mode, link(quiz_page.src_uri), quiz_page.src_uri, f' data-total="{total}"'))
        if lesson.notebook in by_uri:
            items.append(item("notebook", link(lesson.notebook)))
        _, predicts = modes.predict_marks(lesson.page.text)
        if predicts:
            items.append(item("predict", link(lesson.page.src_uri, "#predict-1")))
        uris = _generated(lesson)
        items.append(item("flashcards", link(uris["flashcards"])))
        items.append(item("cheatsheet", link(uris["cheatsheet"])))
        meta = f'<p class="home-meta">{minutes} min read · ' if minutes else '<p class="home-meta">'
        meta += (
            f'<a class="home-continue" href="{link(lesson.page.src_uri)}" data-lesson="{lesson.folder}">'
            "Start with the lesson</a></p>"
        )
        parts.append(
            f'<section class="home-lesson" data-lesson="{lesson.folder}">'
            f'<h2 id="lesson-{number}">{number}. '
            f'<a href="{link(lesson.page.src_uri)}">{html.escape(lesson.title)}</a></h2>'
            f'{meta}<ul class="modes">{"".join(items)}</ul></section>'
        )
    mixed = len(modes.mixed_sources(pages.lessons()))
    every = (
        '<section class="home-lesson home-all"><h2 id="across-lessons">Across the lessons</h2><ul class="modes">'
        + item("review", link(modes.REVIEW_PAGE), modes.REVIEW_PAGE, ' data-kind="review"')
        + item("mixed", link(modes.MIXED_PAGE), modes.MIXED_PAGE, f' data-total="{mixed}"')
        + "</ul></section>"
    )
    return "\n".join(parts) + "\n" + every
