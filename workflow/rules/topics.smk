rule topic_units:
    input:
        sentences=lambda wildcards: expand("results/sentences/{article}.tsv", article=articles_in(wildcards.language)),
        coded=lambda wildcards: expand("results/coding/articles/{article}.tsv", article=articles_in(wildcards.language)),
    output:
        units="results/topics/{language}/units.tsv",
    params:
        min_tokens=config["topics"]["min_unit_tokens"],
        code=CODE["topics"],
    log:
        "logs/topic_units/{language}.log",
    benchmark:
        "logs/benchmarks/topic_units/{language}.tsv",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=5,
    script:
        "../scripts/topic_units.py"


rule topic_model:
    input:
        units="results/topics/{language}/units.tsv",
    output:
        **{table: f"results/topics/{{language}}/{{model}}/{table}.tsv" for table in TOPIC_TABLES},
    params:
        settings=lambda wildcards: topic_settings(wildcards.language, wildcards.model),
        code=CODE["topics"],
    log:
        "logs/topic_model/{language}-{model}.log",
    benchmark:
        "logs/benchmarks/topic_model/{language}-{model}.tsv",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/topic_model.py"


rule crosslingual_topics:
    input:
        units=expand("results/topics/{language}/units.tsv", language=CORPUS_LANGUAGES),
    output:
        **{table: f"results/topics/crosslingual/{table}.tsv" for table in TOPIC_TABLES + ["article_topics"]},
    params:
        settings={
            "ks": config["crosslingual"]["ks"],
            "k": config["crosslingual"]["k"],
            "random_state": config["topics"]["random_state"],
            "stability_seeds": config["topics"]["stability_seeds"],
            "min_stability": config["topics"]["min_stability"],
            "max_fit_units": config["topics"]["max_fit_units"],
        },
        code=CODE["topics"],
    log:
        "logs/crosslingual_topics.log",
    benchmark:
        "logs/benchmarks/crosslingual_topics/all.tsv",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/crosslingual_topics.py"
