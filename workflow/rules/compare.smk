COMPARE_TABLES = ["concept_prevalence", "concept_differences", "topic_effects", "divergence", "tactics", "parallel_pairs"]


rule compare_groups:
    input:
        sheet=config["articles"],
        coded="results/coding/sentences.tsv",
        doc_topics="results/topics/crosslingual/doc_topics.tsv",
        article_topics="results/topics/crosslingual/article_topics.tsv",
        units=expand("results/topics/{language}/units.tsv", language=CORPUS_LANGUAGES),
    output:
        **{table: report(f"results/compare/{table}.tsv", caption=f"../report/{table}.rst", category="Comparisons")
           for table in COMPARE_TABLES},
        **{f"keyness_{language}": f"results/compare/keyness_{language}.tsv" for language in CORPUS_LANGUAGES},
    params:
        settings=config["compare"],
        concepts={c.id: c.kind for c in CODEBOOK.concepts},
        languages=CORPUS_LANGUAGES,
        code=CODE["compare"],
    log:
        "logs/compare_groups.log",
    benchmark:
        "logs/benchmarks/compare_groups/all.tsv",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/compare_groups.py"
