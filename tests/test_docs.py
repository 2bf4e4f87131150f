"""The documentation holds together: every relative link and anchor resolves as GitHub renders
it, and the README's quick-start commands are the ones CI runs."""

import re
import shlex
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "data/validation/README.md", *(ROOT / "docs").glob("*.md")]
)

FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)
# [text](target) and ![alt](target); the text may span lines and hold one level of brackets
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def prose(text: str) -> list[str]:
    """The lines outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading (github-slugger): the rendered text in lower case, with every
    character that is not a letter, mark, number, space, hyphen or underscore removed, and each
    space made a hyphen. Kept: CJK and Persian letters (the zero-width non-joiner is removed)."""
    text = INLINE_CODE.sub(lambda m: m.group(2), heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link shows its text
    text = re.sub(r"<[^>]+>", "", text).replace("*", "")
    kept = (c for c in text.strip().lower() if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return "".join(kept).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found, seen = set(), {}
    for line in prose(path.read_text(encoding="utf-8")):
        found.update(HTML_ANCHOR.findall(line))
        if match := HEADING.match(line):
            base = slug(match.group(2))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[str]:
    text = "\n".join(prose(path.read_text(encoding="utf-8")))
    text = INLINE_CODE.sub("", text)
    return [target for target in LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:", target)]


def test_the_slugs_follow_github():
    assert slug("Running on a cluster") == "running-on-a-cluster"
    assert slug("The project's study (`gold/`)") == "the-projects-study-gold"
    assert slug("2026-12-05: report in two jobs, scheduling priorities") == "2026-12-05-report-in-two-jobs-scheduling-priorities"
    assert slug("What `upsoc add` accepts") == "what-upsoc-add-accepts"
    assert slug("`frame_only` and `frame_terms`") == "frame_only-and-frame_terms"
    assert slug("向上社交 (upward socializing)") == "向上社交-upward-socializing"
    assert slug("شبکه‌سازی — networking") == "شبکهسازی--networking"
    assert slug("**Bold** and [a link](x.md)") == "bold-and-a-link"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_anchor_resolves(document):
    assert document.exists(), document
    broken = []
    for target in links(document):
        path, _, anchor = target.partition("#")
        resolved = (document.parent / path).resolve() if path else document
        if not resolved.exists():
            broken.append(f"{target}: no such file")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading with anchor #{anchor} in {resolved.relative_to(ROOT)}")
    assert not broken, f"{document.relative_to(ROOT)}: " + "; ".join(broken)


def test_a_broken_anchor_is_found(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n## Uncertainty\n\nSee [above](#uncertainty), [gone](#certainty).\n"
                    "```\n[not a link](#in-code)\n```\n", encoding="utf-8")
    assert links(page) == ["#uncertainty", "#certainty"]
    assert "uncertainty" in anchors(page) and "certainty" not in anchors(page)


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.S)]


def ci_command() -> str:
    lines = [line for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
             if line.startswith("apt-get update")]
    assert len(lines) == 1, "`.ci/run` should run one install-and-test line"
    return lines[0]


def steps(command: str) -> list[list[str]]:
    """A shell line's `&&`-separated steps as words, without apt-get's quiet flag (CI's only
    difference from what a reader types)."""
    return [[word for word in shlex.split(step) if word != "-qq"] for step in command.split("&&")]


def test_the_readme_test_command_is_what_ci_runs():
    commands = quick_start_commands()
    assert len(commands) == 2 and all("\n" not in command for command in commands), commands
    # character for character, but for CI's quiet flag
    assert commands[1] == ci_command().replace(" -qq", "")


def test_the_readme_run_command_sets_up_as_ci_does():
    run, ci = steps(quick_start_commands()[0]), steps(ci_command())
    assert run[0] == ci[0] == ["apt-get", "update"]
    # the run installs the figures' system packages, a subset of what CI installs
    assert run[1][:2] == ["xargs", "-a"] and run[1][3:] == ["apt-get", "install", "-y"]
    assert run[1][2] in ci[1], (run[1], ci[1])
    assert run[2] == ci[2] == ["python3", "-m", "venv", ".venv"]
    assert run[3] == [".venv/bin/pip", "install", "-e", "."] and ci[3] == [".venv/bin/pip", "install", "-e", ".[test]"]
    assert run[4][:2] == [".venv/bin/snakemake", "--cores"] and len(run) == 5

