"""Write a Content-Security-Policy <meta> into every built page: the site's own files only, inline scripts by hash.

The policy and why each part of it is what it is: lessonkit/csp.py. While serving, inline scripts are
allowed (mkdocs serve's live-reload script has no fixed hash); `mkdocs build` writes the strict policy.
"""

from mkdocs.plugins import event_priority

from lessonkit.csp import inline_script_hashes, with_meta, write_policy
from lessonkit.runner import BUILD


@event_priority(-100)  # last: the hashes are of the page as it is written
def on_post_page(output: str, page, config) -> str:
    BUILD.script_hashes |= inline_script_hashes(output)
    return with_meta(output)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml
        return output
    BUILD.script_hashes |= inline_script_hashes(output)
    return with_meta(output)


def on_post_build(config):
    write_policy(config.site_dir, "'unsafe-inline'" if BUILD.serving else " ".join(sorted(BUILD.script_hashes)))
