"""Assemble the report from the pipeline's tables: index, one page per article and per topic."""

from __future__ import annotations

import functools
import hashlib
import os
import platform
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .. import layout
from ..tables import parse_concepts
from ..tsv import read_tsv, write_text
from . import findings
from .concordance import concept_page, search_page
from .overview import Links, findings_section, how_to_read
from .pages import Nav, article_page, figure, page, table, topic_page
from .themes import themes_section

# a cue shown as contradicted by the reference needs at least this many firings
MISFIRING_CUE_FIRES = 3

PACKAGES = ["snakemake", "pandas", "numpy", "scipy", "scikit-learn", "seaborn", "matplotlib", "jieba", "hazm",
            "nltk", "simplemma", "stopwordsiso", "trafilatura", "charset-normalizer", "arabic-reshaper", "python-bidi", "upsoc"]


@dataclass
class ReportInputs:
    # the job's named inputs: `layout.report_page_inputs` or `layout.report_index_inputs`, and
    # the article sheet as "sheet"
    named: Mapping[str, str | list[str]]
    languages: list[str] = field(default_factory=list)  # those with articles: each has its topic models
    groupings: list[str] = field(default_factory=list)
    config: dict = field(default_factory=dict)  # shown in the overview's methods
    inputs_to_hash: list[Path] = field(default_factory=list)  # hashed in the overview's methods
    definitions: Mapping[str, str] = field(default_factory=dict)  # concept id -> the codebook's definition
    kinds: Mapping[str, str] = field(default_factory=dict)  # concept id -> theme, tactic, …
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def path(self, *name: str) -> Path:
        return Path(self.named[layout.key(*name)])

    def table(self, *name: str) -> pd.DataFrame:
        """The named input table, read once however many sections show it; each caller gets its
        own copy, so that no section sees another's edits."""
        key = layout.key(*name)
        if key not in self._tables:
            self._tables[key] = read_tsv(self.path(key))
        return self._tables[key].copy()

    def paths(self, *name: str) -> list[Path]:
        return [Path(p) for p in self.named[layout.key(*name)]]


@dataclass(frozen=True)
class Site:
    """Where the pages go. Links between them are relative, so the site works from any folder."""

    index: Path
    articles: Path  # one page per article
    topics: Path  # one page per topic
    concepts: Path  # a concordance page per concept
    search: Path  # every sentence, with a search box
    figures: Path  # drawn by other jobs: linked, never read

    @classmethod
    def at(cls, paths: Mapping[str, str]) -> "Site":
        """The site at `paths` (as `layout.REPORT_SITE`)."""
        return cls(**{part: Path(path) for part, path in paths.items()})

    def figure(self, name: str) -> Path:
        return self.figures / Path(layout.FIGURE_FILE.format(name=name, ext="png")).name

    def article(self, article_id: str) -> Path:
        return self.articles / f"{article_id}.html"

    def concept(self, concept: str) -> Path:
        return self.concepts / Path(layout.REPORT_CONCEPT.format(concept=concept)).name

    def nav(self, folder: Path) -> Nav:
        """The navigation of a page in `folder`."""
        return Nav(home=href(self.index, folder), search=href(self.search, folder))

    def links(self, folder: Path) -> Links:
        """Links to concepts, sentences and topics from a page in `folder`."""
        return Links(
            concept=lambda concept: href(self.concept(concept), folder),
            sentence=lambda article, sentence: f"{href(self.article(article), folder)}#s{sentence}",
            topic=lambda scope, topic: href(self.topic(scope, topic), folder),
        )

    def topic(self, scope: str, topic: str) -> Path:
        """scope: a `layout.TopicScope` name."""
        return self.topics / f"{scope}-{topic}.html"


@functools.cache
def href(target: Path, page_folder: Path) -> str:
    """The link to `target` from a page in `page_folder` (remembered: the pages of a large corpus
    make hundreds of thousands of links to a few thousand targets)."""
    return Path(os.path.relpath(target, page_folder)).as_posix()


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


