#!/usr/bin/env bash
# Start-up against a bare JVM, as docs/speed.md quotes it:
#   bench/startup.sh [RUNS]        default 15
# Clones this checkout's HEAD into a temporary folder, runs `./cnnc --version` there first (which
# builds the jar and trains its class-data archive), then alternates RUNS rounds of: a Java
# hello-world (`java -cp DIR Hello`, the JVM's default flags), `./cnnc report samples/seed.cnn`,
# `./cnnc report samples/zoo/resnet50.cnn` and `./cnnc --version`. Prints the median CPU time
# (user + system) of each and its ratio to the hello-world's, with the load average before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-15}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/cnnc"
mkdir -p "$work/hello"
printf 'public class Hello {\n    public static void main(String[] args) {\n        System.out.println("hello");\n    }\n}\n' \
  > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
cd "$work/cnnc"
./cnnc --version >/dev/null 2>&1

echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
labels=(hello seed resnet50 version)
commands=("java -cp $work/hello Hello" "./cnnc report samples/seed.cnn" "./cnnc report samples/zoo/resnet50.cnn"
          "./cnnc --version")
declare -A times
TIMEFORMAT='%3U %3S'
for _ in $(seq "$runs"); do
  for i in "${!labels[@]}"; do
    read -r user system < <({ time ${commands[$i]} >/dev/null 2>&1; } 2>&1)
    times[${labels[$i]}]+="$(echo "($user + $system) * 1000 / 1" | bc) "
  done
done
median() { printf '%s\n' $1 | sort -n | sed -n "$(( ($(printf '%s\n' $1 | wc -l) + 1) / 2 ))p"; }
hello="$(median "${times[hello]}")"
for i in "${!labels[@]}"; do
  m="$(median "${times[${labels[$i]}]}")"
  printf '%-40s median CPU %4d ms  %5.2fx hello-world\n' "${commands[$i]/$work\//}" "$m" "$(echo "$m / $hello" | bc -l)"
done
echo "$runs runs each, interleaved; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
