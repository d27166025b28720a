"""Chunks of samples on an existing Dask cluster (``--dask ADDRESS``).

Imported only when a cluster is named, so plain runs do not load
``dask.distributed``. Each chunk is one task; results come back in sample
order. Workers must be able to import this project (the same code and data).
"""

from __future__ import annotations

from collections.abc import Callable


class ClusterError(Exception):
    """The Dask scheduler cannot be reached; the message names the address."""


def map_on_cluster(address: str, work: Callable, parts: list, progress: Callable[[int, int], None] | None) -> list:
    """Run ``work(part)`` for every part on the cluster at ``address``.

    Parameters
    ----------
    address : str
        Scheduler address, e.g. ``tcp://10.0.0.5:8786``.
    work : callable
        Picklable function of one part.
    parts : list
        The chunks.
    progress : callable, optional
        ``progress(done, total)`` as tasks finish.

    Returns
    -------
    list
        ``work(part)`` for each part, in the order of ``parts``.

    """
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout="15s")
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        futures = client.map(work, parts, pure=False)
        for done, _ in enumerate(as_completed(futures), start=1):
            if progress:
                progress(done, len(futures))
        return client.gather(futures)
