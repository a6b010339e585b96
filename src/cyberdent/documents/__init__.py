"""PDF documents (typst): the diagnostic report and the crisis-protocol poster.

The domain builds the objects; this package only lays them out. Data reach typst as a JSON file
(`data.json`, see render.py), never spliced into typst source, so no user text can become markup.
"""
