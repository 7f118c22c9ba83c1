#!/usr/bin/env bash
# SFU fan-out benchmark (PERFORMANCE.md, Forwarding): one publisher replaying a recorded VP8 + Opus
# stream (about 1.5 Mbit/s) through Rivulet to N synthetic subscribers, for N = 1, 10, 100, then a
# search for the largest N held without loss. Reports forwarded packets per server CPU-second, the
# added latency p50/p99 measured at the synthetic peers, and the server's heap per subscriber.
#
#   1. builds nothing: run `mvn -B -ntp -o package -DskipTests` first (server and benchmark jars);
#   2. records the stream with ffmpeg into benchmarks/target/sfu-recording.rtp when it is missing
#      (RecordRtp, about 20 s);
#   3. runs SfuLoad, which starts a fresh server process per N. The server is pinned to CPU
#      $SERVER_CPUS and the load generator (every synthetic peer) to $PEER_CPUS.
#
# Everything runs in a private network namespace with only loopback (unshare --net), so no
# candidate, packet or ffmpeg stream can reach another interface. Needs root (or unprivileged user
# namespaces), ffmpeg with libvpx and libopus, iproute2, util-linux (unshare, taskset) and a JDK
# (jcmd measures the server's heap).
#
# Usage: benchmarks/run-sfu-benchmark.sh [SfuLoad options, which override the defaults below]
# Environment (defaults in parentheses):
#   JAVA (java on the PATH); SERVER_CPUS (0) and PEER_CPUS (1), empty for no pinning;
#   SUBSCRIBERS (1,10,100; N = 1 has no fan-out: the floor of this machine and harness);
#   SEARCH (150,200,300,400,500,700,1000; empty for no search);
#   BUDGET (1200: seconds SfuLoad may take); WARMUP (90) and MEASURE (20) seconds per N: each N
#   starts a fresh server, whose JIT compiler is still busy on the server's one CPU a minute later
#   (at N = 100, C2 took 25-35 ms of each second 40-60 s after the start, and p99 was 5.4-6.2 ms
#   after 30 s of warm-up against 3.9-5.1 ms after 90 s), and a server runs for hours;
#   RECORD_SECONDS (20); KEYFRAME_SECONDS (2): the recording's keyframe interval, which the server
#   needs to start each new subscriber's video; longer (20: one per loop of the recording) shows
#   the fan-out without them, as with browsers, which send keyframes only when asked (recorded into
#   sfu-recording-k<seconds>.rtp); ALSO_KEYFRAME_SECONDS (20; empty for none): after the runs above,
#   N = 100 again with a recording of this keyframe interval, so that every run reports both the
#   stream of an encoder with a short keyframe interval and one closer to a browser's;
#   SERVER_JAVA_OPTS (none) and LOADGEN_JAVA_OPTS (-Xmn3g
#   -XX:+AlwaysPreTouch: a young generation that the peers' garbage, about 27 MB/s at N = 100,
#   takes over a minute to fill; the load generator collects 5 s before each window, so its own
#   collections, which pause every peer for 50-300 ms, stay out of the window, and peers-gc reports
#   any that did not; its pages touched at start, or the peers take a page fault per 4 KiB they
#   allocate, about 6,500 a second, in their receive path): extra JVM options;
#   PACING (none): the publisher's video as encoded, or "libwebrtc": paced as a browser paces it;
#   PEER_GRO (on): UDP GRO on the synthetic peers' sockets, or "off";
#   PEER_IPV6 (off): the peers gather IPv4 candidates only (127.0.0.1), as the integration tests
#   bind; "on" adds ::1, and ICE then pairs over IPv6 (RFC 8421 prefers it);
#   STALL_SECONDS (5): how long HostStalls watches each CPU first (0: not at all);
#   LATENCY_AT (socket): where the added latency ends: "socket", each datagram's arrival at the
#   subscriber's socket by the kernel's receive stamp (src/main/c/arrival_stamps.c, built here with
#   cc), or "delivery", the synthetic peer's receive path handing the packet over after its own
#   decryption, on the load generator's one shared CPU (reported beside "socket" as delivered-p99).
# Output: benchmarks/target/sfu-results/ (environment, and the log with the summary table).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
java=${JAVA:-java}
jar="$here/target/rivulet-benchmarks.jar"
server_jar="$root/server/target/rivulet-server.jar"
keyframe_seconds=${KEYFRAME_SECONDS:-2}
also_keyframe_seconds=${ALSO_KEYFRAME_SECONDS-20}
results="$here/target/sfu-results"
server_cpus=${SERVER_CPUS-0}
peer_cpus=${PEER_CPUS-1}

