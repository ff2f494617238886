#!/usr/bin/env bash
# README command 1: installs what is missing, builds the node in release, runs a dev chain
# (Alice validates, dev accounts prefunded, Alice is sudo; state in a temporary directory).
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-port 9955`.
# PROFILE=dev builds and runs the debug node instead (faster to build, slower to run).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRIBUTARY_ROOT"
ensure_prerequisites
profile="${PROFILE:-release}"
dir="$profile"
[ "$profile" = dev ] && dir=debug
log "building tributary-node ($profile) into $CARGO_TARGET_DIR"
cargo build --locked --profile "$profile" -p tributary-node
log "starting a dev chain on ws://127.0.0.1:9944 — polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944"
exec "$CARGO_TARGET_DIR/$dir/tributary-node" --dev --tmp --rpc-cors all "$@"
