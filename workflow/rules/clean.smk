# One job per shard of articles (see SHARDS in common.smk); each article keeps its own files.
for shard, members in SHARDS.items():

    rule:
        name:
            rule_name("clean", shard)
        input:
            raw=[raw_path(article) for article in members],
        output:
            text=expand(layout.CLEAN_TEXT, article=members),
            removed=expand(layout.REMOVED_SPANS, article=members),
        params:
            articles=members,
            language=shard_language(shard),
            code=code("clean.py"),
        log:
            f"logs/clean/{shard}.log",
        benchmark:
            f"logs/benchmarks/clean/{shard}.tsv"
        priority: CHAIN_PRIORITY[shard_language(shard)]
        threads: 1
        resources:
            mem_mb=1000,
            runtime=shard_runtime(members, seconds_per_article=1),
        script:
            "../scripts/clean.py"
