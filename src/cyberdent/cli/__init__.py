"""The `cyberdent` console script."""
