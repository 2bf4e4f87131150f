import math

from upsoc.coding.codebook import CodebookError, load_codebook
from upsoc.languages import LANGUAGES, profile
from upsoc.provenance import source_digest
from upsoc.shards import shard_articles
from upsoc.sheet import SheetError, load_schema, load_sheet

try:
    ARTICLES = load_sheet(
        config["articles"],
        load_schema(workflow.source_path("../schemas/articles.schema.yaml")),
        config["raw_dir"],
        config["max_article_bytes"],
    )
except SheetError as error:
    raise WorkflowError(str(error)) from None

ARTICLE_IDS = sorted(ARTICLES.index)
# Batches of articles for the per-article stages, e.g. {"zh-03": [ids]}.
SHARDS = shard_articles(ARTICLES, config["articles_per_shard"])

try:
    CODEBOOK = load_codebook(config["codebook"], load_schema(workflow.source_path("../schemas/codebook.schema.yaml")))
except CodebookError as error:
    raise WorkflowError(str(error)) from None

# Passed as params: editing a stage's code reruns that stage's jobs.
CODE = {
    "clean": source_digest("upsoc.clean", "upsoc.ingest", "upsoc.tsv"),
    "segment": source_digest("upsoc.segment", "upsoc.sentences", "upsoc.tokenize", "upsoc.tsv"),
    "summary": source_digest("upsoc.corpus", "upsoc.clean", "upsoc.tsv"),
    "report": source_digest("upsoc.report", "upsoc.tsv"),
    "coding": source_digest("upsoc.coding", "upsoc.clean", "upsoc.tokenize", "upsoc.tsv"),
    "topics": source_digest("upsoc.topics", "upsoc.coding", "upsoc.tsv"),
    "compare": source_digest("upsoc.compare", "upsoc.coding", "upsoc.tsv"),
}

# Languages that have articles: each gets its own topic models.
CORPUS_LANGUAGES = sorted(set(ARTICLES["language"]))
TOPIC_TABLES = ["topics", "doc_topics", "selection", "representatives", "labels", "concepts"]


wildcard_constraints:
    article=r"[a-z0-9]+(-[a-z0-9]+)*",
    language="|".join(LANGUAGES),
    model="lda|nmf",


def raw_path(article):
    return f"{config['raw_dir']}/{ARTICLES.loc[article, 'file']}"


def rule_name(stage, shard):
    return f"{stage}_{shard.replace('-', '_')}"


def shard_language(shard):
    return shard.split("-")[0]


def shard_runtime(members, seconds_per_article):
    """Minutes to ask a cluster for: a margin for start-up plus a generous cost per article."""
    return 5 + math.ceil(len(members) * seconds_per_article / 60)


def tokenizer_resources(*languages):
    """Inputs that only some languages' tokenizers read, so that editing them reruns only those."""
    reads_dictionary = any(profile(language).uses_user_dictionary for language in languages)
    return {"user_dictionary": config["zh_user_dictionary"]} if reads_dictionary else {}


def article_metadata(article):
    return {key: ARTICLES.loc[article, key] for key in ("id", "language", "frame", "origin")}


def compiled_codebook(language):
    return {"cues": f"results/coding/cues/{language}.tsv", "advice": f"results/coding/advice/{language}.tsv"}


def articles_in(language):
    return [a for a in ARTICLE_IDS if ARTICLES.loc[a, "language"] == language]


def topic_settings(language, model):
    """Settings for upsoc.topics.fit.TopicSettings, from the config."""
    topics = config["topics"]
    return {
        "ks": topics["ks"],
        "k": topics["k"].get(language, {}).get(model),
        "random_state": topics["random_state"],
        "stability_seeds": topics["stability_seeds"],
        "min_stability": topics["min_stability"],
        "max_fit_units": topics["max_fit_units"],
    }


def figure_outputs(names):
    """Named report outputs, PNG and SVG, for figure names."""
    return {
        f"{name}_{ext}": report(
            f"results/report/figures/{name}.{ext}",
            caption=f"../report/figure_{name.split('_')[0]}.rst",
            category="Figures",
            subcategory=name.split("_")[0],
            labels={"figure": name, "format": ext},
        )
        for name in names
        for ext in ("png", "svg")
    }


GROUPINGS = config["compare"]["groupings"]
COMPARE_FIGURES = [f"prevalence_{g}" for g in GROUPINGS] + [f"differences_{g}" for g in GROUPINGS]
COMPARE_FIGURES += ["concept_heatmap", "crosslingual_mixtures"] + [f"keyness_{lang}" for lang in CORPUS_LANGUAGES]
TOPIC_FIGURES = [f"selection_{lang}" for lang in CORPUS_LANGUAGES]
TOPIC_FIGURES += [f"topic_terms_{lang}_{model}" for lang in CORPUS_LANGUAGES for model in ("lda", "nmf")]
FIGURES = COMPARE_FIGURES + TOPIC_FIGURES


def report_inputs(wildcards):
    """Every table the report reads, and every input whose hash it records."""
    tables = {
        "summary": "results/corpus/summary.tsv",
        "removed": "results/corpus/removed.tsv",
        "coded": "results/coding/sentences.tsv",
        "sentences": expand("results/sentences/{article}.tsv", article=ARTICLE_IDS),
        "coverage": "results/coding/codebook_coverage.tsv",
        "validation": "results/coding/validation.tsv",
        "compare": expand("results/compare/{table}.tsv", table=COMPARE_TABLES),
        "keyness": expand("results/compare/keyness_{language}.tsv", language=CORPUS_LANGUAGES),
        "topics": expand(
            "results/topics/{scope}/{table}.tsv",
            scope=[f"{lang}/{model}" for lang in CORPUS_LANGUAGES for model in ("lda", "nmf")] + ["crosslingual"],
            table=TOPIC_TABLES,
        ),
    }
    hashed = {
        "sheet": config["articles"],
        "codebook": config["codebook"],
        "validation_sample": config["validation_sample"],
        "user_dictionary": config["zh_user_dictionary"],
        "raw": [raw_path(article) for article in ARTICLE_IDS],
    }
    return {**tables, **hashed}
