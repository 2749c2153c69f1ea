#!/usr/bin/env bash
# timm's CNN architectures imported by cnnc, each against torch's own figures: writes the survey section of
# docs/timm.md (the counts, the table, the modules left out, the date and versions).
#   bench/timm-survey.sh [MODULE ...]     (every timm model module; or the ones named, printed: a trial run)
# 1. target/timm-venv, the suite's timm venv (torch, timm, torchvision: TorchEnvironment.TIMM), made if missing;
# 2. src/test/resources/timm/timm_survey.py in two Python processes (one per core), each every other module:
#    each timm model module's smallest model, its kind (CNN or why not), torch's figures, and cnnc's tracer's
#    graph of its entrypoint, into target/timm-survey/ (a process stopped half-way goes on where it was when
#    run again, and then traces again what an older trace.py traced; delete the folder for a new survey);
# 3. cnnc.bench.TimmSurvey: each graph imported as `cnnc import` imports it, its report against torch's figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mvn -q -B -DskipTests -DskipPlayground package >&2
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
classpath="target/classes:target/test-classes:$(cat target/bench.classpath)"
python="$(java -cp "$classpath" cnnc.bench.TimmSurvey --python)"
survey() {  # RESULTS MODULE...: one process; torch's warning on every convolution that NNPACK does not fit this
  nice -n 5 "$python" -W ignore src/test/resources/timm/timm_survey.py "$@" 2> >(grep -v NNPACK >&2)
}
mkdir -p target/timm-survey
if [[ $# -gt 0 ]]; then
  survey target/timm-survey/trial.json "$@"
  java -cp "$classpath" cnnc.bench.TimmSurvey target/timm-survey/trial.json -
  exit
fi
mapfile -t modules < <("$python" -W ignore src/test/resources/timm/timm_survey.py --list 2>/dev/null)
survey target/timm-survey/results-1.json $(printf '%s\n' "${modules[@]}" | awk 'NR % 2 == 1') &
one=$!
survey target/timm-survey/results-2.json $(printf '%s\n' "${modules[@]}" | awk 'NR % 2 == 0') &
two=$!
wait "$one"
wait "$two"
# a survey resumed after a change of cnnc's tracer: the entries another trace.py traced are traced again
survey target/timm-survey/results-1.json --retrace &
one=$!
survey target/timm-survey/results-2.json --retrace &
two=$!
wait "$one"
wait "$two"
java -cp "$classpath" cnnc.bench.TimmSurvey target/timm-survey/results-1.json target/timm-survey/results-2.json \
  docs/timm.md
