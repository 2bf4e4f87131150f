"""Adapter: rule interval_coverage -> upsoc.compare.coverage."""

from upsoc.compare.bootstrap import BootstrapSettings
from upsoc.compare.coverage import corpus_sizes, coverage_study, materials
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    settings, plan = snakemake.params.settings, snakemake.params.coverage
    bootstrap = BootstrapSettings(settings["replicates"], settings["min_articles"], plan["random_state"])
    sheet = read_tsv(snakemake.input.sheet).set_index("id")
    study = read_tsv(snakemake.input.validation)
    study = study[study["study"] == plan["study"]].assign(frame=lambda t: t["article_id"].map(sheet["frame"]))
    sizes = corpus_sizes(read_tsv(snakemake.input.coded, ["article_id", "frame", "language"]))
    cells = materials(study, sizes, snakemake.params.concepts, bootstrap)
    table = coverage_study(cells, [tuple(p) for p in snakemake.params.frame_contrasts], plan["labelled_per_cell"],
                           plan["replicates"], bootstrap)
    write_tsv(table, snakemake.output.coverage)
