"""Views of the practice space, one module per page or group of pages."""
