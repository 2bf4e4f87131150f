rule themes:
    input:
        sentences=expand(layout.SENTENCES, article=ARTICLE_IDS),
        vectors=expand(layout.EMBEDDINGS, article=ARTICLE_IDS),
        ids=expand(layout.EMBEDDING_IDS, article=ARTICLE_IDS),
        coded=layout.CODED,
        sheet=config["articles"],
        **per_language("names", layout.EXCLUDED_NAMES, CORPUS_LANGUAGES),
    output:
        **{table: layout.theme_table(table) for table in layout.THEME_TABLES},
    params:
        settings=config["themes"],
        bootstrap={name: config["compare"][name] for name in ("replicates", "min_articles")},
        languages=CORPUS_LANGUAGES,
        code=code("themes.py"),
    log:
        "logs/themes.log",
    benchmark:
        "logs/benchmarks/themes/all.tsv"
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=3000,
        runtime=30,
    script:
        "../scripts/themes.py"


# The coders' answers to the intrusion items, scored; a row says so while there are none.
rule intrusion_scores:
    input:
        key=[str(INTRUSION_KEY)] if INTRUSION_KEY else [],
        answers=[str(path) for path in INTRUSION_ANSWERS],
    output:
        scores=layout.INTRUSION_SCORES,
    params:
        code=code("intrusion_scores.py"),
    log:
        "logs/intrusion_scores.log",
    benchmark:
        "logs/benchmarks/intrusion_scores/all.tsv"
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    script:
        "../scripts/intrusion_scores.py"


rule figures_themes:
    input:
        prevalence=layout.theme_table("prevalence"),
        themes=layout.theme_table("themes"),
    output:
        **figure_outputs([layout.THEMES_FIGURE]),
    params:
        code=code("figures_themes.py"),
    log:
        "logs/figures_themes.log",
    benchmark:
        "logs/benchmarks/figures_themes/all.tsv"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/figures_themes.py"
