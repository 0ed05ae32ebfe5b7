#!/usr/bin/env python
"""Django's command-line utility; site/ is a source root, never an importable package."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

from config.bootstrap import prepare  # noqa: E402

if __name__ == "__main__":
    prepare()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
