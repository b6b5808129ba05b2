"""Stamp the footer with the torch version that actually ran the pages' code."""

# Read once the pages have run and before any is written. Importing torch when the config loads
# would hold back what starts with the build, such as the notebook's run (hooks/run_notebook.py).


def on_env(env, config, files):
    import torch

    config.copyright = f"Verified with torch {torch.__version__}"
    return env
