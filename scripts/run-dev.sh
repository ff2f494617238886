#!/usr/bin/env bash
# README command 1: installs what is missing, builds the node in release, runs a dev chain.
# Extra arguments go to the node, e.g. `scripts/run-dev.sh --rpc-port 9955`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRIBUTARY_ROOT"
ensure_prerequisites
log "building tributary-node (release) into $CARGO_TARGET_DIR"
cargo build --release -p tributary-node
log "starting a dev chain: ws://127.0.0.1:9944 (polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944)"
exec "$CARGO_TARGET_DIR/release/tributary-node" --dev --tmp --rpc-cors all "$@"
