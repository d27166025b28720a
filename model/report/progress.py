"""A plain progress bar on standard error (drawn only on a terminal)."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    """Callable as ``bar(done, total)``; redraws one line on stderr.

    Parameters
    ----------
    label : str
        Text before the bar.
    stream : file, optional
        Where to draw (standard error by default).
    enabled : bool, optional
        Draw even when the stream is not a terminal (default: only on a terminal).

    """

    def __init__(self, label: str, stream=None, enabled: bool | None = None, width: int = 30):
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self.start = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` and the elapsed time; end the line when complete."""
        if not self.enabled or total <= 0:
            return
        filled = int(self.width * done / total)
        elapsed = time.perf_counter() - self.start
        bar = "#" * filled + "." * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} chunks, {elapsed:.1f} s{end}")
        self.stream.flush()
