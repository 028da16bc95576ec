"""Running the assistant: the servers (`bot serve`), the supervisor that restarts them, and nginx.

Apart from the assistant itself: nothing in the features imports this package.
"""
