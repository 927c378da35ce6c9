#!/usr/bin/env bash
# jbuild sbom and jbuild analyze on a debootstrap Debian base against cdxgen on the same image's exported
# root filesystem, side by side with hyperfine (alternating, medians). The Debian root and cdxgen are the
# ones the tests keep under /var/cache/jbuild-test (see cli/src/test/.../TestTools.java).
#   RUNS=10 ./bench/sbom-analyze-bench.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-10}"
debian="${DEBIAN_ROOTFS:-/var/cache/jbuild-test/debian-bookworm}"
cdxgen="${CDXGEN:-/var/cache/jbuild-test/cdxgen/node_modules/.bin/cdxgen}"
work="${WORK:-$(mktemp -d /tmp/jbuild-sbom-bench.XXXXXX)}"
command -v hyperfine >/dev/null || { echo "sbom-analyze-bench: apt-get install -y hyperfine" >&2; exit 1; }
[ -f "$debian/var/lib/dpkg/status" ] || { echo "sbom-analyze-bench: no Debian root at $debian" >&2; exit 1; }
[ -x "$cdxgen" ] || { echo "sbom-analyze-bench: npm install --prefix /var/cache/jbuild-test/cdxgen @cyclonedx/cdxgen" >&2; exit 1; }
[ -f "$repo/cli/target/jbuild.jar" ] || (cd "$repo" && mvn -B -ntp -q -o -DskipTests -pl cli -am package >/dev/null)
jbuild="java -jar $repo/cli/target/jbuild.jar --root $work/store"
$jbuild import "$debian" bench-debian:bookworm >/dev/null
$jbuild sbom bench-debian:bookworm >/dev/null   # the snapshot is made once, as after any build or load
$jbuild export bench-debian:bookworm -o "$work/rootfs.tar"
mkdir -p "$work/rootfs" && tar -C "$work/rootfs" -xf "$work/rootfs.tar"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/sbom.json" \
  -n "jbuild sbom" "$jbuild sbom --rescan bench-debian:bookworm -o $work/jbuild.cdx.json" \
  -n "jbuild analyze" "$jbuild analyze bench-debian:bookworm" \
  -n "cdxgen -t rootfs" "env FETCH_LICENSE=false $cdxgen -t rootfs $work/rootfs -o $work/cdxgen.json" \
  | grep -E '^(Benchmark|  Time|  Range)' || true
python3 - "$work/sbom.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:20s} median {r['median']:.3f}s")
PY
echo "(work directory: $work)"
