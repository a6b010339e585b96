"""CyberDent."""
