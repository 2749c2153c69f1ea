#!/usr/bin/env bash
# Fuzzes cnnc for as long as you like with Jazzer's own driver (mvn -B verify fuzzes each target for a minute):
#   fuzz/run.sh [SECONDS] [compiler|lsp]     default 3600 compiler
# compiler: any bytes through the whole pipeline (cnnc.fuzz.CompilerFuzzTest); lsp: any bytes on the language
# server's input (cnnc.fuzz.LanguageServerFuzzTest). The corpus grows in .cifuzz-corpus/ (shared with the JUnit
# fuzz tests), seeded with the target's inputs directory; a finding is written as fuzz/crash-* and fails the run:
# move it to the target's inputs directory under src/test/resources/cnnc/fuzz/ so that every build replays it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-3600}"
case "${2:-compiler}" in
  compiler) target=CompilerFuzzTest; method=everyCommand ;;
  lsp) target=LanguageServerFuzzTest; method=messages ;;
  *) echo "fuzz/run.sh: the target is compiler or lsp, not '$2'" >&2; exit 2 ;;
esac
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >&2
corpus=".cifuzz-corpus/cnnc.fuzz.$target/$method"
mkdir -p "$corpus"
exec java -Xss16m -cp "target/test-classes:target/classes:$(cat target/fuzz.classpath)" com.code_intelligence.jazzer.Jazzer \
  --target_class="cnnc.fuzz.$target" --instrumentation_includes='cnnc.**' \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=fuzz/ \
  "$corpus" "target/test-classes/cnnc/fuzz/${target}Inputs/$method"
