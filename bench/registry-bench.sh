#!/usr/bin/env bash
# Registry transfers, jbuild against skopeo (and docker when a daemon answers), same machine, same
# registry (Debian's docker-registry on a random 127.0.0.1 port, storage in a temp directory):
#   1. push of a 500 MB, 10-layer image (gzip layers, already compressed: every tool only moves bytes)
#      jbuild push   vs  skopeo copy oci:LAYOUT -> docker://   (vs docker push)
#   2. pull of the same image into an empty store
#      jbuild pull   vs  skopeo copy docker:// -> oci:EMPTY     (vs docker pull)
#   3. the CI-shaped run: a fresh store building with --cache-from, against a warm local rebuild, and
#      the time to pull the final image alone
#   4. the pull again from the same registry storage served over TLS (a CA and certificate made with
#      openssl), as every registry but a local one is spoken to: jbuild pull vs skopeo copy
# Each round runs every tool once, in turn (alternating), each timed by hyperfine --runs 1 after its
# --prepare (registry emptied for pushes, store emptied for pulls); the figures are medians over rounds.
# Pulls also report the median CPU time (user + system), steadier than wall time on a busy machine.
# JBUILD_BEFORE names a second launcher (another checkout's ./jbuild) whose pull joins the alternation.
#   ROUNDS=7 ./bench/registry-bench.sh          JBUILD="java -jar cli/target/jbuild.jar" ./bench/registry-bench.sh
#   JBUILD_BEFORE=/tmp/old-checkout/jbuild ROUNDS=7 ./bench/registry-bench.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
jbuild="${JBUILD:-$repo/jbuild}"
jbuild_before="${JBUILD_BEFORE:-}"
rounds="${ROUNDS:-7}"
work="$(mktemp -d /tmp/jbuild-registry-bench.XXXXXX)"
for tool in hyperfine skopeo docker-registry python3 curl busybox openssl; do
  command -v "$tool" >/dev/null || { echo "registry-bench: $tool is needed" >&2; exit 1; }
done
have_docker=false; docker info >/dev/null 2>&1 && have_docker=true

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
reg="127.0.0.1:$port"
cat > "$work/registry.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry}, delete: {enabled: true}}
http: {addr: $reg, secret: bench}
YML
docker-registry serve "$work/registry.yml" >>"$work/registry.log" 2>&1 &
registry_pid=$!
# The same storage over TLS, on a second port.
tls_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
tls_reg="127.0.0.1:$tls_port"
mkdir -p "$work/tls/certs"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/tls/ca.key" -out "$work/tls/certs/ca.crt" -days 2 \
  -subj "/CN=bench CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$work/tls/server.key" -out "$work/tls/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >"$work/tls/san.cnf"
openssl x509 -req -in "$work/tls/server.csr" -CA "$work/tls/certs/ca.crt" -CAkey "$work/tls/ca.key" -CAcreateserial \
  -out "$work/tls/server.crt" -days 2 -extfile "$work/tls/san.cnf" 2>/dev/null
sed -e "s|addr: $reg|addr: $tls_reg|" -e "s|secret: bench}|secret: bench, tls: {certificate: $work/tls/server.crt, key: $work/tls/server.key}}|" \
  "$work/registry.yml" >"$work/registry-tls.yml"
docker-registry serve "$work/registry-tls.yml" >>"$work/registry.log" 2>&1 &
tls_registry_pid=$!
cleanup() {
  kill "$registry_pid" "$tls_registry_pid" 2>/dev/null || true
  wait "$registry_pid" "$tls_registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://$reg/v2/" >/dev/null 2>&1 && break; sleep 0.05; done
for _ in $(seq 1 100); do curl -fs --cacert "$work/tls/certs/ca.crt" "https://$tls_reg/v2/" >/dev/null 2>&1 && break; sleep 0.05; done
# Emptied between pushes by removing its storage (the filesystem driver keeps no state in memory
# without a configured cache), so that every push uploads every blob.
empty_registry="rm -rf $work/registry/docker"

# --- the image: 10 layers of 50 MB, half random, half text (about 2:1 under gzip, like real layers) -----
src="$work/store-src"
mkdir -p "$work/bb/bin" "$work/ctx"
cp "$(command -v busybox)" "$work/bb/bin/busybox"; ln -s busybox "$work/bb/bin/sh"
$jbuild --root "$src" import "$work/bb" bench-base:1 >/dev/null
dockerfile="FROM bench-base:1"
for i in $(seq 0 9); do
  mkdir -p "$work/ctx/l$i"
  head -c 25000000 /dev/urandom > "$work/ctx/l$i/random"
  head -c 18750000 /dev/urandom | base64 -w 100 > "$work/ctx/l$i/text"
  dockerfile="$dockerfile"$'\n'"COPY l$i /l$i"
done
printf '%s\n' "$dockerfile" > "$work/ctx/Dockerfile"
$jbuild --root "$src" build -q -t "$reg/bench/app:1" "$work/ctx" >/dev/null
$jbuild --root "$src" push -q "$reg/bench/app:1" >/dev/null          # compresses once (kept in the store)
skopeo copy -q --src-tls-verify=false "docker://$reg/bench/app:1" "oci:$work/layout:app" >/dev/null
size_mb="$(du -sm "$work/layout/blobs" | cut -f1)"
echo "image: 11 layers (busybox + 10 x 50 MB), $size_mb MB compressed"
if $have_docker; then docker pull -q "$reg/bench/app:1" >/dev/null; fi

declare -A times cpu
measure() { # name prepare command
  local json="$work/h.json"
  # sync after the preparation: no tool's run waits for the write-back of what the one before it wrote
  # (the pulls came right after three pushes, so the first of them always paid for it)
  hyperfine --runs 1 --style none --prepare "$2; sync" --export-json "$json" "$3" >/dev/null 2>&1 \
    || { echo "registry-bench: '$3' failed" >&2; hyperfine --runs 1 --prepare "$2; sync" "$3" >&2; exit 1; }
  times[$1]+="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$json") "
  cpu[$1]+="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["user"]+r["system"])' "$json") "
}
median() { # "t1 t2 ..." -> the median, in seconds
  local values; read -r -a values <<<"$1"
  python3 -c 'import statistics,sys; print("%.2f s" % statistics.median(float(x) for x in sys.argv[1:]))' "${values[@]}"
}

