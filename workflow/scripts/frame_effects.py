"""Adapter: rule frame_effects -> upsoc.compare.frames."""

import sys
from pathlib import Path

from upsoc.annotation.study import ADJUDICATED, load_study
from upsoc.compare.bootstrap import BootstrapSettings
from upsoc.compare.frames import FrameEffects, labelled_pairs, sentence_population
from upsoc.compare.groups import compared_articles
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    settings = snakemake.params.settings
    bootstrap = BootstrapSettings(settings["replicates"], settings["min_articles"], settings["random_state"])
    concepts = snakemake.params.concepts
    articles = set(compared_articles(read_tsv(snakemake.input.sheet), settings["translations"])["id"])
    population = sentence_population(read_tsv(snakemake.input.coded), articles)
    # the study's files are the rule's inputs; its folder is named in the config
    folder = Path(snakemake.config["inference"]["study"])
    labelled = None
    if (folder / f"{ADJUDICATED}.tsv").is_file():
        study = load_study(folder, concepts)
        labelled = labelled_pairs(population, study.sample, study.codings[ADJUDICATED], str(folder))
    else:
        print(f"no prediction-powered (ppi) rows: {folder}/{ADJUDICATED}.tsv does not exist yet; the tables hold "
              "the coded shares only (draw the study with `upsoc annotate --stratify frame language`, code it and adjudicate it: "
              "docs/inference.md)", file=sys.stderr)
    effects = FrameEffects(population, concepts, bootstrap, snakemake.params.frame_contrasts, labelled)
    write_tsv(effects.effects(), snakemake.output.frame_effects)
    write_tsv(effects.prevalence(), snakemake.output.frame_prevalence)
