#!/usr/bin/env bash
# Creates the base images the samples build FROM, offline, with `jbuild import`:
#   busybox:latest    a busybox-static root filesystem (apt-get install -y busybox-static)
#   debian:bookworm   a `debootstrap --variant=minbase bookworm` root (only with --debian; needs the
#                     Debian mirror and takes a minute or two)
# Idempotent: an image that already exists in the store is left as it is.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jbuild="$here/../jbuild"
with_debian=false
[ "${1:-}" = "--debian" ] && with_debian=true

has_image() { "$jbuild" images --format json 2>/dev/null | grep -q "\"$1\""; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! has_image "busybox:latest"; then
  busybox="$(command -v busybox || true)"
  [ -x /bin/busybox ] && busybox=/bin/busybox
  if [ -z "$busybox" ] || ! "$busybox" --list >/dev/null 2>&1; then
    echo "make-base-images: busybox-static is needed (apt-get install -y busybox-static)" >&2
    exit 1
  fi
  root="$work/busybox"
  mkdir -p "$root"/{bin,etc,root,tmp,var,home,proc,sys,dev}
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  "$jbuild" import "$root" busybox:latest --change 'CMD ["sh"]'
fi

if $with_debian && ! has_image "debian:bookworm"; then
  command -v debootstrap >/dev/null || { echo "make-base-images: apt-get install -y debootstrap" >&2; exit 1; }
  debootstrap --variant=minbase bookworm "$work/debian" http://deb.debian.org/debian >/dev/null
  rm -rf "$work/debian"/var/cache/apt/archives/*.deb "$work/debian"/var/lib/apt/lists/*
  "$jbuild" import "$work/debian" debian:bookworm --change 'CMD ["bash"]'
fi
