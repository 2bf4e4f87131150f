rule topic_units:
    input:
        sentences=lambda wildcards: expand(layout.SENTENCES, article=articles_in(wildcards.language)),
        coded=lambda wildcards: expand(layout.CODED_ARTICLE, article=articles_in(wildcards.language)),
    output:
        units=layout.UNITS,
    params:
        min_tokens=config["topics"]["min_unit_tokens"],
        code=code("topic_units.py"),
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
        units=layout.UNITS,
    output:
        **{table: layout.TopicScope("{language}", "{model}").table(table) for table in layout.TOPIC_TABLES},
    params:
        settings=lambda wildcards: topic_settings(
            config["topics"]["ks"], config["topics"]["k"].get(wildcards.language, {}).get(wildcards.model)
        ),
        code=code("topic_model.py"),
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
        units=expand(layout.UNITS, language=CORPUS_LANGUAGES),
    output:
        **{table: layout.CROSSLINGUAL.table(table) for table in layout.CROSSLINGUAL_TABLES},
    params:
        settings=topic_settings(config["crosslingual"]["ks"], config["crosslingual"]["k"]),
        code=code("crosslingual_topics.py"),
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