def _paragraphs(sentence_tables: list[Path]) -> pd.DataFrame:
    """The paragraph of every sentence: article_id, sentence_id, paragraph."""
    columns = ["article_id", "sentence_id", "paragraph"]
    tables = [read_tsv(path, columns) for path in sentence_tables]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)


def build_pages(inputs: ReportInputs, site: Site) -> None:
    """The pages of the coded corpus: one per article, a concordance per concept, every
    sentence. They need no topic model and no comparison: a job of their own, written while
    those are computed."""
    coded = inputs.table("coded")
    closest = _closest(inputs.table("neighbours"))
    _article_pages(inputs, site, coded, inputs.table("summary"), inputs.table("removed"), closest)
    _sentence_pages(inputs, site, coded, closest)


def _closest(neighbours: pd.DataFrame):
    """(article, sentence) -> its closest sentences in the other languages (the themes' units;
    fragments have none)."""
    found: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for article, unit, language, other, other_unit in zip(neighbours["article_id"], neighbours["unit"],
                                                          neighbours["language"], neighbours["neighbour_article"],
                                                          neighbours["neighbour_unit"]):
        found.setdefault((article, unit), []).append((language, other, other_unit))
    return lambda article, sentence: found.get((article, sentence), [])


def build_index(inputs: ReportInputs, site: Site) -> None:
    """The overview page, findings first, and a page per topic; it links to the pages of
    `build_pages` and to the figures."""
    home = site.index.parent
    for scope in layout.topic_scopes(inputs.languages):
        _topic_pages(inputs, site, scope)
    summary = inputs.table("summary")

    def article_link(article_id: str) -> str:
        return href(site.article(article_id), home)

    def figure_link(name: str) -> str:
        return href(site.figure(name), home)

    topic_sections = [_topic_section(inputs, site, scope) for scope in layout.topic_scopes(inputs.languages)]
    body = "".join([
        _findings(inputs, site, inputs.table("coded"), figure_link),
        how_to_read(),
        _corpus_section(inputs, summary, inputs.table("removed"), article_link),
        _codebook_section(inputs, site.links(home).concept),
        _validation_section(inputs),
        _topics_section(inputs, topic_sections, figure_link, article_link),
        _comparisons_section(inputs, figure_link),
        _tactics_section(inputs, article_link),
        _articles_section(summary, article_link),
        _methods_section(inputs),
    ])
    write_text(page("Upward socializing and networking advice", body, site.nav(home)), site.index)


def _findings(inputs: ReportInputs, site: Site, coded: pd.DataFrame, figure_link: Callable[[str], str]) -> str:
    prevalence = inputs.table("frame_prevalence")
    quotes = findings.Quotes(coded, inputs.table("sheet"), list(dict.fromkeys(prevalence["concept"])))
    contrasts = findings.contrast_findings(inputs.table("frame_effects"), prevalence, quotes,
                                           inputs.config["inference"]["frame_contrasts"])
    single_frame = findings.single_frame_languages(inputs.table("contrasts"), inputs.table("summary"))
    lead = figure(figure_link(layout.FRAME_EFFECTS_FIGURE),
                  "Frame contrasts within each language and standardised: prediction-powered (ppi, solid) and coded "
                  "shares (light, ignoring coding errors), 95% intervals")
    models = {scope: findings.TopicTables(*(inputs.table("topics", scope.name, t) for t in ("labels", "concepts")))
              for scope in layout.topic_scopes(inputs.languages)}
    seeded = findings.seeded_findings(
        {language: inputs.table("seeded", language, "agreement") for language in inputs.languages},
        {language: inputs.table("seeded", language, "terms") for language in inputs.languages},
    )
    limits = findings.limits(prevalence, inputs.table("validation", "scores"), inputs.table("validation", "agreement"))
    return findings_section(contrasts, single_frame, lead, findings.topic_findings(models), seeded, limits,
                            site.links(site.index.parent))


