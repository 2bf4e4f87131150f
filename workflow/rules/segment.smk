for shard, members in SHARDS.items():

    rule:
        name:
            rule_name("segment", shard)
        input:
            **tokenizer_resources(shard_language(shard)),
            text=expand(layout.CLEAN_TEXT, article=members),
        output:
            sentences=expand(layout.SENTENCES, article=members),
        params:
            articles=members,
            language=shard_language(shard),
            code=code("segment.py"),
        log:
            f"logs/segment/{shard}.log",
        benchmark:
            f"logs/benchmarks/segment/{shard}.tsv"
        priority: CHAIN_PRIORITY[shard_language(shard)]
        threads: 1
        resources:
            mem_mb=1500,
            runtime=shard_runtime(members, seconds_per_article=2),
        script:
            "../scripts/segment.py"