for f in "$jar" "$server_jar"; do
  if [ ! -f "$f" ]; then
    echo "run-sfu-benchmark: $f is missing; run: mvn -B -ntp -o package -DskipTests" >&2
    exit 1
  fi
done
for tool in ffmpeg unshare ip taskset cc; do
  command -v "$tool" >/dev/null || { echo "run-sfu-benchmark: needs $tool" >&2; exit 1; }
done

# Runs "$@" in a new network namespace whose only interface is loopback, brought up.
in_netns() {
  local user=()
  [ "$(id -u)" = 0 ] || user=(--map-root-user)
  unshare "${user[@]}" --net sh -c 'ip link set lo up && exec "$@"' sh "$@"
}

# The recording with a keyframe every $1 seconds, made when missing; prints its path.
recording_for() {
  local recording="$here/target/sfu-recording.rtp"
  [ "$1" = 2 ] || recording="$here/target/sfu-recording-k$1.rtp"
  if [ ! -s "$recording" ]; then
    echo "recording ${RECORD_SECONDS:-20} s of VP8 + Opus with ffmpeg into $recording ..." >&2
    in_netns "$java" -cp "$jar" org.rivulet.loadgen.sfu.RecordRtp "$recording.tmp" \
      "${RECORD_SECONDS:-20}" 5004 "$1" >&2
    mv "$recording.tmp" "$recording"
  fi
  echo "$recording"
}
recording=$(recording_for "$keyframe_seconds")
also_recording=
if [ -n "$also_keyframe_seconds" ] && [ "$also_keyframe_seconds" != "$keyframe_seconds" ]; then
  also_recording=$(recording_for "$also_keyframe_seconds")
fi

mkdir -p "$results"
stamps=()
if [ "${LATENCY_AT:-socket}" = socket ]; then
  lib="$here/target/native/libarrivalstamps.so"
  src="$here/src/main/c/arrival_stamps.c"
  if [ ! -f "$lib" ] || [ "$src" -nt "$lib" ]; then
    java_home=$("$java" -XshowSettings:properties -version 2>&1 | awk '/java.home =/ {print $3}')
    mkdir -p "$(dirname "$lib")"
    cc -O2 -shared -fPIC -I"$java_home/include" -I"$java_home/include/linux" -o "$lib" "$src"
  fi
  stamps=(--arrival-stamps "$lib")
fi
{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "java: $("$java" -version 2>&1 | head -n 1)"
  echo "server on CPUs: ${server_cpus:-any}; load generator on CPUs: ${peer_cpus:-any}"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$results/environment.txt"

# How often each CPU stops running anything for a while (a virtual CPU descheduled by its host):
# every latency percentile below is measured on top of these stalls.
if [ "${STALL_SECONDS:-5}" != 0 ]; then
  for cpu in $(seq 0 $(($(nproc) - 1))); do
    taskset -c "$cpu" "$java" -Xbatch -cp "$jar" org.rivulet.loadgen.sfu.HostStalls "${STALL_SECONDS:-5}" \
      | sed "s/^/cpu $cpu idle-machine /" &
  done | tee -a "$results/environment.txt"
  wait
fi

# shellcheck disable=SC2206 # word splitting of the JVM options is intended
loadgen=("$java" ${LOADGEN_JAVA_OPTS--Xmn3g -XX:+AlwaysPreTouch} -cp "$jar" org.rivulet.loadgen.sfu.SfuLoad)
[ -z "$peer_cpus" ] || loadgen=(taskset -c "$peer_cpus" "${loadgen[@]}")
# The load generator against the server with one recording; the rest of the arguments go to SfuLoad.
run_load() {
  local recording=$1
  shift
  in_netns "${loadgen[@]}" --server-jar "$server_jar" --recording "$recording" \
    --server-cpus "$server_cpus" --server-jvm "${SERVER_JAVA_OPTS:-}" \
    --budget "${BUDGET:-1200}" --warmup "${WARMUP:-90}" --measure "${MEASURE:-20}" \
    --pacing "${PACING:-none}" --peer-gro "${PEER_GRO:-on}" \
    --peer-ipv6 "${PEER_IPV6:-off}" "${stamps[@]}" "$@"
}
echo "stream: a keyframe every $keyframe_seconds s ($recording)"
run_load "$recording" --subscribers "${SUBSCRIBERS-1,10,100}" \
  --search "${SEARCH-150,200,300,400,500,700,1000}" "$@" 2>&1 | tee "$results/sfu-load.log"
if [ -n "$also_recording" ]; then
  echo "stream: a keyframe every $also_keyframe_seconds s ($also_recording)"
  run_load "$also_recording" --subscribers 100 --search "" --bisect 0 "$@" 2>&1 \
    | tee "$results/sfu-load-k$also_keyframe_seconds.log"
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/environment.txt"