def _sentence_pages(inputs: ReportInputs, site: Site, coded: pd.DataFrame, closest) -> None:
    """A concordance page per concept of the codebook, and the page of every sentence."""
    coverage = inputs.table("coverage")
    carried = coded["concepts"].map(lambda cell: set(parse_concepts(cell)))
    links = site.links(site.concepts)
    for concept in dict.fromkeys(coverage["concept"]):
        write_text(concept_page(concept, inputs.kinds.get(concept, ""), inputs.definitions.get(concept, ""), coded[carried.map(lambda found: concept in found)],
                                site.nav(site.concepts), links.sentence, links.concept, closest),
                   site.concept(concept))
    links = site.links(site.search.parent)
    write_text(search_page(coded, site.nav(site.search.parent), links.sentence, links.concept), site.search)


def _article_pages(inputs: ReportInputs, site: Site, coded: pd.DataFrame, summary: pd.DataFrame,
                   removed: pd.DataFrame, closest) -> None:
    sheet = inputs.table("sheet").set_index("id", drop=False)
    sentences = coded.merge(_paragraphs(inputs.paths("sentences")), on=["article_id", "sentence_id"], how="left")
    # each table split by article once (a row filter per article is quadratic in the corpus)
    sentences_of, removed_of = (dict(tuple(frame.groupby("article_id", sort=False))) for frame in (sentences, removed))
    for article_id in summary["article_id"]:
        write_text(
            article_page(sheet.loc[article_id].to_dict(), sentences_of.get(article_id, sentences.iloc[:0]),
                         removed_of.get(article_id, removed.iloc[:0]), site.nav(site.articles),
                         site.links(site.articles).concept, closest, site.links(site.articles).sentence),
            site.article(article_id),
        )


def _topic_pages(inputs: ReportInputs, site: Site, scope: layout.TopicScope) -> None:
    """A page per topic of the model."""
    terms, reps, concepts = (inputs.table("topics", scope.name, name) for name in ("topics", "representatives", "concepts"))
    for topic in inputs.table("topics", scope.name, "labels")["topic"]:
        write_text(
            topic_page(f"Topic {topic} — {_model_label(scope)}", terms[terms["topic"] == topic], reps[reps["topic"] == topic],
                       concepts[concepts["topic"] == topic], scope.language,
                       site.nav(site.topics), article_link=lambda a: href(site.article(a), site.topics)),
            site.topic(scope.name, topic),
        )


def _model_label(scope: layout.TopicScope) -> str:
    return f"{scope.language} {scope.model.upper()}" if scope.language else "cross-lingual"


def _topic_section(inputs: ReportInputs, site: Site, scope: layout.TopicScope) -> str:
    """The model's section of the overview: its topics, each linked to its page."""
    selection = inputs.table("topics", scope.name, "selection")
    note = selection["note"].iloc[0] if len(selection) else ""
    return (
        f"<h3>{_model_label(scope)}</h3>" + (f'<p class="note">{escape(note)}</p>' if note else "")
        + table(inputs.table("topics", scope.name, "labels").assign(language=scope.language),
                {"topic": lambda rec: href(site.topic(scope.name, rec["topic"]), site.index.parent)},
                frozenset({"top_terms", "frex_terms"}))
    )


def _corpus_section(inputs: ReportInputs, summary: pd.DataFrame, removed: pd.DataFrame,
                    article_link: Callable[[str], str]) -> str:
    counts = removed.groupby(["article_id", "rule"]).size().unstack(fill_value=0).reset_index() if len(removed) else pd.DataFrame()
    return (
        '<h2 id="corpus">Corpus and cleaning</h2>'
        + "<p>Articles and sentences per frame × language × origin × translation:</p>" + table(inputs.table("design"))
        + _design_note(inputs.table("contrasts"), summary, inputs.config["compare"]["translations"])
        + "<h3>Articles</h3><p>Characters before and after cleaning, sentences and tokens per article; each "
        "article's page lists every span the cleaning removed, with the rule that removed it.</p>"
        + table(summary, {"article_id": lambda rec: article_link(rec["article_id"])}, frozenset({"title"}))
        + "<h3>Removed spans per article and rule</h3>" + table(counts)
    )


