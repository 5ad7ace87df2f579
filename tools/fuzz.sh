#!/bin/sh
# Fuzz the debounce C core with libFuzzer (clang, ASan+UBSan) for SECONDS (default 300).
#
#   tools/fuzz.sh [SECONDS]          (make fuzz SECONDS=300)
#
# The build command lives in tests/core/native.mk. The corpus is kept in
# build/native/fuzz-corpus between runs; crash inputs land in build/native/fuzz-artifacts/.
# Exit status: 0 when the time ran out without a finding, non-zero otherwise.
set -eu
SECONDS_TO_RUN=${1:-300}
case $SECONDS_TO_RUN in
    '' | *[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
if ! command -v clang >/dev/null 2>&1; then
    echo "tools/fuzz.sh: clang not found (apt-get install clang): cannot build the fuzzer" >&2
    exit 2
fi
make -s -f tests/core/native.mk build/native/fuzz_debounce
mkdir -p build/native/fuzz-corpus build/native/fuzz-artifacts
echo "fuzz: debounce core for ${SECONDS_TO_RUN} s"
exec build/native/fuzz_debounce -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 \
    -artifact_prefix=build/native/fuzz-artifacts/ build/native/fuzz-corpus
