#!/usr/bin/env bash
# Disk use of a store holding the Debian bookworm image and one build on it, for this checkout's launcher
# (and BASELINE's, when given), against Docker's overlay2 for the same image and build when a dockerd
# answers. Figures are `du -s --apparent-size` (bytes of content) and `du -s` (blocks on disk) of the
# whole store after `load` and after the build.
#
#   ./bench/store-disk.sh                                  # Docker's debian:bookworm, docker save'd once
#   ARCHIVE=/path/to/docker-save.tar ./bench/store-disk.sh # any docker save archive of debian:bookworm
#   DEBIAN_ROOTFS=/path/to/debootstrap-root ./bench/store-disk.sh   # jbuild import of a debootstrap root
#   BASELINE=/path/to/other/checkout/jbuild ./bench/store-disk.sh   # the same with another version beside
#   LARGE_MB=0 ./bench/store-disk.sh                      # without the build step that adds a large layer
#
# The build adds a large layer (LARGE_MB files of 1 MB each, 100 by default) beside two small ones, so
# that what the store keeps of a built layer shows.
#
# Without an archive or a root, the archive comes from a dockerd's debian:bookworm; without a dockerd, a
# debootstrap root is made once and kept in $CACHE (default /var/cache/jbuild-bench).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
current="$here/jbuild"
baseline="${BASELINE:-}"
cache="${CACHE:-/var/cache/jbuild-bench}"
archive="${ARCHIVE:-}"
rootfs="${DEBIAN_ROOTFS:-}"
large_mb="${LARGE_MB:-100}"
work="$(mktemp -d /var/tmp/jbuild-store-disk.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"

# Debian's docker.io CLI (20.10) builds with BuildKit on its own; a newer CLI needs the buildx plugin.
docker=/usr/bin/docker; [ -x "$docker" ] || docker=docker
docker() { "$docker" "$@"; }
docker_up() { command -v "$docker" >/dev/null && docker info >/dev/null 2>&1; }

if [ -z "$archive" ] && [ -z "$rootfs" ]; then
  if docker_up && docker image inspect debian:bookworm >/dev/null 2>&1; then
    archive="$cache/debian-bookworm.tar"
    [ -f "$archive" ] || docker save debian:bookworm -o "$archive"
  else
    rootfs="$cache/debootstrap-bookworm"
    if [ ! -x "$rootfs/bin/sh" ]; then
      rm -rf "$rootfs"
      debootstrap --variant=minbase bookworm "$rootfs" >"$cache/debootstrap.log" 2>&1
    fi
  fi
fi

mkdir -p "$work/context"
cat >"$work/context/Dockerfile" <<'EOF'
FROM debian:bookworm
RUN echo hello > /hello && mkdir -p /app && seq 1 1000 > /app/numbers
COPY app.txt /app/
EOF
if [ "$large_mb" -gt 0 ]; then
  echo "RUN mkdir /data && for i in \$(seq 1 $large_mb); do head -c 1000000 /dev/urandom > /data/f\$i; done" \
    >>"$work/context/Dockerfile"
fi
echo "an application file" >"$work/context/app.txt"

sizes() { # dir -> "apparent real" in bytes
  echo "$(du -s -B1 --apparent-size "$1" | cut -f1) $(du -s -B1 "$1" | cut -f1)"
}
mb() { python3 -c 'import sys; print("%.1f MB" % (int(sys.argv[1]) / 1e6))' "$1"; }

measure() { # name launcher
  local name="$1" launcher="$2" store="$work/store-$1"
  if [ -n "$archive" ]; then
    "$launcher" --root "$store" load -q -i "$archive" >/dev/null
  else
    "$launcher" --root "$store" import "$rootfs" debian:bookworm >/dev/null
  fi
  read -r la lr <<<"$(sizes "$store")"
  "$launcher" --root "$store" build -q -t app "$work/context" >/dev/null
  read -r ba br <<<"$(sizes "$store")"
  printf '%-10s after load: %10s apparent %10s on disk   after build: %10s apparent %10s on disk\n' \
    "$name" "$(mb "$la")" "$(mb "$lr")" "$(mb "$ba")" "$(mb "$br")"
  echo "$name $la $lr $ba $br" >>"$work/results"
}

measure jbuild "$current"
[ -n "$baseline" ] && measure baseline "$baseline"

if docker_up; then
  tag="jbuild-store-disk-$$"
  if [ -n "$archive" ]; then
    docker load -q -i "$archive" >/dev/null
  else
    tar -C "$rootfs" -c . | docker import - debian:bookworm >/dev/null
  fi
  DOCKER_BUILDKIT=1 docker build -q --network none -t "$tag" "$work/context" >/dev/null
  dirs() { # image -> overlay2 layer directories of its layers
    docker image inspect "$1" -f '{{.GraphDriver.Data.UpperDir}}:{{.GraphDriver.Data.LowerDir}}' | tr ':' '\n' \
      | grep -v -e '^$' -e '<no value>' | sed 's|/diff$||' | sort -u
  }
  overlay_sizes() { # image -> "apparent real" of its overlay2 layer directories
    local d; d="$(dirs "$1" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    printf '%s %s\n' "$(du -s -c -B1 --apparent-size $d | tail -1 | cut -f1)" "$(du -s -c -B1 $d | tail -1 | cut -f1)"
  }
  read -r da dr <<<"$(overlay_sizes debian:bookworm)"
  read -r ta tr <<<"$(overlay_sizes "$tag")"
  docker rmi "$tag" >/dev/null
  printf '%-10s image:      %10s apparent %10s on disk   with build:  %10s apparent %10s on disk\n' \
    docker "$(mb "$da")" "$(mb "$dr")" "$(mb "$ta")" "$(mb "$tr")"
  python3 - "$work/results" "$ta" "$tr" <<'EOF'
import sys
ta, tr = int(sys.argv[2]), int(sys.argv[3])
for line in open(sys.argv[1]):
    name, la, lr, ba, br = line.split()
    print(f"{name:10s} loaded and built on, against Docker's overlay2: {int(ba) / ta:.2f}x apparent, "
          f"{int(br) / tr:.2f}x on disk (target: at most 1.3x)")
EOF
fi
