rule compare_groups:
    input:
        sheet=config["articles"],
        coded=layout.CODED,
        doc_topics=layout.CROSSLINGUAL.table("doc_topics"),
        article_topics=layout.CROSSLINGUAL.table("article_topics"),
        validation=layout.VALIDATION.format(table="sentences"),
        units=expand(layout.UNITS, language=CORPUS_LANGUAGES),
    output:
        **{
            table: report(layout.COMPARE_TABLE.format(table=table), caption=f"../report/{table}.rst", category="Comparisons")
            for table in layout.COMPARE_TABLES
        },
        **per_language("keyness", layout.KEYNESS, CORPUS_LANGUAGES),
    params:
        settings=config["compare"],
        concepts={c.id: c.kind for c in CODEBOOK.concepts},
        languages=CORPUS_LANGUAGES,
        code=code("compare_groups.py"),
    log:
        "logs/compare_groups.log",
    benchmark:
        "logs/benchmarks/compare_groups/all.tsv",
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/compare_groups.py"


# The seeded topics against the coding of their concepts, and their prevalence per group.
rule seeded_agreement:
    input:
        sheet=config["articles"],
        coded=layout.CODED,
        doc_topics=layout.TopicScope("{language}", layout.SEEDED).table("doc_topics"),
        labels=layout.TopicScope("{language}", layout.SEEDED).table("labels"),
    output:
        agreement=layout.AGREEMENT,
    params:
        settings=config["compare"],
        concepts=CODEBOOK.ids,
        code=code("seeded_agreement.py"),
    log:
        "logs/seeded_agreement/{language}.log",
    benchmark:
        "logs/benchmarks/seeded_agreement/{language}.tsv",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/seeded_agreement.py"


# Frame contrasts within each language: coded, and prediction-powered from the inference
# study's adjudicated codes when it has them (docs/inference.md).
rule frame_effects:
    input:
        sheet=config["articles"],
        coded=layout.CODED,
        study=study_files(config["inference"]["study"]),
    output:
        **{table: layout.COMPARE_TABLE.format(table=table) for table in layout.FRAME_TABLES},
    params:
        settings=config["compare"],
        frame_contrasts=config["inference"]["frame_contrasts"],
        concepts=CODEBOOK.ids,
        code=code("frame_effects.py"),
    log:
        "logs/frame_effects.log",
    benchmark:
        "logs/benchmarks/frame_effects/all.tsv",
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/frame_effects.py"


# How often the intervals cover a known truth: a study's codes and predictions resampled by
# article at the corpus' size.
rule interval_coverage:
    input:
        sheet=config["articles"],
        validation=layout.VALIDATION.format(table="sentences"),
        coded=layout.CODED,
    output:
        coverage=layout.INTERVAL_COVERAGE,
    params:
        settings=config["compare"],
        coverage=config["inference"]["coverage"],
        frame_contrasts=config["inference"]["frame_contrasts"],
        concepts=CODEBOOK.ids,
        code=code("interval_coverage.py"),
    log:
        "logs/interval_coverage.log",
    benchmark:
        "logs/benchmarks/interval_coverage/all.tsv",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=20,
    script:
        "../scripts/interval_coverage.py"
