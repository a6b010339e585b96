"""Public pages: home, why protect, incident protocol; the layout, styles and error pages."""
