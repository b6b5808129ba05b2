"""An execution cache for `make serve`: a page's (or notebook's) results, reused while nothing they depend on changed.

The key covers the code as run (every block in order, with its session and options), the page's
questions as written, the Python and installed package versions, and lessonkit's own source; an entry
also lists the files its run read (included snippets, and every snippet file it imported, ran with
runpy or opened), and is stale as soon as one of them changes. Only used
when LESSON_CACHE names a folder (the Makefile's serve target); builds, tests and CI run everything.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path


@functools.cache
def environment() -> dict[str, str]:
    versions = {dist.metadata["Name"]: dist.version for dist in metadata.distributions()}  # every installed one
    lessonkit = Path(__file__).parent
    versions["lessonkit"] = digest(*sorted(lessonkit.glob("*.py")))
    return {"python": sys.version, **versions}


def digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(str(path).encode() + b"\0" + (path.read_bytes() if path.is_file() else b"(missing)"))
    return sha.hexdigest()


def key(*parts) -> str:
    return hashlib.sha256(json.dumps([environment(), *parts], sort_keys=True, default=str).encode()).hexdigest()


def folder() -> Path | None:
    """The cache folder, or None when caching is off (the default everywhere but `make serve`)."""
    value = os.environ.get("LESSON_CACHE", "")
    return Path(value) if value else None


def load(name: str, entry_key: str) -> dict | None:
    """The stored entry for this key, if every file it depends on is unchanged."""
    base = folder()
    path = base / name / f"{entry_key}.json" if base else None
    if not path or not path.is_file():
        return None
    entry = json.loads(path.read_text(encoding="utf-8"))
    if any(digest(Path(dep)) != sha for dep, sha in entry["deps"].items()):
        return None
    return entry


def save(name: str, entry_key: str, entry: dict, deps: set[Path]) -> None:
    base = folder()
    if not base:
        return
    path = base / name / f"{entry_key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("*.json"):  # one entry per page: the folder does not grow with every edit
        old.unlink()
    entry = {**entry, "deps": {str(dep): digest(dep) for dep in sorted(deps)}}
    path.write_text(json.dumps(entry), encoding="utf-8")
