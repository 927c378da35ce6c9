#!/bin/sh
# calc.sh OP A B: a tiny calculator, the code under test.
case "$1" in
  add) echo $(($2 + $3)) ;;
  mul) echo $(($2 * $3)) ;;
  *) echo "unknown op: $1" >&2; exit 2 ;;
esac
