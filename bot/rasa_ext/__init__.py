"""The only part of `bot/` that imports Rasa: components and stores that Rasa loads by path.

Each module here is thin: it adapts Rasa's interfaces and calls the rest of `bot/`.
"""
