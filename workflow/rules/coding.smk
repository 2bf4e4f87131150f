rule compile_codebook:
    input:
        unpack(lambda wildcards: tokenizer_resources(wildcards.language)),
        codebook=config["codebook"],
        schema="workflow/schemas/codebook.schema.yaml",
    output:
        cues="results/coding/cues/{language}.tsv",
        advice="results/coding/advice/{language}.tsv",
    params:
        code=CODE["coding"],
    log:
        "logs/compile_codebook/{language}.log",
    benchmark:
        "logs/benchmarks/compile_codebook/{language}.tsv",
    threads: 1
    resources:
        mem_mb=1500,
        runtime=5,
    script:
        "../scripts/compile_codebook.py"


for shard, members in SHARDS.items():

    rule:
        name:
            rule_name("code", shard)
        input:
            **compiled_codebook(shard_language(shard)),
            sentences=[f"results/sentences/{article}.tsv" for article in members],
        output:
            coded=[f"results/coding/articles/{article}.tsv" for article in members],
        params:
            articles=[article_metadata(article) for article in members],
            concepts=CODEBOOK.ids,
            code=CODE["coding"],
        log:
            f"logs/code/{shard}.log",
        benchmark:
            f"logs/benchmarks/code/{shard}.tsv"
        threads: 1
        resources:
            mem_mb=1000,
            runtime=shard_runtime(members, seconds_per_article=1),
        script:
            "../scripts/code_articles.py"


rule coding_tables:
    input:
        coded=expand("results/coding/articles/{article}.tsv", article=ARTICLE_IDS),
        cues=expand("results/coding/cues/{language}.tsv", language=LANGUAGES),
    output:
        sentences=report(
            "results/coding/sentences.tsv", caption="../report/coding_sentences.rst", category="Coding"
        ),
        coverage=report(
            "results/coding/codebook_coverage.tsv", caption="../report/codebook_coverage.rst", category="Coding"
        ),
    params:
        concepts=CODEBOOK.ids,
        code=CODE["coding"],
    log:
        "logs/coding_tables.log",
    benchmark:
        "logs/benchmarks/coding_tables/all.tsv",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/coding_tables.py"


rule validate_codebook:
    input:
        **tokenizer_resources(*LANGUAGES),
        sample=config["validation_sample"],
        cues=expand("results/coding/cues/{language}.tsv", language=LANGUAGES),
        advice=expand("results/coding/advice/{language}.tsv", language=LANGUAGES),
    output:
        scores=report("results/coding/validation.tsv", caption="../report/validation.rst", category="Coding"),
        sentences="results/coding/validation_sentences.tsv",
    params:
        concepts=CODEBOOK.ids,
        code=CODE["coding"],
    log:
        "logs/validate_codebook.log",
    benchmark:
        "logs/benchmarks/validate_codebook/all.tsv",
    threads: 1
    resources:
        mem_mb=1500,
        runtime=5,
    script:
        "../scripts/validate_codebook.py"
