#!/usr/bin/env bash
# jbuild build against docker build (BuildKit) and buildah bud, same machine, same inputs, medians by
# hyperfine (alternating is hyperfine's per-command loop; each scenario runs every tool in one call):
#   1. cold multi-stage build: two independent stages (one on debian:bookworm when it can be made, else
#      both on busybox) copied into a final stage, --no-cache
#   2. fully cached rebuild
#   3. rebuild after `touch` of every context file (must stay cached)
#   4. rebuild after one source file changes
#   5. a cold build whose context is 10 000 files / 300 MB (COPY . /ctx)
# Needs root, hyperfine, busybox-static; docker/buildah rows appear when those tools can run here.
#   RUNS=10 ./bench/build-bench.sh            JBUILD="java -jar cli/target/jbuild.jar" ./bench/build-bench.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
jbuild="${JBUILD:-$repo/jbuild}"
runs="${RUNS:-10}"
work="${WORK:-$(mktemp -d /tmp/jbuild-bench.XXXXXX)}"
export JBUILD_ROOT="$work/store"
command -v hyperfine >/dev/null || { echo "build-bench: apt-get install -y hyperfine" >&2; exit 1; }
docker_cli="${DOCKER:-docker}"
[ -x /usr/bin/docker ] && docker_cli="${DOCKER:-/usr/bin/docker}"   # Debian's client has BuildKit built in
export DOCKER_BUILDKIT=1
have_docker=false; "$docker_cli" info >/dev/null 2>&1 && have_docker=true
have_buildah=false; command -v buildah >/dev/null && buildah info >/dev/null 2>&1 && have_buildah=true

# --- base images: the same root filesystems for every tool ---------------------------------------
mkdir -p "$work/busybox"/{bin,etc,tmp,root}
cp "$(command -v busybox)" "$work/busybox/bin/busybox"
for a in $("$work/busybox/bin/busybox" --list); do [ "$a" = busybox ] || ln -sf busybox "$work/busybox/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$work/busybox/etc/passwd"; printf 'root:x:0:\n' > "$work/busybox/etc/group"
tar -C "$work/busybox" -cf "$work/busybox.tar" .
$jbuild import "$work/busybox.tar" bench-busybox:latest --change 'CMD ["sh"]' >/dev/null
second_base=bench-busybox:latest
if [ -n "${DEBIAN_ROOTFS:-}" ] || command -v debootstrap >/dev/null; then
  deb="${DEBIAN_ROOTFS:-$work/debian}"
  [ -d "$deb/usr" ] || debootstrap --variant=minbase bookworm "$deb" http://deb.debian.org/debian >/dev/null 2>&1 || true
  if [ -d "$deb/usr" ]; then
    tar -C "$deb" -cf "$work/debian.tar" . && $jbuild import "$work/debian.tar" bench-debian:bookworm >/dev/null
    second_base=bench-debian:bookworm
  fi
fi
if $have_docker; then
  "$docker_cli" import "$work/busybox.tar" bench-busybox:latest >/dev/null
  [ "$second_base" = bench-debian:bookworm ] && "$docker_cli" import "$work/debian.tar" bench-debian:bookworm >/dev/null
fi
if $have_buildah; then
  buildah rm bb deb >/dev/null 2>&1 || true   # working containers an interrupted run left
  buildah import "$work/busybox.tar" bench-busybox:latest >/dev/null 2>&1 \
    || { buildah from --name bb scratch >/dev/null && buildah add bb "$work/busybox.tar" / >/dev/null && buildah commit -q bb bench-busybox:latest >/dev/null && buildah rm bb >/dev/null; } || have_buildah=false
  if $have_buildah && [ "$second_base" = bench-debian:bookworm ]; then
    buildah from --name deb scratch >/dev/null && buildah add deb "$work/debian.tar" / >/dev/null \
      && buildah commit -q deb bench-debian:bookworm >/dev/null && buildah rm deb >/dev/null || have_buildah=false
  fi
fi

# --- contexts ------------------------------------------------------------------------------------
multi="$work/multi"; mkdir -p "$multi/src"
for i in $(seq 1 20); do echo "source file $i" > "$multi/src/f$i.txt"; done
cat > "$multi/Dockerfile" <<DOCKERFILE
FROM $second_base AS left
RUN ls -lR /usr /etc > /listing 2>/dev/null; wc -l /listing
FROM bench-busybox:latest AS right
RUN seq 1 20000 > /numbers && wc -l /numbers
FROM bench-busybox:latest
COPY --from=left /listing /left
COPY --from=right /numbers /right
COPY src /src
RUN cat /src/*.txt | wc -c
DOCKERFILE
big="$work/big"; mkdir -p "$big/files"
if [ ! -f "$big/files/9999" ]; then
  for d in $(seq 0 99); do mkdir -p "$big/files/$d"; for f in $(seq 0 99); do
    head -c 30000 /dev/urandom > "$big/files/$d/$f"; done; done
fi
printf 'FROM bench-busybox:latest\nCOPY . /ctx\nRUN du -sh /ctx\n' > "$big/Dockerfile"

tools=()
tool_cmd() { # tool extra-args context
  case "$1" in
    jbuild) echo "$jbuild build --progress quiet $2 -t bench-out $3" ;;
    docker) echo "$docker_cli build -q $2 -t bench-out $3" ;;
    buildah) echo "buildah bud --layers -q --isolation chroot $2 -t bench-out $3" ;;
  esac
}
tools=(jbuild); $have_docker && tools+=(docker); $have_buildah && tools+=(buildah)

bench() { # name extra-args context [prepare]
  local name="$1" extra="$2" ctx="$3" prepare="${4:-true}" cmds=()
  for t in "${tools[@]}"; do cmds+=(-n "$t" "$(tool_cmd "$t" "$extra" "$ctx")"); done
  echo "== $name"
  hyperfine --warmup 1 --runs "$runs" --prepare "$prepare" --export-json "$work/$name.json" "${cmds[@]}" \
    | grep -E '^(Benchmark|  Time|  Range)' || true
}

bench cold-multistage "--no-cache" "$multi"
bench cached "" "$multi"
bench after-touch "" "$multi" "find $multi -exec touch {} +"
bench one-file-changed "" "$multi" "date +%s%N > $multi/src/f7.txt"
bench big-context "--no-cache" "$big"

echo "== medians (seconds)"
for f in "$work"/*.json; do
  python3 - "$f" <<'PY'
import json, sys, os
data = json.load(open(sys.argv[1]))
name = os.path.basename(sys.argv[1])[:-5]
print(name.ljust(18), "  ".join(f"{r['command']}={r['median']:.3f}" for r in data["results"]))
PY
done
echo "(work directory: $work)"
