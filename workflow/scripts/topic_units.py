"""Adapter: rule topic_units -> upsoc.topics.units and upsoc.topics.names."""


import pandas as pd

from upsoc.languages import profile
from upsoc.rulelog import rule_log
from upsoc.topics.names import load_known_names, name_finders, person_names
from upsoc.topics.units import build_units, cue_terms
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    language = profile(snakemake.wildcards.language)
    sentences = pd.concat([read_tsv(p) for p in snakemake.input.sentences], ignore_index=True)
    coded = pd.concat([read_tsv(p) for p in snakemake.input.coded], ignore_index=True)
    known = load_known_names(snakemake.input.known_names)
    names = person_names(
        sentences,
        known=set(known.loc[known["language"] == language.code, "name"].str.lower()),
        protected={term for terms in cue_terms(read_tsv(snakemake.input.cues)).values() for term in terms},
        finders=name_finders(language.name_rules, snakemake.input.get("user_dictionary")),
    )
    units = build_units(sentences, coded, language.code, snakemake.params.min_tokens, language.reader_form,
                        frozenset(names["term"]))
    write_tsv(units, snakemake.output.units)
    write_tsv(names, snakemake.output.names)
