# One job per article: adding an article embeds that article only.
#
# A sentence's text depends on its raw file and on the cleaning and segmenting code, nothing
# else. The sentence table is read as `ancient`, and those three are the job's triggers (the
# raw file as an input, the two codes as params): when a new article reruns its shard's
# segmentation, the other articles' sentence tables are rewritten unchanged and their vectors
# are not made again.
rule embed_sentences:
    input:
        sentences=ancient(layout.SENTENCES),
        raw=lambda wildcards: raw_path(wildcards.article),
    output:
        vectors=layout.EMBEDDINGS,
        ids=layout.EMBEDDING_IDS,
    params:
        encoder=config["embeddings"],
        text_code=[code("clean.py"), code("segment.py")],
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
