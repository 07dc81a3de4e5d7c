"""`python -m service extract FILE...`: see service/cli.py."""

import sys

from service.cli import main

sys.exit(main())
