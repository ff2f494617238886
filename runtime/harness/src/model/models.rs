//! Models: registration, versions, the owner's settings, operators, two-step ownership.

use codec::Encode;
use frame_support::traits::{Contains, Get};
use pallet_models::{
	Config as ModelsConfig, Error as ModelsError, ModelOf, ModelVersionOf, ModelVersions, Models,
	NextModelId, OwnershipOffers,
};
use sp_runtime::{DispatchError, Perbill};
use tributary_primitives::{
	AccountId, Balance, DatanetId, DatanetVersion, DatanetsInspect, DeclaredUses, LicenseTerm,
	ModelId, ModelStatus, RevenueSplit,
};
use tributary_runtime::{
	configs::ProtectedAccounts, Datanets, Runtime, RuntimeCall, MILLI_TRIB, TRIB,
};

use super::{max_deposit, record_deposit, Funds, Harness};
use crate::ops::*;

type E = ModelsError<Runtime>;

fn err(e: E) -> DispatchError {
	e.into()
}

/// The runtime's treasury cut.
fn treasury_cut() -> Perbill {
	<Runtime as ModelsConfig>::TreasuryCut::get()
}

/// The error a licence refusal of `term` at lineage position `entry` carries.
fn refusal(term: LicenseTerm, entry: u8) -> DispatchError {
	err(match term {
		LicenseTerm::Train => E::LicenseForbidsTraining { entry },
		LicenseTerm::FineTune => E::LicenseForbidsFineTuning { entry },
		LicenseTerm::Retrieval => E::LicenseForbidsRetrieval { entry },
		LicenseTerm::Commercial => E::LicenseForbidsCommercialUse { entry },
		LicenseTerm::Derivatives => E::LicenseForbidsDerivatives { entry },
		LicenseTerm::Expired => E::LicenseExpired { entry },
	})
}

/// A price.
pub fn price(p: Price) -> Balance {
	match p {
		Price::Zero => 0,
		Price::Tiny(n) => n as Balance,
		Price::Milli(n) => n as Balance * MILLI_TRIB,
		Price::Trib(n) => (n % 8) as Balance * TRIB,
		Price::Max => Balance::MAX,
	}
}

/// A revenue split.
pub fn split(s: SplitPick) -> RevenueSplit {
	let rest = Perbill::one() - treasury_cut();
	match s {
		SplitPick::Typical => RevenueSplit {
			developer: Perbill::from_percent(40),
			operators: Perbill::from_percent(15),
			data: Perbill::from_percent(40),
			inference_data: Perbill::from_percent(50),
		},
		SplitPick::AllDeveloper => RevenueSplit {
			developer: rest,
			operators: Perbill::zero(),
			data: Perbill::zero(),
			inference_data: Perbill::zero(),
		},
		SplitPick::AllData(n) => RevenueSplit {
			developer: Perbill::zero(),
			operators: Perbill::zero(),
			data: rest,
			inference_data: Perbill::from_rational(n as u32, 255),
		},
		SplitPick::Parts(a, b, n) => {
			let total = rest.deconstruct();
			let developer = a % (total + 1);
			let operators = b % (total - developer + 1);
			RevenueSplit {
				developer: Perbill::from_parts(developer),
				operators: Perbill::from_parts(operators),
				data: Perbill::from_parts(total - developer - operators),
				inference_data: Perbill::from_rational(n as u32, 255),
			}
		}
		SplitPick::Incomplete(n) => RevenueSplit {
			developer: Perbill::from_percent(40),
			operators: Perbill::from_percent(15),
			data: Perbill::from_percent(40 + 1 + n as u32 % 5),
			inference_data: Perbill::from_percent(50),
		},
	}
}

impl Harness {
	/// Picks a model id, preferring those for which `prefer` holds.
	pub(super) fn pick_model(
		&self,
		p: Pick,
		prefer: impl Fn(&ModelOf<Runtime>) -> bool,
	) -> ModelId {
		let count = NextModelId::<Runtime>::get() as u64;
		Self::pick(p, count, |id| Models::<Runtime>::get(id as ModelId).is_some_and(|m| prefer(&m)))
			as ModelId
	}

