rule clean:
    input:
        raw=raw_file,
    output:
        text="results/clean/{article}.txt",
        removed="results/clean/{article}.removed.tsv",
    params:
        language=article_language,
        code=CODE["clean"],
    log:
        "logs/clean/{article}.log",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../scripts/clean.py"
