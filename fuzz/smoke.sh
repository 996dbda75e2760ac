#!/bin/sh
# A short fuzz run of every target (about 20 s each, under three minutes in
# all; the four boundary targets run 10 s each)
# for CI; `./dev test` calls it. Long runs: see README.md.
#
# Stable Rust has no -Zsanitizer; RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# nightly flags to the stable compiler (no nightly toolchain is needed).
# New inputs go to a throw-away directory: the committed seed corpora stay
# as they are. A crash fails the script and leaves its reproducer in
# fuzz/artifacts/<target>/; copy it to fuzz/regressions/<target>/ so
# `cargo test` (checker-core/tests/fuzz_replay.rs) replays it from then on.
set -eu

cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS_PER_TARGET:-20}"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "fuzz smoke: cargo-fuzz is missing; install it with: cargo install --locked cargo-fuzz" >&2
    exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

export RUSTC_BOOTSTRAP=1
cargo fuzz build
boundary_seconds="${FUZZ_SECONDS_PER_BOUNDARY_TARGET:-10}"
for target in policy_compile check utf16_spans pattern_parity yaml_policy deploy wasm_json; do
    case "$target" in
        pattern_parity | yaml_policy | deploy | wasm_json) run_seconds="$boundary_seconds" ;;
        *) run_seconds="$seconds" ;;
    esac
    mkdir -p "$scratch/$target"
    echo "fuzz smoke: $target for ${run_seconds}s"
    log="$scratch/$target.log"
    # Reproducers are replayed too, once there are any (git keeps no empty folder).
    replay=""
    [ -d "regressions/$target" ] && replay="regressions/$target"
    # shellcheck disable=SC2086 # $replay is one folder or nothing
    if ! cargo fuzz run "$target" "$scratch/$target" "corpus/$target" $replay -- \
        -max_total_time="$run_seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz smoke: $target FAILED; the reproducer is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
done
echo "fuzz smoke: all targets ran without a crash"
