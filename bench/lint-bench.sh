#!/usr/bin/env bash
# jbuild lint over the real-world corpus (about 1 200 Dockerfiles) in one call, JVM start included,
# side by side with the npm linters dockerfile-utils and dockerfilelint on the same files.
# The npm packages are installed into a temporary directory, never into the repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS:-$root/../shared/corpus/realworld}"
command -v hyperfine >/dev/null || { echo "install hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
command -v npm >/dev/null || { echo "install npm" >&2; exit 1; }

"$root/jbuild" --version >/dev/null    # builds the jar on first use
files=$(mktemp); find "$corpus" -type f ! -name README.md ! -name SOURCES.tsv | sort > "$files"
echo "files: $(wc -l < "$files")"
args=$(sed 's/^/-f /' "$files" | tr '\n' ' ')

npmdir=$(mktemp -d)
trap 'rm -rf "$npmdir" "$files"' EXIT
(cd "$npmdir" && npm install --silent --no-audit --no-fund dockerfile-utils dockerfilelint >/dev/null)
cat > "$npmdir/du-all.js" <<'JS'
const fs = require('fs'); const du = require('dockerfile-utils');
for (const f of fs.readFileSync(process.argv[2], 'utf8').trim().split('\n')) du.validate(fs.readFileSync(f, 'utf8'));
JS
cat > "$npmdir/dfl-all.js" <<'JS'
const fs = require('fs'); const dfl = require('dockerfilelint'); let crashed = 0;
for (const f of fs.readFileSync(process.argv[2], 'utf8').trim().split('\n')) {
  try { dfl.run('/tmp', fs.readFileSync(f, 'utf8')); } catch (e) { crashed++; }
}
console.error('dockerfilelint crashed on ' + crashed + ' files');
JS

hyperfine --warmup 1 --runs "${RUNS:-5}" -i \
  -n "jbuild lint (one call, all files)" "$root/jbuild lint --format json $args" \
  -n "dockerfile-utils (library, one node process)" "node $npmdir/du-all.js $files" \
  -n "dockerfilelint (library, one node process)" "node $npmdir/dfl-all.js $files"

# The linters as their users run them, one process per file, on the first 200 files.
head -200 "$files" > "$files.200"
hyperfine --runs 1 -i \
  -n "dockerfile-utils CLI, 200 files" "xargs -a $files.200 -n1 $npmdir/node_modules/.bin/dockerfile-utils lint" \
  -n "dockerfilelint CLI, 200 files" "xargs -a $files.200 -n1 $npmdir/node_modules/.bin/dockerfilelint"
