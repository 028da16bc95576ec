"""The only part of `bot/` that imports Rasa: components and stores that Rasa loads by path.

Each module here is thin: it adapts Rasa's interfaces and calls the rest of `bot/`.
"""

from bot.rasa_ext.action_guard import install as _install_action_guard

# Every Rasa server of this project imports this package (endpoints.yml, credentials.yml,
# config.yml name classes in it): from then on a failing action server never means silence.
_install_action_guard()
