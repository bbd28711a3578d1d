"""Capture: pages fetched from the web, and crawlers' WARC/WACZ files, into the
records the importer reads, each page kept as a WARC record in the data folder.

The entry point for one address is `archive.capture.capturing.capture_url(url)`:
a RawArticle (with its `capture`) or a Refusal, never an exception. Feeds and the
admin call it too. Nothing is imported here: the web workers read captures
(store.py) without loading what extraction needs."""
