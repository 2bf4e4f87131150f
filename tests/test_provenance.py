"""Code fingerprints follow the import graph: a module imported indirectly is part of the digest;
an output is outdated by any of the files it is made from."""

import os

from conftest import ROOT

from upsoc.provenance import PACKAGE_DIR, code_digest, dependencies, outdated, source_files


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def fake_project(tmp_path):
    """A script that imports pkg.stage, which imports pkg.helpers, which imports pkg.tools.lazy in a function."""
    pkg = tmp_path / "pkg"
    write(pkg / "__init__.py", "")
    write(pkg / "stage.py", "from .helpers import helper\n")
    write(pkg / "helpers.py", "import os\n\n\ndef helper():\n    from .tools import lazy\n    return lazy.VALUE\n")
    write(pkg / "tools" / "__init__.py", "")
    write(pkg / "tools" / "lazy.py", "VALUE = 1\n")
    write(pkg / "unused.py", "VALUE = 2\n")
    script = write(tmp_path / "scripts" / "run.py", "from pkg.stage import helper\n\nhelper()\n")
    return pkg, script


def test_dependencies_follow_imports_through_modules_and_functions(tmp_path):
    pkg, script = fake_project(tmp_path)
    found = [path.relative_to(pkg).as_posix() for path in dependencies(script, root=pkg)]
    assert found == ["__init__.py", "helpers.py", "stage.py", "tools/__init__.py", "tools/lazy.py"]


def test_editing_an_indirectly_imported_module_changes_the_digest(tmp_path):
    pkg, script = fake_project(tmp_path)
    before = code_digest(script, root=pkg)
    (pkg / "unused.py").write_text("VALUE = 3\n", encoding="utf-8")
    assert code_digest(script, root=pkg) == before
    (pkg / "tools" / "lazy.py").write_text("VALUE = 4\n", encoding="utf-8")
    assert code_digest(script, root=pkg) != before


def test_the_coding_rule_depends_on_the_tokenizer_and_normaliser_it_reaches():
    # code_articles.py imports upsoc.coding, whose advice module imports upsoc.tokenize, and
    # upsoc.languages builds the Persian normaliser on demand
    found = {path.relative_to(PACKAGE_DIR).as_posix() for path in dependencies(ROOT / "workflow/scripts/code_articles.py")}
    assert {"coding/matcher.py", "coding/advice.py", "tokenize.py", "languages.py", "clean/persian.py", "tsv.py"} <= found
    assert not any(path.startswith(("topics/", "compare/", "report/")) for path in found)


def test_every_rule_script_has_a_fingerprint():
    scripts = sorted((ROOT / "workflow" / "scripts").glob("*.py"))
    digests = {script.name: code_digest(script) for script in scripts}
    assert all(len(d) == 16 for d in digests.values())
    assert digests["topic_model.py"] != digests["compare_groups.py"]


def test_an_output_is_outdated_when_missing_or_older_than_one_of_its_sources(tmp_path):
    pkg, script = fake_project(tmp_path)
    sources = source_files(script, root=pkg)
    assert sources[0] == script and pkg / "tools" / "lazy.py" in sources and pkg / "unused.py" not in sources
    output = tmp_path / "result.txt"
    assert outdated(output, sources)
    output.write_text("made\n", encoding="utf-8")
    made = output.stat().st_mtime
    for source in sources:
        os.utime(source, (made - 10, made - 10))
    assert not outdated(output, sources)
    os.utime(pkg / "tools" / "lazy.py", (made + 10, made + 10))
    assert outdated(output, sources)
