"""`python -m workout_tui` runs the command-line front door."""

from workout_tui.cli import main

raise SystemExit(main())
