#!/usr/bin/env bash
# Wall time of short jbuild commands, JVM start included, through the ./jbuild launcher (with its
# class-data-sharing archive) and, for comparison, with a plain `java -jar` (no archive, default flags).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v hyperfine >/dev/null || { echo "install hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
"$root/jbuild" --version >/dev/null   # builds the jar and the archive on first use
dockerfile="$root/samples/hello/Dockerfile"
hyperfine --warmup 3 --runs "${RUNS:-20}" \
  "$root/jbuild --version" \
  "$root/jbuild parse -f $dockerfile" \
  "java -jar $root/cli/target/jbuild.jar --version" \
  "java -jar $root/cli/target/jbuild.jar parse -f $dockerfile"
