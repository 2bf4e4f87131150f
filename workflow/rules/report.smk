rule corpus_summary:
    input:
        sheet=config["articles"],
        raw=[raw_path(article) for article in ARTICLE_IDS],
        text=expand("results/clean/{article}.txt", article=ARTICLE_IDS),
        removed=expand("results/clean/{article}.removed.tsv", article=ARTICLE_IDS),
        sentences=expand("results/sentences/{article}.tsv", article=ARTICLE_IDS),
    output:
        summary=report(
            "results/corpus/summary.tsv",
            caption="../report/corpus_summary.rst",
            category="Corpus",
        ),
        removed="results/corpus/removed.tsv",
    params:
        code=CODE["summary"],
    log:
        "logs/corpus_summary.log",
    benchmark:
        "logs/benchmarks/corpus_summary/all.tsv",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../scripts/corpus_summary.py"


rule figures_compare:
    input:
        prevalence="results/compare/concept_prevalence.tsv",
        differences="results/compare/concept_differences.tsv",
        mixtures="results/topics/crosslingual/article_topics.tsv",
        keyness=expand("results/compare/keyness_{language}.tsv", language=CORPUS_LANGUAGES),
    output:
        **figure_outputs(COMPARE_FIGURES),
    params:
        groupings=config["compare"]["groupings"],
        languages=CORPUS_LANGUAGES,
        code=CODE["report"],
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


# Apart from the comparison figures, so that it runs while the comparisons are computed.
rule figures_topics:
    input:
        topics=expand("results/topics/{language}/{model}/topics.tsv", language=CORPUS_LANGUAGES, model=["lda", "nmf"]),
        selection=expand("results/topics/{language}/{model}/selection.tsv", language=CORPUS_LANGUAGES, model=["lda", "nmf"]),
    output:
        **figure_outputs(TOPIC_FIGURES),
    params:
        languages=CORPUS_LANGUAGES,
        code=CODE["report"],
    log:
        "logs/figures_topics.log",
    benchmark:
        "logs/benchmarks/figures_topics/all.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/figures_topics.py"


rule report_html:
    input:
        unpack(report_inputs),
        figures=[f"results/report/figures/{name}.png" for name in FIGURES],
    output:
        index="results/report/index.html",
        # folders, not one output per page: Snakemake records every input's checksum for every
        # output, which is quadratic in the number of articles
        articles=directory("results/report/articles"),
        topics=directory("results/report/topics"),
    params:
        config=config,
        languages=CORPUS_LANGUAGES,
        groupings=config["compare"]["groupings"],
        code=CODE["report"],
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
