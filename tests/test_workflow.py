"""The Snakemake workflow end to end on the fixture corpus, in a scratch copy of the project."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, digests, make_project, snakemake

from upsoc.embed.store import text_digest
from upsoc.shards import shard_articles
from upsoc.tsv import read_tsv

pytestmark = pytest.mark.workflow

def test_all_outputs_exist(first_run):
    for article in ["mentor-note", "networking-basics", "coffee-chats"]:
        for output in [f"results/clean/{article}.txt", f"results/clean/{article}.removed.tsv", f"results/sentences/{article}.tsv"]:
            assert (first_run / output).stat().st_size > 0, output
    for language in ["zh", "fa", "en"]:
        assert (first_run / f"results/topics/{language}/lda/selection.tsv").is_file()
        assert (first_run / f"results/compare/keyness_{language}.tsv").is_file()
    for table in ["concept_prevalence", "concept_differences", "topic_effects", "divergence", "tactics"]:
        assert (first_run / f"results/compare/{table}.tsv").stat().st_size > 0, table
    assert (first_run / "results/topics/crosslingual/article_topics.tsv").stat().st_size > 0
    assert (first_run / "results/report/figures/prevalence_frame.svg").stat().st_size > 0
    index = (first_run / "results/report/index.html").read_text(encoding="utf-8")
    assert 'href="articles/networking-basics.html"' in index


def test_every_sentence_is_coded_exactly_once(first_run):
    from upsoc.tsv import read_tsv

    coded = read_tsv(first_run / "results/coding/sentences.tsv")
    expected = []
    for article in ["coffee-chats", "mentor-note", "networking-basics"]:
        sentences = read_tsv(first_run / f"results/sentences/{article}.tsv")
        expected += list(zip(sentences["article_id"], sentences["sentence_id"]))
    assert sorted(zip(coded["article_id"], coded["sentence_id"])) == sorted(expected)
    assert set(coded["is_advice"]) == {"0", "1"}
    coverage = read_tsv(first_run / "results/coding/codebook_coverage.tsv")
    assert len(coverage) == 29 * 3
    validation = read_tsv(first_run / "results/validation/scores.tsv")
    assert {"micro", "macro", "advice"} <= set(validation["measure"])
    # the instrument and both coders are scored on each split of the project's study
    gold = validation[validation["study"] == "gold"]
    assert set(gold["split"]) == {"dev", "test"} and set(gold["coding"]) == {"instrument", "coder_a", "coder_b"}


def test_rerun_with_nothing_changed_does_nothing(first_run):
    result = snakemake(first_run, "--cores", "2", "--dry-run")
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_two_cold_runs_are_byte_identical_whatever_the_cores(first_run, tmp_path):
    second = make_project(tmp_path)
    result = snakemake(second, "--cores", "1")
    assert result.returncode == 0, result.stderr
    assert digests(second) == digests(first_run)


def test_adding_articles_runs_only_their_jobs_and_shows_them_everywhere(first_run, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(first_run, project)
    sources = ROOT / "tests" / "data" / "sources"
    for source, language, origin in [("keep-in-touch.md", "zh", "CN"), ("networking-habits.html", "en", "US")]:
        added = subprocess.run(
            [sys.executable, "-m", "upsoc", "add", str(sources / source), "--language", language,
             "--frame", "networking", "--origin", origin],
            cwd=project, capture_output=True, text=True, check=False,
        )
        assert added.returncode == 0, added.stderr
    plan = snakemake(project, "--dry-run", "--quiet", "rules")
    assert plan.returncode == 0, plan.stderr
    counts = dict(re.findall(r"^(\w+)\s+(\d+)$", plan.stdout, re.MULTILINE))
    per_shard_setting = yaml.safe_load((project / "config/config.yaml").read_text())["articles_per_shard"]
    shards = shard_articles(read_tsv(project / "data/articles.tsv").set_index("id"), per_shard_setting)
    # one job per stage for the shard each new article falls into; the other shards stay as they are
    new_shards = {name.replace("-", "_") for name, ids in shards.items()
                  if {"keep-in-touch", "networking-habits"} & set(ids)}
    assert len(new_shards) == 2
    per_shard = {f"{stage}_{shard}": "1" for stage in ("clean", "segment", "code") for shard in new_shards}
    # the new articles are embedded, not the others of their shards, whose sentence tables are rewritten
    per_article = {"embed_sentences": "2"}
    corpus_level = {"corpus_summary": "1", "coding_tables": "1", "crosslingual_topics": "1", "compare_groups": "1",
                    "figures_compare": "1", "report_pages": "1", "report_html": "1", "all": "1",
                    # the frame contrasts and the coverage study read every article's coding
                    "frame_effects": "1", "interval_coverage": "1",
                    "themes": "1", "figures_themes": "1",
                    # the seeded topics of every language are compared with the coding and the sheet's groups
                    "seeded_agreement": "3"}
    # the topic models and topic figures of the two languages that gained an article, not of the third
    per_language = {"topic_units": "2", "topic_model": "4", "seeded_topics": "2", "figures_topics": "2"}
    expected = {**per_shard, **per_article, **corpus_level, **per_language}
    assert counts == {**expected, "total": str(sum(int(n) for n in expected.values()))}, plan.stdout
    assert snakemake(project, "--cores", "2").returncode == 0
    coded = (project / "results/coding/sentences.tsv").read_text(encoding="utf-8")
    assert "keep-in-touch" in coded and "networking-habits" in coded
    assert "你应该定期跟进" in (project / "results/clean/keep-in-touch.txt").read_text(encoding="utf-8")
    html_clean = (project / "results/clean/networking-habits.txt").read_text(encoding="utf-8")
    assert "follow up within a day" in html_clean and "Subscribe" not in html_clean
    index = (project / "results/report/index.html").read_text(encoding="utf-8")
    assert "keep-in-touch" in index and "networking-habits" in index


def test_editing_an_articles_raw_file_embeds_that_article_again(first_run, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(first_run, project)
    raw = project / "data/raw/coffee-chats.en.txt"
    before = {path.name: path.read_bytes() for path in (project / "results/embeddings").iterdir()}
    follow_up = "If you never follow up, people will forget you."
    raw.write_text(raw.read_text(encoding="utf-8").replace(follow_up, f"{follow_up} Ask one question at a time."),
                   encoding="utf-8")
    plan = snakemake(project, "--dry-run", "--quiet", "rules")
    assert re.search(r"^embed_sentences\s+1$", plan.stdout, re.MULTILINE), plan.stdout
    assert snakemake(project, "--cores", "2", "--until", "embed_sentences").returncode == 0
    after = {path.name: path.read_bytes() for path in (project / "results/embeddings").iterdir()}
    assert {name for name in after if after[name] != before[name]} == {"coffee-chats.npy", "coffee-chats.tsv"}
    sentences = read_tsv(project / "results/sentences/coffee-chats.tsv")
    ids = read_tsv(project / "results/embeddings/coffee-chats.tsv")
    assert "Ask one question at a time." in set(sentences["text"])
    assert ids["text_sha256"].tolist() == [text_digest(text) for text in sentences["text"]]


def test_a_failed_run_leaves_earlier_results_and_raw_data_intact(first_run, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(first_run, project)
    before = digests(project)
    raw = {p.name: p.read_bytes() for p in (project / "data/raw").iterdir()}
    (project / "data/raw/coffee-chats.en.txt").write_bytes("Café".encode("cp1252"))
    result = snakemake(project, "--cores", "2")
    assert result.returncode != 0 and "not UTF-8" in result.stderr
    assert digests(project) == before
    assert {p.name: p.read_bytes() for p in (project / "data/raw").iterdir() if p.name != "coffee-chats.en.txt"} == {
        k: v for k, v in raw.items() if k != "coffee-chats.en.txt"
    }


def test_bad_sheet_stops_before_any_job(tmp_path):
    project = make_project(tmp_path)
    sheet = project / "data" / "articles.tsv"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("\tzh\t", "\tjp\t", 1), encoding="utf-8")
    result = snakemake(project, "--cores", "1")
    assert result.returncode != 0
    assert "row 2 (id 'mentor-note'): language: 'jp' is not one of" in result.stderr
    assert not (project / "results").exists()


def test_lint_finds_nothing_but_the_deployment_advice(tmp_path):
    """Software is deployed by pyproject.toml, not per-rule conda environments (docs/dependencies.md),
    so the only acceptable lint is the advice to add one."""
    project = make_project(tmp_path)
    result = snakemake(project, "--lint")
    findings = {line.strip() for line in (result.stdout + result.stderr).splitlines() if line.startswith("    * ")}
    assert findings <= {"* Specify a conda environment or container for each rule.:"}, findings


def test_the_slurm_profile_plans_every_job_with_its_resources(tmp_path):
    project = make_project(tmp_path)
    result = snakemake(project, "--workflow-profile", str(ROOT / "workflow/profiles/slurm"), "--dry-run")
    assert result.returncode == 0, result.stderr
    jobs = re.findall(r"^(?:local)?rule (\w+):\n(.*?)\n\n", result.stdout, re.MULTILINE | re.DOTALL)
    assert len(jobs) > 20
    for name, block in jobs:
        if name != "all":
            assert re.search(r"resources: .*mem_mb=\d+.*runtime=\d+", block), (name, block)


def test_every_rule_declares_its_log_benchmark_threads_and_resources():
    for path in (ROOT / "workflow" / "rules").glob("*.smk"):
        blocks = re.split(r"^\s*rule\b", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
        for block in blocks:
            for directive in ("log:", "benchmark:", "threads:", "mem_mb=", "runtime="):
                assert directive in block, f"{path.name}: a rule lacks {directive}\n{block[:200]}"


def test_the_report_reads_only_the_inputs_it_is_given(first_run, tmp_path):
    """Moved anywhere, under any names, the inputs still make a report whose links all work."""
    from upsoc import layout
    from upsoc.report.build import ReportInputs, Site, build_index, build_pages

    sheet = read_tsv(first_run / "data/articles.tsv")
    config = yaml.safe_load((first_run / "config/config.yaml").read_text(encoding="utf-8"))
    languages, articles = sorted(set(sheet["language"])), sorted(sheet["id"])
    declared = {**layout.report_page_inputs(articles), **layout.report_index_inputs(languages),
                "sheet": config["articles"]}
    moved, count = {}, 0
    for name, paths in declared.items():
        relocated = []
        for path in paths if isinstance(paths, list) else [paths]:
            count += 1
            target = tmp_path / "elsewhere" / f"{count}{Path(path).suffix}"
            target.parent.mkdir(exist_ok=True)
            shutil.copy(first_run / path, target)
            relocated.append(str(target))
        moved[name] = relocated if isinstance(paths, list) else relocated[0]
    site = Site(tmp_path / "site" / "index.html", tmp_path / "site" / "pages", tmp_path / "site" / "topic-pages",
                tmp_path / "site" / "concordance", tmp_path / "site" / "sentences.html", first_run / layout.REPORT_FIGURES)
    inputs = ReportInputs(moved, languages, config["compare"]["groupings"], config)
    build_pages(inputs, site)
    build_index(inputs, site)
    for page in (tmp_path / "site").rglob("*.html"):
        for link in re.findall(r'(?:href|src)="([^"#]+)', page.read_text(encoding="utf-8")):
            assert (page.parent / link).resolve().is_file(), (page.name, link)
    assert len(list(site.articles.glob("*.html"))) == len(articles)


def test_editing_one_languages_cues_recompiles_and_recodes_only_that_language(first_run, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(first_run, project)
    codebook_path = project / "data" / "codebook.yaml"
    codebook = yaml.safe_load(codebook_path.read_text(encoding="utf-8"))
    codebook["concepts"]["giving_back"]["cues"]["en"].append("pay it forward twice")
    codebook_path.write_text(yaml.safe_dump(codebook, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plan = snakemake(project, "--dry-run", "--quiet", "rules")
    assert plan.returncode == 0, plan.stderr
    counts = dict(re.findall(r"^(\w+)\s+(\d+)$", plan.stdout, re.MULTILINE))
    assert counts["compile_codebook"] == "1" and counts["validate_instrument"] == "1"
    # the studies are coded again from their tokens, not tokenized again; no other language is recoded
    assert [rule for rule in counts if rule.startswith("code_")] == ["code_en_00"]
    assert not {"analyse_studies", "clean_en_00", "segment_en_00"} & set(counts)
