#!/usr/bin/env bash
# Times the store commands whose sizes come from layer-size records (images, history, inspect) and the
# commands that write those records (import, load), for this checkout's launcher against another one
# (BASELINE=/path/to/other/checkout/jbuild, e.g. a clone at the commit before). Rounds alternate the two
# launchers; each round is a hyperfine median; the figure is the median of the rounds.
#
#   BASELINE=/tmp/base/jbuild ROOTFS=/path/to/debootstrap-root ROUNDS=5 ./bench/store-bench.sh
# ONLY=load runs only the comparisons whose name contains "load".
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
current="$here/jbuild"
baseline="${BASELINE:?BASELINE=/path/to/jbuild of the checkout to compare with}"
rootfs="${ROOTFS:-}"
rounds="${ROUNDS:-5}"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$rootfs" ]; then
  rootfs="$work/busybox"
  mkdir -p "$rootfs/bin" "$rootfs/etc"
  cp "$(command -v busybox)" "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do ln -sf busybox "$rootfs/bin/$applet"; done
fi

# A store per launcher with the same images: the rootfs and 20 small ones.
fill() { # launcher store
  "$1" --root "$2" import "$rootfs" base:latest >/dev/null
  for i in $(seq 1 20); do
    mkdir -p "$work/small$i/etc"
    echo "image $i" > "$work/small$i/etc/id"
    "$1" --root "$2" import "$work/small$i" "small:$i" >/dev/null
  done
  "$1" --root "$2" save base:latest -o "$2.tar" >/dev/null
}
fill "$current" "$work/current"
fill "$baseline" "$work/baseline"

median() { python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"; }

compare() { # name, command template with {J} for the launcher and {S} for its store
  local name="$1" template="$2" a=() b=()
  [[ "$name" == *"${ONLY:-}"* ]] || return 0
  for round in $(seq 1 "$rounds"); do
    for side in current baseline; do
      local launcher="$current"; [ "$side" = baseline ] && launcher="$baseline"
      local cmd="${template//\{J\}/$launcher}"; cmd="${cmd//\{S\}/$work/$side}"
      local prepare="${PREPARE:-true}"; prepare="${prepare//\{S\}/$work/$side}"
      hyperfine -N --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$work/r.json" "$cmd" >/dev/null 2>&1 \
        || hyperfine --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$work/r.json" "$cmd" >/dev/null
      if [ "$side" = current ]; then a+=("$(median "$work/r.json")"); else b+=("$(median "$work/r.json")"); fi
    done
  done
  python3 - "$name" "${a[*]}" "${b[*]}" <<'EOF'
import statistics, sys
name, a, b = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
print(f"{name:34s} this: {statistics.median(a):8.1f} ms   baseline: {statistics.median(b):8.1f} ms")
EOF
}

compare "images (21 images)" "{J} --root {S} images"
compare "history base" "{J} --root {S} history base"
compare "inspect base" "{J} --root {S} inspect base"
PREPARE="rm -rf {S}-import" compare "import rootfs into an empty store" "{J} --root {S}-import import $rootfs base:latest"
PREPARE="rm -rf {S}-load" compare "load its archive into an empty store" "{J} --root {S}-load load -i {S}.tar"
