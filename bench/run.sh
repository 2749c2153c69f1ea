#!/usr/bin/env bash
# Start-up and compile-time benchmark. Prints the figures quoted in docs/speed.md.
#   bench/run.sh [RUNS]
# 1. wall time of `./cnnc report samples/seed.cnn` and of `./cnnc report samples/zoo/resnet50.cnn`
#    as separate processes (RUNS runs each, median and fastest);
#    and of `./cnnc report --format svg samples/zoo/resnet50.cnn` (the diagram, laid out by ELK) and
#    `--format html`, each written to a file under target/ (the issue asks for the SVG under 1 s);
# 2. in-process parse + check time of a generated 10,000-layer description (after warm-up), and each
#    stage of `report` on ResNet50 in-process (parse, check, analysis, text and JSON reports), and
#    the language server's answer to an edit of ResNet50 (didChange to its diagnostics, over pipes);
# 3. the playground (target/playground, built by the package phase) in headless Chromium: its first
#    load's size gzipped, and ResNet50 edited one digit at a time (PlaygroundBenchmark);
# 4. for comparison, if the test suite has provisioned Keras (target/keras-venv), the wall time of
#    building keras.applications.ResNet50 and counting its parameters (3 runs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-20}"

mvn -q -B -DskipTests package test-compile >&2
./cnnc report samples/seed.cnn >/dev/null   # builds nothing now; warms the file cache

# time_runs LABEL N COMMAND...: median and fastest wall time of N runs of COMMAND
time_runs() {
  local label="$1" n="$2"
  shift 2
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "$label: median ${sorted[$((n / 2))]} ms, fastest ${sorted[0]} ms over $n runs"
}

time_runs "./cnnc report samples/seed.cnn" "$runs" ./cnnc report samples/seed.cnn
time_runs "./cnnc report samples/zoo/resnet50.cnn" "$runs" ./cnnc report samples/zoo/resnet50.cnn
time_runs "./cnnc report --format svg samples/zoo/resnet50.cnn -o target/resnet50.svg" "$runs" \
  ./cnnc report --format svg samples/zoo/resnet50.cnn -o target/resnet50.svg
time_runs "./cnnc report --format html samples/zoo/resnet50.cnn -o target/resnet50.html" "$runs" \
  ./cnnc report --format html samples/zoo/resnet50.cnn -o target/resnet50.html

# the packaged jar holds cnnc and its runtime libraries; the benchmark class is in the test classes
java -cp target/cnnc.jar:target/test-classes cnnc.bench.CompileBenchmark 10000 20
java -cp target/cnnc.jar:target/test-classes cnnc.bench.ReportBenchmark samples/zoo/resnet50.cnn 300
java -cp target/cnnc.jar:target/test-classes cnnc.bench.EditBenchmark samples/zoo/resnet50.cnn 1000

# the playground's benchmark drives Chromium with the tests' client, which reads JSON with Jackson (test scope)
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
java -cp "target/cnnc.jar:target/test-classes:$(cat target/bench.classpath)" cnnc.bench.PlaygroundBenchmark 200

if [[ -x target/keras-venv/bin/python ]]; then
  time_runs "Keras 3 (jax): keras.applications.ResNet50(weights=None).count_params()" 3 \
    env KERAS_BACKEND=jax target/keras-venv/bin/python -c \
    "import keras; keras.applications.ResNet50(weights=None).count_params()"
else
  echo "(no target/keras-venv: run mvn -B verify once for the Keras comparison)"
fi
