"""One module per command of ``python -m model``; each has ``register(subparsers)``."""
