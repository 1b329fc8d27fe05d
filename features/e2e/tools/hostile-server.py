#!/usr/bin/env python3
"""A DICOMweb server on 127.0.0.1 with 4 uncompressed 64x64 16-bit images whose image 1 attacks the
client, for measuring `./progressive load` against the hostile cases of issue 12 by hand:

    python3 features/e2e/tools/hostile-server.py MODE PORT &
    /usr/bin/time -f '%e s, peak RSS %M KiB' ./progressive load --url http://127.0.0.1:PORT \
        --study 1.2.3 --series 1.2.3.4

MODE: normal | large (512 MiB declared, 200 bytes, silence) | tengb (10 GB declared, 1 MB/s) |
drip (1 byte/s) | endless (an endless multipart part) | escape (500 with terminal escape codes).
The automated tests are HostileServersTest (e2e) and HostileServerTest (core)."""
import json, socket, struct, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

MODE, PORT = sys.argv[1], int(sys.argv[2])
STUDY, SERIES, N, SIZE, B = "1.2.3", "1.2.3.4", 4, 64, "frame-boundary-7"

def sop(i): return f"{SERIES}.{i+1}"

def metadata():
    def a(tag, vr, v): return {tag: {"vr": vr, "Value": [v]}}
    out = []
    for i in range(N):
        d = {}
        for t in (a("00080018","UI",sop(i)), a("0020000D","UI",STUDY), a("0020000E","UI",SERIES),
                  a("00200013","IS",i+1), a("00280010","US",SIZE), a("00280011","US",SIZE),
                  a("00280100","US",16), a("00280101","US",12), a("00280103","US",0),
                  a("00280004","CS","MONOCHROME2")):
            d.update(t)
        d["7FE00010"] = {"vr": "OW", "BulkDataURI": f"instances/{sop(i)}/frames"}
        out.append(d)
    return json.dumps(out).encode()

def frame(i):
    px = b"".join(struct.pack("<H", (i*97 + r*13 + c*7) & 0xFFF) for r in range(SIZE) for c in range(SIZE))
    return (f"--{B}\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n".encode()
            + px + f"\r\n--{B}--\r\n".encode())

CT = f'multipart/related; type="application/octet-stream"; boundary={B}'

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def head(self, code, ctype, length, reason=None):
        self.send_response(code, reason)
        self.send_header("Content-Type", ctype)
        if length is not None: self.send_header("Content-Length", str(length))
        else: self.send_header("Connection", "close")
        self.end_headers()
    def do_GET(self):
        p = self.path
        if p.endswith("/metadata"):
            body = metadata(); self.head(200, "application/dicom+json", len(body)); self.wfile.write(body); return
        idx = next((i for i in range(N) if f"/instances/{sop(i)}/" in p), -1)
        if idx < 0:
            self.head(404, "text/plain", 0); return
        body = frame(idx)
        if idx != 1 or MODE == "normal":
            self.head(200, CT, len(body)); self.wfile.write(body); return
        try:
            if MODE == "large":
                self.head(200, CT, 512*1024*1024 - 1); self.wfile.write(body[:200]); self.wfile.flush()
                while self.rfile.read(1): pass
                time.sleep(3600)
            elif MODE == "tengb":
                self.head(200, CT, 10_000_000_000)
                while True:
                    self.wfile.write(b"\0" * 100_000); self.wfile.flush(); time.sleep(0.1)
            elif MODE == "drip":
                self.head(200, CT, len(body))
                for b in body:
                    self.wfile.write(bytes([b])); self.wfile.flush(); time.sleep(1)
            elif MODE == "endless":
                self.head(200, CT, None)
                self.wfile.write(f"--{B}\r\nContent-Type: application/octet-stream\r\n\r\n".encode())
                while True: self.wfile.write(b"\0" * 262144)
            elif MODE == "escape":
                text = ("\x1b[2J\x1b[31mDatabase down\r\n[INFO] all good\x07" + "x" * 100000).encode()
                self.head(500, "text/plain", len(text), "Internal \x1b[5mError"); self.wfile.write(text)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
