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
