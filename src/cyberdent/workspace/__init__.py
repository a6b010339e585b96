"""The practice space as a whole: the pages that compose every feature of a practice.

Why this app exists: `practices` is the tenancy core (Practice, Membership, the access helper,
the team, invitations, settings) that every feature app builds on, so it must not import them.
The pages that gather all the features — the dashboard (one card per feature), the export of
everything a practice holds and the practice's deletion (every feature's rows, the incidents'
protected journals included) — need all of them, so they live here, in the layer above the
feature apps. Imports only run downward (the layers contract in pyproject.toml).
"""
