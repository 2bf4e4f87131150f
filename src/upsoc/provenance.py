"""Fingerprints of the code behind each rule, so that editing it reruns the rule.

Snakemake reruns a job when its params change (and when its script file changes); passing each
rule the digest of the package modules its script imports makes a change in them as visible to
the workflow as a data change. The modules are found by reading the import statements of the
script and, in turn, of every module it reaches, including imports inside functions (a
language's tools load on demand), so a new import is covered without listing it anywhere.
Nothing is imported, so that the workflow starts fast.

`outdated` compares modification times as Snakemake does, for an input function that tells
whether a job's own sources changed (see `sentences_to_embed` in workflow/rules/common.smk).
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def module_file(name: str, root: Path = PACKAGE_DIR) -> Path | None:
    """The source of a module of the package at `root` (a package's __init__.py); None for
    other modules, for names that are not modules (a function), and for a namespace package."""
    package, *parts = name.split(".")
    if package != root.name:
        return None
    path = root.joinpath(*parts)
    candidates = [path / "__init__.py", path.with_suffix(".py")] if parts else [path / "__init__.py"]
    return next((candidate for candidate in candidates if candidate.is_file()), None)


@functools.cache  # a workflow start fingerprints every rule's script: the modules they share are parsed once
def imported_names(source: str, module: str | None = None, is_package: bool = False) -> frozenset[str]:
    """Absolute dotted names that `source` imports, and for `from x import y` also `x.y` (it may
    be a module). `module`: the source's own name, to resolve relative imports (None: a script)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(names)


def _absolute(node: ast.ImportFrom, module: str | None, is_package: bool) -> str:
    if not node.level:
        return node.module
    package = module if is_package else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _with_parents(name: str) -> list[str]:
    """Importing a.b.c runs a/__init__.py and a/b/__init__.py first."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def dependencies(script: str | Path, root: Path = PACKAGE_DIR, module: str | None = None) -> list[Path]:
    """The package's source files that `script` imports, directly or through other modules.
    `module`: the script's dotted name when it is itself a module of the package."""
    found: dict[Path, str] = {}
    pending: list[tuple[Path, str | None]] = [(Path(script), module)]
    while pending:
        path, module = pending.pop()
        for name in imported_names(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"):
            for importable in _with_parents(name):
                file = module_file(importable, root)
                if file is not None and file not in found:
                    found[file] = importable
                    pending.append((file, importable))
    return sorted(found)


def code_digest(script: str | Path, root: Path = PACKAGE_DIR) -> str:
    """sha256 (first 16 hex digits) over the package files `script` depends on."""
    return _digest(dependencies(script, root), root)


def source_files(script: str | Path, root: Path = PACKAGE_DIR) -> list[Path]:
    """`script` and the package files it depends on."""
    return [Path(script), *dependencies(script, root)]


def outdated(output: str | Path, sources: list[str | Path]) -> bool:
    """Whether `output` is missing or older than one of `sources`, by modification time, as
    Snakemake compares a job's inputs with its outputs."""
    output = Path(output)
    if not output.exists():
        return True
    made = output.stat().st_mtime
    return any(Path(source).stat().st_mtime > made for source in sources)


def module_digest(name: str, root: Path = PACKAGE_DIR) -> str:
    """sha256 (first 16 hex digits) over a module of the package and the package files it imports."""
    file = module_file(name, root)
    return _digest(sorted({file, *dependencies(file, root, name)}), root)


def _digest(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
