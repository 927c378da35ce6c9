#!/usr/bin/env bash
# Builds one sample, creating the base images it needs first (offline, see make-base-images.sh):
#   ./samples/build-sample.sh hello            -> image "hello"
#   ./samples/build-sample.sh c-program        -> also makes debian:bookworm (debootstrap, a few minutes)
# Extra arguments go to jbuild build (e.g. --progress plain, --secret id=token,src=FILE).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sample="${1:?usage: build-sample.sh SAMPLE [BUILD OPTIONS...] (samples: $(cd "$here" && ls -d */ | tr -d / | tr '\n' ' '))}"
shift
dir="$here/$sample"
[ -d "$dir" ] || { echo "build-sample: no sample named $sample in $here" >&2; exit 1; }
dockerfile="$dir/Dockerfile"
[ -f "$dockerfile" ] || dockerfile="$(ls "$dir"/Dockerfile* | head -n 1)"
if grep -q '^FROM debian' "$dockerfile"; then
  "$here/make-base-images.sh" --debian
else
  "$here/make-base-images.sh"
fi
exec "$here/../jbuild" build -f "$dockerfile" -t "$sample" "$@" "$dir"
