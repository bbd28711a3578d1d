"""Watched news feeds: read a feed (reading.py), then capture, import and sort
its new items (polling.py). `manage.py watch_feeds` drives them."""
