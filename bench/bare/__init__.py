"""A bare Django app for the side-by-side HTTP benchmark (bench/bench_http.py): CyberDent's own
settings (the same middleware, sessions, database, cache) with one view that returns a small
page, so that a ratio to it measures what CyberDent's pages add on top of Django itself."""
