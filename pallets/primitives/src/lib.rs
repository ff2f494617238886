//! # Tributary primitives
//!
//! What Tributary's pallets share: ids, the SCALE types they exchange, the traits through
//! which each pallet sees the others (so each is tested alone with a mock), the Merkle
//! scheme of datanet versions, the two-step transfer of deposit-bearing records
//! ([`transfer`]), the weight checks of every pallet's `integrity_test` ([`integrity`]), the
//! chain's account, balance and block-number types, what the pallets' test runtimes share
//! ([`testing`], std only), and the `AttributionApi` runtime API declaration.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
	test,
	allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used)
)]

extern crate alloc;

pub mod api;
pub mod integrity;
#[cfg(feature = "std")]
pub mod json;
pub mod merkle;
#[cfg(feature = "std")]
pub mod testing;
pub mod traits;
pub mod transfer;
pub mod types;

pub use traits::*;
pub use types::*;