	/// The training data a selector names.
	fn training(&self, t: &Training) -> Vec<(DatanetId, DatanetVersion)> {
		let max = <<Runtime as ModelsConfig>::MaxTrainingDatanets as Get<u32>>::get() as usize;
		let published = |d: DatanetId| {
			pallet_datanets::Datanets::<Runtime>::get(d).is_some_and(|d| d.latest_version > 0)
		};
		if t.max {
			let count = pallet_datanets::NextDatanetId::<Runtime>::get();
			return (0..count)
				.filter(|d| published(*d))
				.take(max)
				.map(|d| (d, <Datanets as DatanetsInspect<_, _>>::latest_version(d)))
				.collect();
		}
		t.entries
			.iter()
			.take(max)
			.map(|(p, v)| {
				let d = self.pick_datanet(*p, |d| d.latest_version > 0);
				let latest = <Datanets as DatanetsInspect<_, _>>::latest_version(d);
				let version = match v {
					VersionPick::Latest => latest,
					VersionPick::Older(n) => latest.saturating_sub(*n as u32 % 4).max(1),
					VersionPick::Unpublished => latest + 1,
					VersionPick::Zero => 0,
				};
				(d, version)
			})
			.collect()
	}

	/// The errors a model version with `training` must be refused with, if any: training
	/// data missing, duplicated or unpublished; too many datanets along the lineage
	/// (`inherited` from the base); a licence along the lineage (own training data first,
	/// then inherited) that forbids training, a declared use, derivatives, or has expired.
	fn training_errors(
		&self,
		training: &[(DatanetId, DatanetVersion)],
		inherited: &[DatanetId],
		uses: &DeclaredUses,
		derivative: bool,
	) -> Vec<DispatchError> {
		let mut errors = vec![];
		if training.is_empty() {
			errors.push(err(E::NoTrainingData));
		}
		for (i, (d, v)) in training.iter().enumerate() {
			let entry = i as u8;
			if training[..i].iter().any(|(e, _)| e == d) {
				errors.push(err(E::DuplicateDatanet { entry }));
			}
			if <Datanets as DatanetsInspect<_, _>>::version(*d, *v).is_none() {
				errors.push(err(E::UnknownTrainingData { entry }));
			}
			// A retired datanet takes no new model (`DatanetUsage::note_used` refuses).
			if pallet_datanets::Datanets::<Runtime>::get(d)
				.is_some_and(|d| d.status == pallet_datanets::DatanetStatus::Retired)
			{
				errors.push(pallet_datanets::Error::<Runtime>::DatanetIsRetired.into());
			}
		}
		// Own training data, then what was inherited, as it is (shared datanets twice).
		let lineage: Vec<DatanetId> =
			training.iter().map(|(d, _)| *d).chain(inherited.iter().copied()).collect();
		if lineage.len()
			> <<Runtime as ModelsConfig>::MaxLineageDatanets as Get<u32>>::get() as usize
		{
			errors.push(err(E::TooManyLineageDatanets));
		}
		let now = self.now();
		for (i, d) in lineage.iter().enumerate() {
			match <Datanets as DatanetsInspect<_, _>>::license(*d) {
				None => errors.push(err(E::UnknownTrainingData { entry: i as u8 })),
				Some(l) => {
					if let Some(term) = l.first_violation(uses, derivative, &now) {
						errors.push(refusal(term, i as u8));
					}
				}
			}
		}
		errors
	}

	/// The lineage datanets a model derived from `base` inherits: those of the base's newest
	/// version.
	fn inherited(base: Option<ModelId>) -> Vec<DatanetId> {
		base.and_then(|b| {
			let m = Models::<Runtime>::get(b)?;
			ModelVersions::<Runtime>::get(b, m.latest_version)
		})
		.map(|v| v.lineage_datanets.into_inner())
		.unwrap_or_default()
	}

