"""Adapter: rule compare_groups -> upsoc.compare."""


import numpy as np
import pandas as pd

from upsoc.compare.bootstrap import BootstrapSettings
from upsoc.compare.correction import error_rates
from upsoc.compare.effects import topic_effects
from upsoc.compare.groups import compared_articles
from upsoc.compare.keyness import language_keyness
from upsoc.compare.parallel import parallel_pairs
from upsoc.compare.prevalence import ConceptComparison
from upsoc.compare.tactics import tactics_table
from upsoc.layout import key
from upsoc.tables import parse_unit_id
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    settings = snakemake.params.settings
    groupings = settings["groupings"]
    bootstrap = BootstrapSettings(settings["replicates"], settings["min_articles"], settings["random_state"])
    full_sheet, full_coded = read_tsv(snakemake.input.sheet), read_tsv(snakemake.input.coded)
    sheet = compared_articles(full_sheet, settings["translations"])
    compared = set(sheet["id"])

    def of_compared(table: pd.DataFrame) -> pd.DataFrame:
        """The rows of the compared articles, in a table of sentences (article_id) or units (unit_id)."""
        articles = table["article_id"] if "article_id" in table else table["unit_id"].map(lambda u: parse_unit_id(u).article_id)
        return table[articles.isin(compared)]

    coded = of_compared(full_coded)
    kinds = snakemake.params.concepts
    concepts = list(kinds)

    validation = read_tsv(snakemake.input.validation)
    source = settings["error_rates"]
    validation = validation[(validation["study"] == source["study"]) & (validation["split"] == source["split"])]
    # an independent stream: the validation replicates leave the corpus replicates as they were
    rates = error_rates(validation, concepts, settings["replicates"], np.random.default_rng([settings["random_state"], 1])) \
        if len(validation) else None
    comparison = ConceptComparison(coded, sheet, concepts, kinds, groupings, bootstrap, rates)
    write_tsv(comparison.prevalence(), snakemake.output.concept_prevalence)
    write_tsv(comparison.differences(), snakemake.output.concept_differences)
    write_tsv(comparison.divergence(), snakemake.output.divergence)
    write_tsv(topic_effects(of_compared(read_tsv(snakemake.input.doc_topics)), sheet, groupings, bootstrap),
              snakemake.output.topic_effects)
    tactics = [c for c, kind in kinds.items() if kind == "tactic"]
    write_tsv(tactics_table(coded, sheet, tactics, groupings), snakemake.output.tactics)
    # the instrument's check across languages reads every pair, translations included
    write_tsv(parallel_pairs(full_sheet, full_coded, read_tsv(snakemake.input.article_topics), concepts),
              snakemake.output.parallel_pairs)

    units = of_compared(pd.concat([read_tsv(p) for p in snakemake.input.units], ignore_index=True))
    for language in snakemake.params.languages:
        table = language_keyness(units, sheet, language, groupings, settings["prior_strength"], settings["min_count"])
        write_tsv(table, snakemake.output[key("keyness", language)])
