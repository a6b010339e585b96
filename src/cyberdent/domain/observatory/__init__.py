"""The union's observatory: anonymous contributions, the k = 5 publication rule, the tables.

Pure Python. The Django app `cyberdent.observatory` stores contributions and their roll-up by
block; everything it publishes is computed here.
"""
