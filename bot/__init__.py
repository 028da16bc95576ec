"""The co-production signposting assistant's own code (everything that is not Rasa configuration)."""

__version__ = "0.1.0"
