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


rule figures:
    input:
        prevalence="results/compare/concept_prevalence.tsv",
        differences="results/compare/concept_differences.tsv",
        mixtures="results/topics/crosslingual/article_topics.tsv",
        topics=expand("results/topics/{language}/{model}/topics.tsv", language=CORPUS_LANGUAGES, model=["lda", "nmf"]),
        selection=expand("results/topics/{language}/{model}/selection.tsv", language=CORPUS_LANGUAGES, model=["lda", "nmf"]),
        keyness=expand("results/compare/keyness_{language}.tsv", language=CORPUS_LANGUAGES),
    output:
        **{
            f"{name}_{ext}": report(
                f"results/report/figures/{name}.{ext}",
                caption=f"../report/figure_{name.split('_')[0]}.rst",
                category="Figures",
                subcategory=name.split("_")[0],
                labels={"figure": name, "format": ext},
            )
            for name in FIGURES
            for ext in ("png", "svg")
        },
    params:
        groupings=config["compare"]["groupings"],
        languages=CORPUS_LANGUAGES,
        code=CODE["report"],
    log:
        "logs/figures.log",
    benchmark:
        "logs/benchmarks/figures/all.tsv",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/figures.py"


rule report_html:
    input:
        unpack(report_inputs),
        figures=[f"results/report/figures/{name}.png" for name in FIGURES],
    output:
        index="results/report/index.html",
        articles=expand("results/report/articles/{article}.html", article=ARTICLE_IDS),
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
