//! Never built (every workspace build excludes it): its dependency puts
//! `frame-storage-access-test-runtime` into the workspace's `cargo metadata`, which the WASM
//! builder of that crate needs when the node is built with `--features runtime-benchmarks`
//! and `WASM_BUILD_WORKSPACE_HINT` points at this workspace.
