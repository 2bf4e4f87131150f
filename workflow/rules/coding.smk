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
    threads: 1
    resources:
        mem_mb=1500,
        runtime=5,
    script:
        "../scripts/compile_codebook.py"


rule code_article:
    input:
        unpack(compiled_codebook),
        sentences="results/sentences/{article}.tsv",
    output:
        coded="results/coding/articles/{article}.tsv",
    params:
        article=article_metadata,
        concepts=CODEBOOK.ids,
        code=CODE["coding"],
    log:
        "logs/code_article/{article}.log",
    threads: 1
    resources:
        mem_mb=500,
        runtime=5,
    script:
        "../scripts/code_article.py"


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
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/coding_tables.py"


rule validate_codebook:
    input:
        unpack(lambda wildcards: tokenizer_resources("zh")),
        sample=config["validation_sample"],
        cues=expand("results/coding/cues/{language}.tsv", language=LANGUAGES),
        advice=expand("results/coding/advice/{language}.tsv", language=LANGUAGES),
    output:
        scores=report("results/coding/validation.tsv", caption="../report/validation.rst", category="Coding"),
        sentences="results/coding/validation_sentences.tsv",
    params:
        languages=list(LANGUAGES),
        concepts=CODEBOOK.ids,
        code=CODE["coding"],
    log:
        "logs/validate_codebook.log",
    threads: 1
    resources:
        mem_mb=1500,
        runtime=5,
    script:
        "../scripts/validate_codebook.py"
