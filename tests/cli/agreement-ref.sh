#!/bin/bash
# The reference values of tests/unit/agreement.ref (which check_agreement
# compares src/quality/agreement.c with) are what sklearn, statsmodels
# and nltk compute today: tests/unit/agreement-reference.py is run again
# and each figure compared within 1e-9, so the fixture cannot drift from
# the references. The README's test command installs python3-sklearn,
# python3-statsmodels and python3-nltk, so CI runs this.
. "$SRCDIR/tests/cli/lib.sh"
/usr/bin/python3 -c 'import sklearn, statsmodels, nltk' 2>/dev/null ||
    skip_all "python3-sklearn, python3-statsmodels and python3-nltk are needed"
/usr/bin/python3 "$SRCDIR/tests/unit/agreement-reference.py" > "$T/now.ref" 2> "$T/err"
check "the reference script runs" test $? = 0
cmp_ref() {
	/usr/bin/python3 - "$SRCDIR/tests/unit/agreement.ref" "$T/now.ref" <<'EOF'
import sys
a = open(sys.argv[1]).read().split("\n")
b = open(sys.argv[2]).read().split("\n")
if len(a) != len(b):
    sys.exit("%d lines, not %d" % (len(b), len(a)))
for n, (x, y) in enumerate(zip(a, b), 1):
    if x == y:
        continue
    xs, ys = x.split(), y.split()
    if len(xs) != len(ys) or xs[:-1] != ys[:-1]:
        sys.exit("line %d: %r, not %r" % (n, y, x))
    try:
        if abs(float(xs[-1]) - float(ys[-1])) > 1e-9:
            sys.exit("line %d: %s, not %s" % (n, ys[-1], xs[-1]))
    except ValueError:
        sys.exit("line %d: %r, not %r" % (n, y, x))
EOF
}
check "the fixture holds the references' values" cmp_ref
check "it holds both published examples" sh -c "grep -q '^case krippendorff2011' '$SRCDIR/tests/unit/agreement.ref' && grep -q '^case fleiss-wikipedia' '$SRCDIR/tests/unit/agreement.ref'"
done_testing
