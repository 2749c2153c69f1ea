#!/usr/bin/env bash
# Fuzzes cnnc for as long as you like with Jazzer's own driver (mvn -B verify fuzzes for a minute):
#   fuzz/run.sh [SECONDS]        default 3600
# The corpus grows in .cifuzz-corpus/ (shared with the JUnit fuzz test), seeded with every sample; a
# finding is written as fuzz/crash-* and fails the run: move it to
# src/test/resources/cnnc/fuzz/CompilerFuzzTestInputs/everyCommand/ so that every build replays it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-3600}"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >&2
corpus=.cifuzz-corpus/cnnc.fuzz.CompilerFuzzTest/everyCommand
mkdir -p "$corpus"
exec java -Xss16m -cp "target/test-classes:target/classes:$(cat target/fuzz.classpath)" com.code_intelligence.jazzer.Jazzer \
  --target_class=cnnc.fuzz.CompilerFuzzTest --instrumentation_includes='cnnc.**' \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=fuzz/ \
  "$corpus" target/test-classes/cnnc/fuzz/CompilerFuzzTestInputs/everyCommand
