#!/usr/bin/env bash
# The diagram's cost against the model's size (issue 29): CPU time and peak memory of
# `./cnnc report --format svg` and `--format html` on generated models of about 1,000 to 20,000 layers:
#   blocks   c() xN, a block of three layers used N times (one instance after another)
#   chain    the same three layers written out N times (no block)
#   merges   r() xN, a residual block (add { conv; bn; relu | identity }; 4 layers) used N times
#   inception samples/zoo/inceptionv3.cnn with one branch's cbn(96, 3) repeated N times (309 + 3N layers)
#   wide     a concat of N one-layer branches (N + 2 layers; a merge this wide is laid out as DiagramLayout.WIDE says)
#   flat     add { conv; bn; relu | identity } written out N times (no block: 4N + 3 layers in one container)
# Prints one line per run: model, layers, format, user+system CPU seconds, peak resident memory (MB).
#   bench/diagram.sh [LAYERS...]      (default 1000 2000 5000 10000 20000; KINDS="blocks chain" for some)
# (each model at most 20,000 layers, the language's limit)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 2000 5000 10000 20000)
dir=target/bench-diagram
mkdir -p "$dir"
./cnnc --version >/dev/null   # builds and trains first, outside the figures

model() {   # model KIND LAYERS: writes the file, prints its name
  local kind="$1" layers="$2" file="$dir/$1-$2.cnn" n
  case "$kind" in
    blocks) n=$(( (layers - 2) / 3 ))
      printf 'input 32x32x3\nblock c() { conv 8@3 same; bn; relu }\nc() x%d\ngap\ndense 10\n' "$n" >"$file" ;;
    chain) n=$(( (layers - 2) / 3 ))
      { printf 'input 32x32x3\n'; for ((i = 0; i < n; i++)); do echo 'conv 8@3 same; bn; relu'; done
        printf 'gap\ndense 10\n'; } >"$file" ;;
    merges) n=$(( (layers - 2) / 4 ))
      printf 'input 32x32x8\nblock r() { add { conv 8@3 same; bn; relu | identity } }\nr() x%d\ngap\ndense 10\n' "$n" >"$file" ;;
    wide) n=$(( layers - 2 ))
      { printf 'input 32x32x8\nconcat { conv 1@1'; for ((i = 1; i < n; i++)); do printf ' | conv 1@1'; done
        printf ' }\n'; } >"$file" ;;
    flat) n=$(( (layers - 3) / 4 ))
      { printf 'input 32x32x8\n'; for ((i = 0; i < n; i++)); do echo 'add { conv 8@3 same; bn; relu | identity }'; done
        printf 'gap\ndense 10\n'; } >"$file" ;;
    inception) n=$(( (layers - 309) / 3 ))
      sed "s/cbn(64); cbn(96, 3); reduce(96)/cbn(64); cbn(96, 3) x$n; reduce(96)/" samples/zoo/inceptionv3.cnn >"$file" ;;
  esac
  echo "$file"
}

for kind in ${KINDS:-blocks chain merges inception wide flat}; do
  for layers in "${sizes[@]}"; do
    file=$(model "$kind" "$layers")
    count=$(./cnnc check "$file" | grep -o "[0-9,]* layers")
    for format in svg html; do
      /usr/bin/time -f "%U %S %M" -o "$dir/time" ./cnnc report --format "$format" "$file" -o "$dir/out.$format"
      read -r user sys kb <"$dir/time"
      printf '%-9s %14s  %-4s  CPU %6.2f s  peak %5d MB\n' "$kind" "$count" "$format" \
        "$(echo "$user + $sys" | bc)" $(( kb / 1024 ))
    done
  done
done
