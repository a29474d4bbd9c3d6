"""The Textual UI: the app, one module per screen, and the stylesheet."""
