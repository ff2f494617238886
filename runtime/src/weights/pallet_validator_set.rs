//! PROVISIONAL: replaced by `scripts/bench-weights.sh` output before commit.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_validator_set::WeightInfo for WeightInfo<T> {
	fn add_validator() -> Weight {
		T::DbWeight::get().reads_writes(3, 2)
	}
	fn remove_validator() -> Weight {
		T::DbWeight::get().reads_writes(2, 2)
	}
	fn set_session_length() -> Weight {
		T::DbWeight::get().writes(1)
	}
	fn set_min_validators() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}
	fn on_offence(n: u32) -> Weight {
		T::DbWeight::get().reads_writes(4, 3).saturating_mul(n.into())
	}
	fn session_check() -> Weight {
		T::DbWeight::get().reads(2)
	}
}
