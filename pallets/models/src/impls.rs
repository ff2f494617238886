//! The rules of the model registry, behind the thin dispatchables in `lib.rs`.

use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{fungible::MutateHold, tokens::Precision, Contains},
};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};
use tributary_primitives::{
	transfer, DatanetId, DatanetUsage, DatanetsInspect, DeclaredUses, LicenseTerm, LicensedUse,
	ModelId, ModelStatus, ModelVersion, RevenueSplit,
};

use crate::*;

/// A lineage position as named in errors (at most 256 entries, see `MaxLineageDatanets`).
fn entry(index: usize) -> u8 {
	u8::try_from(index).unwrap_or(u8::MAX)
}

/// The error naming `term` of the licence at lineage entry `entry`.
fn refusal<T: Config>(term: LicenseTerm, entry: u8) -> Error<T> {
	match term {
		LicenseTerm::Train => Error::<T>::LicenseForbidsTraining { entry },
		LicenseTerm::FineTune => Error::<T>::LicenseForbidsFineTuning { entry },
		LicenseTerm::Retrieval => Error::<T>::LicenseForbidsRetrieval { entry },
		LicenseTerm::Commercial => Error::<T>::LicenseForbidsCommercialUse { entry },
		LicenseTerm::Derivatives => Error::<T>::LicenseForbidsDerivatives { entry },
		LicenseTerm::Expired => Error::<T>::LicenseExpired { entry },
	}
}

