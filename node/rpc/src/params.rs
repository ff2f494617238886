//! Parameter checks of the `attribution_` methods.
//!
//! Every parameter is bounded, and checked on its raw JSON text before anything is decoded
//! or any runtime API is called: a number is at most as many digits as its type allows, a hash
//! is exactly `0x` and 64 hex digits, an address at most [`MAX_ACCOUNT_LEN`] base58
//! characters, a page or an attribution list at most a few kilobytes of JSON. A request that
//! breaks a bound is refused with [`INVALID_PARAMS`] and a message naming the parameter and
//! its limit, in time linear in the request's size and independent of how the JSON nests. The
//! same holds for the parameter list: too many positional parameters, an unknown or repeated
//! named parameter and a missing required one are refused by name.

use std::cell::Cell;

use jsonrpsee::types::{error::ErrorObjectOwned, ErrorObject};
use serde::de::{self, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::{json, value::RawValue};
use sp_core::{crypto::Ss58Codec, H256};
use sp_runtime::AccountId32;

use crate::{AttributionParam, Page};

/// Invalid method parameters (JSON-RPC 2.0).
pub const INVALID_PARAMS: i32 = -32602;

/// The longest SS58 address of a 32-byte account: 49 base58 characters (two-byte prefixes,
/// 64..=16383; one-byte prefixes give at most 48).
pub const MAX_ACCOUNT_LEN: usize = 49;
/// A hash: `0x` and 64 hex digits, exactly.
pub const HASH_LEN: usize = 66;
/// The digits of `u128::MAX` (340282366920938463463374607431768211455): the longest fee.
pub const MAX_FEE_DIGITS: usize = 39;
/// The most attributions a fee preview takes: the runtime's `MaxAttributionsPerInference`.
pub const MAX_ATTRIBUTIONS: usize = 64;
/// The most JSON text an attribution list may take: 128 bytes per entry (an entry with the
/// largest ids is 57).
pub const MAX_ATTRIBUTIONS_LEN: usize = MAX_ATTRIBUTIONS * 128;
/// The most JSON text a page object may take (`{"start":4294967295,"limit":4294967295}` is 40).
pub const MAX_PAGE_LEN: usize = 128;
/// The largest weight of an attribution, in parts per billion (100%).
pub const MAX_WEIGHT: u32 = 1_000_000_000;

/// Echo a refused value only when it is at most this long.
const ECHO_LEN: usize = 40;

/// An invalid-params error.
pub fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS, message.into(), None::<()>)
}

/// An invalid-params error about one parameter, named in the message and in `data.param`.
fn invalid_param(name: &str, message: String) -> ErrorObjectOwned {
	ErrorObject::owned(
		INVALID_PARAMS,
		format!("invalid parameter `{name}`: {message}"),
		Some(json!({ "param": name })),
	)
}

/// What a refused JSON value was, in a few words: the value itself when short, else its
/// kind and size (never the whole value).
pub fn describe(raw: &str) -> String {
	if raw.len() <= ECHO_LEN {
		return format!("`{raw}`");
	}
	match raw.as_bytes().first() {
		Some(b'"') => format!("a string of {} bytes", raw.len().saturating_sub(2)),
		Some(b'[') => format!("an array of {} bytes", raw.len()),
		Some(b'{') => format!("an object of {} bytes", raw.len()),
		_ => format!("a number of {} bytes", raw.len()),
	}
}

/// One parameter of a call, as raw JSON, not decoded yet.
#[derive(Clone, Copy, Debug)]
pub struct Param<'a> {
	/// The parameter's name.
	pub name: &'static str,
	/// Its JSON text, if given.
	pub raw: Option<&'a RawValue>,
}

