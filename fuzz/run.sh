#!/usr/bin/env bash
# Builds every fuzz target and runs each in turn for MINUTES minutes (default 2; 0.5 is half a
# minute), at the lowest priority, on seeds from the repository's examples. For each distinct
# fault (a crash, a timeout, out of memory) one input is copied into tests/regressions/<target>/,
# where `cargo test` replays it and fails until someone looks at it (docs/FUZZING.md). Needs the
# nightly toolchain and cargo-fuzz.
#
#   fuzz/run.sh [MINUTES] [TARGET...]
#
# CARGO_TARGET_DIR chooses the build directory (default fuzz/target). Logs go to fuzz/logs/.
set -uo pipefail
cd "$(dirname "$0")"
root=..
minutes=${1:-2}
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
shift $(( $# > 0 ? 1 : 0 ))
target_dir=${CARGO_TARGET_DIR:-$PWD/target}

# The seeds of each target: copied into fuzz/corpus/<target>/, which the runs grow (and which
# is not checked in). Known crash inputs are not seeds: each would end a run at its start.
seed() { # target, files...
    local t=$1
    shift
    mkdir -p "corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] && cp -n "$f" "corpus/$t/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
    done
}

seed project "$root"/examples/*.yaml "$root"/tests/flags/*.yaml "$root"/tests/bad/*.yaml \
    "$root"/tests/data/*.yaml
seed rubric "$root"/rubrics/*.yaml "$root"/examples/rubrics/*.yaml \
    "$root"/tests/flags/rubrics/*.yaml
mkdir -p corpus/grammar
# grammar: the entries of seeds/grammar.txt, one file each
awk -v dir=corpus/grammar '
    /^%%$/ { if (n) write(); n = 1; body = ""; first = 1; next }
    n { body = first ? $0 : body "\n" $0; first = 0 }
    END { if (n) write() }
    function write() { f = sprintf("%s/seed-%03d", dir, ++count); printf "%s", body > f; close(f) }
' seeds/grammar.txt
# batch: each CSV after a byte of options (see jixiao::fuzzing::batch), and one in GBK
mkdir -p corpus/batch
for f in "$root"/tests/data/*.csv; do
    for opt in 00 0d 25 8c; do
        printf "\x$opt" | cat - "$f" >"corpus/batch/seed-$opt-$(basename "$f")"
    done
    printf '\x02' | cat - <(iconv -f UTF-8 -t GB18030 "$f" 2>/dev/null) \
        >"corpus/batch/seed-gbk-$(basename "$f")"
done
# workbook: the forms and the long table of the tests
mkdir -p corpus/workbook
cp "$root"/tests/forms/*.xlsx corpus/workbook/

cargo +nightly fuzz build --target-dir "$target_dir" || exit 1

# Inputs longer than the largest seed add little but time.
max_len() {
    case $1 in
    grammar) echo 512 ;;
    batch) echo 24576 ;;
    workbook) echo 131072 ;;
    *) echo 12288 ;;
    esac
}

repo=$(cd "$root" && pwd)
bin() { echo "$target_dir/x86_64-unknown-linux-gnu/release/$1"; }

# What an input does to a target, in one line: how it ends (panic, stack-overflow, timeout,
# out-of-memory) and the first frame in the library's own code (the panic itself is often
# inside a dependency), then the panic's message. Empty when it passes.
fault() { # target, input
    local out kind loc msg
    out=$(nice -n 19 "$(bin "$1")" -timeout=10 -rss_limit_mb=2048 "$2" 2>&1) && return
    kind=$(grep -m1 -oE 'stack-overflow|timeout after|out-of-memory|deadly signal' <<<"$out")
    case $kind in
    "deadly signal") kind=panic ;; "timeout after") kind=timeout ;; "") kind=crash ;;
    esac
    # a Rust backtrace (`at FILE:LINE:COL`), else a sanitizer's (`#N 0x… in FN FILE:LINE:COL`)
    loc=$(grep -oE "at $repo/src/[^ ]+" <<<"$out" | grep -v src/fuzzing.rs | head -1)
    [ -n "$loc" ] || loc=$(grep -E "^ *#[0-9]+ 0x[0-9a-f]+ in .* $repo/src/" <<<"$out" |
        grep -v src/fuzzing.rs | head -1 | grep -oE "$repo/src/[^ ]+")
    loc=${loc#at }
    msg=$(grep -m1 -A1 'panicked at' <<<"$out" | tail -n +2)
    echo "$kind ${loc#"$repo"/}${msg:+ ($msg)}"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
mkdir -p logs
found=0
for t in "${targets[@]}"; do
    echo "== $t: $minutes min"
    rm -rf "artifacts/$t"
    mkdir -p "artifacts/$t"
    # forked, so that a crash (a known one above all) does not end the run
    nice -n 19 cargo +nightly fuzz run "$t" --target-dir "$target_dir" "corpus/$t" -- \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len "$t")" -dict=jixiao.dict >"logs/$t.log" 2>&1
    grep -E '^#[0-9]+: cov' "logs/$t.log" | tail -1
    # one input per fault: the faults of the inputs kept already are not new
    declare -A seen=()
    while IFS= read -r f; do
        k=$(fault "$t" "$f")
        [ -z "$k" ] || seen[$k]=1
    done < <(find "$root/tests/regressions/$t" -type f ! -name README.md 2>/dev/null)
    for a in artifacts/"$t"/{crash,timeout,oom,leak}-*; do
        [ -f "$a" ] || continue
        k=$(fault "$t" "$a")
        [ -n "$k" ] || k="flaky (passes alone)"
        [ -z "${seen[$k]:-}" ] || continue
        seen[$k]=1
        echo "   new: $k"
        [ "$k" = "flaky (passes alone)" ] && continue
        mkdir -p "$root/tests/regressions/$t"
        cp "$a" "$root/tests/regressions/$t/"
        echo "        kept as tests/regressions/$t/$(basename "$a")"
        found=1
    done
    unset seen
done
[ $found = 0 ] || echo "new inputs in tests/regressions/: cargo test --test regressions replays them"
