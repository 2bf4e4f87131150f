"""Adapter: rule seeded_agreement -> upsoc.compare.seeded."""


from upsoc.compare.bootstrap import BootstrapSettings
from upsoc.compare.seeded import seeded_agreement
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    settings = snakemake.params.settings
    coded = read_tsv(snakemake.input.coded)
    table = seeded_agreement(
        read_tsv(snakemake.input.doc_topics),
        read_tsv(snakemake.input.labels),
        coded[coded["language"] == snakemake.wildcards.language],
        read_tsv(snakemake.input.sheet),
        list(snakemake.params.concepts),
        settings["groupings"],
        BootstrapSettings(settings["replicates"], settings["min_articles"], settings["random_state"]),
    )
    write_tsv(table, snakemake.output.agreement)
