rule segment:
    input:
        unpack(language_resources),
        text="results/clean/{article}.txt",
    output:
        sentences="results/sentences/{article}.tsv",
    params:
        language=article_language,
        code=CODE["segment"],
    log:
        "logs/segment/{article}.log",
    threads: 1
    resources:
        mem_mb=1500,
        runtime=10,
    script:
        "../scripts/segment.py"
