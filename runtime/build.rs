//! Builds the runtime to WASM (embedded in the node) when compiled with `std`.
//!
//! With `TRIBUTARY_UPGRADE_WASM=1` it also builds the upgrade-test runtime: this runtime with
//! the `increment-spec-version` feature (`spec_version` one higher and one visible change,
//! see `VERSION` in `src/lib.rs`), written beside the first as
//! `wbuild/tributary-runtime/wasm_binary_upgrade_test.rs.compact.compressed.wasm`. The
//! forkless-upgrade test (scripts/e2e/tests/08-runtime-upgrade.test.mjs) submits it to a live
//! chain; `scripts/test.sh` sets the variable, other builds skip the second WASM.

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
	println!("cargo:rerun-if-env-changed=TRIBUTARY_UPGRADE_WASM");
	if std::env::var("TRIBUTARY_UPGRADE_WASM").as_deref() == Ok("1") {
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("increment-spec-version")
			.set_file_name("wasm_binary_upgrade_test.rs")
			.build();
	}
}

/// Nothing to do when this crate is itself being compiled to WASM.
#[cfg(not(feature = "std"))]
fn main() {}
