//! Storage migrations of the dataset registry.

/// Version 1 → 2: the records keep their layout (the new `DatanetStatus::Retired` and
/// `ContributionStatus::Flagged` variants come last); what version 2 adds is derived from
/// them:
///
/// - `PendingContributions` is counted from the pending contributions, so that reviewing or
///   withdrawing them keeps working and a datanet with pending ones cannot retire;
/// - a contribution version 1 flagged as malicious was stored as `Rejected` with its hash
///   still indexed at it (version 1 freed the hash of every other rejection): it becomes
///   `Flagged`;
/// - a rejected contribution whose hash no one holds gets it back (the earliest such
///   registration of the hash), so only its owner may register it again. A hash that
///   someone else registered after a version 1 rejection stays theirs: that cannot be
///   undone, and `try_state` reports it.
///
/// `ModelUses` is counted by the model registry's own migration (through `DatanetUsage`);
/// this one leaves it alone, so the two may run in either order. No deposit changes: no
/// account is charged by a migration. Reads every contribution once: run it while the
/// registry is small.
///
/// It reads and writes the storage layout of this code. The later layout change of the
/// contribution records (`Identity`/`Blake2_128` hashers and compact numbers, to bring a
/// contribution's state from 362 to at most 256 bytes) came with no migration, as no chain
/// held contributions in the old layout: on such state this migration would misread it.
pub mod v2 {
	use alloc::collections::btree_map::BTreeMap;
	use codec::Compact;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use tributary_primitives::{ContentHash, ContributionId, ContributionStatus, DatanetId};

	use crate::{Config, ContributionByHash, Contributions, Pallet, PendingContributions};

	/// The migration without its version guard; use [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let mut pending: BTreeMap<DatanetId, u64> = BTreeMap::new();
			let mut flagged: alloc::vec::Vec<ContributionId> = alloc::vec::Vec::new();
			let mut unbound: BTreeMap<ContentHash, ContributionId> = BTreeMap::new();
			for (id, c) in Contributions::<T>::iter() {
				reads = reads.saturating_add(1);
				match c.status {
					ContributionStatus::Pending => {
						let count = pending.entry(c.datanet).or_default();
						*count = count.saturating_add(1);
					}
					ContributionStatus::Rejected => {
						reads = reads.saturating_add(1);
						match ContributionByHash::<T>::get(c.content_hash) {
							Some(Compact(indexed)) if indexed == id => flagged.push(id),
							Some(_) => {}
							None => {
								let first = unbound.entry(c.content_hash).or_insert(id);
								*first = (*first).min(id);
							}
						}
					}
					ContributionStatus::Accepted
					| ContributionStatus::Withdrawn
					| ContributionStatus::Flagged => {}
				}
			}
			for (datanet, count) in pending {
				PendingContributions::<T>::insert(datanet, count);
				writes = writes.saturating_add(1);
			}
			for id in flagged {
				Contributions::<T>::mutate(id, |c| {
					if let Some(c) = c {
						c.status = ContributionStatus::Flagged;
					}
				});
				writes = writes.saturating_add(1);
			}
			for (hash, id) in unbound {
				ContributionByHash::<T>::insert(hash, Compact(id));
				writes = writes.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Contributions::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(Contributions::<T>::iter_keys().count() as u64 == before, "contributions lost");
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 1 → 2, run once: checks the on-chain storage version, then bumps it.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
