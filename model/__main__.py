"""Entry point for ``python -m model``."""

import sys

from model.commands.main import main

sys.exit(main())
