"""Views of the insight pages."""