impl<'a> Param<'a> {
	/// The JSON text of a required parameter.
	fn required(&self) -> Result<&'a str, ErrorObjectOwned> {
		self.raw
			.map(RawValue::get)
			.ok_or_else(|| invalid_params(format!("missing parameter `{}`", self.name)))
	}

	/// The JSON text of an optional parameter (`null` counts as not given).
	fn optional(&self) -> Option<&'a str> {
		self.raw.map(RawValue::get).filter(|raw| *raw != "null")
	}

	fn unsigned<T: std::str::FromStr>(
		&self,
		max_digits: usize,
		max: &str,
	) -> Result<T, ErrorObjectOwned> {
		let raw = self.required()?;
		let digits =
			!raw.is_empty() && raw.len() <= max_digits && raw.bytes().all(|b| b.is_ascii_digit());
		digits.then(|| raw.parse::<T>().ok()).flatten().ok_or_else(|| {
			invalid_param(
				self.name,
				format!("expected an integer from 0 to {max}, got {}", describe(raw)),
			)
		})
	}

	/// A required `u32`: a JSON integer of at most 10 digits, at most 4294967295.
	pub fn u32(&self) -> Result<u32, ErrorObjectOwned> {
		self.unsigned(10, "4294967295")
	}

	/// A required `u64`: a JSON integer of at most 20 digits, at most 18446744073709551615.
	pub fn u64(&self) -> Result<u64, ErrorObjectOwned> {
		self.unsigned(20, "18446744073709551615")
	}

	/// A required 32-byte hash: a JSON string of `0x` and exactly 64 hex digits.
	pub fn hash(&self) -> Result<H256, ErrorObjectOwned> {
		let raw = self.required()?;
		parse_hash(raw).ok_or_else(|| {
			invalid_param(
				self.name,
				format!("expected a 32-byte hash: \"0x\" and 64 hex digits, got {}", describe(raw)),
			)
		})
	}

	/// An optional block hash (`at`): absent or `null` for the best block, else as
	/// [`Self::hash`].
	pub fn at(&self) -> Result<Option<H256>, ErrorObjectOwned> {
		match self.optional() {
			None => Ok(None),
			Some(raw) => parse_hash(raw).map(Some).ok_or_else(|| {
				invalid_param(
					self.name,
					format!(
						"expected a block hash (\"0x\" and 64 hex digits) or null, got {}",
						describe(raw)
					),
				)
			}),
		}
	}

	/// A required SS58 address: a JSON string of at most [`MAX_ACCOUNT_LEN`] base58
	/// characters, decoded only once it is known to be that short (base58 decoding takes
	/// time quadratic in the length).
	pub fn account(&self) -> Result<AccountId32, ErrorObjectOwned> {
		let raw = self.required()?;
		let refuse = |why: String| {
			invalid_param(
				self.name,
				format!("expected an SS58 address of at most {MAX_ACCOUNT_LEN} characters, {why}"),
			)
		};
		// The length first: nothing longer than an address is even scanned.
		if raw.len() > MAX_ACCOUNT_LEN.saturating_add(2) {
			return Err(refuse(format!("got {}", describe(raw))));
		}
		let Some(text) = string_body(raw) else {
			return Err(refuse(format!("got {}", describe(raw))));
		};
		if !text.bytes().all(is_base58) {
			return Err(refuse(format!("got `{text}` (not base58)")));
		}
		AccountId32::from_ss58check(text)
			.map_err(|e| refuse(format!("got `{text}`, which does not decode: {e}")))
	}

	/// A required fee: a JSON string of 1 to [`MAX_FEE_DIGITS`] decimal digits, at most
	/// `u128::MAX` plancks.
	pub fn fee(&self) -> Result<u128, ErrorObjectOwned> {
		let raw = self.required()?;
		Some(raw)
			.filter(|raw| raw.len() <= MAX_FEE_DIGITS.saturating_add(2))
			.and_then(string_body)
			.filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
			.and_then(|t| t.parse::<u128>().ok())
			.ok_or_else(|| {
				invalid_param(
					self.name,
					format!(
						"expected a decimal string of plancks from \"0\" to \"{}\", got {}",
						u128::MAX,
						describe(raw)
					),
				)
			})
	}

	/// An optional page: `{ "start"?: u32, "limit"?: u32 }` in at most [`MAX_PAGE_LEN`] bytes
	/// of JSON, no other fields.
	pub fn page(&self) -> Result<Option<Page>, ErrorObjectOwned> {
		let Some(raw) = self.optional() else { return Ok(None) };
		let expected = "expected {\"start\"?: u32, \"limit\"?: u32}";
		if raw.len() > MAX_PAGE_LEN || !raw.starts_with('{') {
			return Err(invalid_param(
				self.name,
				format!("{expected} in at most {MAX_PAGE_LEN} bytes, got {}", describe(raw)),
			));
		}
		// At most MAX_PAGE_LEN bytes: decoding is cheap and the error message short.
		serde_json::from_str(raw)
			.map(Some)
			.map_err(|e| invalid_param(self.name, format!("{expected}: {e}")))
	}

	/// Optional attributions: an array of at most [`MAX_ATTRIBUTIONS`]
	/// `{ "contribution": u64, "weight": u32 }` (weight at most [`MAX_WEIGHT`]) in at most
	/// [`MAX_ATTRIBUTIONS_LEN`] bytes of JSON. Absent or `null` is the empty list.
	pub fn attributions(&self) -> Result<Vec<AttributionParam>, ErrorObjectOwned> {
		let Some(raw) = self.optional() else { return Ok(Vec::new()) };
		let expected = format!(
			"expected an array of at most {MAX_ATTRIBUTIONS} {{\"contribution\": u64, \"weight\": u32}} \
			 in at most {MAX_ATTRIBUTIONS_LEN} bytes"
		);
		if raw.len() > MAX_ATTRIBUTIONS_LEN || !raw.starts_with('[') {
			return Err(invalid_param(self.name, format!("{expected}, got {}", describe(raw))));
		}
		// At most MAX_ATTRIBUTIONS_LEN bytes, nesting capped by serde_json's recursion limit.
		let list: Vec<AttributionParam> = serde_json::from_str(raw)
			.map_err(|e| invalid_param(self.name, format!("{expected}: {e}")))?;
		if list.len() > MAX_ATTRIBUTIONS {
			return Err(invalid_param(
				self.name,
				format!("{expected}, got {} entries", list.len()),
			));
		}
		if let Some(bad) = list.iter().find(|a| a.weight > MAX_WEIGHT) {
			return Err(invalid_param(
				self.name,
				format!(
					"weight {} of contribution {} exceeds {MAX_WEIGHT} parts per billion",
					bad.weight, bad.contribution
				),
			));
		}
		Ok(list)
	}
}

