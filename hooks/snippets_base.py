"""Resolve pymdownx.snippets' base_path from mkdocs.yml's folder, so a build works from any directory."""

# mkdocs.yml names the folder plainly (`base_path: [snippets]`), which pymdownx.snippets would resolve
# against the working directory. MkDocs' `!relative $config_dir/...` tag does what this hook does, but
# Zensical (Material's successor) cannot load a mkdocs.yml that uses it; Zensical runs no hooks, and run
# from the project root it finds snippets/ by the plain path.

from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(100)  # first: every other hook and the pages read the resolved paths
def on_config(config):
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    root = Path(config.config_file_path).parent
    snippets["base_path"] = [str(root / path) for path in snippets.get("base_path", [])]
    return config
