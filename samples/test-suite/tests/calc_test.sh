test_adds() { [ "$(sh ./calc.sh add 2 3)" = 5 ]; }
test_multiplies() { [ "$(sh ./calc.sh mul 4 5)" = 20 ]; }
test_rejects_unknown_op() { ! sh ./calc.sh div 1 1 2>/dev/null; }
