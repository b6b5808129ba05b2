"""Check every prose claim (`<!-- claim: EXPR -->`) against the run of the exec block above it (lessonkit.claims)."""

from __future__ import annotations

from pathlib import Path

from lessonkit import claims, execution, failures


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "<!--" not in markdown:
        return markdown
    name = page.file.src_uri
    for claim in claims.find(Path(page.file.abs_src_path).read_text(encoding="utf-8")):
        where = f"docs/{name}:{claim.line}"
        if claim.block is None:
            failures.record(name, f'{where}: the claim `{claim.expr}` has no exec block above it: "{claim.sentence}"')
            continue
        # Checked right after that block runs, in its session's namespace, like a question's evidence.
        execution.expect(
            name, claim.block, lambda ns, c=claim, w=where: (claims.problem(w, c.sentence, c.expr, ns), {})
        )
    return claims.strip(markdown)
