# The codebook file is not an input: any edit of it would recompile every language. The
# digest of the language's part (checked against the schema at start-up) reruns the job instead.
rule compile_codebook:
    input:
        unpack(lambda wildcards: tokenizer_resources(wildcards.language)),
    output:
        cues=layout.CUES,
        advice=layout.ADVICE,
    params:
        codebook=config["codebook"],
        schema="workflow/schemas/codebook.schema.yaml",
        language_part=lambda wildcards: CODEBOOK.language_digest(wildcards.language),
        code=code("compile_codebook.py"),
    log:
        "logs/compile_codebook/{language}.log",
    benchmark:
        "logs/benchmarks/compile_codebook/{language}.tsv",
    priority: lambda wildcards: CHAIN_PRIORITY[wildcards.language]
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
            sentences=expand(layout.SENTENCES, article=members),
        output:
            coded=expand(layout.CODED_ARTICLE, article=members),
        params:
            articles=[article_metadata(article) for article in members],
            concepts=CODEBOOK.ids,
            code=code("code_articles.py"),
        log:
            f"logs/code/{shard}.log",
        benchmark:
            f"logs/benchmarks/code/{shard}.tsv"
        priority: CHAIN_PRIORITY[shard_language(shard)]
        threads: 1
        resources:
            mem_mb=1000,
            runtime=shard_runtime(members, seconds_per_article=1),
        script:
            "../scripts/code_articles.py"


rule coding_tables:
    input:
        **per_language("cues", layout.CUES),
        coded=expand(layout.CODED_ARTICLE, article=ARTICLE_IDS),
    output:
        sentences=report(layout.CODED, caption="../report/coding_sentences.rst", category="Coding"),
        coverage=report(layout.COVERAGE, caption="../report/codebook_coverage.rst", category="Coding"),
    params:
        concepts=CODEBOOK.ids,
        code=code("coding_tables.py"),
    log:
        "logs/coding_tables.log",
    benchmark:
        "logs/benchmarks/coding_tables/all.tsv",
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/coding_tables.py"


# The studies' sentences tokenized apart from their coding: editing the codebook recodes them
# without starting the tokenizers again.
rule analyse_studies:
    input:
        **tokenizer_resources(*LANGUAGES),
        samples=[f"{study}/sample.tsv" for study in STUDIES],
    output:
        tokens=layout.STUDY_TOKENS,
    params:
        studies=STUDIES,
        code=code("analyse_studies.py"),
    log:
        "logs/analyse_studies.log",
    benchmark:
        "logs/benchmarks/analyse_studies/all.tsv",
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/analyse_studies.py"


rule validate_instrument:
    input:
        **per_language("cues", layout.CUES),
        **per_language("advice", layout.ADVICE),
        studies=STUDY_FILES,
        tokens=layout.STUDY_TOKENS,
    output:
        **{
            table: report(layout.VALIDATION.format(table=table), caption="../report/validation.rst", category="Validation")
            for table in layout.VALIDATION_TABLES
        },
    params:
        studies=STUDIES,
        concepts=CODEBOOK.ids,
        replicates=config["validation"]["replicates"],
        random_state=config["validation"]["random_state"],
        code=code("validate_instrument.py"),
    log:
        "logs/validate_instrument.log",
    benchmark:
        "logs/benchmarks/validate_instrument/all.tsv",
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    script:
        "../scripts/validate_instrument.py"
