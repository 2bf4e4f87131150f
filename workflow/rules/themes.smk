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