def _design_note(contrasts: pd.DataFrame, summary: pd.DataFrame, translations: str) -> str:
    """Which comparisons the corpus supports, from `corpus.supported_contrasts`, and whether the
    comparisons read the translated articles."""
    frames = contrasts[contrasts["across"] == "frame"]
    within = [
        f"{escape(language)}: " + ", ".join(
            f"{escape(r.contrast)} ({r.articles_a} vs {r.articles_b} articles{'' if r.supported == 'True' else ', too few to resample by article'})"
            for r in rows.itertuples())
        for language, rows in frames.groupby("stratum", sort=True)
    ]
    single = "".join(
        f"<li>{escape(language)} has articles of one frame only ({escape(', '.join(frames_of))}): "
        "no frame can be compared within it, and it enters the language contrasts of that frame only. "
        "A finding about frames rests on the other languages.</li>"
        for language, frames_of in findings.single_frame_languages(contrasts, summary).items()
    )
    translated = summary[summary["translated_from"] != ""]
    included = ("The comparisons include them" if translations == "include"
                else "The comparisons leave them out")
    return (
        "<p><strong>Design.</strong> Frames are compared within a language, never across a pool of languages.</p><ul>"
        + "".join(f"<li>Frame contrasts within {item}</li>" for item in within) + single
        + f"<li>{len(translated)} of {len(summary)} articles are translations (<code>translated_from</code>). "
        f"{included} (<code>compare.translations: {escape(translations)}</code>); the translation pairs' check reads "
        "them either way.</li></ul>"
    )


def _codebook_section(inputs: ReportInputs, concept_link: Callable[[str], str]) -> str:
    coverage = inputs.table("coverage")
    wide = coverage.pivot(index="concept", columns="language", values="sentences_matched")
    wide = wide.reindex(list(dict.fromkeys(coverage["concept"]))).reset_index()
    return (
        '<h2 id="codebook">Codebook coverage</h2>'
        "<p>Sentences of the corpus matched by each concept's cues, per language (cues that never match are listed in "
        f"<code>{escape(str(inputs.path('coverage')))}</code>). Each concept links to its concordance: every sentence "
        "that carries it.</p>" + table(wide, {"concept": lambda rec: concept_link(rec["concept"])})
    )


def _validation_section(inputs: ReportInputs) -> str:
    """The instrument against each annotation study: the test split (never tuned on) beside the
    development split, the coders' own agreement with the reference, alpha, and confusions."""
    scores = inputs.table("validation", "scores")
    alphas = inputs.table("validation", "agreement")
    confusions = inputs.table("validation", "confusions")
    cues = inputs.table("validation", "cues")
    misfiring = cues[(cues["fires"].astype(int) >= MISFIRING_CUE_FIRES) & (cues["precision"].astype(float) < 0.5)]
    summary = scores[scores["measure"].isin(["micro", "advice"])]
    summary = summary[["study", "split", "coding", "measure", "language", "sentences", "precision", "recall", "f1",
                       "f1_low", "f1_high", "accuracy", "accuracy_low", "accuracy_high"]]
    per_concept = scores[(scores["measure"] == "concept") & (scores["coding"] == "instrument") & (scores["language"] == "all")
                         & (scores["support"].astype(int) + scores["predicted"].astype(int) > 0)]
    pooled = alphas[alphas["concept"].isin(["pooled", "advice"]) & (alphas["language"] == "all")]
    parts = [
        '<h2 id="validation">Validation of the coding</h2>',
        "<p>Every study under <code>data/validation/</code> scores the instrument against its reference codes "
        "(the adjudicated codes, or what two coders agree on). <strong>Only the <code>test</code> split measures the "
        "instrument</strong>: its codes were frozen before any cue was tuned and are never tuned on; <code>dev</code> "
        "figures measure sentences the cues were refined on and overstate what to expect on new text. The coders' own "
        "scores against the same reference are the level the instrument is held to. 95% intervals resample articles.</p>",
        table(summary),
        "<h3>Agreement between codings (Krippendorff's alpha, pooled over concepts, and of the advice flag)</h3>",
        table(pooled[["study", "split", "coding_a", "coding_b", "concept", "items", "positives_a", "positives_b", "alpha"]]),
        "<h3>Per concept: the instrument against the reference</h3>",
        table(per_concept[["study", "split", "concept", "support", "predicted", "precision", "recall", "f1", "f1_low", "f1_high"]]),
        "<h3>Concepts most often confused (a reference concept missed where another was coded)</h3>",
        table(confusions.groupby(["study", "split"], sort=False).head(10)),
        "<h3>Cues the reference contradicts</h3>"
        f"<p>Cues right on fewer than half of their {MISFIRING_CUE_FIRES} or more firings on studies' sentences outside "
        "the test split (<code>alone</code>: firings where no other cue gave the concept): the first candidates for a "
        f"context condition or removal. Every cue's counts are in <code>{escape(str(inputs.path('validation', 'cues')))}</code>; "
        "the test split is left out of it, so that it is never tuned on.</p>",
        table(misfiring),
        _coverage(inputs),
    ]
    return "".join(parts)


