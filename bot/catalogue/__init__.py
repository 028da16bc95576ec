"""The resource catalogue: YAML source → `resources` table → ranked search, and a link checker."""
