//! SCALE types of revenue splitting.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
};

/// A balance in plancks (10^-12 TRIB): the chain's.
pub use tributary_primitives::Balance;

/// What an account earned, by role, and what it has claimed: what it may claim is the
/// difference (`EarningsStats::claimable`), so crediting a role is one write.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct EarningsStats {
	/// Earned as a data contributor: attributed shares plus settled pool shares.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub as_contributor: Balance,
	/// Earned as a model developer.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub as_developer: Balance,
	/// Earned as an inference operator.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub as_operator: Balance,
	/// Paid out by `claim`.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub claimed: Balance,
}

impl EarningsStats {
	/// Everything earned in every role.
	pub fn earned(&self) -> Balance {
		self.as_contributor.saturating_add(self.as_developer).saturating_add(self.as_operator)
	}

	/// Earned and not yet paid out.
	pub fn claimable(&self) -> Balance {
		self.earned().saturating_sub(self.claimed)
	}
}

/// One contribution's revenue, in one record: what a payment that attributes it writes
/// (once), and what settling it reads and writes.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ContributionAccount {
	/// Earned in all: attributed shares plus settled pool shares (forfeited ones excluded).
	#[codec(compact)]
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub earned: Balance,
	/// Attributed shares not yet credited to the owner: they move to the owner's earnings
	/// when the contribution is next settled (by a claim, or when it is flagged or
	/// withdrawn).
	#[codec(compact)]
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub unsettled: Balance,
	/// The summed reward per weight (`FixedU128` inner) its pool share was last settled at.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub settled_reward_per_weight: u128,
	/// How many inferences attributed it: the length of its usage list.
	#[codec(compact)]
	pub attributed: u32,
}

/// A datanet's reward pool: what it holds, what it owes exactly, and the reward-per-weight
/// totals of its pages of versions (see `rewards`).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxPages))]
pub struct Pool<MaxPages: Get<u32>> {
	/// Money held for the datanet's contributions and not settled to them yet: always
	/// `liability` rounded up (everything above is swept to the treasury as it arrives).
	pub balance: Balance,
	/// What the pool owes its contributions, exactly.
	pub liability: Liability,
	/// For each page of `VERSIONS_PER_PAGE` versions, the reward per weight (`FixedU128`
	/// inner) paid into its versions in all; as long as the highest page paid into.
	pub page_totals: BoundedVec<u128, MaxPages>,
}

/// Chain-wide money flow, for the conservation invariant
/// `fees_in == claimed + Σ claimable + Σ unsettled + Σ pool balances + to_treasury +
/// treasury_due`.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct MoneyFlow {
	/// Every fee paid.
	pub fees_in: Balance,
	/// Every claim paid out.
	pub claimed: Balance,
	/// Sent to the treasury: cuts, rounding remainders and forfeited pool shares.
	pub to_treasury: Balance,
	/// Owed to the treasury and still in the revenue account: payments add their treasury
	/// part here (no treasury write per payment); `on_idle` sends it on.
	pub treasury_due: Balance,
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
