"""The resource catalogue: the reviewed YAML source, its table, the search, the link checker.

Outsiders import from here.
"""

from bot.catalogue.dialogue import (
    details_turn,
    in_short_turn,
    link_not_known,
    more_turn,
    ordinal_in,
    resource_by_turn,
    resource_says_turn,
    search_turn,
    what_is_turn,
)
from bot.catalogue.links import check_links, format_link_report, link_health
from bot.catalogue.loader import CATALOGUE_DIR, CatalogueError, list_resources, load_catalogue, read_catalogue
from bot.catalogue.model import TYPES
from bot.catalogue.search import search_resources

__all__ = [
    "CATALOGUE_DIR",
    "TYPES",
    "CatalogueError",
    "check_links",
    "details_turn",
    "in_short_turn",
    "link_not_known",
    "resource_by_turn",
    "resource_says_turn",
    "format_link_report",
    "link_health",
    "list_resources",
    "load_catalogue",
    "more_turn",
    "ordinal_in",
    "read_catalogue",
    "search_resources",
    "search_turn",
    "what_is_turn",
]
