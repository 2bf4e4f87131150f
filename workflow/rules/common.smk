import functools
import math
import sys
from pathlib import Path

from upsoc import layout
from upsoc.annotation.study import study_files, study_folders
from upsoc.coding.codebook import CodebookError, load_codebook
from upsoc.languages import LANGUAGES, profile
from upsoc.provenance import code_digest, outdated, source_files
from upsoc.shards import shard_articles
from upsoc.themes.intrusion import study_files as intrusion_study
from upsoc.sheet import SheetError, load_schema, load_sheet

try:
    ARTICLES = load_sheet(
        config["articles"],
        load_schema(workflow.source_path("../schemas/articles.schema.yaml")),
        config["raw_dir"],
        config["max_article_bytes"],
        # beside Snakemake's own records: what earlier starts checked, not a result
        cache=Path(".snakemake", "upsoc", "sheet_checks.json"),
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

# Annotation studies the instrument is scored on: every folder of `validation.studies` with a
# sample and codes; a study drawn but not coded yet waits, and the run says so.
STUDIES, PENDING_STUDIES = study_folders(config["validation"]["studies"])
for folder in PENDING_STUDIES:
    print(f"{folder}: its coding sheets are blank: not scored until they are coded", file=sys.stderr)
STUDY_FILES = [str(f) for folder in STUDIES for f in study_files(folder)]

# The intrusion study of the themes and the LDA (upsoc.themes.intrusion): its key and the coders' answers.
INTRUSION_KEY, INTRUSION_ANSWERS = intrusion_study(Path(config["intrusion"]))

# Languages that have articles: each gets its own topic models.
CORPUS_LANGUAGES = sorted(set(ARTICLES["language"]))
# Which ready job Snakemake starts first; order only, the results are the same. The K sweeps
# (topic_model, seeded_topics) are the longest jobs, and only figures and the report wait for
# them: they go last, the largest language's first (1 for the fewest articles), so that the
# longest sweeps do not run alone at the end.
SWEEP_PRIORITY = {
    language: rank
    for rank, language in enumerate(
        sorted(CORPUS_LANGUAGES, key=lambda code: ((ARTICLES["language"] == code).sum(), code)), start=1
    )
}
# Before every sweep, the jobs the sweeps wait for: a language's compiled cues, per-article
# stages and topic units, the largest language's first, so that its sweeps can start soonest.
CHAIN_PRIORITY = {language: len(SWEEP_PRIORITY) + rank for language, rank in SWEEP_PRIORITY.items()}
# Before those, the corpus-level jobs on the way to the comparisons, which the figures and the
# report wait for (the studies' tokens and the validation, which need nothing of the corpus but
# its compiled codebook; the coding table; the cross-lingual model; the comparisons), and the
# short jobs that read every article: each time Snakemake chooses jobs, it measures the input
# files of every waiting job again.
EARLY_PRIORITY = max(CHAIN_PRIORITY.values(), default=0) + 1
GROUPINGS = config["compare"]["groupings"]


wildcard_constraints:
    article=r"[a-z0-9]+(-[a-z0-9]+)*",
    language="|".join(LANGUAGES),
    model="|".join(layout.MODELS),


@functools.cache
def code(script):
    """A param of every rule: editing a package module its script imports, directly or not,
    reruns the rule's jobs."""
    return code_digest(workflow.source_path(f"../scripts/{script}"))


def raw_path(article):
    return f"{config['raw_dir']}/{ARTICLES.loc[article, 'file']}"


# The stages that make an article's sentence texts from its raw file, and its vectors from them.
SENTENCE_SCRIPTS = ["clean.py", "segment.py"]
EMBEDDING_CODE_FILES = [
    file
    for script in [*SENTENCE_SCRIPTS, "embed_sentences.py"]
    for file in source_files(workflow.source_path(f"../scripts/{script}"))
]


def sentence_sources(article):
    """What decides an article's sentence texts: its raw file, its language and the code of the
    stages that make them."""
    return {"raw": raw_path(article), "language": ARTICLES.loc[article, "language"],
            "code": [code(script) for script in SENTENCE_SCRIPTS]}


def sentences_to_embed(wildcards):
    """An article's sentence table, as the input of its embedding. The segmentation rewrites every
    table of its shard, so the table is `ancient` (rewriting it triggers nothing) unless the
    article's vectors are older than its raw file or the code that makes its sentences and
    vectors. The test is made here because Snakemake (9.27), while a job upstream of another
    reruns, does not look at the other job's own inputs and params, only at whether its
    non-ancient inputs come from the job that reruns: with the raw file as another input and
    `sentence_sources` as params, an `ancient` table left an edited article's vectors as they
    were. The params still catch what modification times miss (a sheet or config edit) in a
    later run in which the shard's segmentation does not rerun."""
    table = layout.SENTENCES.format(article=wildcards.article)
    sources = [raw_path(wildcards.article), *EMBEDDING_CODE_FILES]
    return table if outdated(layout.EMBEDDINGS.format(article=wildcards.article), sources) else ancient(table)


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
    return {"cues": layout.CUES.format(language=language), "advice": layout.ADVICE.format(language=language)}


def per_language(name, template, languages=LANGUAGES):
    """Named inputs or outputs, one per language: {"cues_zh": template for "zh", …}."""
    return {layout.key(name, language): template.format(language=language) for language in languages}


def articles_in(language):
    return [a for a in ARTICLE_IDS if ARTICLES.loc[a, "language"] == language]


def topic_settings(ks, k):
    """Settings for upsoc.topics.fit.TopicSettings: a model's Ks (and pinned K), and the rest
    of the `topics` config that every model shares."""
    topics = config["topics"]
    shared = ("random_state", "stability_seeds", "min_stability", "max_fit_units", "seed_weight", "gibbs_iterations",
              "full_sweep")
    return {"ks": ks, "k": k, **{name: topics[name] for name in shared}}


def figure_outputs(names):
    """Named report outputs, one per format, for figure names."""
    return {
        layout.key(name, ext): report(
            layout.FIGURE_FILE.format(name=name, ext=ext),
            caption=f"../report/figure_{name.split('_')[0]}.rst",
            category="Figures",
            subcategory=name.split("_")[0],
            labels={"figure": name, "format": ext},
        )
        for name in names
        for ext in layout.FIGURE_FORMATS
    }


def index_inputs(wildcards):
    """Every result the report's overview page reads, and every input whose hash it records."""
    hashed = {
        "sheet": config["articles"],
        "codebook": config["codebook"],
        "studies": STUDY_FILES,
        "user_dictionary": config["zh_user_dictionary"],
        "raw": [raw_path(article) for article in ARTICLE_IDS],
    }
    return {**layout.report_index_inputs(CORPUS_LANGUAGES), **hashed}
