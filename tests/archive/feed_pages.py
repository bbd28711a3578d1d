"""Feeds for the loopback site, RSS or Atom, listing pages the tests serve."""

import html

OFF_TOPIC = [
    "Le festival de jazz de Marciac a accueilli cette année plus de deux cent mille spectateurs venus "
    "écouter les grands noms du swing sous le chapiteau installé au cœur du village gersois.",
    "Les organisateurs se félicitent d'une édition sans incident, portée par une météo clémente et une "
    "programmation qui mêlait jeunes talents et musiciens confirmés venus de toute l'Europe.",
]


def rss(items, title="La Gazette du Rio Grande — Monde"):
    """`items`: (title, link or None, RFC 822 date or None) each."""
    entries = []
    for name, link, date in items:
        parts = [f"<title>{html.escape(name)}</title>"]
        if link:
            parts.append(f"<link>{html.escape(link)}</link><guid>{html.escape(link)}</guid>")
        if date:
            parts.append(f"<pubDate>{date}</pubDate>")
        entries.append(f"<item>{''.join(parts)}</item>")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{html.escape(title)}</title><link>http://example.org/</link>
<description>Les dernières nouvelles</description>{"".join(entries)}</channel></rss>"""


def atom(items, title="Frontera — fil Atom"):
    entries = "".join(
        f"<entry><title>{html.escape(name)}</title><id>urn:frontera:{i}</id>"
        f'<link rel="alternate" href="{html.escape(link)}"/><updated>{date}</updated></entry>'
        for i, (name, link, date) in enumerate(items)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(title)}</title><id>urn:frontera</id>
<updated>2026-11-20T10:00:00Z</updated>{entries}</feed>"""


def serve_rss(site, path, xml, **route):
    return site.page(path, xml, content_type="application/rss+xml; charset=utf-8", **route)
