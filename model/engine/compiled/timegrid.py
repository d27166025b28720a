"""PySD's time grid: the Euler times of a run and which of them are saved."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

RPREC = 1e-5  # PySD's relative precision for the final time and saved times (Time.rprec)


@lru_cache(maxsize=64)
def grid(initial_time: float, final_time: float, time_step: float, return_timestamps: tuple) -> tuple:
    """Times as PySD's loop reaches them, and the saving flags.

    PySD advances ``t = t + time_step`` while ``t + time_step * 1e-5 <
    final_time``, saving at each time close to the next wanted timestamp
    (``np.isclose`` with relative tolerance ``time_step * 1e-5``). The same
    arithmetic here gives the same times to the last bit.

    Returns
    -------
    tuple
        ``(times, save, saved_times)``: numpy arrays of the Euler times, of
        booleans, and of the saved times rounded as PySD rounds them.

    """
    wanted = sorted(return_timestamps, reverse=True)
    next_return = wanted.pop() if wanted else None
    prec = time_step * RPREC
    times, save = [], []
    t = initial_time

    def in_return() -> bool:
        nonlocal next_return
        if next_return is None:
            return False
        if np.isclose(t, next_return, prec):
            next_return = wanted.pop() if wanted else None
            return True
        while next_return is not None and t > next_return:
            next_return = wanted.pop() if wanted else None
        return False

    while t + time_step * RPREC < final_time:
        times.append(t)
        save.append(in_return())
        t = t + time_step
    times.append(t)
    save.append(in_return())
    times_array = np.asarray(times, dtype=float)
    flags = np.asarray(save, dtype=bool)
    saved = np.round(times_array[flags], -int(np.log10(time_step * RPREC)))
    return times_array, flags, saved
