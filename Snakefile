from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/clean.smk"
include: "workflow/rules/segment.smk"
include: "workflow/rules/coding.smk"
include: "workflow/rules/topics.smk"
include: "workflow/rules/compare.smk"
include: "workflow/rules/report.smk"


rule all:
    default_target: True
    input:
        expand("results/clean/{article}.txt", article=ARTICLE_IDS),
        expand("results/clean/{article}.removed.tsv", article=ARTICLE_IDS),
        expand("results/sentences/{article}.tsv", article=ARTICLE_IDS),
        "results/coding/sentences.tsv",
        "results/coding/codebook_coverage.tsv",
        "results/coding/validation.tsv",
        expand(
            "results/topics/{language}/{model}/{table}.tsv",
            language=CORPUS_LANGUAGES,
            model=["lda", "nmf"],
            table=TOPIC_TABLES,
        ),
        expand("results/topics/crosslingual/{table}.tsv", table=TOPIC_TABLES + ["article_topics"]),
        expand("results/compare/{table}.tsv", table=COMPARE_TABLES),
        expand("results/compare/keyness_{language}.tsv", language=CORPUS_LANGUAGES),
        "results/corpus/summary.tsv",
        "results/report/index.html",