	#[allow(clippy::too_many_arguments)]
	pub(super) fn register_model(
		&mut self,
		owner: Who,
		base: Option<Pick>,
		training: Training,
		uses: Uses,
		price_pick: Price,
		split_pick: SplitPick,
		name: Len,
		uri: Len,
	) {
		let s = self.who(owner);
		let base = base.map(|p| self.pick_model(p, |m| m.status != ModelStatus::Retired));
		let training = self.training(&training);
		let uses = DeclaredUses {
			fine_tune: uses.fine_tune,
			retrieval: uses.retrieval,
			commercial: uses.commercial,
		};
		let (price, split) = (price(price_pick), split(split_pick));
		let id = NextModelId::<Runtime>::get();
		let call = pallet_models::Call::register_model {
			name: Self::bytes(name, b'N'),
			metadata_uri: Self::bytes(uri, b'U'),
			artifact_hash: crate::chain::hash_of((b"artifact", id)),
			base_model: base,
			training_data: frame_support::BoundedVec::truncate_from(training.clone()),
			uses,
			price,
			split,
		};
		let mut must_fail = vec![];
		if !split.is_complete(treasury_cut()) {
			must_fail.push(err(E::SplitNotComplete));
		}
		let base_record = base.and_then(Models::<Runtime>::get);
		match (base, &base_record) {
			(Some(_), None) => must_fail.push(err(E::UnknownBaseModel)),
			(Some(_), Some(b)) => {
				if b.status == ModelStatus::Retired {
					must_fail.push(err(E::BaseModelRetired));
				}
				if b.lineage_depth + 1 > <Runtime as ModelsConfig>::MaxLineageDepth::get() {
					must_fail.push(err(E::LineageTooDeep));
				}
			}
			(None, _) => {}
		}
		let inherited = Self::inherited(base);
		must_fail.extend(self.training_errors(&training, &inherited, &uses, base.is_some()));
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let funds = Funds::judge(
			self.free_after_fee(&a),
			tributary_runtime::configs::RecordDepositBase::get(),
			max_deposit::<ModelOf<Runtime>>(ModelVersionOf::<Runtime>::max_encoded_len()),
		);
		if !self.judge("register_model", &a, &must_fail, funds) {
			return;
		}
		let m = Models::<Runtime>::get(id).expect("the model is stored");
		let v = ModelVersions::<Runtime>::get(id, 1).expect("its first version is stored");
		assert_eq!(
			(&m.owner, m.base_model, m.latest_version, m.status),
			(&a.signer, base, 1, ModelStatus::Active)
		);
		assert_eq!(v.training_data.to_vec(), training);
		assert_eq!(
			m.deposit,
			record_deposit(m.encoded_size() + v.encoded_size()),
			"model deposit is not the records'"
		);
		let lineage: Vec<DatanetId> = training.iter().map(|(d, _)| *d).chain(inherited).collect();
		assert_eq!(
			v.lineage_datanets.to_vec(),
			lineage,
			"the lineage is own training data then the base's"
		);
		self.expect_deltas(
			"register_model",
			&a,
			&[(a.signer.clone(), -(m.deposit as i128), m.deposit as i128)],
		);
	}

