#!/usr/bin/env bash
# Makes the release tree and its tarball (called by dist/pom.xml at package):
#   release.sh JAR DOCS_DIR RELEASE_DIR JAVA_HOME EPOCH [TRANSFER_CLASS_LIST]
# RELEASE_DIR gets bin/jbuild, lib/jbuild.jar (+ jffi's stub library), runtime/ (jlink: only the JDK
# modules jbuild uses), share/ (man pages, completion scripts), and lib/jbuild.jsa, a class-data-sharing
# archive made for /opt/jbuild, where the .deb installs it and the README unpacks it (and
# lib/jbuild-transfer.jsa, the same with the JDK's HTTP client for pull and push, from TRANSFER_CLASS_LIST).
set -euo pipefail
jar="$1"; docs="$2"; release="$3"; java_home="$4"; epoch="$5"; transfer_list="${6:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
install_dir=/opt/jbuild

rm -rf "$release" "$release.tar.gz"
mkdir -p "$release"/{bin,lib/jffi,share/man/man1,share/bash-completion/completions,share/zsh/site-functions,share/fish/vendor_completions.d}
cp "$jar" "$release/lib/jbuild.jar"
# the time the .deb gives its files: the archive checks the jar's mtime
touch -d "@$epoch" "$release/lib/jbuild.jar"
install -m 755 "$here/jbuild" "$release/bin/jbuild"

# What jdeps finds the jar using, less java.desktop (java.beans, reached only by code jbuild never runs:
# commons-compress's pack200, Jackson's optional bean support), plus jdk.crypto.ec, which no class names
# but the signing keys (ECDSA P-256) need, and java.logging, where netty logs when nothing else is there.
modules=java.base,java.logging,java.net.http,java.sql,jdk.security.auth,jdk.unsupported,jdk.crypto.ec
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$release/runtime"

(cd "$release/lib/jffi" && "$java_home/bin/jar" xf "$release/lib/jbuild.jar" jni/x86_64-Linux/libjffi-1.2.so \
  && mv jni/x86_64-Linux/libjffi-1.2.so . && rm -rf jni)

cp "$docs"/man/man1/*.1 "$release/share/man/man1/"
cp "$docs/completion/jbuild.bash" "$release/share/bash-completion/completions/jbuild"
# zsh reads the same script through its bash completion layer (the script sets that up)
cp "$docs/completion/jbuild.bash" "$release/share/zsh/site-functions/jbuild.zsh"
cp "$docs/completion/jbuild.fish" "$release/share/fish/vendor_completions.d/jbuild.fish"

# The archive: training runs of the usual commands at the install path, seen through a private mount
# namespace (root only; without it the release starts from the runtime's archive of the JDK's classes).
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  # every class of jbuild (and jffi, picocli): a training run cannot reach every path
  classes="$(mktemp)"
  "$java_home/bin/jar" tf "$jar" | grep -E '^(dev/jbuild|com/kenai/jffi|picocli)/.*[.]class$' | sed 's/[.]class$//' >"$classes"
  unshare --mount --propagation private bash -s "$release" "$install_dir" "$classes" "$transfer_list" <<'TRAIN' || echo "release: no class-data-sharing archive for jbuild's classes (training failed)" >&2
set -euo pipefail
release="$1"; install_dir="$2"; classes="$3"; transfer_list="$4"
mount -t tmpfs tmpfs "${install_dir%/*}"
mkdir -p "$install_dir"
mount --bind "$release" "$install_dir"
java="$install_dir/runtime/bin/java"
opts=(-XX:+UseSerialGC -Xss4m -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Djffi.boot.library.path="$install_dir/lib/jffi")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/context"
printf 'train\n' >"$work/context/file"
printf 'FROM scratch\nARG V=1\nENV A=$V\nCOPY file /file\nWORKDIR /w\nLABEL l=$V\nCMD ["/file"]\n' >"$work/context/Dockerfile"
run() {
  local name="$1"; shift
  "$java" "${opts[@]}" -XX:DumpLoadedClassList="$work/$name.classes" -jar "$install_dir/lib/jbuild.jar" \
    --root "$work/root" "$@" </dev/null >/dev/null 2>&1 || true
}
run build --storage-driver vfs build --progress quiet -t train "$work/context"
run rebuild --storage-driver vfs build --progress quiet -t train "$work/context"
run lint lint --format json -f "$work/context/Dockerfile"
run parse parse -f "$work/context/Dockerfile"
run images images
run inspect inspect -f '{{.Id}}' train
cat "$work"/*.classes "$classes" | sed -E 's/ id: [0-9]+$//' | awk '!seen[$0]++' >"$work/all.list"
"$java" "${opts[@]}" -Xshare:dump -XX:SharedClassListFile="$work/all.list" \
  -XX:SharedArchiveFile="$install_dir/lib/jbuild.jsa" -cp "$install_dir/lib/jbuild.jar" >"$work/dump.log" 2>&1
printf '%s' "$install_dir/lib/jbuild.jar" >"$install_dir/lib/jbuild.jsa.jar"
if [ -n "$transfer_list" ] && [ -f "$transfer_list" ]; then
  cat "$work/all.list" "$transfer_list" | awk '!seen[$0]++' >"$work/transfer.list"
  "$java" "${opts[@]}" -Xshare:dump -XX:SharedClassListFile="$work/transfer.list" \
    -XX:SharedArchiveFile="$install_dir/lib/jbuild-transfer.jsa" -cp "$install_dir/lib/jbuild.jar" \
    >"$work/dump-transfer.log" 2>&1 || rm -f "$install_dir/lib/jbuild-transfer.jsa"
fi
TRAIN
  rm -f "$classes"
fi

tar -C "$(dirname "$release")" -czf "$release.tar.gz" "$(basename "$release")"
