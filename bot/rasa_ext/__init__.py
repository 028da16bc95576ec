"""The only part of `bot/` that imports Rasa: components and stores that Rasa loads by path.

Each module here is thin: it adapts Rasa's interfaces and calls the rest of `bot/`. Importing
this package changes nothing in Rasa; the action guard is installed by the tracker store.
"""
