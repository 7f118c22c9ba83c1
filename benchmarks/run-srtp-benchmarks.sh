#!/usr/bin/env bash
# Rivulet's SRTP against libsrtp, in one run on this machine (PERFORMANCE.md, SRTP): ns per protect and per
# unprotect of a 1200-byte RTP packet for AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM.
#
#   1. builds benchmarks/target/rivulet-benchmarks.jar (skip with SKIP_BUILD=1) and, through
#      srtp-reference.sh, the C harness against libsrtp+OpenSSL and against Debian's libsrtp (NSS);
#   2. runs libsrtp+OpenSSL, then Rivulet's SrtpBenchmark (JMH, -prof gc), then libsrtp+NSS, each case
#      with a 6 s warm-up and 5 runs of 2 s;
#   3. prints the medians of the 5 runs side by side with the ratios, and Rivulet's bytes allocated per
#      packet. Raw output goes to benchmarks/target/srtp-results/.
#
# Usage: benchmarks/run-srtp-benchmarks.sh
# Environment: JAVA (default: java on the PATH), SKIP_BUILD=1, RUN_SECONDS (2), WARMUP_ITERATIONS (3),
# RUNS (5). The machine should be otherwise idle; the load average is printed at each step.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
results="$here/target/srtp-results"
java=${JAVA:-java}
run_seconds=${RUN_SECONDS:-2}
warmup_iterations=${WARMUP_ITERATIONS:-3}
runs=${RUNS:-5}

command -v python3 >/dev/null || { echo "run-srtp-benchmarks: needs python3 for the table" >&2; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
fi
"$here/srtp-reference.sh" build
mkdir -p "$results"
rm -f "$results"/*

{
  echo "host: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "java: $("$java" -version 2>&1 | head -n 1)"
} | tee "$results/environment.txt"

warmup_seconds=$((warmup_iterations * run_seconds))
echo "libsrtp + OpenSSL ... (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$results/environment.txt"
"$here/target/srtp-reference/srtp-bench-openssl" "$run_seconds" "$warmup_seconds" "$runs" \
  >"$results/libsrtp-openssl.txt"
echo "Rivulet (JMH) ... (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$results/environment.txt"
"$java" -jar "$here/target/rivulet-benchmarks.jar" 'org.rivulet.bench.srtp.SrtpBenchmark' \
  -f 1 -wi "$warmup_iterations" -w "${run_seconds}s" -i "$runs" -r "${run_seconds}s" -prof gc \
  -rf json -rff "$results/jmh.json" >"$results/jmh.log" 2>&1 || {
  tail -n 30 "$results/jmh.log" >&2
  exit 1
}
echo "libsrtp + NSS (Debian) ... (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$results/environment.txt"
"$here/target/srtp-reference/srtp-bench-nss" "$run_seconds" "$warmup_seconds" "$runs" \
  >"$results/libsrtp-nss.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/environment.txt"

python3 - "$results" <<'EOF' | tee "$results/table.txt"
import json, statistics, sys

results = sys.argv[1]

def harness(name):
    out = {}
    for line in open(f"{results}/{name}"):
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "srtp_bench":
            out[(parts[1], parts[2])] = float(parts[3].split("=")[1])
    return out

openssl = harness("libsrtp-openssl.txt")
nss = harness("libsrtp-nss.txt")
rivulet, alloc = {}, {}
for b in json.load(open(f"{results}/jmh.json")):
    key = (b["params"]["profile"], b["benchmark"].rsplit(".", 1)[1])
    runs = [v for fork in b["primaryMetric"]["rawData"] for v in fork]
    rivulet[key] = statistics.median(runs)
    norm = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    alloc[key] = norm["score"] if norm else float("nan")

print()
print("ns per 1200-byte packet, median of the runs; ratio = Rivulet / libsrtp (below 1: Rivulet is faster)")
header = ("profile", "operation", "Rivulet", "libsrtp+OpenSSL", "ratio", "libsrtp+NSS", "ratio", "Rivulet B/op")
rows = []
for key in sorted(rivulet, key=lambda k: (k[0] != "AES_CM_128_HMAC_SHA1_80", k[1])):
    r = rivulet[key]
    o = openssl.get(key, float("nan"))
    n = nss.get(key, float("nan"))
    rows.append((key[0], key[1], f"{r:.0f}", f"{o:.0f}", f"{r / o:.2f}", f"{n:.0f}", f"{r / n:.2f}",
                 f"{alloc[key]:.0f}"))
widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
for row in [header] + rows:
    print("  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
print()
print("Rivulet's unprotect B/op includes the re-protection of its packet ring between invocations "
      "(see SrtpBenchmark); the receiver's own share is at most unprotect minus protect.")
EOF
