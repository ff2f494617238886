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

/// A pool's exact outstanding liability: the sum, over the contributions of the datanet, of
/// what each is entitled to and has not been paid, counted exactly (in plancks plus a
/// fraction of a planck in units of 10^-18, the resolution of the `FixedU128` reward
/// counters). Each payment into a version adds `increment × total_weight` of that version;
/// each settlement takes off what it paid. Split in two so it cannot overflow however large
/// the pool.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Liability {
	/// Whole plancks.
	pub plancks: Balance,
	/// The fraction of a planck, in 10^-18 planck (always below 10^18).
	pub fraction: u64,
}

impl Liability {
	/// The liability rounded up to whole plancks: all a pool ever needs to hold.
	pub fn ceil(&self) -> Balance {
		self.plancks.saturating_add(Balance::from(self.fraction > 0))
	}
}
