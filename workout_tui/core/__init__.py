"""The Textual-free core: model, loader, plan, engine, cues, library and locations."""