impl<T: Config> Pallet<T> {
	/// The deposit for a record of `bytes` bytes: `DepositBase + bytes × DepositPerByte`.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		tributary_primitives::record_deposit(T::DepositBase::get(), T::DepositPerByte::get(), bytes)
	}

	/// Every datanet a version trained on `training_data` draws on: the training data, in
	/// order, then `inherited` (the base version's own list) as it is. A datanet the version
	/// shares with its lineage is listed more than once (checked more than once, the same
	/// way): that keeps what was inherited exactly recoverable (the list after the
	/// version's own entries), even after the base is removed, and the list's length is the
	/// number of training entries along the lineage, at most `MaxTrainingDatanets ×
	/// (MaxLineageDepth + 1)`.
	pub fn lineage_datanets(
		training_data: &TrainingDataOf<T>,
		inherited: &[DatanetId],
	) -> Result<LineageDatanetsOf<T>, DispatchError> {
		let list: Vec<DatanetId> = training_data
			.iter()
			.map(|(datanet, _)| *datanet)
			.chain(inherited.iter().copied())
			.collect();
		BoundedVec::try_from(list).map_err(|_| Error::<T>::TooManyLineageDatanets.into())
	}

	/// What a version inherited from its base: its lineage list after its own entries.
	fn inherited_part(info: &ModelVersionOf<T>) -> Vec<DatanetId> {
		info.lineage_datanets.iter().skip(info.training_data.len()).copied().collect()
	}

	/// Checks a new version against the dataset registry: at least one training entry, one
	/// version per datanet, every version published; then every datanet of `lineage` (its
	/// own training data first, then the inherited ones) under a licence that admits
	/// training, the declared `uses` and, for a `derivative` (a model with a base),
	/// derivatives, and has not expired. Refusals name the position in `lineage`.
	pub fn check_lineage(
		training_data: &TrainingDataOf<T>,
		lineage: &[DatanetId],
		uses: &DeclaredUses,
		derivative: bool,
	) -> DispatchResult {
		ensure!(!training_data.is_empty(), Error::<T>::NoTrainingData);
		let now = frame_system::Pallet::<T>::block_number();
		for (index, (datanet, version)) in training_data.iter().enumerate() {
			let entry = entry(index);
			ensure!(
				!training_data.iter().take(index).any(|(earlier, _)| earlier == datanet),
				Error::<T>::DuplicateDatanet { entry }
			);
			ensure!(
				T::Datanets::version(*datanet, *version).is_some(),
				Error::<T>::UnknownTrainingData { entry }
			);
		}
		// The training data are distinct now, so they are the first entries of `lineage`.
		for (index, datanet) in lineage.iter().enumerate() {
			let entry = entry(index);
			let license =
				T::Datanets::license(*datanet).ok_or(Error::<T>::UnknownTrainingData { entry })?;
			if let Some(term) = license.first_violation(uses, derivative, &now) {
				return Err(refusal::<T>(term, entry).into());
			}
		}
		Ok(())
	}

	/// Checks, at the current block, every licence a version with `lineage` draws on for
	/// `purpose`: none expired; for `PaidInference`, every one allows commercial use.
	pub fn check_licensed(lineage: &[DatanetId], purpose: LicensedUse) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		for (index, datanet) in lineage.iter().enumerate() {
			let entry = entry(index);
			let license =
				T::Datanets::license(*datanet).ok_or(Error::<T>::UnknownTrainingData { entry })?;
			ensure!(
				license.expires_at.as_ref().is_none_or(|expiry| &now <= expiry),
				Error::<T>::LicenseExpired { entry }
			);
			match purpose {
				LicensedUse::TrainingRecord => {}
				LicensedUse::PaidInference => {
					ensure!(license.commercial, Error::<T>::LicenseForbidsCommercialUse { entry })
				}
			}
		}
		Ok(())
	}

	/// The lineage datanets of `base`'s newest version: what a model derived from it
	/// inherits.
	fn inherited_from(base: &ModelOf<T>, id: ModelId) -> Result<LineageDatanetsOf<T>, Error<T>> {
		ModelVersions::<T>::get(id, base.latest_version)
			.map(|version| version.lineage_datanets)
			.ok_or(Error::<T>::UnknownBaseModel)
	}

	/// Tells `DatanetUsage` that one more version is trained on each of `training_data`.
	fn note_used(training_data: &TrainingDataOf<T>) -> DispatchResult {
		for (datanet, _) in training_data.iter() {
			T::DatanetUsage::note_used(*datanet)?;
		}
		Ok(())
	}

	/// The model, if `who` owns it (whatever its status).
	fn ensure_owner_any_status(
		who: &T::AccountId,
		model: ModelId,
	) -> Result<ModelOf<T>, DispatchError> {
		let record = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(&record.owner == who, Error::<T>::NotOwner);
		Ok(record)
	}

	/// The model, if `who` owns it and it is not retired.
	fn ensure_owner(who: &T::AccountId, model: ModelId) -> Result<ModelOf<T>, DispatchError> {
		let record = Self::ensure_owner_any_status(who, model)?;
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

	/// Registers a model; returns its id. All or nothing (it runs in its own storage
	/// layer, so a refusal after `DatanetUsage` was told leaves no trace).
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
		with_storage_layer(|| {
			ensure!(split.is_complete(T::TreasuryCut::get()), Error::<T>::SplitNotComplete);
			let (lineage_depth, inherited) = match base_model {
				Some(id) => {
					let mut base = Models::<T>::get(id).ok_or(Error::<T>::UnknownBaseModel)?;
					ensure!(base.status != ModelStatus::Retired, Error::<T>::BaseModelRetired);
					let depth = base.lineage_depth.checked_add(1).ok_or(Error::<T>::Overflow)?;
					ensure!(depth <= T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
					let inherited = Self::inherited_from(&base, id)?;
					base.derived_models =
						base.derived_models.checked_add(1).ok_or(Error::<T>::Overflow)?;
					Models::<T>::insert(id, base);
					(depth, inherited)
				}
				None => (0, Default::default()),
			};
			let lineage_datanets = Self::lineage_datanets(&training_data, &inherited)?;
			Self::check_lineage(&training_data, &lineage_datanets, &uses, base_model.is_some())?;

			let model = NextModelId::<T>::get();
			let next = model.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let now = frame_system::Pallet::<T>::block_number();
			Self::note_used(&training_data)?;
			let version = ModelVersionInfo {
				artifact_hash,
				training_data,
				created_at: now,
				lineage_datanets,
			};
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
				derived_models: 0,
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
		})
	}

	/// Adds a version; returns its number. All or nothing, like `do_register_model`.
	pub fn do_add_version(
		who: T::AccountId,
		model: ModelId,
		artifact_hash: H256,
		training_data: TrainingDataOf<T>,
	) -> Result<ModelVersion, DispatchError> {
		with_storage_layer(|| {
			let mut record = Self::ensure_owner(&who, model)?;
			ensure!(
				record.latest_version < T::MaxModelVersions::get(),
				Error::<T>::TooManyVersions
			);
			let inherited = match record.base_model {
				Some(id) => match Models::<T>::get(id) {
					Some(base) => Self::inherited_from(&base, id)?,
					// The base was removed: the new version inherits exactly what the model's
					// newest version inherited (its lineage list after its own entries).
					None => ModelVersions::<T>::get(model, record.latest_version)
						.map(|version| Self::inherited_part(&version))
						.ok_or(Error::<T>::UnknownBaseModel)?
						.try_into()
						.map_err(|_| Error::<T>::TooManyLineageDatanets)?,
				},
				None => Default::default(),
			};
			let lineage_datanets = Self::lineage_datanets(&training_data, &inherited)?;
			Self::check_lineage(
				&training_data,
				&lineage_datanets,
				&record.uses,
				record.base_model.is_some(),
			)?;
			let version = record.latest_version.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Self::note_used(&training_data)?;
			let info = ModelVersionInfo {
				artifact_hash,
				training_data,
				created_at: frame_system::Pallet::<T>::block_number(),
				lineage_datanets,
			};
			let deposit = Self::deposit_for(info.encoded_size());
			T::Currency::hold(&HoldReason::ModelDeposit.into(), &who, deposit)?;
			record.deposit = record.deposit.saturating_add(deposit);
			record.latest_version = version;
			Models::<T>::insert(model, record);
			ModelVersions::<T>::insert(model, version, info);
			Self::deposit_event(Event::VersionAdded { model, version, artifact_hash });
			Ok(version)
		})
	}

	pub(crate) fn do_set_status(
		who: T::AccountId,
		model: ModelId,
		status: ModelStatus,
	) -> DispatchResult {
		let mut record = Self::ensure_owner(&who, model)?;
		ensure!(record.status != status, Error::<T>::SameStatus);
		record.status = status;
		// A retired model can only be removed: an offer of it could never be used.
		let withdrawn = match status {
			ModelStatus::Retired => OwnershipOffers::<T>::take(model),
			_ => None,
		};
		Models::<T>::insert(model, record);
		if let Some(to) = withdrawn {
			Self::deposit_event(Event::OwnershipOfferCancelled { model, to });
		}
		Self::deposit_event(Event::StatusChanged { model, status });
		Ok(())
	}

	pub(crate) fn do_add_operator(
		who: T::AccountId,
		model: ModelId,
		operator: T::AccountId,
	) -> DispatchResult {
		ensure!(!T::ProtectedAccounts::contains(&operator), Error::<T>::ProtectedAccount);
		Self::mutate_owned(who, model, |m| {
			ensure!(!m.operators.contains(&operator), Error::<T>::AlreadyOperator);
			m.operators.try_push(operator.clone()).map_err(|_| Error::<T>::TooManyOperators)?;
			Ok(Event::OperatorAdded { model, operator })
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

	pub(crate) fn do_offer_ownership(
		who: T::AccountId,
		model: ModelId,
		to: T::AccountId,
	) -> DispatchResult {
		Self::ensure_owner(&who, model)?;
		transfer::ensure_offerable::<_, T::ProtectedAccounts>(&who, &to)
			.map_err(Error::<T>::from)?;
		OwnershipOffers::<T>::insert(model, to.clone());
		Self::deposit_event(Event::OwnershipOffered { model, owner: who, to });
		Ok(())
	}

	pub(crate) fn do_cancel_ownership_offer(who: T::AccountId, model: ModelId) -> DispatchResult {
		Self::ensure_owner_any_status(&who, model)?;
		let to = OwnershipOffers::<T>::take(model).ok_or(Error::<T>::NoOwnershipOffer)?;
		Self::deposit_event(Event::OwnershipOfferCancelled { model, to });
		Ok(())
	}

	/// `who`, who signed, accepts the model offered to it: it holds the deposit (at most
	/// `max_deposit`) from its own balance, then the previous owner's is released. The
	/// previous owner's operators lose their role: the new owner names its own.
	pub(crate) fn do_accept_ownership(
		who: T::AccountId,
		model: ModelId,
		max_deposit: BalanceOf<T>,
	) -> DispatchResult {
		let mut record = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		let (from, deposit) = transfer::accept::<_, T::Currency, _>(
			&HoldReason::ModelDeposit.into(),
			&mut record,
			OwnershipOffers::<T>::get(model),
			&who,
			max_deposit,
		)
		.map_err(transfer::AcceptError::into_dispatch::<Error<T>>)?;
		let operators = core::mem::take(&mut record.operators);
		OwnershipOffers::<T>::remove(model);
		Models::<T>::insert(model, record);
		for operator in operators {
			Self::deposit_event(Event::OperatorRemoved { model, operator });
		}
		Self::deposit_event(Event::OwnershipTransferred { model, from, to: who, deposit });
		Ok(())
	}

	/// Removes a retired model; returns how many versions it had. Models derived from it are
	/// untouched: each of their versions keeps the lineage datanets it stored (so every
	/// licence check along their lineage still holds), and no derived model can keep its
	/// base's owner from taking the deposit back.
	pub(crate) fn do_remove_model(
		who: T::AccountId,
		model: ModelId,
	) -> Result<ModelVersion, DispatchError> {
		let record = Self::ensure_owner_any_status(&who, model)?;
		ensure!(record.status == ModelStatus::Retired, Error::<T>::NotRetired);
		T::Currency::release(
			&HoldReason::ModelDeposit.into(),
			&who,
			record.deposit,
			Precision::Exact,
		)?;
		for version in 1..=record.latest_version {
			if let Some(info) = ModelVersions::<T>::take(model, version) {
				for (datanet, _) in info.training_data {
					T::DatanetUsage::note_released(datanet);
				}
			}
		}
		if let Some(base) = record.base_model {
			Models::<T>::mutate_extant(base, |b| {
				b.derived_models = b.derived_models.saturating_sub(1);
			});
		}
		OwnershipOffers::<T>::remove(model);
		Models::<T>::remove(model);
		Self::deposit_event(Event::ModelRemoved {
			model,
			owner: who,
			versions: record.latest_version,
			deposit: record.deposit,
		});
		Ok(record.latest_version)
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
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;

		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut derived: BTreeMap<ModelId, u32> = BTreeMap::new();
		for (_, m) in Models::<T>::iter() {
			if let Some(base) = m.base_model {
				let count = derived.entry(base).or_default();
				*count = count.saturating_add(1);
			}
		}
		for (id, m) in Models::<T>::iter() {
			ensure!(id < NextModelId::<T>::get(), "model id from the future");
			ensure!(m.split.is_complete(T::TreasuryCut::get()), "split does not make 100%");
			ensure!(m.operators.len() <= T::MaxOperators::get() as usize, "too many operators");
			ensure!(
				!m.operators.iter().any(T::ProtectedAccounts::contains),
				"a protected account operates a model"
			);
			// Lineage: each base was registered earlier (so no cycle) and, unless it has been
			// removed since, sits one step above.
			match m.base_model {
				Some(base) => {
					ensure!(base < id, "base model registered after its derivative");
					if let Some(base) = Models::<T>::get(base) {
						ensure!(
							m.lineage_depth == base.lineage_depth.saturating_add(1),
							"depth drifted"
						);
					}
					ensure!(m.lineage_depth >= 1, "a derived model at depth 0");
				}
				None => ensure!(m.lineage_depth == 0, "depth of a base model is not 0"),
			}
			ensure!(m.lineage_depth <= T::MaxLineageDepth::get(), "lineage too deep");
			ensure!(
				m.derived_models == derived.get(&id).copied().unwrap_or_default(),
				"derived model count drifted"
			);
			for version in 1..=m.latest_version {
				let info = ModelVersions::<T>::get(id, version).ok_or("version missing")?;
				// The lineage list starts with the version's own training data, in order.
				let own = info.training_data.iter().map(|(datanet, _)| *datanet);
				ensure!(
					info.lineage_datanets.iter().copied().take(info.training_data.len()).eq(own),
					"lineage list does not start with the training data"
				);
				ensure!(
					m.base_model.is_some()
						|| info.lineage_datanets.len() == info.training_data.len(),
					"a model without a base inherits nothing"
				);
			}
			ensure!(
				ModelVersions::<T>::iter_key_prefix(id).count() == m.latest_version as usize,
				"version beyond the latest"
			);
			let total = held.entry(m.owner.clone()).or_default();
			*total = total.saturating_add(m.deposit);
		}
		for (model, to) in OwnershipOffers::<T>::iter() {
			let m = Models::<T>::get(model).ok_or("offer of a missing model")?;
			ensure!(m.status != ModelStatus::Retired, "offer of a retired model");
			ensure!(m.owner != to, "offer to the owner");
			ensure!(!T::ProtectedAccounts::contains(&to), "offer to a protected account");
		}
		for (model, _) in ModelVersions::<T>::iter_keys() {
			ensure!(Models::<T>::contains_key(model), "version of a missing model");
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

/// The shared transfer's refusals, named for a model's ownership.
impl<T> From<transfer::Refusal> for Error<T> {
	fn from(refusal: transfer::Refusal) -> Self {
		match refusal {
			transfer::Refusal::AlreadyHolder => Error::AlreadyOwner,
			transfer::Refusal::ProtectedAccount => Error::ProtectedAccount,
			transfer::Refusal::NoOffer => Error::NoOwnershipOffer,
			transfer::Refusal::NotOffered => Error::NotOfferedTo,
			transfer::Refusal::Retired => Error::ModelRetired,
			// The previous owner can grow the deposit (new versions) after offering: the
			// recipient says how much it signs for.
			transfer::Refusal::DepositAboveMax => Error::DepositAboveMax,
		}
	}
}
