#!/usr/bin/env bash
# Measures this machine's ParityDB read and write cost on a populated database and writes
# runtime/src/weights/paritydb_weights.rs, which the runtime charges as `DbWeight`:
#
#   KEEP_BASE_PATH=/tmp/load-db scripts/bench/load.sh     a load run, its database kept
#   scripts/bench/storage-weights.sh /tmp/load-db         this script
#
# `benchmark storage` reads and then writes (and reverts) every key of the best block's
# state, so the figures are those of a state the size of the load run's (or larger). The
# node must not be running on that database. The release benchmark node is used (NODE
# overrides it); MUL (default 1.1) adds a safety margin on the measured average. Writes are
# committed BATCH keys at a time (default 1,000, about what one saturated block writes; the
# CLI's default of 100,000 is more than the load run's whole state, which leaves no batch to
# time and fails with "Empty input is invalid"), so each write carries its share of the
# storage root computed once per block.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRIBUTARY_ROOT"

db="${1:?usage: scripts/bench/storage-weights.sh <populated base path>}"
[ -d "$db/chains" ] || { log "no node database under $db"; exit 1; }
node_bin="$(bench_node)"
log "benchmark storage on $db ($(du -sh "$db" | cut -f1))"
"$node_bin" benchmark storage \
	--chain dev \
	--base-path "$db" \
	--database paritydb \
	--state-version 1 \
	--disable-pov-recorder \
	--mul "${MUL:-1.1}" \
	--batch-size "${BATCH:-1000}" \
	--weight-path runtime/src/weights/
# The CLI documents the struct literal's fields with `///`, which rustc rejects as unused doc
# comments (warnings are denied): make them plain comments.
sed -i 's|^\t\t\t///|\t\t\t//|' runtime/src/weights/paritydb_weights.rs
# Its header line is blank and its doc calls these weights experimental: they are what the
# runtime charges.
sed -i -e '1{/^$/d}' \
	-e 's|/// `ParityDB` can be enabled with a feature flag, but is still experimental. These weights|/// Reading and writing one storage item of the node'"'"'s ParityDB, measured on the load|' \
	-e 's|/// are available for brave runtime engineers who may want to try this out as default.|/// run'"'"'s populated database (`scripts/bench/storage-weights.sh`).|' \
	runtime/src/weights/paritydb_weights.rs
log "written runtime/src/weights/paritydb_weights.rs"
