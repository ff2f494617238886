#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used
	)
)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
mod inspect;
pub mod migration;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

// The pallet macros expand `#[pallet::constant]` metadata into code that calls `expect`; the
// rules themselves live outside this module, where the lint applies in full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Contains,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::{traits::Zero, Perbill};
	use tributary_primitives::{
		DatanetUsage, DatanetsInspect, DeclaredUses, ModelId, ModelStatus, ModelVersion,
		RevenueSplit,
	};

	/// The in-code storage version. Version 2 added `Model::derived_models` and
	/// `ModelVersionInfo::lineage_datanets` (see `migration::v2`).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The owner's deposit for a model and its versions.
		ModelDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in and prices are set in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The dataset registry: training data must exist and its licenses must allow the
		/// model's declared uses.
		type Datanets: DatanetsInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Counts the model versions trained on each datanet: told of every version
		/// registered (`note_used`, once per distinct training datanet) and of every version
		/// removed with its model (`note_released`), so a datanet in use is never retired.
		type DatanetUsage: DatanetUsage;

		/// Accounts that can never own or operate a model: the treasury and every pallet
		/// account. None of them can sign, so an ownership offer or an operator role given to
		/// one could never be accepted or used, and would strand what it holds or earns.
		type ProtectedAccounts: Contains<Self::AccountId>;

		/// The protocol treasury's cut of every fee; a model's split makes up the rest.
		#[pallet::constant]
		type TreasuryCut: Get<Perbill>;

		/// Deposit held for every model or version record, plus the per-byte part.
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// Deposit held per byte a record stores.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// Longest model name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Longest URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// Most datanet versions one model version may be trained on.
		#[pallet::constant]
		type MaxTrainingDatanets: Get<u32>;

		/// Most inference operators of one model.
		#[pallet::constant]
		type MaxOperators: Get<u32>;

		/// Most versions of one model.
		#[pallet::constant]
		type MaxModelVersions: Get<u32>;

		/// Most ancestors a model may have through base models.
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;

		/// Most distinct datanets one model version may draw on along its whole lineage: its
		/// own training data plus every base model's, each datanet counted once. Every such
		/// datanet's licence is read at registration and at every training record and paid
		/// inference, so this bounds their cost. At most 256 (refusals name a position in
		/// the list with one byte) and at least `MaxTrainingDatanets`;
		/// `MaxTrainingDatanets × (MaxLineageDepth + 1)` never refuses a lineage. Registering
		/// a version over the bound fails with `TooManyLineageDatanets`.
		#[pallet::constant]
		type MaxLineageDatanets: Get<u32>;

		/// Builds published datanet versions for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: tributary_primitives::DatanetsBenchmarkHelper<Self::AccountId>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next model gets.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Every model, by id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, ModelOf<T>>;

	/// Every version of every model: old versions stay readable.
	#[pallet::storage]
	pub type ModelVersions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Twox64Concat,
		ModelVersion,
		ModelVersionOf<T>,
		OptionQuery,
	>;

	/// The open ownership offer of a model: the account the owner offered it to. At most
	/// one per model; a new offer replaces it; accepting or cancelling it, retiring or
	/// removing the model deletes it.
	#[pallet::storage]
	pub type OwnershipOffers<T: Config> =
		StorageMap<_, Blake2_128Concat, ModelId, T::AccountId, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered with its first version.
		ModelRegistered { model: ModelId, owner: T::AccountId, base_model: Option<ModelId> },
		/// A model has a new version.
		VersionAdded { model: ModelId, version: ModelVersion, artifact_hash: H256 },
		/// A model's status changed.
		StatusChanged { model: ModelId, status: ModelStatus },
		/// A model's price changed (for future payments).
		PriceChanged { model: ModelId, price: BalanceOf<T> },
		/// A model's revenue split changed (for future payments).
		SplitChanged { model: ModelId, split: RevenueSplit },
		/// A model's metadata URI changed.
		MetadataUpdated { model: ModelId },
		/// The owner offered the model to `to`, who may accept it (and its deposit).
		OwnershipOffered { model: ModelId, owner: T::AccountId, to: T::AccountId },
		/// The owner withdrew the offer of the model to `to`.
		OwnershipOfferCancelled { model: ModelId, to: T::AccountId },
		/// `to` accepted the model: it now holds the model's `deposit`, released to `from`.
		OwnershipTransferred {
			model: ModelId,
			from: T::AccountId,
			to: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// A retired model and all its versions were removed; `deposit` went back to `owner`.
		ModelRemoved {
			model: ModelId,
			owner: T::AccountId,
			versions: ModelVersion,
			deposit: BalanceOf<T>,
		},
		/// An inference operator was added.
		OperatorAdded { model: ModelId, operator: T::AccountId },
		/// An inference operator was removed.
		OperatorRemoved { model: ModelId, operator: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id.
		UnknownModel,
		/// No such model version.
		UnknownVersion,
		/// Only the model's owner may do this.
		NotOwner,
		/// The base model does not exist.
		UnknownBaseModel,
		/// The base model chain would be longer than `MaxLineageDepth`.
		LineageTooDeep,
		/// A retired model cannot become the base of a new model.
		BaseModelRetired,
		/// The version would draw on more than `MaxLineageDatanets` distinct datanets along
		/// its lineage (own training data plus every base model's).
		TooManyLineageDatanets,
		/// A model version needs at least one training datanet version.
		NoTrainingData,
		/// Training data entry `entry` names a datanet twice.
		DuplicateDatanet { entry: u8 },
		/// Lineage entry `entry` names a datanet version that does not exist (or a datanet
		/// that no longer has a licence). Entries count the version's own training data
		/// first, in call order, then the datanets it inherits from its base models.
		UnknownTrainingData { entry: u8 },
		/// The license of the datanet at lineage entry `entry` forbids training.
		LicenseForbidsTraining { entry: u8 },
		/// The license of the datanet at lineage entry `entry` forbids fine-tuning.
		LicenseForbidsFineTuning { entry: u8 },
		/// The license of the datanet at lineage entry `entry` forbids retrieval (RAG).
		LicenseForbidsRetrieval { entry: u8 },
		/// The license of the datanet at lineage entry `entry` forbids commercial use (at
		/// registration for a commercial model; at every paid inference for any model).
		LicenseForbidsCommercialUse { entry: u8 },
		/// The license of the datanet at lineage entry `entry` forbids derivative models
		/// (the model has a base model).
		LicenseForbidsDerivatives { entry: u8 },
		/// The license of the datanet at lineage entry `entry` has expired: no new
		/// registration, training record or paid inference may draw on it.
		LicenseExpired { entry: u8 },
		/// Developer, operators and data shares plus the treasury cut must make exactly 100%.
		SplitNotComplete,
		/// The model has `MaxModelVersions` versions.
		TooManyVersions,
		/// The model has `MaxOperators` operators.
		TooManyOperators,
		/// The account already operates this model.
		AlreadyOperator,
		/// The account does not operate this model.
		NotOperator,
		/// A retired model cannot change.
		ModelRetired,
		/// The model already has this status.
		SameStatus,
		/// The new owner already owns the model.
		AlreadyOwner,
		/// The account is the treasury or a pallet account: it can never be offered a model
		/// or operate one.
		ProtectedAccount,
		/// The model has no open ownership offer.
		NoOwnershipOffer,
		/// The model's open ownership offer is for another account.
		NotOfferedTo,
		/// Only a retired model can be removed.
		NotRetired,
		/// The model's deposit is more than the `max_deposit` the caller accepts.
		DepositAboveMax,
		/// A counter would overflow.
		Overflow,
	}

	/// The registry's reads: each record in the type it is stored in. Apps call them through
	/// the `RuntimeViewFunction` runtime API (polkadot.js / PAPI view functions) without any
	/// RPC of ours; the runtime's `AttributionApi` forwards to them.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A model's record.
		pub fn model(id: ModelId) -> Option<ModelOf<T>> {
			Models::<T>::get(id)
		}

		/// One version of a model.
		pub fn model_version(id: ModelId, version: ModelVersion) -> Option<ModelVersionOf<T>> {
			ModelVersions::<T>::get(id, version)
		}

		/// A model and its ancestors, newest version of each with its training data; empty
		/// for an unknown model. At most `MaxLineageDepth + 1` steps.
		pub fn model_lineage(id: ModelId) -> alloc::vec::Vec<LineageStep> {
			Self::lineage(id)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() >= 1, "a model must be able to have a name");
			assert!(T::MaxUriLength::get() >= 1, "a model must be able to point at its card");
			assert!(
				T::MaxTrainingDatanets::get() >= 1,
				"a model version must be able to name its training data"
			);
			assert!(T::MaxModelVersions::get() >= 1, "a model must be able to have a version");
			let lineage = T::MaxLineageDatanets::get();
			assert!(
				lineage >= T::MaxTrainingDatanets::get(),
				"MaxLineageDatanets must hold at least one version's training data"
			);
			assert!(lineage <= 256, "lineage entries are named by one byte");
			assert!(
				!T::DepositBase::get().is_zero(),
				"every model must hold a deposit, or state is free to fill"
			);
			let training = T::MaxTrainingDatanets::get();
			for (call, weight) in [
				("register_model", T::WeightInfo::register_model(training)),
				("add_version", T::WeightInfo::add_version(training)),
				("set_status", T::WeightInfo::set_status()),
				("set_price", T::WeightInfo::set_price()),
				("set_split", T::WeightInfo::set_split()),
				("add_operator", T::WeightInfo::add_operator()),
				("remove_operator", T::WeightInfo::remove_operator()),
				("update_metadata", T::WeightInfo::update_metadata()),
				("offer_ownership", T::WeightInfo::offer_ownership()),
				("cancel_ownership_offer", T::WeightInfo::cancel_ownership_offer()),
				("accept_ownership", T::WeightInfo::accept_ownership()),
				("remove_model", T::WeightInfo::remove_model(T::MaxModelVersions::get())),
			] {
				tributary_primitives::integrity::assert_call_fits::<T>(call, weight);
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a model with its first version. Holds a deposit sized by the bytes stored.
		///
		/// Origin: signed, the owner; the deposit is held from it.
		///
		/// - `base_model`: the model this one derives from, if any (lineage); it must exist
		///   and not be retired.
		/// - `training_data`: (datanet, version) pairs it was trained on; each must exist.
		///   The version inherits the training data of the base model's newest version (and
		///   so of the whole lineage). The licence of every datanet drawn on, own and
		///   inherited, must allow training, every declared use, and derivatives when
		///   `base_model` is set, and not have expired. A refusal names the lineage entry and
		///   the term.
		/// - `price`: the minimum fee of one inference.
		/// - `split`: developer + operators + data shares; with the treasury cut exactly 100%.
		///
		/// Tells `DatanetUsage` of each training datanet. Emits `ModelRegistered` and
		/// `VersionAdded`.
		///
		/// # Errors
		/// `SplitNotComplete`, `UnknownBaseModel`, `BaseModelRetired`, `LineageTooDeep`,
		/// `NoTrainingData`, `DuplicateDatanet`, `UnknownTrainingData`, `LicenseForbids*`,
		/// `LicenseExpired`, `TooManyLineageDatanets`, a refusal of `DatanetUsage`, or the
		/// currency's when the deposit cannot be held.
		///
		/// Complexity: O(T + L) in the training data entries and the lineage's datanets
		/// (the base version stores its lineage's datanets, so one read reaches them all).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(training_data.len() as u32))]
		pub fn register_model(
			origin: OriginFor<T>,
			name: NameOf<T>,
			metadata_uri: UriOf<T>,
			artifact_hash: H256,
			base_model: Option<ModelId>,
			training_data: TrainingDataOf<T>,
			uses: DeclaredUses,
			price: BalanceOf<T>,
			split: RevenueSplit,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_model(
				owner,
				name,
				metadata_uri,
				artifact_hash,
				base_model,
				training_data,
				uses,
				price,
				split,
			)
			.map(|_| ())
		}

		/// Add a version (new artifact, new training data); earlier versions stay readable and
		/// payable. The version inherits the data of the base model's newest version, and
		/// every datanet drawn on is checked as at registration.
		///
		/// Origin: signed, the owner (of a model that is not retired).
		///
		/// Tells `DatanetUsage` of each training datanet. Emits `VersionAdded`.
		///
		/// # Errors
		/// `UnknownModel`, `NotOwner`, `ModelRetired`, `TooManyVersions`, the training data
		/// and licence errors of `register_model`, or the currency's.
		///
		/// Complexity: O(T + L) in the training data entries and the lineage's datanets.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_version(training_data.len() as u32))]
		pub fn add_version(
			origin: OriginFor<T>,
			model: ModelId,
			artifact_hash: H256,
			training_data: TrainingDataOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_version(who, model, artifact_hash, training_data).map(|_| ())
		}

		/// Pause, resume or retire a model. Paused and retired models cannot be paid;
		/// retirement is final and deletes any open ownership offer (a retired model can only
		/// be removed).
		///
		/// Origin: signed, the owner. Emits `OwnershipOfferCancelled` (when an offer is
		/// withdrawn) and `StatusChanged`. Errors: `UnknownModel`, `NotOwner`, `ModelRetired`,
		/// `SameStatus`. O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_status())]
		pub fn set_status(
			origin: OriginFor<T>,
			model: ModelId,
			status: ModelStatus,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_status(who, model, status)
		}

		/// Set the inference price; applies to future payments only.
		///
		/// Origin: signed, the owner. Emits `PriceChanged`. Errors: `UnknownModel`,
		/// `NotOwner`, `ModelRetired`. O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_price())]
		pub fn set_price(
			origin: OriginFor<T>,
			model: ModelId,
			price: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::mutate_owned(who, model, |m| {
				m.price = price;
				Ok(Event::PriceChanged { model, price })
			})
		}

		/// Set the revenue split; applies to future payments only.
		///
		/// Origin: signed, the owner. Emits `SplitChanged`. Errors: `SplitNotComplete`,
		/// `UnknownModel`, `NotOwner`, `ModelRetired`. O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_split())]
		pub fn set_split(
			origin: OriginFor<T>,
			model: ModelId,
			split: RevenueSplit,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(split.is_complete(T::TreasuryCut::get()), Error::<T>::SplitNotComplete);
			Self::mutate_owned(who, model, |m| {
				m.split = split;
				Ok(Event::SplitChanged { model, split })
			})
		}

		// Call index 5 was `transfer_ownership` (one step, holding the deposit from a
		// recipient that never signed). Retired: never reuse it.

		/// Let `operator` serve inferences of the model and receive the operator share.
		/// Origin: signed, the owner. A protected account (treasury, pallet account) can never operate a
		/// model: its earnings would be stranded.
		///
		/// Emits `OperatorAdded`. Errors: `UnknownModel`, `NotOwner`, `ModelRetired`,
		/// `ProtectedAccount`, `AlreadyOperator`, `TooManyOperators`. O(O) in the operators.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::add_operator())]
		pub fn add_operator(
			origin: OriginFor<T>,
			model: ModelId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_operator(who, model, operator)
		}

		/// Stop `operator` serving the model.
		///
		/// Origin: signed, the owner. Emits `OperatorRemoved`. Errors: `UnknownModel`,
		/// `NotOwner`, `ModelRetired`, `NotOperator`. O(O) in the operators.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::remove_operator())]
		pub fn remove_operator(
			origin: OriginFor<T>,
			model: ModelId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::mutate_owned(who, model, |m| {
				let position = m
					.operators
					.iter()
					.position(|o| o == &operator)
					.ok_or(Error::<T>::NotOperator)?;
				m.operators.remove(position);
				Ok(Event::OperatorRemoved { model, operator })
			})
		}

		/// Change the model card URI; the deposit grows or shrinks by `DepositPerByte` per
		/// byte of difference.
		///
		/// Origin: signed, the owner. Emits `MetadataUpdated`. Errors: `UnknownModel`,
		/// `NotOwner`, `ModelRetired`, or the currency's when more cannot be held. O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::update_metadata())]
		pub fn update_metadata(
			origin: OriginFor<T>,
			model: ModelId,
			metadata_uri: UriOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_metadata(who, model, metadata_uri)
		}

		/// Offer the model to `to`, the first of two steps: nothing moves until `to`
		/// accepts with `accept_ownership` (and then holds the deposit from its own
		/// balance). One open offer per model: a new one replaces the old.
		///
		/// Origin: signed, the owner (of a model that is not retired).
		///
		/// Emits `OwnershipOffered`.
		///
		/// # Errors
		/// `UnknownModel`, `NotOwner`, `ModelRetired`, `AlreadyOwner` (`to` is the owner),
		/// `ProtectedAccount` (`to` is the treasury or a pallet account).
		///
		/// Complexity: O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::offer_ownership())]
		pub fn offer_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			to: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_offer_ownership(who, model, to)
		}

		/// Withdraw the model's open ownership offer.
		///
		/// Origin: signed, the owner.
		///
		/// Emits `OwnershipOfferCancelled`.
		///
		/// # Errors
		/// `UnknownModel`, `NotOwner`, `NoOwnershipOffer`.
		///
		/// Complexity: O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::cancel_ownership_offer())]
		pub fn cancel_ownership_offer(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_ownership_offer(who, model)
		}

		/// Accept the model offered to the caller: the caller becomes the owner and the
		/// model's whole deposit is held from the caller's balance; the previous owner's is
		/// released. The offer is consumed. The previous owner's operators lose their role
		/// (`OperatorRemoved` for each): the new owner adds its own.
		///
		/// Origin: signed, the account the model was offered to.
		/// - `max_deposit`: the most the caller agrees to hold. The previous owner can still
		///   add versions after offering, which grows the deposit; a bigger deposit refuses
		///   the accept (`DepositAboveMax`) and nothing changes.
		///
		/// Emits `OwnershipTransferred`, and `OperatorRemoved` per operator.
		///
		/// # Errors
		/// `UnknownModel`, `NoOwnershipOffer`, `NotOfferedTo`, `ModelRetired`,
		/// `DepositAboveMax`, or the currency's when the caller cannot hold the deposit.
		///
		/// Complexity: O(O) in the operators (at most `MaxOperators`).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			max_deposit: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_ownership(who, model, max_deposit)
		}

		/// Remove a retired model: deletes the model, every version and any ownership offer,
		/// releases the whole deposit to the owner and tells `DatanetUsage` that each
		/// version's training datanets are released. Models derived from it stay as they are:
		/// each version keeps the lineage datanets it stored, so licence checks along their
		/// lineage are unchanged, and a stranger's derived model cannot keep the deposit held.
		/// The lineage query stops at the removed base.
		///
		/// Origin: signed, the owner.
		///
		/// Emits `ModelRemoved`.
		///
		/// # Errors
		/// `UnknownModel`, `NotOwner`, `NotRetired`.
		///
		/// Complexity: O(V × T) in the versions and their training data entries; charged for
		/// `MaxModelVersions` versions, the unused part refunded.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::remove_model(T::MaxModelVersions::get()))]
		pub fn remove_model(origin: OriginFor<T>, model: ModelId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let versions = Self::do_remove_model(who, model)?;
			Ok(Some(T::WeightInfo::remove_model(versions)).into())
		}
	}
}
