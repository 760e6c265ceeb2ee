#!/usr/bin/env bash
# qc.hashing.digest agrees with sha256sum.
source "$(dirname "$0")/lib.sh"
requires python3 sha256sum

f="$(mktemp)"
trap 'rm -f "$f"' EXIT
printf 'chrom\tpos\n1\t12345\n' > "$f"
want="$(sha256sum "$f" | cut -d' ' -f1)"
got="$(cd "$DATASETS/tools" && python3 -m qc.cli "$f" | cut -d' ' -f1)"
assert_eq "$got" "$want"
pass
