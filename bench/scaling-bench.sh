#!/usr/bin/env bash
# Parse, graph and lint time per instruction over generated files of 1 000 to 100 000 instructions, and per
# shape and phase the largest time per instruction over the smallest: linear cost keeps it under 2.
#   ./bench/scaling-bench.sh          ScalingCheck: CPU time of the working thread, sizes alternating, medians of
#                                     9 rounds (ROUNDS=N to change); a busy machine barely moves it
#   JMH=1 ./bench/scaling-bench.sh    ScalingBenchmark under JMH (wall time): on a quiet machine only
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
mvn -q -B -o -DskipTests -pl bench -am package
if [ -z "${JMH:-}" ]; then
  exec java -Xms2g -Xmx2g -Drounds="${ROUNDS:-9}" -cp bench/target/benchmarks.jar dev.jbuild.bench.ScalingCheck
fi
out="$(mktemp /tmp/jbuild-scaling.XXXXXX.json)"
java -jar bench/target/benchmarks.jar ScalingBenchmark -rf json -rff "$out" >/dev/null
python3 - "$out" <<'PY'
import json, statistics, sys
rows = {}
for result in json.load(open(sys.argv[1])):
    phase = result["benchmark"].rsplit(".", 1)[1]
    params = result["params"]
    n = int(params["instructions"])
    per = statistics.median(v for fork in result["primaryMetric"]["rawData"] for v in fork) * 1e6 / n   # ms per file -> ns per instruction
    rows.setdefault((params["shape"], phase), {})[n] = per
print(f"{'shape':10} {'phase':6} " + " ".join(f"{n:>9}" for n in sorted(next(iter(rows.values())))) + "   max/min (ns per instruction)")
for (shape, phase), by_n in sorted(rows.items()):
    values = [by_n[n] for n in sorted(by_n)]
    print(f"{shape:10} {phase:6} " + " ".join(f"{v:9.0f}" for v in values) + f"   {max(values) / min(values):5.2f}")
PY