	pub(super) fn add_version(&mut self, by: Actor, model: Pick, training: Training) {
		let id = self.pick_model(model, |m| m.status != ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let training = self.training(&training);
		let call = pallet_models::Call::add_version {
			model: id,
			artifact_hash: crate::chain::hash_of((b"artifact", id, self.now())),
			training_data: frame_support::BoundedVec::truncate_from(training.clone()),
		};
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = vec![];
		match &before {
			None => must_fail.push(err(E::UnknownModel)),
			Some(m) => {
				if m.owner != a.signer {
					must_fail.push(err(E::NotOwner));
				}
				if m.status == ModelStatus::Retired {
					must_fail.push(err(E::ModelRetired));
				}
				if m.latest_version >= <Runtime as ModelsConfig>::MaxModelVersions::get() {
					must_fail.push(err(E::TooManyVersions));
				}
				// A base removed since: what the newest version inherited, inherited again.
				let inherited = match m.base_model {
					Some(b) if !Models::<Runtime>::contains_key(b) => {
						ModelVersions::<Runtime>::get(id, m.latest_version)
							.map(|v| v.lineage_datanets[v.training_data.len()..].to_vec())
							.unwrap_or_default()
					}
					base => Self::inherited(base),
				};
				must_fail.extend(self.training_errors(
					&training,
					&inherited,
					&m.uses,
					m.base_model.is_some(),
				));
			}
		}
		let funds = Funds::judge(
			self.free_after_fee(&a),
			tributary_runtime::configs::RecordDepositBase::get(),
			max_deposit::<ModelVersionOf<Runtime>>(0),
		);
		if !self.judge("add_version", &a, &must_fail, funds) {
			return;
		}
		let old = before.expect("it existed");
		let m = Models::<Runtime>::get(id).expect("it exists");
		let v = ModelVersions::<Runtime>::get(id, old.latest_version + 1)
			.expect("the version is stored");
		assert_eq!(m.latest_version, old.latest_version + 1);
		assert_eq!(v.training_data.to_vec(), training);
		let more = m.deposit - old.deposit;
		assert_eq!(more, record_deposit(v.encoded_size()), "version deposit is not the record's");
		self.expect_deltas("add_version", &a, &[(a.signer.clone(), -(more as i128), more as i128)]);
	}

	/// The errors of an owner-only change of a model that must not be retired.
	fn owner_errors(m: &Option<ModelOf<Runtime>>, signer: &AccountId) -> Vec<DispatchError> {
		match m {
			None => vec![err(E::UnknownModel)],
			Some(m) => {
				let mut v = vec![];
				if m.owner != *signer {
					v.push(err(E::NotOwner));
				}
				if m.status == ModelStatus::Retired {
					v.push(err(E::ModelRetired));
				}
				v
			}
		}
	}

	pub(super) fn set_status(&mut self, by: Actor, model: Pick, status: Status) {
		let id = self.pick_model(model, |m| m.status != ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let status = match status {
			Status::Active => ModelStatus::Active,
			Status::Paused => ModelStatus::Paused,
			Status::Retired => ModelStatus::Retired,
		};
		let call = pallet_models::Call::set_status { model: id, status };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = Self::owner_errors(&before, &a.signer);
		if before.as_ref().is_some_and(|m| m.status == status) {
			must_fail.push(err(E::SameStatus));
		}
		if self.judge("set_status", &a, &must_fail, Funds::Enough) {
			assert_eq!(Models::<Runtime>::get(id).map(|m| m.status), Some(status));
			if status == ModelStatus::Retired {
				assert!(
					!OwnershipOffers::<Runtime>::contains_key(id),
					"a retired model is still offered"
				);
			}
			self.expect_deltas("set_status", &a, &[]);
		}
	}

	pub(super) fn set_price(&mut self, by: Actor, model: Pick, p: Price) {
		let id = self.pick_model(model, |m| m.status != ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let price = price(p);
		let call = pallet_models::Call::set_price { model: id, price };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let must_fail = Self::owner_errors(&before, &a.signer);
		if self.judge("set_price", &a, &must_fail, Funds::Enough) {
			assert_eq!(Models::<Runtime>::get(id).map(|m| m.price), Some(price));
			self.expect_deltas("set_price", &a, &[]);
		}
	}

	pub(super) fn set_split(&mut self, by: Actor, model: Pick, s_pick: SplitPick) {
		let id = self.pick_model(model, |m| m.status != ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let split = split(s_pick);
		let call = pallet_models::Call::set_split { model: id, split };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = Self::owner_errors(&before, &a.signer);
		if !split.is_complete(treasury_cut()) {
			must_fail.push(err(E::SplitNotComplete));
		}
		if self.judge("set_split", &a, &must_fail, Funds::Enough) {
			assert_eq!(Models::<Runtime>::get(id).map(|m| m.split), Some(split));
			self.expect_deltas("set_split", &a, &[]);
		}
	}

	pub(super) fn update_model_metadata(&mut self, by: Actor, model: Pick, uri: Len) {
		let id = self.pick_model(model, |m| m.status != ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let uri = Self::bytes(uri, b'M');
		let call = pallet_models::Call::update_metadata { model: id, metadata_uri: uri.clone() };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let must_fail = Self::owner_errors(&before, &a.signer);
		let per_byte = tributary_runtime::configs::RecordDepositPerByte::get();
		let funds = Funds::judge(self.free_after_fee(&a), 0, per_byte * 256);
		if !self.judge("update_metadata", &a, &must_fail, funds) {
			return;
		}
		let old = before.expect("it existed");
		let m = Models::<Runtime>::get(id).expect("it exists");
		assert_eq!(m.metadata_uri, uri);
		// The deposit follows the URI's length, a per-byte part per byte.
		let more = (uri.len() as i128 - old.metadata_uri.len() as i128) * per_byte as i128;
		assert_eq!(
			m.deposit as i128 - old.deposit as i128,
			more,
			"deposit not adjusted by the URI's bytes"
		);
		self.expect_deltas("update_metadata", &a, &[(a.signer.clone(), -more, more)]);
	}

	pub(super) fn add_operator(&mut self, by: Actor, model: Pick, operator: Target) {
		let id = self.pick_model(model, |m| m.status != ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let operator = self.target(operator);
		let call = pallet_models::Call::add_operator { model: id, operator: operator.clone() };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = Self::owner_errors(&before, &a.signer);
		if ProtectedAccounts::contains(&operator) {
			must_fail.push(err(E::ProtectedAccount));
		}
		if let Some(m) = &before {
			if m.operators.contains(&operator) {
				must_fail.push(err(E::AlreadyOperator));
			}
			if m.operators.len() as u32 >= <Runtime as ModelsConfig>::MaxOperators::get() {
				must_fail.push(err(E::TooManyOperators));
			}
		}
		if self.judge("add_operator", &a, &must_fail, Funds::Enough) {
			assert!(Models::<Runtime>::get(id).is_some_and(|m| m.operators.contains(&operator)));
			self.expect_deltas("add_operator", &a, &[]);
		}
	}

	pub(super) fn remove_operator(&mut self, by: Actor, model: Pick, operator: Target) {
		let id = self.pick_model(model, |m| !m.operators.is_empty());
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		// `Existing(n)` names the model's n-th operator.
		let operator = match (operator, &before) {
			(Target::Existing(n), Some(m)) if !m.operators.is_empty() => {
				m.operators[n as usize % m.operators.len()].clone()
			}
			(t, _) => self.target(t),
		};
		let call = pallet_models::Call::remove_operator { model: id, operator: operator.clone() };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = Self::owner_errors(&before, &a.signer);
		if before.as_ref().is_some_and(|m| !m.operators.contains(&operator)) {
			must_fail.push(err(E::NotOperator));
		}
		if self.judge("remove_operator", &a, &must_fail, Funds::Enough) {
			assert!(Models::<Runtime>::get(id).is_some_and(|m| !m.operators.contains(&operator)));
			self.expect_deltas("remove_operator", &a, &[]);
		}
	}

	/// `offer_ownership`: the owner offers the model to `to`; nothing is held from anyone.
	pub(super) fn offer_ownership(&mut self, by: Actor, model: Pick, to: Target) {
		let id = self.pick_model(model, |m| m.status != ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let to = self.target(to);
		let call = pallet_models::Call::offer_ownership { model: id, to: to.clone() };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = Self::owner_errors(&before, &a.signer);
		if to == a.signer {
			must_fail.push(err(E::AlreadyOwner));
		}
		if ProtectedAccounts::contains(&to) {
			must_fail.push(err(E::ProtectedAccount));
		}
		if self.judge("offer_ownership", &a, &must_fail, Funds::Enough) {
			assert_eq!(OwnershipOffers::<Runtime>::get(id), Some(to));
			self.expect_deltas("offer_ownership", &a, &[]);
		}
	}

	/// `cancel_ownership_offer`: the owner withdraws its offer.
	pub(super) fn cancel_ownership_offer(&mut self, by: Actor, model: Pick) {
		let id = self.pick_model(model, |_| true);
		let id = self.prefer_offered(id);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let call = pallet_models::Call::cancel_ownership_offer { model: id };
		let offer = OwnershipOffers::<Runtime>::get(id);
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = match &before {
			None => vec![err(E::UnknownModel)],
			Some(m) if m.owner != a.signer => vec![err(E::NotOwner)],
			Some(_) => vec![],
		};
		if offer.is_none() {
			must_fail.push(err(E::NoOwnershipOffer));
		}
		if self.judge("cancel_ownership_offer", &a, &must_fail, Funds::Enough) {
			assert!(!OwnershipOffers::<Runtime>::contains_key(id));
			self.expect_deltas("cancel_ownership_offer", &a, &[]);
		}
	}

	/// A model with an open offer, when one exists near `id`.
	fn prefer_offered(&self, id: ModelId) -> ModelId {
		if OwnershipOffers::<Runtime>::contains_key(id) {
			return id;
		}
		OwnershipOffers::<Runtime>::iter_keys().next().unwrap_or(id)
	}

	/// `accept_ownership`: the account offered the model takes it, holding the deposit from
	/// its own balance; the previous owner's deposit is released.
	pub(super) fn accept_ownership(&mut self, by: Actor, model: Pick, max: MaxDeposit) {
		let id = self.pick_model(model, |_| true);
		let id = self.prefer_offered(id);
		let before = Models::<Runtime>::get(id);
		let offer = OwnershipOffers::<Runtime>::get(id);
		let s = self.signer(by, offer.as_ref());
		let deposit = before.as_ref().map(|m| m.deposit).unwrap_or_default();
		let max_deposit = Self::max_signed_for(max, deposit);
		let call = pallet_models::Call::accept_ownership { model: id, max_deposit };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let mut must_fail = vec![];
		match (&before, &offer) {
			(None, _) => must_fail.push(err(E::UnknownModel)),
			(_, None) => must_fail.push(err(E::NoOwnershipOffer)),
			(Some(m), Some(to)) => {
				if *to != a.signer {
					must_fail.push(err(E::NotOfferedTo));
				}
				if m.status == ModelStatus::Retired {
					must_fail.push(err(E::ModelRetired));
				}
				if m.deposit > max_deposit {
					must_fail.push(err(E::DepositAboveMax));
				}
			}
		}
		let funds = Funds::judge(self.free_after_fee(&a), deposit, deposit);
		if !self.judge("accept_ownership", &a, &must_fail, funds) {
			return;
		}
		let old = before.expect("it existed");
		let m = Models::<Runtime>::get(id).expect("it exists");
		assert_eq!((&m.owner, m.deposit), (&a.signer, old.deposit));
		assert!(m.operators.is_empty(), "the previous owner's operators keep no role");
		assert!(!OwnershipOffers::<Runtime>::contains_key(id));
		let d = old.deposit as i128;
		self.expect_deltas(
			"accept_ownership",
			&a,
			&[(a.signer.clone(), -d, d), (old.owner.clone(), d, -d)],
		);
	}

	/// `remove_model`: a retired model nothing derives from goes, its deposit back.
	pub(super) fn remove_model(&mut self, by: Actor, model: Pick) {
		let id = self.pick_model(model, |m| m.status == ModelStatus::Retired);
		let before = Models::<Runtime>::get(id);
		let s = self.signer(by, before.as_ref().map(|m| &m.owner));
		let call = pallet_models::Call::remove_model { model: id };
		let Some(a) = self.submit(s, RuntimeCall::Models(call)) else { return };
		let must_fail = match &before {
			None => vec![err(E::UnknownModel)],
			Some(m) => {
				let mut v = vec![];
				if m.owner != a.signer {
					v.push(err(E::NotOwner));
				}
				if m.status != ModelStatus::Retired {
					v.push(err(E::NotRetired));
				}
				v
			}
		};
		if !self.judge("remove_model", &a, &must_fail, Funds::Enough) {
			return;
		}
		let m = before.expect("it existed");
		assert!(
			Models::<Runtime>::get(id).is_none()
				&& ModelVersions::<Runtime>::iter_prefix(id).next().is_none()
		);
		let d = m.deposit as i128;
		self.expect_deltas("remove_model", &a, &[(a.signer.clone(), d, -d)]);
	}
}

use codec::MaxEncodedLen;
