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
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../scripts/corpus_summary.py"


rule report_html:
    input:
        summary="results/corpus/summary.tsv",
        removed="results/corpus/removed.tsv",
    output:
        index="results/report/index.html",
    params:
        code=CODE["report"],
    log:
        "logs/report_html.log",
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    script:
        "../scripts/report_html.py"
