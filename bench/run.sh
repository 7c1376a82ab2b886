#!/usr/bin/env bash
# run.sh — every benchmark, in order, against one drizzle-lsp binary; what
# `make bench` runs. Tables go to stdout, everything measured to
# <binary's dir>/bench/results.json (started afresh here).
# Usage: bash bench/run.sh [build/drizzle-lsp]
#   BENCH_N (default 7) runs per CLI/LSP measurement, BENCH_ITERS (default 40)
#   engine iterations, BENCH_CALLGRIND=0 to skip the instruction counts.
set -euo pipefail
bin=$(realpath "${1:-build/drizzle-lsp}")
here=$(cd "$(dirname "$0")" && pwd)
out="$(dirname "$bin")/bench"
[ -x "$bin" ] || { echo "run.sh: $bin is not an executable (build first)" >&2; exit 2; }
mkdir -p "$out" && rm -f "$out/results.json"
echo "drizzle-lsp benchmarks: $bin on $(nproc) CPUs; ratios are drizzle-kit (or full) over drizzle-lsp (or incremental)"
for b in cli kit lsp extract; do
  node "$here/$b.bench.mjs" "$bin"
done
echo
echo "results: $out/results.json"
