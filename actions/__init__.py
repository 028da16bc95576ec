"""Custom actions: thin adapters that read the tracker, call `bot/`, and send messages."""
