"""The training log: the history store, what each run wrote to it, and what is read from it
(records, progression, export and import). Textual-free."""
