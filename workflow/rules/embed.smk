# One job per article, so that adding or editing an article embeds that article alone: its
# sentence table counts as changed only when the article or the code behind its sentences and
# vectors did (sentences_to_embed), not when the segmentation of its shard rewrote it. The themes
# stage compares each vector's sentence text with the table's and names any article left behind.
rule embed_sentences:
    input:
        sentences=sentences_to_embed,
    output:
        vectors=layout.EMBEDDINGS,
        ids=layout.EMBEDDING_IDS,
    params:
        encoder=config["embeddings"],
        sentences=lambda wildcards: sentence_sources(wildcards.article),
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
