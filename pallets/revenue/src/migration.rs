//! Storage migrations of `pallet-revenue`.

/// Version 2: every pool gets a `PoolLiability`.
pub mod v2 {
	use crate::{Config, Liability, Pallet, PoolBalance, PoolLiability};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Gives every existing pool a liability equal to its whole balance. Under version 1 a
	/// pool kept, of each payment, the exact liability it added rounded up, so its balance is
	/// at least its exact liability: taking the balance as the liability is conservative
	/// (every contribution can still be paid its exact share) and makes the new invariant
	/// `PoolBalance == ceil(PoolLiability)` hold at once. Dust already in a pool stays there;
	/// no new dust accrues. O(D) in the datanets with a pool.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut pools = 0u64;
			for (datanet, balance) in PoolBalance::<T>::iter() {
				PoolLiability::<T>::insert(datanet, Liability { plancks: balance, fraction: 0 });
				pools = pools.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(pools, pools)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// The migration from version 1 to 2, run once.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
