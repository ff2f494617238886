//! How Tributary's records read as JSON (`serde`, std only): the `serialize_with` helpers the
//! records' `Serialize` derives name for the fields whose plain serde form would not read
//! well. Everything else is serde's own form: field names in camelCase, hashes as `0x` hex,
//! accounts in SS58, `Perbill`s as parts per billion, unit enum variants by name.
//!
//! - Balances and other 128-bit amounts are decimal strings: JSON numbers lose precision past
//!   2^53 in most clients.
//! - Names, URIs and metadata are UTF-8 text (invalid bytes replaced), not byte arrays.
//! - Lists of pairs are lists of objects that name both parts, e.g. `{ "contribution": 7,
//!   "weight": 250000000 }`, not two-element arrays.
//! - Compact-encoded optional counters are plain numbers or `null`.
//!
//! ```
//! use serde::Serialize;
//! use sp_arithmetic::Perbill;
//! use tributary_primitives::json;
//!
//! #[derive(Serialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Example {
//!     #[serde(serialize_with = "json::balance")]
//!     fee: u128,
//!     #[serde(serialize_with = "json::text")]
//!     uri: Vec<u8>,
//!     #[serde(serialize_with = "json::contribution_weights")]
//!     attributions: Vec<(u64, Perbill)>,
//! }
//!
//! let example = Example {
//!     fee: u128::MAX,
//!     uri: b"ipfs://x".to_vec(),
//!     attributions: vec![(7, Perbill::from_percent(25))],
//! };
//! assert_eq!(
//!     serde_json::to_string(&example)?,
//!     r#"{"fee":"340282366920938463463374607431768211455","uri":"ipfs://x","#.to_owned() +
//!         r#""attributions":[{"contribution":7,"weight":250000000}]}"#,
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

use alloc::string::{String, ToString};
use codec::Compact;
use core::fmt::Display;
use serde::{ser::SerializeSeq, Serialize, Serializer};
use sp_arithmetic::Perbill;

use crate::types::{ContributionId, DatanetId, DatanetVersion};

/// A balance (or any 128-bit amount) as a decimal string.
pub fn balance<B: Display, S: Serializer>(amount: &B, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&amount.to_string())
}

/// Bytes as UTF-8 text, invalid sequences replaced by U+FFFD.
pub fn text<T: AsRef<[u8]>, S: Serializer>(bytes: &T, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&String::from_utf8_lossy(bytes.as_ref()))
}

/// An optional compact-encoded number as a number or `null`.
pub fn compact<N: Copy + Serialize, S: Serializer>(
	value: &Option<Compact<N>>,
	serializer: S,
) -> Result<S::Ok, S::Error> {
	value.map(|Compact(n)| n).serialize(serializer)
}

/// Writes `items` as a JSON array of what `object` makes of each.
fn list<'a, T: 'a, O: Serialize, S: Serializer>(
	items: impl IntoIterator<Item = &'a T>,
	object: impl Fn(&'a T) -> O,
	serializer: S,
) -> Result<S::Ok, S::Error> {
	let mut seq = serializer.serialize_seq(None)?;
	for item in items {
		seq.serialize_element(&object(item))?;
	}
	seq.end()
}

#[derive(Serialize)]
struct ContributionWeight {
	contribution: ContributionId,
	weight: Perbill,
}

#[derive(Serialize)]
struct DatanetWeight {
	datanet: DatanetId,
	weight: Perbill,
}

#[derive(Serialize)]
struct DatanetVersionRef {
	datanet: DatanetId,
	version: DatanetVersion,
}

#[derive(Serialize)]
struct ContributionAmount {
	contribution: ContributionId,
	amount: String,
}

#[derive(Serialize)]
struct PoolAmount {
	datanet: DatanetId,
	version: DatanetVersion,
	amount: String,
}

/// Attributions `(contribution, weight)` as `[{ "contribution", "weight" }]`.
pub fn contribution_weights<L, S>(entries: &L, serializer: S) -> Result<S::Ok, S::Error>
where
	L: AsRef<[(ContributionId, Perbill)]>,
	S: Serializer,
{
	list(
		entries.as_ref(),
		|&(contribution, weight)| ContributionWeight { contribution, weight },
		serializer,
	)
}

/// Optional per-datanet weights `(datanet, weight)` as `[{ "datanet", "weight" }]` or `null`.
pub fn datanet_weights<L, S>(entries: &Option<L>, serializer: S) -> Result<S::Ok, S::Error>
where
	L: AsRef<[(DatanetId, Perbill)]>,
	S: Serializer,
{
	match entries {
		None => serializer.serialize_none(),
		Some(entries) => list(
			entries.as_ref(),
			|&(datanet, weight)| DatanetWeight { datanet, weight },
			serializer,
		),
	}
}

/// Datanet versions `(datanet, version)` as `[{ "datanet", "version" }]`.
pub fn datanet_versions<L, S>(entries: &L, serializer: S) -> Result<S::Ok, S::Error>
where
	L: AsRef<[(DatanetId, DatanetVersion)]>,
	S: Serializer,
{
	list(entries.as_ref(), |&(datanet, version)| DatanetVersionRef { datanet, version }, serializer)
}

/// Amounts per contribution as `[{ "contribution", "amount" }]`, amounts as strings.
pub fn contribution_amounts<L, B, S>(entries: &L, serializer: S) -> Result<S::Ok, S::Error>
where
	L: AsRef<[(ContributionId, B)]>,
	B: Display,
	S: Serializer,
{
	list(
		entries.as_ref(),
		|(contribution, amount)| ContributionAmount {
			contribution: *contribution,
			amount: amount.to_string(),
		},
		serializer,
	)
}

/// Amounts per datanet version as `[{ "datanet", "version", "amount" }]`, amounts as strings.
pub fn pool_amounts<L, B, S>(entries: &L, serializer: S) -> Result<S::Ok, S::Error>
where
	L: AsRef<[(DatanetId, DatanetVersion, B)]>,
	B: Display,
	S: Serializer,
{
	list(
		entries.as_ref(),
		|(datanet, version, amount)| PoolAmount {
			datanet: *datanet,
			version: *version,
			amount: amount.to_string(),
		},
		serializer,
	)
}
