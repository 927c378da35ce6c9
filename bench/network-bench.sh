#!/usr/bin/env bash
# What a RUN step's own network costs: one build of STEPS RUN steps (--no-cache), timed with each
# --network mode in turn (host, default, none, host, default, none, ...), RUNS rounds; the medians, and
# per step: (median(default) - median(host)) / STEPS, which is what the namespace and its provider
# (slirp4netns or the CNI bridge, see `jbuild info`) add to a step. Target: under 20 ms.
#   RUNS=15 STEPS=20 ./bench/network-bench.sh
#   JBUILD_NETWORK_PROVIDER=cni-bridge ./bench/network-bench.sh      # the other provider
# Needs root, busybox-static and python3 (for the medians).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
jbuild="${JBUILD:-$repo/jbuild}"
runs="${RUNS:-15}"
steps="${STEPS:-20}"
work="$(mktemp -d /tmp/jbuild-network-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export JBUILD_ROOT="$work/store"

mkdir -p "$work/busybox"/{bin,etc,tmp,root} "$work/ctx"
cp "$(command -v busybox)" "$work/busybox/bin/busybox"
for a in $("$work/busybox/bin/busybox" --list); do [ "$a" = busybox ] || ln -sf busybox "$work/busybox/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$work/busybox/etc/passwd"; printf 'root:x:0:\n' > "$work/busybox/etc/group"
$jbuild import "$work/busybox" bench-busybox:latest >/dev/null
{ echo "FROM bench-busybox"; for i in $(seq 1 "$steps"); do echo "RUN echo $i > /f$i"; done; } > "$work/ctx/Dockerfile"

$jbuild info | grep -i "network" || true
modes=(host default none)
for mode in "${modes[@]}"; do   # warm-up: probes, page cache, the launcher's class-data archive
  $jbuild build --no-cache --progress quiet --network "$mode" "$work/ctx" >/dev/null
done
for run in $(seq 1 "$runs"); do
  for mode in "${modes[@]}"; do
    start=$(date +%s%N)
    $jbuild build --no-cache --progress quiet --network "$mode" "$work/ctx" >/dev/null
    echo "$mode $(( ($(date +%s%N) - start) / 1000 ))" >> "$work/times"
  done
done
python3 - "$work/times" "$steps" "$runs" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    mode, micros = line.split()
    times.setdefault(mode, []).append(int(micros) / 1000.0)
steps, runs = int(sys.argv[2]), int(sys.argv[3])
print(f"{steps} RUN steps per build, {runs} alternating rounds, medians:")
for mode in ("host", "default", "none"):
    print(f"  --network={mode:8} {statistics.median(times[mode]):8.1f} ms per build")
extra = (statistics.median(times["default"]) - statistics.median(times["host"])) / steps
print(f"  own network per RUN step: {extra:.1f} ms (default - host, per step)")
PY
