//! Storage migrations of the model registry.

/// Version 1 → 2: every model counts the models derived from it (`derived_models`), every
/// version stores the datanets it draws on along its lineage (`lineage_datanets`), and the
/// dataset registry is told of every version's training datanets (`DatanetUsage`).
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
	use tributary_primitives::{
		DatanetId, DatanetUsage, DatanetVersion, DeclaredUses, ModelId, ModelStatus, ModelVersion,
		RevenueSplit,
	};

	use crate::{
		BalanceOf, Config, LineageDatanetsOf, Model, ModelVersionInfo, ModelVersions, Models,
		Pallet,
	};

	/// The layouts of version 1.
	pub mod v1 {
		use super::*;

		/// A model as version 1 stored it (no `derived_models`).
		#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		#[scale_info(skip_type_params(T))]
		pub struct OldModel<T: Config> {
			pub owner: T::AccountId,
			pub name: crate::NameOf<T>,
			pub metadata_uri: crate::UriOf<T>,
			pub base_model: Option<ModelId>,
			pub lineage_depth: u32,
			pub uses: DeclaredUses,
			pub price: BalanceOf<T>,
			pub split: RevenueSplit,
			pub status: ModelStatus,
			pub operators: BoundedVec<T::AccountId, T::MaxOperators>,
			pub latest_version: ModelVersion,
			pub deposit: BalanceOf<T>,
			pub created_at: BlockNumberFor<T>,
		}

		/// A model version as version 1 stored it (no `lineage_datanets`).
		#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
		#[scale_info(skip_type_params(T))]
		pub struct OldModelVersion<T: Config> {
			pub artifact_hash: H256,
			pub training_data: BoundedVec<(DatanetId, DatanetVersion), T::MaxTrainingDatanets>,
			pub created_at: BlockNumberFor<T>,
		}

		/// `Models` in the version 1 layout.
		#[storage_alias]
		pub type Models<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, ModelId, OldModel<T>, OptionQuery>;

		/// `ModelVersions` in the version 1 layout.
		#[storage_alias]
		pub type ModelVersions<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			ModelId,
			Twox64Concat,
			ModelVersion,
			OldModelVersion<T>,
			OptionQuery,
		>;
	}

	/// The migration without its version guard; use [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		/// Rewrites every model and version, bases before their derivatives (a base has the
		/// smaller id), so each version inherits its base's already-migrated list. Deposits
		/// stay as they were: no account is charged by a migration. Reads every model and
		/// version once: run it while the registry is small (it was introduced with the
		/// first release that has models).
		fn on_runtime_upgrade() -> Weight {
			let old: BTreeMap<ModelId, v1::OldModel<T>> = v1::Models::<T>::iter().collect();
			let mut derived: BTreeMap<ModelId, u32> = BTreeMap::new();
			for model in old.values() {
				if let Some(base) = model.base_model {
					let count = derived.entry(base).or_default();
					*count = count.saturating_add(1);
				}
			}
			let (mut reads, mut writes) = (old.len() as u64, 0u64);
			for (id, model) in old {
				let inherited: Vec<DatanetId> = model
					.base_model
					.and_then(|base| {
						let latest = Models::<T>::get(base)?.latest_version;
						ModelVersions::<T>::get(base, latest)
					})
					.map(|version| version.lineage_datanets.into_inner())
					.unwrap_or_default();
				reads = reads.saturating_add(2);
				for number in 1..=model.latest_version {
					let Some(version) = v1::ModelVersions::<T>::get(id, number) else { continue };
					for (datanet, _) in version.training_data.iter() {
						// A registry that refuses to count a use of a datanet that already
						// has it can do nothing better than keep its count: go on.
						if T::DatanetUsage::note_used(*datanet).is_ok() {
							writes = writes.saturating_add(1);
						}
						reads = reads.saturating_add(1);
					}
					let lineage_datanets = lineage_or_truncated::<T>(&version, &inherited);
					ModelVersions::<T>::insert(
						id,
						number,
						ModelVersionInfo {
							artifact_hash: version.artifact_hash,
							training_data: version.training_data,
							created_at: version.created_at,
							lineage_datanets,
						},
					);
					reads = reads.saturating_add(1);
					writes = writes.saturating_add(1);
				}
				Models::<T>::insert(
					id,
					Model {
						owner: model.owner,
						name: model.name,
						metadata_uri: model.metadata_uri,
						base_model: model.base_model,
						lineage_depth: model.lineage_depth,
						uses: model.uses,
						price: model.price,
						split: model.split,
						status: model.status,
						operators: model.operators,
						latest_version: model.latest_version,
						deposit: model.deposit,
						created_at: model.created_at,
						derived_models: derived.get(&id).copied().unwrap_or_default(),
					},
				);
				writes = writes.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v1::Models::<T>::iter_keys().count() as u32).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u32::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(Models::<T>::iter_keys().count() as u32 == before, "models lost");
			Pallet::<T>::do_try_state()
		}
	}

	/// The version's lineage list; cut at `MaxLineageDatanets` if a version registered
	/// before the bound existed draws on more (its own training data always fit).
	fn lineage_or_truncated<T: Config>(
		version: &v1::OldModelVersion<T>,
		inherited: &[DatanetId],
	) -> LineageDatanetsOf<T> {
		Pallet::<T>::lineage_datanets(&version.training_data, inherited).unwrap_or_else(|_| {
			let mut list: Vec<DatanetId> = Vec::new();
			for datanet in version.training_data.iter().map(|(d, _)| d).chain(inherited) {
				if !list.contains(datanet) {
					list.push(*datanet);
				}
			}
			BoundedVec::truncate_from(list)
		})
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
