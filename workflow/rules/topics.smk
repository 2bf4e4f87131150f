rule topic_units:
    input:
        unpack(lambda wildcards: tokenizer_resources(wildcards.language)),
        sentences=lambda wildcards: expand(layout.SENTENCES, article=articles_in(wildcards.language)),
        coded=lambda wildcards: expand(layout.CODED_ARTICLE, article=articles_in(wildcards.language)),
        cues=layout.CUES,
        known_names=config["person_names"],
    output:
        units=layout.UNITS,
        names=layout.EXCLUDED_NAMES,
    params:
        min_tokens=config["topics"]["min_unit_tokens"],
        code=code("topic_units.py"),
    log:
        "logs/topic_units/{language}.log",
    benchmark:
        "logs/benchmarks/topic_units/{language}.tsv",
    priority: lambda wildcards: CHAIN_PRIORITY[wildcards.language]
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
    wildcard_constraints:
        model="|".join(layout.UNSEEDED_MODELS),
    params:
        settings=lambda wildcards: topic_settings(
            config["topics"]["ks"], config["topics"]["k"].get(wildcards.language, {}).get(wildcards.model)
        ),
        code=code("topic_model.py"),
    log:
        "logs/topic_model/{language}-{model}.log",
    benchmark:
        "logs/benchmarks/topic_model/{language}-{model}.tsv",
    priority: lambda wildcards: SWEEP_PRIORITY[wildcards.language]
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/topic_model.py"


# One topic per codebook concept, seeded with the concept's cues in the language, plus free topics.
rule seeded_topics:
    input:
        units=layout.UNITS,
        cues=layout.CUES,
    output:
        **{table: layout.TopicScope("{language}", layout.SEEDED).table(table) for table in layout.SEEDED_TABLES},
    params:
        settings=lambda wildcards: topic_settings(
            config["topics"]["ks"], config["topics"]["k"].get(wildcards.language, {}).get(layout.SEEDED)
        ),
        code=code("seeded_topics.py"),
    log:
        "logs/seeded_topics/{language}.log",
    benchmark:
        "logs/benchmarks/seeded_topics/{language}.tsv",
    priority: lambda wildcards: SWEEP_PRIORITY[wildcards.language]
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/seeded_topics.py"


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
    priority: EARLY_PRIORITY
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/crosslingual_topics.py"
