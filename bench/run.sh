#!/usr/bin/env bash
# Start-up and compile-time benchmark. Prints the figures quoted in the README.
#   bench/run.sh [RUNS]
# 1. wall time of `./cnnc report samples/seed.cnn` as a separate process (RUNS runs, median and fastest);
# 2. in-process parse + check time of a generated 10,000-layer description (after warm-up).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-20}"

mvn -q -B -DskipTests package test-compile >&2
./cnnc report samples/seed.cnn >/dev/null   # builds nothing now; warms the file cache

times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  ./cnnc report samples/seed.cnn >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "./cnnc report samples/seed.cnn: median ${sorted[$((runs / 2))]} ms, fastest ${sorted[0]} ms over $runs runs"

# the packaged jar holds cnnc and its runtime libraries; the benchmark class is in the test classes
java -cp target/cnnc.jar:target/test-classes cnnc.bench.CompileBenchmark 10000 20
