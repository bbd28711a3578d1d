"""An HTTP server on 127.0.0.1 that tests start and fill: this machine reaches
no website, and capture code is tested against pages the tests write.

    with LoopbackSite() as site:
        site.page("/article", ARTICLE_HTML)
        site.route("/old", status=301, headers={"Location": "/article"})
        capture_url(site.url("/old"))
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before answering: a slow site
    chunks: int = 1  # the body sent in this many writes, without Content-Length when more than one


class LoopbackSite:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []  # (path, headers) of each request received
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path) or Route(404, {"Content-Type": "text/html"}, b"<p>introuvable</p>")
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.chunks == 1:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    size = -(-len(route.body) // route.chunks) or 1
                    for start in range(0, len(route.body), size):
                        self.wfile.write(route.body[start : start + size])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: what a size limit does

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def route(self, path: str, **route) -> str:
        self.routes[path] = Route(**route)
        return self.url(path)

    def page(self, path: str, html: str, content_type: str = "text/html; charset=utf-8", **route) -> str:
        return self.route(path, headers={"Content-Type": content_type}, body=html.encode(), **route)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
