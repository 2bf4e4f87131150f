"""Adapter: rule embed_sentences -> upsoc.embed."""

from upsoc.embed.encoders import EncoderSettings, make_encoder
from upsoc.embed.store import embed_sentences, read_sentences, write_vectors
from upsoc.rulelog import rule_log

with rule_log(snakemake.log[0]):
    settings = {name: value for name, value in snakemake.params.encoder.items() if name != "threads"}
    encoder = make_encoder(EncoderSettings(**settings), snakemake.threads)
    vectors, ids = embed_sentences(read_sentences(snakemake.input.sentences), encoder)
    write_vectors(vectors, ids, snakemake.output.vectors, snakemake.output.ids)
