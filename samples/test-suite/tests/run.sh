#!/bin/sh
# A TAP-style runner: every test_* function in tests/*_test.sh runs; any failure fails the build.
failed=0; n=0
for file in tests/*_test.sh; do
  . "./$file"
  for t in $(sed -n 's/^\(test_[a-z_0-9]*\) *().*/\1/p' "$file"); do
    n=$((n + 1))
    if out=$($t 2>&1); then echo "ok $n - $t"; else echo "not ok $n - $t $out"; failed=$((failed + 1)); fi
  done
done
echo "1..$n"
[ "$failed" -eq 0 ] || { echo "$failed of $n test(s) failed"; exit 1; }
