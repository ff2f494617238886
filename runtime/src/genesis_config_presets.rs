//! Genesis presets: `dev` (Alice validates alone) and `local` (Alice, Bob, Charlie and Dave
//! validate). Dev accounts are prefunded and Alice holds sudo on both.
//!
//! Each validator is its account, with session keys (Aura sr25519, GRANDPA ed25519) in the
//! session pallet's genesis; `ValidatorSet` names the first set. Aura's and GRANDPA's own
//! genesis authorities stay empty: the session's genesis fills them (both refuse a second
//! initialisation).

use crate::{
	AccountId, Balance, BalancesConfig, BlockNumber, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SudoConfig, ValidatorSetConfig, MINUTES, TRIB,
};
use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each prefunded dev account starts with: one million TRIB.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * TRIB;

/// The dispute period of the `dev` chain: ten blocks (one minute), so a record's whole life,
/// archive and deposit return included, fits in a test. Other chains keep the runtime's
/// `DisputePeriod` (seven days).
pub const DEV_DISPUTE_PERIOD: BlockNumber = 10;

/// Sessions of the `dev` chain: ten minutes.
pub const DEV_SESSION_LENGTH: BlockNumber = 10 * MINUTES;

/// Sessions of the `local` chain: five blocks (30 seconds), so a set change (effective two
/// sessions later) shows within a minute in the fault tests.
pub const LOCAL_SESSION_LENGTH: BlockNumber = 5;

/// The floor of the `local` set: three of its four validators.
pub const LOCAL_MIN_VALIDATORS: u32 = 3;

/// A genesis validator: its account and its session keys.
pub struct GenesisValidator {
	/// The validator's account (its id in the session pallet).
	pub account: AccountId,
	/// Its Aura (block authoring) key.
	pub aura: AuraId,
	/// Its GRANDPA (finality) key.
	pub grandpa: GrandpaId,
}

/// How the presets differ.
struct ChainGenesis {
	validators: Vec<GenesisValidator>,
	min_validators: u32,
	session_length: BlockNumber,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	dispute_period: Option<BlockNumber>,
}

/// The genesis state of a preset.
fn genesis(chain: ChainGenesis) -> Value {
	let keys = chain
		.validators
		.iter()
		.map(|v| {
			let keys = SessionKeys { aura: v.aura.clone(), grandpa: v.grandpa.clone() };
			(v.account.clone(), v.account.clone(), keys)
		})
		.collect::<Vec<_>>();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: chain
				.endowed_accounts
				.into_iter()
				.map(|account| (account, DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig {
			validators: chain.validators.iter().map(|v| v.account.clone()).collect::<Vec<_>>(),
			min_validators: chain.min_validators,
			session_length: chain.session_length,
		},
		session: SessionConfig { keys },
		sudo: SudoConfig { key: Some(chain.root) },
		attribution: pallet_attribution::GenesisConfig { dispute_period: chain.dispute_period },
	})
}

/// A well-known dev validator: the account of `//Name` with the keys `--name` inserts.
pub fn dev_validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> GenesisValidator {
	GenesisValidator {
		account: sr.to_account_id(),
		aura: sr.public().into(),
		grandpa: ed.public().into(),
	}
}

/// Every well-known dev account (Alice .. Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The `dev` preset: Alice is the only validator.
pub fn development_config_genesis() -> Value {
	genesis(ChainGenesis {
		validators: vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		min_validators: 1,
		session_length: DEV_SESSION_LENGTH,
		endowed_accounts: dev_accounts(),
		root: Sr25519Keyring::Alice.to_account_id(),
		dispute_period: Some(DEV_DISPUTE_PERIOD),
	})
}

/// The `local` preset: Alice, Bob, Charlie and Dave validate; GRANDPA finalizes with any
/// three of them.
pub fn local_config_genesis() -> Value {
	genesis(ChainGenesis {
		validators: vec![
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			dev_validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			dev_validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		min_validators: LOCAL_MIN_VALIDATORS,
		session_length: LOCAL_SESSION_LENGTH,
		endowed_accounts: dev_accounts(),
		root: Sr25519Keyring::Alice.to_account_id(),
		dispute_period: None,
	})
}

/// The JSON patch of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(String::into_bytes)
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

/// The whole genesis config of a preset's `patch`: the runtime's default config with the
/// patch merged in, object by object, as the node's genesis builder does.
#[cfg(feature = "std")]
pub fn config_from_patch(patch: Value) -> Result<RuntimeGenesisConfig, String> {
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				}
			}
			(base, patch) => *base = patch,
		}
	}
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default())
		.map_err(|e| format!("the default genesis config does not serialize: {e}"))?;
	merge(&mut config, patch);
	serde_json::from_value(config)
		.map_err(|e| format!("the merged preset is no genesis config: {e}"))
}
