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
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::Perbill;
	use tributary_primitives::{
		DatanetsInspect, DeclaredUses, ModelId, ModelStatus, ModelVersion, RevenueSplit,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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
		/// A model has a new owner.
		OwnershipTransferred { model: ModelId, from: T::AccountId, to: T::AccountId },
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
		/// A model version needs at least one training datanet version.
		NoTrainingData,
		/// Training data entry `entry` names a datanet twice.
		DuplicateDatanet { entry: u8 },
		/// Training data entry `entry` names a datanet version that does not exist.
		UnknownTrainingData { entry: u8 },
		/// The license of the datanet in training data entry `entry` forbids training.
		LicenseForbidsTraining { entry: u8 },
		/// The license of the datanet in training data entry `entry` forbids fine-tuning.
		LicenseForbidsFineTuning { entry: u8 },
		/// The license of the datanet in training data entry `entry` forbids retrieval (RAG).
		LicenseForbidsRetrieval { entry: u8 },
		/// The license of the datanet in training data entry `entry` forbids commercial use.
		LicenseForbidsCommercialUse { entry: u8 },
		/// The license of the datanet in training data entry `entry` forbids derivative
		/// models (the model has a base model).
		LicenseForbidsDerivatives { entry: u8 },
		/// The license of the datanet in training data entry `entry` has expired.
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
		/// A counter would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a model with its first version. Holds a deposit sized by the bytes stored.
		///
		/// - `base_model`: the model this one derives from, if any (lineage).
		/// - `training_data`: (datanet, version) pairs it was trained on; each must exist and
		///   its license must allow training, every declared use, and derivatives when
		///   `base_model` is set, and not have expired. A refusal names the entry and term.
		/// - `price`: the minimum fee of one inference.
		/// - `split`: developer + operators + data shares; with the treasury cut exactly 100%.
		///
		/// Emits `ModelRegistered` and `VersionAdded`. O(T) in the training data entries,
		/// O(1) in the lineage (the base's depth is stored).
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

		/// Add a version (new artifact, new training data, licenses checked again); earlier
		/// versions stay readable and payable. Owner only.
		///
		/// Emits `VersionAdded`. O(T) in the training data entries.
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
		/// retirement is final. Owner only.
		///
		/// Emits `StatusChanged`. O(1).
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

		/// Set the inference price; applies to future payments only. Owner only.
		///
		/// Emits `PriceChanged`. O(1).
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

		/// Set the revenue split; applies to future payments only. Owner only.
		///
		/// Emits `SplitChanged`. O(1).
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

		/// Hand the model to `new_owner`; the deposit moves with it. Owner only.
		///
		/// Emits `OwnershipTransferred`. O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::transfer_ownership())]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			new_owner: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_ownership(who, model, new_owner)
		}

		/// Let `operator` serve inferences of the model and receive the operator share.
		/// Owner only.
		///
		/// Emits `OperatorAdded`. O(O) in the operators.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::add_operator())]
		pub fn add_operator(
			origin: OriginFor<T>,
			model: ModelId,
			operator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::mutate_owned(who, model, |m| {
				ensure!(!m.operators.contains(&operator), Error::<T>::AlreadyOperator);
				m.operators.try_push(operator.clone()).map_err(|_| Error::<T>::TooManyOperators)?;
				Ok(Event::OperatorAdded { model, operator })
			})
		}

		/// Stop `operator` serving the model. Owner only.
		///
		/// Emits `OperatorRemoved`. O(O) in the operators.
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

		/// Change the model card URI. Owner only.
		///
		/// Emits `MetadataUpdated`. O(1).
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
	}
}
