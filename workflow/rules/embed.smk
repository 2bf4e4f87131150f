# One job per article, so that a changed article is embedded again alone. The segmentation runs
# per shard and rewrites its shard's sentence tables, so adding an article embeds the articles
# of its shard again (marking the input `ancient` would avoid that, but Snakemake then skips the
# job whenever the segmentation reruns, and an edited article would keep its old vectors).
rule embed_sentences:
    input:
        sentences=layout.SENTENCES,
    output:
        vectors=layout.EMBEDDINGS,
        ids=layout.EMBEDDING_IDS,
    params:
        encoder=config["embeddings"],
        code=code("embed_sentences.py"),
    log:
        "logs/embed_sentences/{article}.log",
    benchmark:
        "logs/benchmarks/embed_sentences/{article}.tsv"
    priority: EARLY_PRIORITY
    threads: config["embeddings"]["threads"]
    resources:
        mem_mb=500,
        runtime=10,
    script:
        "../scripts/embed_sentences.py"
