"""Incident mode: the guided response, the 72-hour deadlines, the journal and the dossier."""
