"""Stamp the footer with the torch version that actually ran the pages' code."""

import torch


def on_config(config):
    config.copyright = f"Verified with torch {torch.__version__}"
    return config
