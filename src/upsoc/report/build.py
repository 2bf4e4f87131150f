"""Assemble the report from the pipeline's tables: index, one page per article and per topic."""

from __future__ import annotations

import hashlib
import platform
from dataclasses import dataclass
from html import escape
from importlib import metadata
from pathlib import Path

import pandas as pd
import yaml

from ..tsv import read_tsv, write_text
from .pages import article_page, figure, page, table, topic_page

PACKAGES = ["snakemake", "pandas", "numpy", "scipy", "scikit-learn", "seaborn", "matplotlib", "jieba", "hazm",
            "nltk", "simplemma", "stopwordsiso", "trafilatura", "charset-normalizer", "arabic-reshaper", "python-bidi", "upsoc"]


@dataclass
class ReportInputs:
    results: Path  # the results/ folder
    sheet: Path
    config: dict
    inputs_to_hash: list[Path]
    languages: list[str]
    groupings: list[str]


def _versions() -> pd.DataFrame:
    rows = [{"package": "python", "version": platform.python_version()}]
    for name in PACKAGES:
        try:
            rows.append({"package": name, "version": metadata.version(name)})
        except metadata.PackageNotFoundError:
            rows.append({"package": name, "version": "not installed"})
    return pd.DataFrame(rows)


def _hashes(paths: list[Path]) -> pd.DataFrame:
    return pd.DataFrame([{"file": str(p), "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in sorted(paths)])


def _topic_scopes(inputs: ReportInputs) -> list[tuple[str, str, str]]:
    """(scope label, folder, language) of every fitted model."""
    scopes = [(f"{lang} {model.upper()}", f"{lang}/{model}", lang) for lang in inputs.languages for model in ("lda", "nmf")]
    return scopes + [("cross-lingual", "crosslingual", "")]


def build_report(inputs: ReportInputs, out: Path) -> None:
    r = inputs.results
    summary = read_tsv(r / "corpus/summary.tsv")
    removed = read_tsv(r / "corpus/removed.tsv")
    coded = read_tsv(r / "coding/sentences.tsv")
    sheet = read_tsv(inputs.sheet).set_index("id", drop=False)

    for article_id in summary["article_id"]:
        paragraphs = read_tsv(r / "sentences" / f"{article_id}.tsv")[["sentence_id", "paragraph"]]
        sentences = coded[coded["article_id"] == article_id].merge(paragraphs, on="sentence_id", how="left")
        write_text(
            article_page(sheet.loc[article_id].to_dict(), sentences,
                         removed[removed["article_id"] == article_id]),
            out / "articles" / f"{article_id}.html",
        )

    topic_sections = []
    for label, folder, language in _topic_scopes(inputs):
        base = r / "topics" / folder
        labels, terms = read_tsv(base / "labels.tsv"), read_tsv(base / "topics.tsv")
        reps, concepts = read_tsv(base / "representatives.tsv"), read_tsv(base / "concepts.tsv")
        selection = read_tsv(base / "selection.tsv")
        slug = folder.replace("/", "-")
        for topic in labels["topic"]:
            write_text(
                topic_page(f"Topic {topic} — {label}", terms[terms["topic"] == topic], reps[reps["topic"] == topic],
                           concepts[concepts["topic"] == topic], language),
                out / "topics" / f"{slug}-{topic}.html",
            )
        note = selection["note"].iloc[0] if len(selection) else ""
        topic_sections.append(
            f"<h3>{label}</h3>" + (f'<p class="note">{escape(note)}</p>' if note else "")
            + table(labels.assign(language=language),
                    {"topic": lambda rec, s=slug: f"topics/{s}-{rec['topic']}.html"}, frozenset({"top_terms", "frex_terms"}))
        )

    body = "".join([
        _corpus_section(summary, removed),
        _codebook_section(r),
        _topics_section(inputs, topic_sections),
        _comparisons_section(inputs),
        _tactics_section(r),
        _articles_section(summary),
        _methods_section(inputs),
    ])
    write_text(page("Upward socializing and networking advice", body), out / "index.html")


def _corpus_section(summary: pd.DataFrame, removed: pd.DataFrame) -> str:
    counts = removed.groupby(["article_id", "rule"]).size().unstack(fill_value=0).reset_index() if len(removed) else pd.DataFrame()
    return (
        '<h2 id="corpus">Corpus and cleaning</h2><p>Characters before and after cleaning, sentences and tokens per '
        "article; each article's page lists every span the cleaning removed, with the rule that removed it.</p>"
        + table(summary, {"article_id": lambda rec: f"articles/{rec['article_id']}.html"}, frozenset({"title"}))
        + "<h3>Removed spans per article and rule</h3>" + table(counts)
    )


def _codebook_section(r: Path) -> str:
    coverage = read_tsv(r / "coding/codebook_coverage.tsv")
    validation = read_tsv(r / "coding/validation.tsv")
    overall = validation[validation["measure"].isin(["micro", "macro", "advice"])]
    per_concept = validation[(validation["measure"] == "concept") & (validation["language"] == "all")]
    wide = coverage.pivot(index="concept", columns="language", values="sentences_matched").reset_index()
    return (
        '<h2 id="codebook">Codebook: coverage and validation</h2>'
        "<p>Sentences of the corpus matched by each concept's cues, per language (cues that never match are listed in "
        "<code>results/coding/codebook_coverage.tsv</code>).</p>" + table(wide)
        + "<h3>Agreement with the hand-coded sample</h3>"
        + table(overall[["measure", "language", "sentences", "precision", "recall", "f1", "accuracy"]])
        + "<h3>Per concept (all languages)</h3>"
        + table(per_concept[["concept", "support", "predicted", "precision", "recall", "f1"]])
    )


def _topics_section(inputs: ReportInputs, topic_sections: list[str]) -> str:
    figures = "".join(
        figure(f"figures/selection_{lang}.png", f"K selection for {lang}: NPMI and stability")
        + figure(f"figures/topic_terms_{lang}_lda.png", f"Top terms of the chosen LDA topics ({lang})")
        + figure(f"figures/topic_terms_{lang}_nmf.png", f"Top terms of the chosen NMF topics ({lang})")
        for lang in inputs.languages
    )
    return ('<h2 id="topics">Topics</h2>' + figures
            + figure("figures/crosslingual_mixtures.png", "Cross-lingual topic mixtures by article")
            + "".join(topic_sections))


def _comparisons_section(inputs: ReportInputs) -> str:
    r = inputs.results
    divergence = read_tsv(r / "compare/divergence.tsv")
    effects = read_tsv(r / "compare/topic_effects.tsv")
    parts = ['<h2 id="comparisons">Comparisons</h2>',
             "<p>95% bootstrap intervals; <code>resampling</code> says whether articles or sentences within "
             "articles were resampled (groups with few articles).</p>"]
    for grouping in inputs.groupings:
        parts.append(figure(f"figures/prevalence_{grouping}.png", f"Concept prevalence by {grouping}"))
        parts.append(figure(f"figures/differences_{grouping}.png", f"Differences in concept prevalence by {grouping}"))
    parts.append(figure("figures/concept_heatmap.png", "Concepts by article"))
    parts.append("<h3>Divergence of concept profiles</h3>" + table(divergence))
    parts.append("<h3>Cross-lingual topic effects</h3>" + table(effects))
    for lang in inputs.languages:
        keyness = read_tsv(r / f"compare/keyness_{lang}.tsv")
        parts.append(figure(f"figures/keyness_{lang}.png", f"Keyness ({lang})"))
        top = keyness.groupby(["grouping", "group_a", "group_b"], sort=False).head(10)
        parts.append(f"<h3>Keyness ({lang}), top terms per comparison</h3>" + table(top.assign(language=lang), rtl_columns=frozenset({"term"})))
    return "".join(parts)


def _tactics_section(r: Path) -> str:
    tactics = read_tsv(r / "compare/tactics.tsv")
    quoted = tactics[tactics["rank"] != "0"]
    return ('<h2 id="tactics">Tactics with quotes</h2><p>Share of advice sentences carrying each tactic, per group and '
            "language, with the most representative advice sentences.</p>"
            + table(quoted, {"sentence_id": lambda rec: f"articles/{rec['article_id']}.html#s{rec['sentence_id']}"},
                    frozenset({"text"})))


def _articles_section(summary: pd.DataFrame) -> str:
    items = "".join(f'<li><a href="articles/{a}.html">{a}</a></li>' for a in summary["article_id"])
    return f'<h2 id="articles">Articles</h2><p>Every sentence, highlighted by its concepts and advice.</p><ul>{items}</ul>'


def _methods_section(inputs: ReportInputs) -> str:
    config = yaml.safe_dump(inputs.config, allow_unicode=True, sort_keys=True)
    return ('<h2 id="methods">Methods and provenance</h2><p>The methods are described in the README. Package versions, '
            "the configuration and the hashes of every input of this run:</p>"
            + table(_versions()) + f"<pre>{escape(config)}</pre>" + table(_hashes(inputs.inputs_to_hash)))