def _coverage(inputs: ReportInputs) -> str:
    """How often the 95% intervals of the frame effects cover a known truth (rule interval_coverage)."""
    plan = inputs.config["inference"]["coverage"]
    return (
        '<h3 id="validation-coverage">Do the intervals hold? Coverage of the 95% intervals</h3>'
        f"<p>A simulation with a known truth: the <code>{escape(str(plan['study']))}</code> study's adjudicated codes "
        "and the coding's predictions of the same sentences (every split: where its articles were tuned on, the "
        "coding errs less than on new text, which flatters the coded intervals, not the ppi ones; which sentences "
        "were tuned on: docs/inference.md), resampled by article at the corpus' size, "
        f"{escape(str(plan['replicates']))} "
        f"replicates with {escape(str(plan['labelled_per_cell']))} labelled sentences per cell. "
        "<code>coverage</code> is how often an interval contains the truth; a valid 95% interval does so about 95% "
        "of the time, and the coded shares' intervals, which treat the coding as right, do so far less often: that "
        "gap is what ignoring the coding's errors costs.</p>"
        + table(inputs.table("interval_coverage"))
    )


def _topics_section(inputs: ReportInputs, topic_sections: list[str], figure_link: Callable[[str], str],
                    article_link: Callable[[str], str]) -> str:
    """The cross-lingual themes first, then the bag-of-words topic models as baselines."""
    themes = themes_section({name: inputs.table("themes", name) for name in layout.REPORT_THEME_TABLES},
                            inputs.table("intrusion"), inputs.languages, figure_link(layout.THEMES_FIGURE), article_link)
    figures = "".join(
        figure(figure_link(layout.SELECTION_FIGURE.format(language=lang)), f"K selection for {lang}: NPMI and stability")
        + "".join(
            figure(figure_link(layout.TOPIC_TERMS_FIGURE.format(language=lang, model=model)), f"Top terms of the chosen {model.upper()} topics ({lang})")
            for model in layout.MODELS
        )
        for lang in inputs.languages
    )
    return ('<h2 id="topics">Themes and topics</h2>' + themes
            + "<h3>Topic models per language (baselines)</h3>" + figures
            + figure(figure_link(layout.MIXTURES_FIGURE), "Cross-lingual topic mixtures by article")
            + "".join(topic_sections))


