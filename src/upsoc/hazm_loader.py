"""hazm, without the start-up and per-call work it repeats.

hazm's word tokenizer, lemmatizer and normaliser each parse the same word list of about
200,000 entries when they are built (a second or more each), and a Persian job builds three
to five of them; its normaliser rebuilds its character translation table on every call
(most of the time of normalising a short text such as a cue). Both are pure functions of
their arguments, so they are memoised once per process: the same objects, the same output.
"""

from __future__ import annotations

import functools


def load_hazm():
    """The hazm module, with its word list read and its translation tables built once."""
    import hazm
    from hazm import normalizer, word_tokenizer

    for module, name in ((word_tokenizer, "words_list"), (normalizer, "maketrans")):
        function = getattr(module, name)
        if not hasattr(function, "cache_info"):
            setattr(module, name, functools.cache(function))
    return hazm

