//! Built-in chain specifications: `dev` and `local`, from the runtime's genesis presets.

use sc_service::{ChainType, Properties};
use tributary_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};

/// The chain specification type of Tributary.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, as wallets (polkadot.js) read them.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// A chain spec built from the genesis preset `preset`.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"The runtime WASM was not built (SKIP_WASM_BUILD was set); rebuild the node without it"
			.to_string()
	})?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: Alice validates alone, dev accounts prefunded, Alice is sudo.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Tributary Development",
		"tributary_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: Alice, Bob, Charlie and Dave validate (the runtime's `local` preset).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Tributary Local Testnet",
		"tributary_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}
