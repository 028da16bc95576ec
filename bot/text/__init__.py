"""Text handling every feature shares: undoing disguised characters before matching words."""

from bot.text.fold import IsWord, fold

__all__ = ["IsWord", "fold"]
