//! The rules of the model registry, behind the thin dispatchables in `lib.rs`.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};
use tributary_primitives::{
	DatanetsInspect, DeclaredUses, LicenseTerm, ModelId, ModelStatus, ModelVersion, RevenueSplit,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The deposit for a record of `bytes` bytes: `DepositBase + bytes × DepositPerByte`.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		tributary_primitives::record_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// Checks training data against the dataset registry: at least one entry, one version
	/// per datanet, every version published, every license admitting the declared uses.
	pub fn check_training_data(
		training_data: &TrainingDataOf<T>,
		uses: &DeclaredUses,
		derivative: bool,
	) -> DispatchResult {
		ensure!(!training_data.is_empty(), Error::<T>::NoTrainingData);
		let now = frame_system::Pallet::<T>::block_number();
		for (index, (datanet, version)) in training_data.iter().enumerate() {
			let entry = index as u8;
			ensure!(
				!training_data.iter().take(index).any(|(earlier, _)| earlier == datanet),
				Error::<T>::DuplicateDatanet { entry }
			);
			ensure!(
				T::Datanets::version(*datanet, *version).is_some(),
				Error::<T>::UnknownTrainingData { entry }
			);
			let license =
				T::Datanets::license(*datanet).ok_or(Error::<T>::UnknownTrainingData { entry })?;
			if let Some(term) = license.first_violation(uses, derivative, &now) {
				return Err(match term {
					LicenseTerm::Train => Error::<T>::LicenseForbidsTraining { entry },
					LicenseTerm::FineTune => Error::<T>::LicenseForbidsFineTuning { entry },
					LicenseTerm::Retrieval => Error::<T>::LicenseForbidsRetrieval { entry },
					LicenseTerm::Commercial => Error::<T>::LicenseForbidsCommercialUse { entry },
					LicenseTerm::Derivatives => Error::<T>::LicenseForbidsDerivatives { entry },
					LicenseTerm::Expired => Error::<T>::LicenseExpired { entry },
				}
				.into());
			}
		}
		Ok(())
	}

	fn ensure_owner(who: &T::AccountId, model: ModelId) -> Result<ModelOf<T>, DispatchError> {
		let record = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(&record.owner == who, Error::<T>::NotOwner);
		ensure!(record.status != ModelStatus::Retired, Error::<T>::ModelRetired);
		Ok(record)
	}

	/// Applies `change` to a model the caller owns and emits the event it returns.
	pub(crate) fn mutate_owned(
		who: T::AccountId,
		model: ModelId,
		change: impl FnOnce(&mut ModelOf<T>) -> Result<Event<T>, DispatchError>,
	) -> DispatchResult {
		let mut record = Self::ensure_owner(&who, model)?;
		let event = change(&mut record)?;
		Models::<T>::insert(model, record);
		Self::deposit_event(event);
		Ok(())
	}

	/// Registers a model; returns its id.
	pub fn do_register_model(
		owner: T::AccountId,
		name: NameOf<T>,
		metadata_uri: UriOf<T>,
		artifact_hash: H256,
		base_model: Option<ModelId>,
		training_data: TrainingDataOf<T>,
		uses: DeclaredUses,
		price: BalanceOf<T>,
		split: RevenueSplit,
	) -> Result<ModelId, DispatchError> {
		ensure!(split.is_complete(T::TreasuryCut::get()), Error::<T>::SplitNotComplete);
		let lineage_depth = match base_model {
			Some(base) => {
				let base = Models::<T>::get(base).ok_or(Error::<T>::UnknownBaseModel)?;
				let depth = base.lineage_depth.checked_add(1).ok_or(Error::<T>::Overflow)?;
				ensure!(depth <= T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
				depth
			}
			None => 0,
		};
		Self::check_training_data(&training_data, &uses, base_model.is_some())?;

		let model = NextModelId::<T>::get();
		let next = model.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let now = frame_system::Pallet::<T>::block_number();
		let version = ModelVersionInfo { artifact_hash, training_data, created_at: now };
		let mut record = Model {
			owner: owner.clone(),
			name,
			metadata_uri,
			base_model,
			lineage_depth,
			uses,
			price,
			split,
			status: ModelStatus::Active,
			operators: Default::default(),
			latest_version: 1,
			deposit: Zero::zero(),
			created_at: now,
		};
		let deposit =
			Self::deposit_for(record.encoded_size().saturating_add(version.encoded_size()));
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)?;
		record.deposit = deposit;

		Models::<T>::insert(model, record);
		ModelVersions::<T>::insert(model, 1, version);
		NextModelId::<T>::put(next);
		Self::deposit_event(Event::ModelRegistered { model, owner, base_model });
		Self::deposit_event(Event::VersionAdded { model, version: 1, artifact_hash });
		Ok(model)
	}

	/// Adds a version; returns its number.
	pub fn do_add_version(
		who: T::AccountId,
		model: ModelId,
		artifact_hash: H256,
		training_data: TrainingDataOf<T>,
	) -> Result<ModelVersion, DispatchError> {
		let mut record = Self::ensure_owner(&who, model)?;
		ensure!(record.latest_version < T::MaxModelVersions::get(), Error::<T>::TooManyVersions);
		Self::check_training_data(&training_data, &record.uses, record.base_model.is_some())?;
		let version = record.latest_version.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let info = ModelVersionInfo {
			artifact_hash,
			training_data,
			created_at: frame_system::Pallet::<T>::block_number(),
		};
		let deposit = Self::deposit_for(info.encoded_size());
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &who, deposit)?;
		record.deposit = record.deposit.saturating_add(deposit);
		record.latest_version = version;
		Models::<T>::insert(model, record);
		ModelVersions::<T>::insert(model, version, info);
		Self::deposit_event(Event::VersionAdded { model, version, artifact_hash });
		Ok(version)
	}

	pub(crate) fn do_set_status(
		who: T::AccountId,
		model: ModelId,
		status: ModelStatus,
	) -> DispatchResult {
		Self::mutate_owned(who, model, |m| {
			ensure!(m.status != status, Error::<T>::SameStatus);
			m.status = status;
			Ok(Event::StatusChanged { model, status })
		})
	}

	pub(crate) fn do_update_metadata(
		who: T::AccountId,
		model: ModelId,
		metadata_uri: UriOf<T>,
	) -> DispatchResult {
		let mut record = Self::ensure_owner(&who, model)?;
		let old_bytes = record.metadata_uri.len();
		let new_bytes = metadata_uri.len();
		record.metadata_uri = metadata_uri;
		// Only the URI's length changes the record's size.
		let reason = HoldReason::ModelDeposit.into();
		let per_byte = T::DepositPerByte::get();
		if new_bytes > old_bytes {
			let more = per_byte.saturating_mul((new_bytes.saturating_sub(old_bytes) as u32).into());
			T::Currency::hold(&reason, &who, more)?;
			record.deposit = record.deposit.saturating_add(more);
		} else {
			let less = per_byte.saturating_mul((old_bytes.saturating_sub(new_bytes) as u32).into());
			let less = less.min(record.deposit);
			T::Currency::release(&reason, &who, less, Precision::Exact)?;
			record.deposit = record.deposit.saturating_sub(less);
		}
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::MetadataUpdated { model });
		Ok(())
	}

	pub(crate) fn do_transfer_ownership(
		who: T::AccountId,
		model: ModelId,
		new_owner: T::AccountId,
	) -> DispatchResult {
		let mut record = Self::ensure_owner(&who, model)?;
		ensure!(new_owner != who, Error::<T>::AlreadyOwner);
		let reason = HoldReason::ModelDeposit.into();
		T::Currency::hold(&reason, &new_owner, record.deposit)?;
		T::Currency::release(&reason, &who, record.deposit, Precision::Exact)?;
		record.owner = new_owner.clone();
		Models::<T>::insert(model, record);
		Self::deposit_event(Event::OwnershipTransferred { model, from: who, to: new_owner });
		Ok(())
	}

	/// A model's lineage, itself first then each base model up the chain (at most
	/// `MaxLineageDepth + 1` steps), each with its newest version's training data.
	pub fn lineage(model: ModelId) -> Vec<LineageStep> {
		let mut steps = Vec::new();
		let mut next = Some(model);
		while let Some(id) = next {
			let Some(record) = Models::<T>::get(id) else { break };
			if steps.len() > T::MaxLineageDepth::get() as usize {
				break;
			}
			let training_data = ModelVersions::<T>::get(id, record.latest_version)
				.map(|v| v.training_data.into_inner())
				.unwrap_or_default();
			steps.push(LineageStep { model: id, version: record.latest_version, training_data });
			next = record.base_model;
		}
		steps
	}

	/// Checks the pallet's invariants.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;

		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, m) in Models::<T>::iter() {
			ensure!(id < NextModelId::<T>::get(), "model id from the future");
			ensure!(m.split.is_complete(T::TreasuryCut::get()), "split does not make 100%");
			ensure!(m.operators.len() <= T::MaxOperators::get() as usize, "too many operators");
			// Lineage: each base exists, was registered earlier (so no cycle), depth matches.
			match m.base_model {
				Some(base) => {
					ensure!(base < id, "base model registered after its derivative");
					let base = Models::<T>::get(base).ok_or("base model missing")?;
					ensure!(
						m.lineage_depth == base.lineage_depth.saturating_add(1),
						"depth drifted"
					);
				}
				None => ensure!(m.lineage_depth == 0, "depth of a base model is not 0"),
			}
			ensure!(m.lineage_depth <= T::MaxLineageDepth::get(), "lineage too deep");
			for version in 1..=m.latest_version {
				ensure!(ModelVersions::<T>::contains_key(id, version), "version missing");
			}
			let total = held.entry(m.owner.clone()).or_default();
			*total = total.saturating_add(m.deposit);
		}
		for (who, amount) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ModelDeposit.into(), &who) == amount,
				"model deposits held differ from those recorded"
			);
		}
		Ok(())
	}
}
