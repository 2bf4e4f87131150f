"""The log of a Snakemake rule script: everything written to stderr, and the traceback of a failure."""

from __future__ import annotations

import traceback
from contextlib import contextmanager, redirect_stderr


@contextmanager
def rule_log(path: str):
    with open(path, "w", encoding="utf-8") as log, redirect_stderr(log):
        try:
            yield
        except BaseException:
            traceback.print_exc(file=log)
            raise


class ArticleFailure(RuntimeError):
    """A step failed on one article of a shard; the message names the article."""


@contextmanager
def for_article(article_id: str):
    """Name the article in any error raised inside, since one job processes many articles."""
    try:
        yield
    except Exception as error:
        raise ArticleFailure(f"article {article_id!r}: {type(error).__name__}: {error}") from error
