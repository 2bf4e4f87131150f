"""Fingerprints of the code behind each stage, so that editing it reruns the stage.

Snakemake reruns a job when its params change; passing each rule the digest of the modules
it runs makes a code change as visible to the workflow as a data change.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path


def source_digest(*modules: str) -> str:
    """sha256 (first 16 hex digits) over the source of the named modules or packages."""
    digest = hashlib.sha256()
    for name in sorted(modules):
        module = importlib.import_module(name)
        origin = Path(module.__file__)
        files = sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
