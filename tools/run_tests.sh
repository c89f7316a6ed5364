#!/usr/bin/env bash
# Run every notebook's tests with nbdev_test, one notebook per nbdev_test call.
#
#   bash tools/run_tests.sh                          # all of nbs/*.ipynb except _* and .*
#   bash tools/run_tests.sh nbs/01_heads.ipynb ...   # only these notebooks
#   bash tools/run_tests.sh --flags slow [NB ...]    # also run cells flagged `#| slow`
#   RG_TEST_JOBS=1 bash tools/run_tests.sh           # serially (default: 2 notebooks at a time)
#
# Prints `PASS nbs/X.ipynb (12.3 s)` or `FAIL nbs/X.ipynb (12.3 s)` plus nbdev_test's output for
# each notebook, then a last line `N passed, N failed` (N counts notebooks). Exits 1 if any
# notebook failed or if no notebook was tested.
set -uo pipefail
cd "$(dirname "$0")/.."

flags=""
notebooks=()
while (($#)); do
    case "$1" in
        --flags) flags="${2:-}"; shift 2 ;;
        --flags=*) flags="${1#--flags=}"; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) notebooks+=("$1"); shift ;;
    esac
done

if ((${#notebooks[@]} == 0)); then
    shopt -s nullglob
    for nb in nbs/*.ipynb; do
        case "$(basename "$nb")" in _*|.*) continue ;; esac
        notebooks+=("$nb")
    done
fi
if ((${#notebooks[@]} == 0)); then
    echo "No notebooks found to test."
    echo "0 passed, 0 failed"
    exit 1
fi

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 MPLBACKEND=Agg
jobs="${RG_TEST_JOBS:-2}"
if ((jobs > 1)); then
    # Two notebooks share 2 cores: one torch thread each avoids oversubscription.
    export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"
fi

logdir="$(mktemp -d)"
trap 'rm -rf "$logdir"' EXIT

# Run one notebook; write its output to $logdir/<i>.log and "rc seconds" to $logdir/<i>.res.
run_one() {
    local i="$1" nb="$2" start rc
    start="$EPOCHREALTIME"
    if [[ ! -f "$nb" ]]; then
        echo "No such notebook: $nb" > "$logdir/$i.log"; rc=1
    else
        nbdev_test --path "$nb" ${flags:+--flags "$flags"} > "$logdir/$i.log" 2>&1
        rc=$?
        # nbdev_test exits 0 when --path matches nothing (e.g. a name starting with `_`).
        if ((rc == 0)) && grep -q "No files were eligible for testing" "$logdir/$i.log"; then rc=1; fi
    fi
    echo "$rc $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}')" > "$logdir/$i.res"
}

passed=0 failed=0
report() {
    local i="$1" nb="${notebooks[$1]}" rc secs
    read -r rc secs < "$logdir/$i.res"
    if ((rc == 0)); then
        echo "PASS $nb ($secs s)"; passed=$((passed + 1))
    else
        echo "FAIL $nb ($secs s)"; sed 's/^/    /' "$logdir/$i.log"; failed=$((failed + 1))
    fi
}

# A small job pool: keep up to $jobs notebooks running, report each as it finishes.
declare -A running=()   # pid -> index
for i in "${!notebooks[@]}"; do
    while ((${#running[@]} >= jobs)); do
        wait -n -p done_pid
        report "${running[$done_pid]}"; unset "running[$done_pid]"
    done
    run_one "$i" "${notebooks[$i]}" &
    running[$!]="$i"
done
while ((${#running[@]} > 0)); do
    wait -n -p done_pid
    report "${running[$done_pid]}"; unset "running[$done_pid]"
done

echo "$passed passed, $failed failed"
((failed == 0 && passed > 0))
