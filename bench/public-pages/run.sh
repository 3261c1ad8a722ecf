#!/bin/bash
# The public pages under load (issue 18, decision 0047): a release `carepath serve --demo`
# on 127.0.0.1:8204 (SQLite), each page read by wrk (2 threads, 16 connections, DUR seconds,
# default 15), every view also counting the visit. Prints requests/s, p50/p95/p99 and the
# page's size as sent plain and gzip-compressed. Target: under 50 KB and 50 ms p95.
# usage: bench/public-pages/run.sh target/release/carepath
set -uo pipefail
command -v wrk >/dev/null || { echo "needs wrk (Debian package wrk)"; exit 1; }
BIN=$(readlink -f "$1"); HERE=$(cd "$(dirname "$0")" && pwd); DUR=${DUR:-15}
D=$(mktemp -d /tmp/cppublic.XXXX)
"$BIN" serve --demo --data-dir "$D" --addr 127.0.0.1:8204 > "$D/server.log" 2>&1 & SPID=$!
for i in $(seq 120); do curl -fs http://127.0.0.1:8204/healthz >/dev/null && break; sleep 0.5; done
U=http://127.0.0.1:8204
for p in / /tilbud/ibs-school /tilbud/ibs-school/01-lav-fodmap /tilbud/ibs-school/02-for-henvisere; do
  plain=$(curl -fs -o /dev/null -w '%{size_download}' "$U$p")
  gz=$(curl -fs -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$U$p")
  wrk -t2 -c16 -d"${DUR}s" -s "$HERE/p95.lua" "$U$p" > /dev/null 2> /dev/null
  line=$(wrk -t2 -c16 -d"${DUR}s" -s "$HERE/p95.lua" "$U$p" | tail -1)
  echo "$p bytes=$plain gzip=$gz $line"
done
kill $SPID; wait $SPID 2>/dev/null; rm -rf "$D"
