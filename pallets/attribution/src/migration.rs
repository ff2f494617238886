//! Storage migrations of the attribution pallet.

/// Version 1 → 2: an attestor's seat records what it answers for (`AttestorInfo`, was its
/// bond alone), and every training record says whether an attestor signed it
/// (`TrainingRecord::by_attestor`). Attestors that were seated stay bonded, with the same
/// bond held; no account is charged or released by the migration. `ApprovedAttestors` and
/// `ModelAttestors` are new in version 2 (empty after the migration: owners name their
/// attestors again).
pub mod v2 {
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_core::H256;
	use sp_runtime::{traits::Saturating, Perbill};
	use tributary_primitives::{DatanetId, ModelId, ModelVersion};

	use crate::{
		AttestorInfo, AttestorStatus, Attestors, AttributionMethod, Balance, Config, DisputeTarget,
		Disputes, Pallet, TrainingRecord, TrainingRecords,
	};

	/// The layouts of version 1.
	pub mod v1 {
		use super::*;

		/// A training record as version 1 stored it (no `by_attestor`).
		#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		#[scale_info(skip_type_params(T))]
		pub struct OldTrainingRecord<T: Config> {
			pub submitter: T::AccountId,
			pub influences: BoundedVec<(DatanetId, Perbill), T::MaxTrainingDatanets>,
			pub contributions_root: Option<H256>,
			pub method: AttributionMethod,
			pub recorded_at: BlockNumberFor<T>,
			pub deposit: Balance,
			pub disputed: bool,
		}

		/// `Attestors` in the version 1 layout: the bond of each attestor.
		#[storage_alias]
		pub type Attestors<T: Config> = StorageMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Balance,
			OptionQuery,
		>;

		/// `TrainingRecords` in the version 1 layout.
		#[storage_alias]
		pub type TrainingRecords<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ModelId,
			Twox64Concat,
			ModelVersion,
			OldTrainingRecord<T>,
			OptionQuery,
		>;
	}

	/// The migration without its version guard; use [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		/// A record counts as an attestor's when its submitter holds a seat (version 1 let
		/// any attestor sign any record and slashed a seated submitter for an upheld
		/// dispute, owner or not; the owner at record time is not stored): the attestor then
		/// answers for it until its dispute window closes, and for every open dispute.
		/// Reads every attestor, training record and open dispute once.
		fn on_runtime_upgrade() -> Weight {
			let bonds: BTreeMap<T::AccountId, Balance> = v1::Attestors::<T>::iter().collect();
			let (mut reads, mut writes) = (bonds.len() as u64, 0u64);
			let mut accountable: BTreeMap<T::AccountId, BlockNumberFor<T>> = BTreeMap::new();
			let old: Vec<_> = v1::TrainingRecords::<T>::iter().collect();
			for (model, version, record) in old {
				reads = reads.saturating_add(2);
				let by_attestor = bonds.contains_key(&record.submitter);
				if by_attestor {
					let window_end =
						record.recorded_at.saturating_add(crate::DisputePeriod::<T>::get());
					let until = accountable.entry(record.submitter.clone()).or_default();
					*until = (*until).max(window_end);
				}
				TrainingRecords::<T>::insert(
					model,
					version,
					TrainingRecord {
						submitter: record.submitter,
						influences: record.influences,
						contributions_root: record.contributions_root,
						method: record.method,
						recorded_at: record.recorded_at,
						deposit: record.deposit,
						disputed: record.disputed,
						by_attestor,
					},
				);
				writes = writes.saturating_add(1);
			}
			let mut open: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			for (_, dispute) in Disputes::<T>::iter() {
				reads = reads.saturating_add(2);
				if let DisputeTarget::Training(model, version) = dispute.target {
					if let Some(record) = TrainingRecords::<T>::get(model, version) {
						if record.by_attestor {
							let count = open.entry(record.submitter).or_default();
							*count = count.saturating_add(1);
						}
					}
				}
			}
			for (who, bond) in bonds {
				let seat = AttestorInfo {
					bond,
					status: AttestorStatus::Bonded,
					accountable_until: accountable.get(&who).copied().unwrap_or_default(),
					open_disputes: open.get(&who).copied().unwrap_or_default(),
				};
				Attestors::<T>::insert(who, seat);
				writes = writes.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let attestors = v1::Attestors::<T>::iter_keys().count() as u32;
			let records = v1::TrainingRecords::<T>::iter_keys().count() as u32;
			Ok((attestors, records).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (attestors, records) = <(u32, u32)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(Attestors::<T>::iter().count() as u32 == attestors, "attestors lost");
			ensure!(TrainingRecords::<T>::iter().count() as u32 == records, "records lost");
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
