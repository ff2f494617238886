//! # Tributary primitives
//!
//! What Tributary's pallets share: ids, the SCALE types they exchange, the traits through
//! which each pallet sees the others (so each is tested alone with a mock), the Merkle
//! scheme of datanet versions, and the `AttributionApi` runtime API declaration.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
	test,
	allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used)
)]

extern crate alloc;

pub mod api;
#[cfg(feature = "std")]
pub mod json;
pub mod merkle;
pub mod traits;
pub mod types;

pub use traits::*;
pub use types::*;
