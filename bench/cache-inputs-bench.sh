#!/usr/bin/env bash
# The cost of recording cache inputs (for cache-miss explanations): a fully cached rebuild with the
# jar of a commit before the change against the jar after it, side by side, alternating (hyperfine
# runs the two commands in turn), medians. Each jar has its own store, filled by one build first.
#   BEFORE=<commit> ./bench/cache-inputs-bench.sh        (default BEFORE: the commit before the change)
# Contexts: the multi-stage sample of build-bench.sh and a 2 000-file COPY . (the file-list worst case).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-15}"
before="${BEFORE:-$(git -C "$repo" log --format=%H -1 --grep='^builder: say why a step missed the cache')~1}"
work="${WORK:-$(mktemp -d /tmp/jbuild-inputs-bench.XXXXXX)}"
command -v hyperfine >/dev/null || { echo "cache-inputs-bench: apt-get install -y hyperfine" >&2; exit 1; }

if [ ! -f "$work/before.jar" ]; then
  git -C "$repo" worktree add --detach "$work/src-before" "$before" >/dev/null
  (cd "$work/src-before" && mvn -B -ntp -q -o -DskipTests -pl cli -am package >/dev/null)
  cp "$work/src-before/cli/target/jbuild.jar" "$work/before.jar"
  git -C "$repo" worktree remove --force "$work/src-before"
fi
[ -f "$repo/cli/target/jbuild.jar" ] || (cd "$repo" && mvn -B -ntp -q -o -DskipTests -pl cli -am package >/dev/null)
cp "$repo/cli/target/jbuild.jar" "$work/after.jar"

mkdir -p "$work/busybox"/{bin,etc,tmp}
cp "$(command -v busybox)" "$work/busybox/bin/busybox"
for a in sh echo cat wc ls seq du; do ln -sf busybox "$work/busybox/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$work/busybox/etc/passwd"

ctx="$work/ctx"; mkdir -p "$ctx/src"
for d in $(seq 1 20); do mkdir -p "$ctx/src/$d"; for f in $(seq 1 100); do echo "file $d/$f" > "$ctx/src/$d/$f.txt"; done; done
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM bench-busybox AS left
RUN seq 1 20000 > /numbers
FROM bench-busybox
ARG VERSION=1
COPY --from=left /numbers /numbers
COPY src /src
RUN echo $VERSION > /version
RUN wc -l /numbers
DOCKERFILE

for side in before after; do
  java -jar "$work/$side.jar" --root "$work/store-$side" import "$work/busybox" bench-busybox:latest >/dev/null
  java -jar "$work/$side.jar" --root "$work/store-$side" build -q "$ctx" >/dev/null
done
hyperfine --warmup 2 --runs "$runs" --export-json "$work/cached.json" \
  -n before "java -jar $work/before.jar --root $work/store-before build -q $ctx" \
  -n after "java -jar $work/after.jar --root $work/store-after build -q $ctx" | grep -E '^(Benchmark|  Time|  Range)' || true
python3 - "$work/cached.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"median before={r['before']:.3f}s after={r['after']:.3f}s change={(r['after']/r['before']-1)*100:+.1f}%")
PY
echo "(work directory: $work)"
