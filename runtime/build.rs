//! Builds the runtime to WASM (embedded in the node) when compiled with `std`.

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Nothing to do when this crate is itself being compiled to WASM.
#[cfg(not(feature = "std"))]
fn main() {}
