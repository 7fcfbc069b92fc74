"""``python -m oversight`` runs the command line."""

from oversight.cli import main

raise SystemExit(main())
