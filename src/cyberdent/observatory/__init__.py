"""The union's observatory: anonymous contributions, their roll-up by block, the union's pages."""
