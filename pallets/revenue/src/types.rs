//! SCALE types of revenue splitting.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::*;

/// A balance in plancks (10^-12 TRIB).
pub type Balance = u128;

/// What an account earned, by role, and what it has claimed.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct EarningsStats {
	/// Earned as a data contributor: attributed shares plus settled pool shares.
	pub as_contributor: Balance,
	/// Earned as a model developer.
	pub as_developer: Balance,
	/// Earned as an inference operator.
	pub as_operator: Balance,
	/// Paid out by `claim`.
	pub claimed: Balance,
}

/// Chain-wide money flow, for the conservation invariant
/// `fees_in == claimed + Σ claimable + Σ pool balances + to_treasury`.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct MoneyFlow {
	/// Every fee paid.
	pub fees_in: Balance,
	/// Every claim paid out.
	pub claimed: Balance,
	/// Sent to the treasury: cuts and rounding remainders.
	pub to_treasury: Balance,
}
