import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from upsoc.clean import clean_text, decode
from upsoc.languages import profile
from upsoc.tsv import read_tsv

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "data"
FIXTURE_CORPUS = FIXTURES / "corpus"
USER_DICTIONARY = ROOT / "data" / "lexicon" / "zh_userdict.txt"
GOLD_STUDY = ROOT / "data" / "validation" / "gold"


@pytest.fixture(scope="session")
def tokenizers():
    """Loaded once: hazm and jieba take seconds to start."""
    return {
        "zh": profile("zh").make_tokenizer(USER_DICTIONARY),
        "fa": profile("fa").make_tokenizer(),
        "en": profile("en").make_tokenizer(),
    }


@pytest.fixture(scope="session")
def fixture_sheet():
    return read_tsv(FIXTURE_CORPUS / "articles.tsv").set_index("id", drop=False)


def raw_text(corpus: Path, file: str) -> str:
    return decode((corpus / "raw" / file).read_bytes(), file)


@pytest.fixture(scope="session")
def cleaned_fixtures(fixture_sheet):
    """article id -> (raw text, CleanArticle) for the fixture corpus."""
    return {
        row.id: (raw := raw_text(FIXTURE_CORPUS, row.file), clean_text(raw, row.language, row.id))
        for row in fixture_sheet.itertuples()
    }


CODEBOOK_SCHEMA = ROOT / "workflow" / "schemas" / "codebook.schema.yaml"


@pytest.fixture(scope="session")
def codebook():
    from upsoc.coding.codebook import load_codebook
    from upsoc.sheet import load_schema

    return load_codebook(ROOT / "data" / "codebook.yaml", load_schema(CODEBOOK_SCHEMA))


@pytest.fixture(scope="session")
def coders(codebook, tokenizers):
    """language -> (analyse(text) -> tokens, CueMatcher, AdviceDetector), built like the workflow builds them."""
    from upsoc.coding.advice import AdviceDetector, compile_advice
    from upsoc.coding.codebook import compile_cues
    from upsoc.coding.matcher import CueMatcher

    built = {}
    for language, tokenizer in tokenizers.items():
        normalizer = profile(language).make_normalizer()
        cues = compile_cues(codebook, language, tokenizer, normalizer)
        advice = compile_advice(codebook.advice[language], tokenizer, normalizer)
        built[language] = (
            lambda text, t=tokenizer, n=normalizer: t(n(text)),
            CueMatcher(cues, language),
            AdviceDetector(advice),
        )
    return built


DETERMINISTIC = ["results"]


def make_project(path):
    for item in ["Snakefile", "workflow", "config"]:
        source = ROOT / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, path / item)
    shutil.copytree(FIXTURE_CORPUS, path / "data")
    shutil.copytree(ROOT / "data" / "lexicon", path / "data" / "lexicon")
    shutil.copy(ROOT / "data" / "codebook.yaml", path / "data" / "codebook.yaml")
    shutil.copytree(ROOT / "data" / "validation", path / "data" / "validation")
    return path


def snakemake(project, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "snakemake", *args],
        cwd=project, capture_output=True, text=True, check=False, env=env,
    )


def digests(project):
    return {
        str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in DETERMINISTIC
        for path in sorted((project / folder).rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def first_run(tmp_path_factory):
    """The workflow run once on the fixture corpus, shared by the end-to-end tests."""
    project = make_project(tmp_path_factory.mktemp("first"))
    result = snakemake(project, "--cores", "2")
    assert result.returncode == 0, result.stderr
    return project