/// The text of a JSON string without its quotes, if `raw` is a string without escapes.
fn string_body(raw: &str) -> Option<&str> {
	raw.strip_prefix('"')?.strip_suffix('"').filter(|t| !t.contains(['\\', '"']))
}

fn is_base58(b: u8) -> bool {
	b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l')
}

/// `"0x` and 64 hex digits`"` (either case) as a hash.
fn parse_hash(raw: &str) -> Option<H256> {
	if raw.len() != HASH_LEN.saturating_add(2) {
		return None;
	}
	let hex = string_body(raw)?.strip_prefix("0x")?;
	if hex.len() != HASH_LEN.saturating_sub(2) {
		return None;
	}
	let mut bytes = [0u8; 32];
	for (byte, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
		let digit = |c: &u8| (*c as char).to_digit(16);
		let (hi, lo) = match pair {
			[hi, lo] => (digit(hi)?, digit(lo)?),
			_ => return None,
		};
		*byte = u8::try_from(hi.checked_mul(16)?.checked_add(lo)?).ok()?;
	}
	Some(H256(bytes))
}

/// Why a parameter list could not be split.
enum SplitError {
	TooMany,
	Unknown(String),
	Repeated(&'static str),
}

/// Splits a method's parameters (a JSON array by position, or a JSON object by name) into
/// one [`Param`] per name of `names`, without decoding any. Refuses more parameters than
/// `names`, unknown and repeated names, and params that are neither an array nor an object.
/// Every value is only delimited (linear time, no recursion), never decoded.
pub fn split<'a, const N: usize>(
	method: &str,
	names: [&'static str; N],
	params: Option<&'a str>,
) -> Result<[Param<'a>; N], ErrorObjectOwned> {
	let mut out = names.map(|name| Param { name, raw: None });
	let Some(text) = params else { return Ok(out) };
	let signature = || format!("{method}({})", names.join(", "));
	let failure = Cell::new(None);
	let mut de = serde_json::Deserializer::from_str(text);
	let visitor = Slots { slots: &mut out, failure: &failure };
	match de.deserialize_any(visitor) {
		Ok(()) => Ok(out),
		Err(_) => Err(invalid_params(match failure.take() {
			Some(SplitError::TooMany) => {
				format!("too many parameters: {} takes at most {N}", signature())
			}
			Some(SplitError::Unknown(name)) => {
				format!("unknown parameter {name:?}: {} takes only these", signature())
			}
			Some(SplitError::Repeated(name)) => format!("parameter `{name}` given twice"),
			None => format!("params must be an array or an object: {}", signature()),
		})),
	}
}

/// Fills the slots from a JSON array or object, noting why it stopped if it fails.
struct Slots<'s, 'a, const N: usize> {
	slots: &'s mut [Param<'a>; N],
	failure: &'s Cell<Option<SplitError>>,
}

/// Notes why splitting stopped; the error serde carries up is only a placeholder.
fn fail<E: de::Error>(failure: &Cell<Option<SplitError>>, why: SplitError) -> E {
	failure.set(Some(why));
	E::custom("invalid parameters")
}

impl<'de: 'a, 's, 'a, const N: usize> Visitor<'de> for Slots<'s, 'a, N> {
	type Value = ();

	fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		f.write_str("an array or an object of parameters")
	}

	fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
		for slot in self.slots.iter_mut() {
			match seq.next_element::<&'de RawValue>()? {
				Some(raw) => slot.raw = Some(raw),
				None => return Ok(()),
			}
		}
		match seq.next_element::<&'de RawValue>()? {
			Some(_) => Err(fail(self.failure, SplitError::TooMany)),
			None => Ok(()),
		}
	}

	fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
		while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
			let Some(slot) = self.slots.iter_mut().find(|s| s.name == key) else {
				let name = key.chars().take(ECHO_LEN).collect();
				return Err(fail(self.failure, SplitError::Unknown(name)));
			};
			if slot.raw.is_some() {
				return Err(fail(self.failure, SplitError::Repeated(slot.name)));
			}
			slot.raw = Some(map.next_value::<&'de RawValue>()?);
		}
		Ok(())
	}
}
