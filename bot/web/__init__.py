"""The web process: the staff page (and, later, the widget's demo page)."""
