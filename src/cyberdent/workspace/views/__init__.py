"""Views that compose every feature of a practice, one module per page or group of pages."""
