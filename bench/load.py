"""Load test: wrk against a running `make serve` (not a test; prints figures).

    make serve &                      # in another terminal
    make load                         # = bench/load.py --connections 50 --seconds 60

Fifty keep-alive connections ask for what the council and the public read on publication day,
by weight: the overview, drill-downs, the period PDF, programme PDFs and the open data (CSV,
JSON), every request with ``Accept-Encoding: gzip`` as a browser sends it. The URLs are read
from the latest published overview (each asked for once first); a Lua script in a temporary file
picks one per request and reports p50/p95/p99 and wrk's error counts (status: answers ≥ 400).

The generator is wrk from Debian (C, one thread per core, an event loop), run at ``nice 19`` so
that on a small machine the server keeps the cores it needs; fifty Python threads measured
the generator as much as the server.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

# What a reader asks for, and how often (weights).
MIX = {"overview": 30, "drill-down": 35, "period PDF": 10, "programme PDF": 5, "open data": 20}
# Pages the overview links under the period that are not a programme's drill-down.
NOT_PROGRAMMES = {"portefeuille"}

LUA = """
local kinds = %(kinds)s
local total = 0
for _, kind in ipairs(kinds) do total = total + kind.weight end
local counter = 0

function setup(thread)
  thread:set("seed", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + seed)
end

function request()
  local pick = math.random() * total
  for _, kind in ipairs(kinds) do
    pick = pick - kind.weight
    if pick <= 0 then
      local path = kind.paths[math.random(#kind.paths)]
      return wrk.format("GET", path, {["Accept-Encoding"] = "gzip"})
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\": %%d, \\"micros\\": %%d, \\"bytes\\": %%d, \\"p50\\": %%d, "
    .. "\\"p95\\": %%d, \\"p99\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, "
    .. "\\"status\\": %%d, \\"timeout\\": %%d}\\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), e.connect, e.read, e.write, e.status,
    e.timeout))
end
"""


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = conn.getresponse()
    return response.status, response.read()


def discover(base: str) -> dict[str, list[str]]:
    """The URLs of each kind, read from the latest published overview."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=300)
    status, body = get(conn, "/")
    if status != 200:
        sys.exit(f"{base}/ answered {status}")
    page = (gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body).decode()
    period = re.search(r'href="/([\w-]+)/mip\.pdf"', page).group(1)
    linked = set(re.findall(rf'href="/{period}/([\w-]+)/"', page))
    programmes = sorted(linked - NOT_PROGRAMMES)
    urls = {
        "overview": ["/", f"/{period}/"],
        "drill-down": [f"/{period}/{slug}/" for slug in programmes],
        "period PDF": [f"/{period}/mip.pdf"],
        "programme PDF": [f"/{period}/{slug}/mip.pdf" for slug in programmes],
        "open data": [f"/{period}/data.csv", f"/{period}/data.json"],
    }
    for paths in urls.values():  # warm: archives a PDF missing, fills the page snapshots
        for path in paths:
            get(conn, path)
    conn.close()
    return urls


def lua_script(urls: dict[str, list[str]]) -> str:
    kinds = ", ".join(
        f"{{weight = {MIX[kind]}, paths = {{{', '.join(json.dumps(p) for p in urls[kind])}}}}}"
        for kind in MIX
    )
    return LUA % {"kinds": "{" + kinds + "}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--connections", "--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--skip", action="append", default=[], choices=list(MIX), help="kind")
    args = parser.parse_args()
    wrk = shutil.which("wrk") or sys.exit("wrk is missing: scripts/install-system-deps")
    for kind in args.skip:
        MIX.pop(kind)
    base = args.url.rstrip("/")
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "mix.lua"
        script.write_text(lua_script(discover(base)))
        command = ["nice", "-n", "19", wrk, "--latency", "--timeout", "30s", "-s", str(script)]
        command += [f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", base + "/"]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    print(done.stdout.split("RESULT")[0].rstrip())
    report(json.loads(done.stdout.split("RESULT", 1)[1]), args, base)


def report(result: dict, args: argparse.Namespace, base: str) -> None:
    seconds = result["micros"] / 1e6
    errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    mix = ", ".join(f"{kind} {weight}" for kind, weight in MIX.items())
    print(f"\n{args.connections} connections for {seconds:.0f} s against {base} ({mix})")
    print(f"requests/s {result['requests'] / seconds:.0f}  ({result['requests']} requests)")
    print(
        f"latency ms p50 {result['p50'] / 1000:.1f}  p95 {result['p95'] / 1000:.1f}"
        f"  p99 {result['p99'] / 1000:.1f}"
    )
    print(
        f"errors {errors} (connect {result['connect']}, read {result['read']}, write "
        f"{result['write']}, status ≥400 {result['status']}, timeout {result['timeout']})"
    )
    print(f"received {result['bytes'] / seconds / 1e6:.1f} MB/s")


if __name__ == "__main__":
    main()
