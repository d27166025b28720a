"""Finding widgets and containers in a Streamlit AppTest element tree."""

from __future__ import annotations


def block(node, key: str):
    """The container with ``key`` anywhere under ``node``."""
    if getattr(node, "key", None) == key:
        return node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            found = block(child, key)
            if found is not None:
                return found
    return None