def _comparisons_section(inputs: ReportInputs, figure_link: Callable[[str], str]) -> str:
    divergence = inputs.table("divergence")
    effects = inputs.table("topic_effects")
    prevalence = inputs.table("concept_prevalence")
    groups = prevalence[prevalence["grouping"] != "article"].drop_duplicates(["grouping", "group"])
    parts = ['<h2 id="comparisons">Comparisons</h2>',
             "<p><strong>Pooled descriptive tables, not findings.</strong> The groupings below pool languages (a frame "
             "or an origin over every language, a language over every frame) and count the coding's codes as true. "
             "Frames are unevenly spread over languages, so a pooled frame difference measures the languages as much "
             'as the frames: the <a href="#findings">findings</a> compare within each language instead. These tables '
             "show the corpus as a reader of it meets it, and what the error correction by concept does.</p>"
             "<p>95% bootstrap intervals; <code>resampling</code> says whether articles (groups of at least "
             f"{escape(str(inputs.config['compare']['min_articles']))} articles) or sentences within articles (smaller "
             "groups, whose intervals speak only for these articles) were resampled. Groups and their sizes:</p>",
             table(groups[["grouping", "group", "articles", "sentences", "resampling"]])]
    for grouping in inputs.groupings:
        parts.append(figure(figure_link(layout.PREVALENCE_FIGURE.format(grouping=grouping)), f"Concept prevalence by {grouping}, pooled"))
        parts.append(figure(figure_link(layout.DIFFERENCES_FIGURE.format(grouping=grouping)),
                            f"Differences in concept prevalence by {grouping}, pooled (descriptive)"))
    parts.append(_corrected_differences(inputs.table("concept_differences")))
    parts.append(figure(figure_link(layout.HEATMAP_FIGURE), "Concepts by article"))
    parts.append("<h3>Divergence of concept profiles</h3>" + table(divergence))
    parts.append("<h3>Cross-lingual topic effects (pooled)</h3>" + table(effects))
    parts.append("<h3>Translation pairs</h3><p>The same text in two languages should get the same concept profile and "
                 "topic mixture: divergence (0 = identical) and the share of other articles of the second language that "
                 "are closer to the first than its translation is (0 = the translation is the closest).</p>"
                 + table(inputs.table("parallel_pairs")))
    for lang in inputs.languages:
        keyness = inputs.table("keyness", lang)
        parts.append(figure(figure_link(layout.KEYNESS_FIGURE.format(language=lang)), f"Keyness ({lang})"))
        top = keyness.groupby(["grouping", "group_a", "group_b"], sort=False).head(10)
        parts.append(f"<h3>Keyness ({lang}), top terms per comparison</h3>" + table(top.assign(language=lang), language_columns=frozenset({"term"})))
    return "".join(parts)


def _corrected_differences(differences: pd.DataFrame) -> str:
    """Pairwise differences whose raw interval excludes zero, beside the error-corrected ones."""
    pairwise = differences[differences["comparison"] == "pairwise"].copy()
    raw = findings.excludes_zero(pairwise["low"], pairwise["high"])
    corrected = findings.excludes_zero(pairwise["corrected_low"], pairwise["corrected_high"])
    pairwise["after_correction"] = np.select(
        [pairwise["difference_corrected"] == "", corrected], ["no error rates", "holds"], "disappears")
    shown = pairwise[raw][["grouping", "group_a", "group_b", "concept", "difference", "low", "high",
                          "difference_corrected", "corrected_low", "corrected_high", "after_correction"]]
    return ("<h3>Differences beyond their intervals, raw and corrected for coding error</h3><p>Corrected: the "
            "shares implied by the coding's sensitivity and specificity on the annotation study's test split "
            "(Rogan–Gladen, per language), with intervals that also resample the validation sentences; "
            "<code>disappears</code>: the corrected interval includes zero.</p>" + table(shown))


def _tactics_section(inputs: ReportInputs, article_link: Callable[[str], str]) -> str:
    tactics = inputs.table("tactics")
    quoted = tactics[tactics["rank"] != "0"]
    return ('<h2 id="tactics">Tactics with quotes</h2><p>Share of advice sentences carrying each tactic, per group and '
            "language, with the most representative advice sentences.</p>"
            + table(quoted, {"sentence_id": lambda rec: f"{article_link(rec['article_id'])}#s{rec['sentence_id']}"},
                    frozenset({"text"})))


def _articles_section(summary: pd.DataFrame, article_link: Callable[[str], str]) -> str:
    items = "".join(f'<li><a href="{article_link(a)}">{a}</a></li>' for a in summary["article_id"])
    return f'<h2 id="articles">Articles</h2><p>Every sentence, highlighted by its concepts and advice.</p><ul>{items}</ul>'


def _methods_section(inputs: ReportInputs) -> str:
    config = yaml.safe_dump(inputs.config, allow_unicode=True, sort_keys=True)
    return ('<h2 id="methods">Methods and provenance</h2><p>The methods are described in the project\'s documentation '
            "(README.md and docs/). Package versions, "
            "the configuration and the hashes of every input of this run:</p>"
            + table(_versions()) + f"<pre>{escape(config)}</pre>" + table(_hashes(inputs.inputs_to_hash)))
