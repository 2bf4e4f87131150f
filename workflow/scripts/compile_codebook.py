"""Adapter: rule compile_codebook -> upsoc.coding.codebook / advice."""


from upsoc.clean.normalize import ParagraphNormalizer
from upsoc.coding.advice import compile_advice
from upsoc.coding.codebook import compile_cues, load_codebook
from upsoc.rulelog import rule_log
from upsoc.sheet import load_schema
from upsoc.tokenize import make_tokenizer
from upsoc.tsv import write_tsv

with rule_log(snakemake.log[0]):
    language = snakemake.wildcards.language
    codebook = load_codebook(snakemake.input.codebook, load_schema(snakemake.input.schema))
    tokenizer = make_tokenizer(language, snakemake.input.get("user_dictionary"))
    normalizer = ParagraphNormalizer(language)
    write_tsv(compile_cues(codebook, language, tokenizer, normalizer), snakemake.output.cues)
    write_tsv(compile_advice(codebook.advice[language], tokenizer, normalizer), snakemake.output.advice)
