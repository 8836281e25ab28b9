"""Progress lines: in the Dagster log (UI) and on the logger ``bogota.progress``.

`make run` attaches a terminal handler to that logger (orchestration/run.py); nothing else
prints, so `dagster dev` and the tests stay quiet.
"""
from __future__ import annotations

import logging

progress_logger = logging.getLogger("bogota.progress")


def progress(context, message: str) -> None:
    context.log.info(message)
    progress_logger.info(message)