push_prepare="$empty_registry $src/registry/sources"
for round in $(seq 1 "$rounds"); do
  measure "push jbuild" "$push_prepare" "$jbuild --root $src push -q $reg/bench/app:1"
  measure "push skopeo" "$empty_registry" "skopeo copy -q --dest-tls-verify=false oci:$work/layout:app docker://$reg/bench/app:1"
  if $have_docker; then
    measure "push docker" "$empty_registry" "docker push -q $reg/bench/app:1"
  fi
  measure "pull jbuild" "rm -rf $work/pulled" "$jbuild --root $work/pulled pull -q $reg/bench/app:1"
  if [ -n "$jbuild_before" ]; then
    measure "pull jbuild-before" "rm -rf $work/pulled" "$jbuild_before --root $work/pulled pull -q $reg/bench/app:1"
  fi
  measure "pull skopeo" "rm -rf $work/oci-pulled" "skopeo copy -q --src-tls-verify=false docker://$reg/bench/app:1 oci:$work/oci-pulled:app"
  if $have_docker; then
    measure "pull docker" "docker rmi -f $reg/bench/app:1" "docker pull -q $reg/bench/app:1"
  fi
  echo "round $round of $rounds done" >&2
done

# --- pulls over TLS ------------------------------------------------------------------------------------
# (the image is in the storage both registries serve: the last round pushed it)
for round in $(seq 1 "$rounds"); do
  measure "pull jbuild (TLS)" "rm -rf $work/pulled" \
    "$jbuild --root $work/pulled pull -q --registry-ca $work/tls/certs/ca.crt $tls_reg/bench/app:1"
  if [ -n "$jbuild_before" ]; then
    measure "pull jbuild-before (TLS)" "rm -rf $work/pulled" \
      "$jbuild_before --root $work/pulled pull -q --registry-ca $work/tls/certs/ca.crt $tls_reg/bench/app:1"
  fi
  measure "pull skopeo (TLS)" "rm -rf $work/oci-pulled" \
    "skopeo copy -q --src-cert-dir $work/tls/certs docker://$tls_reg/bench/app:1 oci:$work/oci-pulled:app"
done

# --- the CI-shaped run ---------------------------------------------------------------------------------
ci="$work/ci"; mkdir -p "$ci"
cp -r "$work/ctx/l0" "$ci/src"
$jbuild --root "$src" tag bench-base:1 "$reg/bench/base:1" >/dev/null
$jbuild --root "$src" push -q "$reg/bench/base:1" >/dev/null
cat > "$ci/Dockerfile" <<DOCKERFILE
FROM $reg/bench/base:1 AS build
COPY src /src
RUN cat /src/random /src/text > /artifact && rm -rf /src
FROM $reg/bench/base:1
COPY --from=build /artifact /app/artifact
RUN sh -c 'wc -c /app/artifact > /app/size'
DOCKERFILE
$jbuild --root "$work/ci-a" build -q -t "$reg/bench/ci:1" --push --cache-to "type=registry,ref=$reg/bench/cache:ci,mode=max" "$ci" >/dev/null
for round in $(seq 1 "$rounds"); do
  measure "ci warm local rebuild" "true" "$jbuild --root $work/ci-a build -q $ci"
  measure "ci empty store + --cache-from" "rm -rf $work/ci-b" "$jbuild --root $work/ci-b build -q --cache-from type=registry,ref=$reg/bench/cache:ci $ci"
  measure "ci pull of the final image" "rm -rf $work/ci-c" "$jbuild --root $work/ci-c pull -q $reg/bench/ci:1"
done

echo
echo "medians over $rounds alternating rounds:"
for name in "push jbuild" "push skopeo" "push docker" "pull jbuild" "pull jbuild-before" "pull skopeo" "pull docker" \
            "pull jbuild (TLS)" "pull jbuild-before (TLS)" "pull skopeo (TLS)" "ci warm local rebuild" "ci empty store + --cache-from" "ci pull of the final image"; do
  [ -n "${times[$name]:-}" ] || continue
  case "$name" in
    pull*) printf '  %-32s %s   (cpu %s)\n' "$name" "$(median "${times[$name]}")" "$(median "${cpu[$name]}")" ;;
    *) printf '  %-32s %s\n' "$name" "$(median "${times[$name]}")" ;;
  esac
done
