rule corpus_summary:
    input:
        sheet=config["articles"],
        raw=[raw_path(article) for article in ARTICLE_IDS],
        text=expand(layout.CLEAN_TEXT, article=ARTICLE_IDS),
        removed=expand(layout.REMOVED_SPANS, article=ARTICLE_IDS),
        sentences=expand(layout.SENTENCES, article=ARTICLE_IDS),
    output:
        summary=report(layout.SUMMARY, caption="../report/corpus_summary.rst", category="Corpus"),
        design=report(layout.DESIGN, caption="../report/corpus_design.rst", category="Corpus"),
        contrasts=layout.CONTRASTS,
        removed=layout.REMOVED,
    params:
        articles=ARTICLE_IDS,
        min_articles=config["compare"]["min_articles"],
        frame_contrasts=config["inference"]["frame_contrasts"],
        code=code("corpus_summary.py"),
    log:
        "logs/corpus_summary.log",
    benchmark:
        "logs/benchmarks/corpus_summary/all.tsv",
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../scripts/corpus_summary.py"


rule figures_compare:
    input:
        **per_language("keyness", layout.KEYNESS, CORPUS_LANGUAGES),
        prevalence=layout.COMPARE_TABLE.format(table="concept_prevalence"),
        differences=layout.COMPARE_TABLE.format(table="concept_differences"),
        frame_effects=layout.COMPARE_TABLE.format(table="frame_effects"),
        mixtures=layout.CROSSLINGUAL.table("article_topics"),
    output:
        **figure_outputs(layout.compare_figures(GROUPINGS, CORPUS_LANGUAGES)),
    params:
        groupings=GROUPINGS,
        languages=CORPUS_LANGUAGES,
        frame_contrasts=config["inference"]["frame_contrasts"],
        code=code("figures_compare.py"),
    log:
        "logs/figures_compare.log",
    benchmark:
        "logs/benchmarks/figures_compare/all.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/figures_compare.py"


# Apart from the comparison figures, so that it runs while the comparisons are computed; one job
# per language, so that an article added in one language redraws only its own topics.
rule figures_topics:
    input:
        **{
            layout.key(table, scope.model): scope.table(table)
            for scope in layout.language_scopes(["{language}"])
            for table in ("topics", "selection")
        },
    output:
        **figure_outputs(layout.topic_figures(["{language}"])),
    params:
        code=code("figures_topics.py"),
    log:
        "logs/figures_topics/{language}.log",
    benchmark:
        "logs/benchmarks/figures_topics/{language}.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/figures_topics.py"


# The pages of the coded corpus need no topic model and no comparison: written beside them.
rule report_pages:
    input:
        sheet=config["articles"],
        **layout.report_page_inputs(ARTICLE_IDS),
    output:
        # folders, not one output per page: Snakemake records every input's checksum for every
        # output, which is quadratic in the number of articles
        articles=directory(layout.REPORT_ARTICLES),
        concepts=directory(layout.REPORT_CONCEPTS),
        search=layout.REPORT_SEARCH,
    params:
        site=layout.REPORT_SITE,
        definitions={concept.id: concept.definition for concept in CODEBOOK.concepts},
        kinds={concept.id: concept.kind for concept in CODEBOOK.concepts},
        code=code("report_pages.py"),
    log:
        "logs/report_pages.log",
    benchmark:
        "logs/benchmarks/report_pages/all.tsv",
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../scripts/report_pages.py"


rule report_html:
    input:
        unpack(index_inputs),
    output:
        index=layout.REPORT_INDEX,
        topics=directory(layout.REPORT_TOPICS),
    params:
        site=layout.REPORT_SITE,
        config=config,
        languages=CORPUS_LANGUAGES,
        groupings=GROUPINGS,
        code=code("report_html.py"),
    log:
        "logs/report_html.log",
    benchmark:
        "logs/benchmarks/report_html/all.tsv",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../scripts/report_html.py"
