#!/usr/bin/env python3
"""A web server for the image-fetch tests: python3 httpd.py DIR LOG.

Prints "port N" on stdout when it listens (127.0.0.1, a free port), and
writes one line per event to LOG (flushed): "get PATH" when a request
comes, "served PATH" when a whole answer went, "closed PATH" when the
client went away in the middle. Paths:

  /slow/NAME   DIR/NAME's first 64 bytes, then 4 KB of zeros every 0.1 s
               under a Content-Length of 10 MB: it never ends by itself
  /hang/NAME   the headers, then nothing (the client's timeout ends it)
  /big/NAME    70 MB with no Content-Length, as fast as it goes
  /NAME        DIR/NAME at once (404 when it is not there)
"""
import http.server
import os
import sys
import time

DIR, LOG = sys.argv[1], sys.argv[2]


def log(what, path):
    with open(LOG, "a") as f:
        f.write("%s %s\n" % (what, path))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path
        log("get", path)
        try:
            self.answer(path)
            log("served", path)
        except (BrokenPipeError, ConnectionResetError):
            log("closed", path)

    def answer(self, path):
        parts = path.split("?")[0].strip("/").split("/")
        name = os.path.join(DIR, parts[-1])
        if parts[0] == "slow":
            head = open(name, "rb").read()[:64]
            self.send_response(200)
            self.send_header("Content-Length", str(10 * 1000 * 1000))
            self.end_headers()
            self.wfile.write(head)
            self.wfile.flush()
            while True:
                time.sleep(0.1)
                self.wfile.write(b"\0" * 4096)
                self.wfile.flush()
        elif parts[0] == "hang":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            time.sleep(60)
        elif parts[0] == "big":
            self.send_response(200)
            self.end_headers()
            chunk = b"\0" * (1 << 20)
            for _ in range(70):
                self.wfile.write(chunk)
        elif os.path.isfile(name):
            data = open(name, "rb").read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        else:
            self.send_error(404)


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
print("port %d" % srv.server_address[1], flush=True)
srv.serve_forever()
