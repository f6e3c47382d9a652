"""python -m verordening: check, evaluate, explain (see verordening/cli.py)."""

import sys

from .cli import main

sys.exit(main())
