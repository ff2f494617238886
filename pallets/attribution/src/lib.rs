#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod attestors;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod disputes;
pub mod history;
mod impls;
pub mod migration;
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
		ContributionId, DatanetId, DatanetsInspect, InferenceId, ModelId, ModelVersion,
		ModelsInspect, RevenueHandler,
	};

	/// The in-code storage version. Version 2 turned an attestor's bond into its seat
	/// (`AttestorInfo`) and added `TrainingRecord::by_attestor` (see `migration`). Version 3
	/// keeps inference records in state through their dispute period only, with their list
	/// positions, and the lists in the node's history (no chain was live on version 2, so
	/// there is no migration).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An attestor's bond, slashed when a record it submitted is proven false.
		AttestorBond,
		/// A record's deposit, held from its submitter through the dispute period.
		RecordDeposit,
		/// A challenger's bond, slashed when the challenge is dismissed.
		ChallengeBond,
	}

	/// A bounded list of training influences.
	pub type InfluencesOf<T> = BoundedVec<(DatanetId, Perbill), <T as Config>::MaxTrainingDatanets>;
	/// A bounded list of inference attributions.
	pub type AttributionsOf<T> =
		BoundedVec<(ContributionId, Perbill), <T as Config>::MaxAttributionsPerInference>;
	/// A training record as stored.
	pub type TrainingRecordOf<T> = TrainingRecord<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxTrainingDatanets,
	>;
	/// The attestors an owner named for one model.
	pub type ModelAttestorsOf<T> =
		NamedAttestors<<T as frame_system::Config>::AccountId, <T as Config>::MaxModelAttestors>;
	/// An attestor's seat as stored.
	pub type AttestorInfoOf<T> = AttestorInfo<BlockNumberFor<T>>;
	/// An inference record as stored.
	pub type InferenceRecordOf<T> = InferenceRecord<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxAttributionsPerInference,
	>;

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency fees, deposits and bonds are in.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The dataset registry: attributed contributions must exist, be accepted and be in
		/// the trained versions.
		type Datanets: DatanetsInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// The model registry: status, price, operators, training data.
		type Models: ModelsInspect<Self::AccountId, Balance>;

		/// Splits each fee.
		type Revenue: RevenueHandler<Self::AccountId, Balance>;

		/// Approves accounts to bond as attestors, revokes approvals and removes attestors
		/// (sudo on dev chains). It never holds anything: the approved account bonds itself.
		type AttestorOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Accounts that can never hold an attestor seat: the treasury and every pallet
		/// account (none of them can sign, so none could ever bond or withdraw).
		type ProtectedAccounts: Contains<Self::AccountId>;

		/// Upholds or dismisses disputes (sudo on dev chains).
		type DisputeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives slashed deposits and bonds.
		#[pallet::constant]
		type TreasuryAccount: Get<Self::AccountId>;

		/// Bond held from each attestor.
		#[pallet::constant]
		type AttestorBond: Get<Balance>;

		/// Deposit held from the submitter of each record through the dispute period.
		#[pallet::constant]
		type RecordDeposit: Get<Balance>;

		/// Bond held from each challenger.
		#[pallet::constant]
		type ChallengeBond: Get<Balance>;

		/// Blocks after recording during which a record can be challenged, unless genesis set
		/// another period (`DisputePeriod`). After them a training record's deposit can be
		/// released, and an inference record leaves state (archived, deposit returned).
		#[pallet::constant]
		type DefaultDisputePeriod: Get<BlockNumberFor<Self>>;

		/// The most weight `on_idle` spends per block archiving expired inference records: a
		/// cap, so the pruning never crowds a block however large the backlog.
		#[pallet::constant]
		type MaxIdlePruneWeight: Get<Weight>;

		/// The model registry's deepest lineage (base models above a model): the worst case
		/// `pay_inference` is charged before it is refunded to the model's own.
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;

		/// Most contributions one inference may attribute.
		#[pallet::constant]
		type MaxAttributionsPerInference: Get<u32>;

		/// Most training datanets of a model version (the model registry's bound).
		#[pallet::constant]
		type MaxTrainingDatanets: Get<u32>;

		/// Largest page the paginated reads return.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Most attestors an owner may name for one model.
		#[pallet::constant]
		type MaxModelAttestors: Get<u32>;

		/// Builds a payable model for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: tributary_primitives::RevenueBenchmarkHelper<Self::AccountId>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Accounts `AttestorOrigin` approved to bond as attestors, not bonded yet. Nothing is
	/// held from them until they call `bond_attestor` themselves.
	#[pallet::storage]
	pub type ApprovedAttestors<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	/// Attestor seats: bond, status and what each still answers for. A seat stays (bonded or
	/// unbonding) until its holder withdraws the bond, which it may do only once no record it
	/// signed can be challenged any more and no dispute against one is open.
	#[pallet::storage]
	pub type Attestors<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AttestorInfoOf<T>>;

	/// For each model, the attestors its owner named to write its versions' training records
	/// (besides the owner itself), and which owner named them: a list named by a previous
	/// owner names no one.
	#[pallet::storage]
	pub type ModelAttestors<T: Config> =
		StorageMap<_, Twox64Concat, ModelId, ModelAttestorsOf<T>, OptionQuery>;

	/// The training attribution of each model version, immutable once recorded.
	#[pallet::storage]
	pub type TrainingRecords<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ModelId,
		Twox64Concat,
		ModelVersion,
		TrainingRecordOf<T>,
		OptionQuery,
	>;

	/// The id the next inference record gets. Every payment reads and writes it, so a block
	/// commits it once however many payments it holds: the benchmarks leave it out of each
	/// payment's weight (whitelisted) and `on_initialize` charges it once per block.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextInferenceId<T> = StorageValue<_, InferenceId, ValueQuery>;

	/// Inference records within their dispute period (and any with a dispute still open):
	/// immutable but for the dispute flag and the deposit. After its period a record is
	/// archived to the node's history, its deposit returned and the entry removed
	/// (`on_idle`, oldest first).
	#[pallet::storage]
	pub type Inferences<T: Config> = StorageMap<_, Twox64Concat, InferenceId, InferenceRecordOf<T>>;

	/// The oldest inference id `on_idle` has not gone past: every record below it has left
	/// state, but for those with a dispute open when their period ended (`resolve_dispute`
	/// archives them).
	#[pallet::storage]
	pub type PruneHead<T> = StorageValue<_, InferenceId, ValueQuery>;

	/// The dispute period in blocks: `DefaultDisputePeriod` unless genesis set another (dev
	/// chains use a short one).
	#[pallet::storage]
	pub type DisputePeriod<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultDisputePeriod>;

	/// How many inferences each model served: the length of its list in the history.
	#[pallet::storage]
	pub type ModelInferenceCount<T> = StorageMap<_, Twox64Concat, ModelId, u32, ValueQuery>;

	/// How many inferences each account paid for: the length of its list in the history.
	#[pallet::storage]
	pub type PayerInferenceCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The id the next dispute gets.
	#[pallet::storage]
	pub type NextDisputeId<T> = StorageValue<_, DisputeId, ValueQuery>;

	/// Open disputes.
	#[pallet::storage]
	pub type Disputes<T: Config> =
		StorageMap<_, Twox64Concat, DisputeId, Dispute<T::AccountId, BlockNumberFor<T>>>;

	/// The open dispute of each challenged record (one at a time).
	#[pallet::storage]
	pub type OpenDisputeOf<T> = StorageMap<_, Twox64Concat, DisputeTarget, DisputeId>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The dispute period, in blocks, when not `DefaultDisputePeriod`.
		pub dispute_period: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(period) = self.dispute_period {
				DisputePeriod::<T>::put(period);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `AttestorOrigin` approved an account to bond as an attestor (nothing held yet).
		AttestorApproved { attestor: T::AccountId },
		/// `AttestorOrigin` withdrew an approval the account had not used.
		AttestorApprovalRevoked { attestor: T::AccountId },
		/// An approved account bonded itself and became an attestor.
		AttestorAdded { attestor: T::AccountId, bond: Balance },
		/// An attestor stopped signing (removed by governance or leaving); its bond stays held
		/// at least until after `accountable_until` and while disputes against its records
		/// are open.
		AttestorUnbonding { attestor: T::AccountId, accountable_until: BlockNumberFor<T> },
		/// An unbonding attestor withdrew what was left of its bond and gave up its seat.
		AttestorBondWithdrawn { attestor: T::AccountId, bond: Balance },
		/// A model owner named an attestor to write the model's training records.
		AttestorNamed { model: ModelId, attestor: T::AccountId },
		/// A model owner withdrew an attestor's naming for the model.
		AttestorUnnamed { model: ModelId, attestor: T::AccountId },
		/// The training attribution of a model version was recorded.
		TrainingAttributed {
			model: ModelId,
			version: ModelVersion,
			submitter: T::AccountId,
			influences: InfluencesOf<T>,
			contributions_root: Option<H256>,
			method: AttributionMethod,
		},
		/// A paid inference was recorded (its fee split is in the revenue pallet's `FeeSplit`).
		InferenceRecorded {
			inference: InferenceId,
			model: ModelId,
			version: ModelVersion,
			payer: T::AccountId,
			operator: T::AccountId,
			fee: Balance,
			attributions: u32,
		},
		/// A record was challenged.
		Challenged { dispute: DisputeId, target: DisputeTarget, challenger: T::AccountId },
		/// A challenge was upheld: the record is flagged disputed, the challenger's bond
		/// returned, the submitter's deposit (and an attestor's bond) slashed.
		DisputeUpheld { dispute: DisputeId, target: DisputeTarget, slashed: Balance },
		/// A challenge was dismissed: the challenger's bond was slashed.
		DisputeDismissed { dispute: DisputeId, target: DisputeTarget, slashed: Balance },
		/// A record's deposit went back to its submitter after the dispute period.
		RecordDepositReleased { target: DisputeTarget, amount: Balance },
		/// An inference record's dispute period ended: the record left state for the node's
		/// history and its deposit went back to its payer (`deposit_returned`, zero when it
		/// was slashed).
		InferenceArchived { inference: InferenceId, payer: T::AccountId, deposit_returned: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id.
		UnknownModel,
		/// The model has no such version.
		UnknownVersion,
		/// The model is paused or retired: it cannot be paid.
		ModelNotActive,
		/// The named operator does not operate this model.
		NotOperator,
		/// Only the model owner, or an attestor the owner named for this model, may record
		/// its training attribution.
		NotOwnerOrNamedAttestor,
		/// The fee is below the model's price.
		FeeBelowPrice,
		/// Attribution weights must sum to exactly 100%.
		WeightsDoNotSumToOne,
		/// A contribution (or datanet) appears twice in the list.
		DuplicateEntry,
		/// An attributed contribution does not exist.
		UnknownContribution,
		/// An attributed contribution is pending or rejected.
		ContributionNotAccepted,
		/// An attributed contribution was withdrawn (consent revoked).
		ContributionWithdrawn,
		/// An attributed contribution was flagged malicious by its curator.
		ContributionFlagged,
		/// An attributed contribution is not in a datanet version this model version was
		/// trained on.
		NotInTrainingData,
		/// An influence names a datanet this model version was not trained on.
		NotTrainingDatanet,
		/// This model version's training attribution is already recorded (it is immutable).
		AlreadyRecorded,
		/// The account is already an attestor.
		AlreadyAttestor,
		/// The account is not an attestor.
		NotAttestor,
		/// The account is a pallet or treasury account: it can never hold an attestor seat.
		ProtectedAccount,
		/// The account is already approved to bond as an attestor.
		AlreadyApproved,
		/// The account has not been approved to bond as an attestor.
		NotApproved,
		/// The attestor is not bonded (it never bonded, or it is unbonding): it signs nothing.
		NotBondedAttestor,
		/// The attestor is already unbonding.
		AlreadyUnbonding,
		/// The attestor is still bonded: it must be removed or leave before withdrawing.
		NotUnbonding,
		/// A record the attestor signed can still be challenged: the bond stays held until
		/// the block after its last dispute window closes.
		StillAccountable,
		/// A dispute against a record the attestor signed is open.
		DisputesOpen,
		/// Only the model's owner may name or un-name its attestors.
		NotModelOwner,
		/// The attestor is already named for this model.
		AlreadyNamed,
		/// The attestor is not named for this model.
		NotNamed,
		/// The model already has `MaxModelAttestors` named attestors.
		TooManyModelAttestors,
		/// An attribution or training influence has weight zero.
		ZeroWeight,
		/// The fee is zero.
		ZeroFee,
		/// More attributions than `MaxAttributionsPerInference`.
		TooManyAttributions,
		/// No such record.
		UnknownRecord,
		/// No such dispute.
		UnknownDispute,
		/// The record already has an open dispute.
		DisputeAlreadyOpen,
		/// The record was already found false.
		AlreadyDisputed,
		/// The dispute period of the record is over.
		DisputePeriodOver,
		/// The dispute period of the record is not over yet.
		DisputePeriodNotOver,
		/// The record's deposit was already released or slashed.
		NoDeposit,
		/// A counter would overflow.
		Overflow,
	}

	/// The attribution pallet's reads of state. Apps call them through the
	/// `RuntimeViewFunction` runtime API (polkadot.js / PAPI view functions); the runtime's
	/// `AttributionApi` forwards to them. An inference record past its dispute period is no
	/// longer in state: `AttributionApi::inference` reads it from the node's history.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// An inference record still in state (within its dispute period).
		pub fn live_inference(id: InferenceId) -> Option<InferenceRecordOf<T>> {
			Inferences::<T>::get(id)
		}

		/// The training influence recorded for a model version, per datanet; `None` if none
		/// is recorded or the record was found false.
		pub fn training_influence_of(
			model: ModelId,
			version: ModelVersion,
		) -> Option<alloc::vec::Vec<(DatanetId, Perbill)>> {
			<Self as tributary_primitives::TrainingInfluence>::training_influence(model, version)
		}

		/// How many inferences a model has served.
		pub fn inference_count(model: ModelId) -> u32 {
			ModelInferenceCount::<T>::get(model)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Charges the block's one read and one write of `NextInferenceId` (whitelisted in the
		/// payments' benchmarks: the block commits it once, whatever the payments).
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			T::DbWeight::get().reads_writes(1, 1)
		}

		/// Archives inference records whose dispute period is over, oldest first, returning
		/// their deposits, within the weight left and at most `MaxIdlePruneWeight`.
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::prune_expired(now, remaining.min(T::MaxIdlePruneWeight::get()))
		}

		fn integrity_test() {
			use tributary_primitives::integrity::{assert_call_fits, assert_hook_fits};
			let attributions = T::MaxAttributionsPerInference::get();
			assert!(attributions >= 1, "an inference must be able to attribute a contribution");
			assert!(T::MaxPageSize::get() >= 1, "pages must hold at least one entry");
			assert!(
				T::MaxTrainingDatanets::get() >= 1,
				"a model version must be able to name its training data"
			);
			assert!(T::MaxModelAttestors::get() >= 1, "a model must be able to name an attestor");
			assert!(
				!T::DefaultDisputePeriod::get().is_zero(),
				"a record must be open to dispute for at least one block"
			);
			let one_record = T::WeightInfo::prune_idle_base()
				.saturating_add(T::DbWeight::get().reads(2))
				.saturating_add(T::WeightInfo::prune_inference(attributions));
			assert!(
				T::MaxIdlePruneWeight::get().all_gte(one_record),
				"on_idle must be able to archive at least one record per block"
			);
			let on_initialize = T::DbWeight::get().reads_writes(1, 1);
			assert_hook_fits::<T>(
				"on_initialize and on_idle",
				on_initialize.saturating_add(T::MaxIdlePruneWeight::get()),
			);
			let prune = T::WeightInfo::prune_inference(attributions);
			for (call, weight) in [
				("add_attestor", T::WeightInfo::add_attestor()),
				("remove_attestor", T::WeightInfo::remove_attestor()),
				("record_training_attribution", T::WeightInfo::record_training_attribution()),
				(
					"pay_inference",
					T::WeightInfo::pay_inference(
						attributions,
						T::MaxTrainingDatanets::get(),
						T::MaxLineageDepth::get(),
					),
				),
				("challenge", T::WeightInfo::challenge()),
				("resolve_dispute", T::WeightInfo::resolve_dispute().saturating_add(prune)),
				("release_record_deposit", T::WeightInfo::release_record_deposit().max(prune)),
				("bond_attestor", T::WeightInfo::bond_attestor()),
				("unbond_attestor", T::WeightInfo::unbond_attestor()),
				("withdraw_attestor_bond", T::WeightInfo::withdraw_attestor_bond()),
				("name_attestor", T::WeightInfo::name_attestor()),
				("unname_attestor", T::WeightInfo::unname_attestor()),
			] {
				assert_call_fits::<T>(call, weight);
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Approve `attestor` to bond itself as an attestor. Nothing is held: the account
		/// becomes an attestor only when it calls `bond_attestor` itself.
		///
		/// - Origin: `AttestorOrigin`.
		///
		/// Emits `AttestorApproved`.
		///
		/// # Errors
		/// `ProtectedAccount` for the treasury or a pallet account, `AlreadyAttestor` while the
		/// account holds a seat (bonded or unbonding), `AlreadyApproved`.
		///
		/// O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_attestor())]
		pub fn add_attestor(origin: OriginFor<T>, attestor: T::AccountId) -> DispatchResult {
			T::AttestorOrigin::ensure_origin(origin)?;
			Self::do_approve_attestor(attestor)
		}

		/// Withdraw `attestor`'s unused approval, or remove a bonded attestor: it stops signing
		/// at once, and its bond stays held until it is accountable for nothing (see
		/// `withdraw_attestor_bond`).
		///
		/// - Origin: `AttestorOrigin`.
		///
		/// Emits `AttestorApprovalRevoked` or `AttestorUnbonding`.
		///
		/// # Errors
		/// `NotAttestor` when the account is neither approved nor an attestor,
		/// `AlreadyUnbonding`.
		///
		/// O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_attestor())]
		pub fn remove_attestor(origin: OriginFor<T>, attestor: T::AccountId) -> DispatchResult {
			T::AttestorOrigin::ensure_origin(origin)?;
			Self::do_remove_attestor(attestor)
		}

		/// Record the training attribution of `model` at `version`: the influence of each
		/// training datanet (non-zero weights summing to exactly 100%), an optional Merkle
		/// root over per-contribution influence scores computed off chain, and the method.
		/// Written once, immutable; it holds `RecordDeposit` from the caller and weights the
		/// version's datanet pools in every later payment.
		///
		/// - Origin: signed, by the model owner or by a bonded attestor the owner named for
		///   this model (`name_attestor`). An attestor's bond answers for the record until its
		///   dispute window closes.
		///
		/// Emits `TrainingAttributed`.
		///
		/// # Errors
		/// `UnknownModel`, `NotOwnerOrNamedAttestor`, `NotBondedAttestor` (named but removed
		/// or unbonding), `UnknownVersion`, `AlreadyRecorded`, `DuplicateEntry`, `ZeroWeight`,
		/// `WeightsDoNotSumToOne`, `NotTrainingDatanet`, the model registry's licence error
		/// (`ensure_licensed` for `TrainingRecord`: an expired licence on any datanet the
		/// version draws on), and the currency's when the deposit cannot be held.
		///
		/// O(D²) in the (bounded) datanets plus the licence check over the version's
		/// datanets (own and lineage).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::record_training_attribution())]
		pub fn record_training_attribution(
			origin: OriginFor<T>,
			model: ModelId,
			version: ModelVersion,
			influences: InfluencesOf<T>,
			contributions_root: Option<H256>,
			method: AttributionMethod,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_record_training(who, model, version, influences, contributions_root, method)
		}

		/// Pay for one inference of `model` at `version` served by `operator`, and record
		/// which contributions influenced the output. The caller pays `fee` (at least the
		/// model's price) and holds `RecordDeposit` through the record's dispute period; the
		/// revenue pallet splits the fee. After the period the chain archives the record to
		/// the node's history and returns the deposit by itself (`on_idle`): no second call.
		///
		/// - Origin: signed, by the payer.
		///
		/// Emits `InferenceRecorded` (and the revenue pallet's `FeeSplit`).
		///
		/// Charged for the most training datanets and the deepest lineage, refunded to the
		/// model version's own.
		///
		/// # Errors
		/// Everything [`Pallet::validate_inference`] refuses (the same errors the
		/// `preview_split` runtime API answers): `UnknownModel`, `UnknownVersion`,
		/// `ModelNotActive`, `NotOperator`, `FeeBelowPrice`, `ZeroFee`, `DuplicateEntry`,
		/// `ZeroWeight`, `WeightsDoNotSumToOne`, `UnknownContribution`,
		/// `ContributionNotAccepted`, `ContributionWithdrawn`, `ContributionFlagged`,
		/// `NotInTrainingData`, the model registry's licence error (`PaidInference`: expired
		/// or non-commercial licence on any datanet drawn on, lineage included); then the
		/// currency's when the payer cannot pay, and `Overflow`.
		///
		/// O(A²) in the (bounded) attributions plus the licence check, O(T) in the training
		/// datanets.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::pay_inference(
			attributions.len() as u32,
			T::MaxTrainingDatanets::get(),
			T::MaxLineageDepth::get(),
		))]
		pub fn pay_inference(
			origin: OriginFor<T>,
			model: ModelId,
			version: ModelVersion,
			operator: T::AccountId,
			fee: Balance,
			io_hash: H256,
			attributions: AttributionsOf<T>,
		) -> DispatchResultWithPostInfo {
			let payer = ensure_signed(origin)?;
			let count = attributions.len() as u32;
			let paid = Self::do_pay_inference(
				payer,
				model,
				version,
				operator,
				fee,
				io_hash,
				attributions,
			)?;
			Ok(Some(T::WeightInfo::pay_inference(
				count,
				paid.training_datanets,
				paid.lineage_depth,
			))
			.into())
		}

		/// Challenge a record within its dispute period, holding `ChallengeBond` and pointing
		/// at evidence published off chain. A challenge of a training record an attestor
		/// signed keeps that attestor's bond held until the dispute is resolved.
		///
		/// - Origin: signed, by the challenger.
		///
		/// Emits `Challenged`.
		///
		/// # Errors
		/// `UnknownRecord`, `AlreadyDisputed`, `DisputeAlreadyOpen`, `DisputePeriodOver`,
		/// `Overflow`, and the currency's when the bond cannot be held.
		///
		/// O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::challenge())]
		pub fn challenge(
			origin: OriginFor<T>,
			target: DisputeTarget,
			evidence_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(who, target, evidence_hash)
		}

		/// Resolve a dispute. Upheld: the record is flagged disputed in every read, the
		/// challenger's bond returned, the submitter's deposit slashed to the treasury, and an
		/// attestor that signed a false training record loses its whole bond and its seat
		/// (also while unbonding). Dismissed: the challenger's bond is slashed to the
		/// treasury. Payouts already made are not clawed back. An inference record whose
		/// period ended while the dispute was open is archived at once (deposit returned if
		/// not slashed).
		///
		/// - Origin: `DisputeOrigin`.
		///
		/// Emits `DisputeUpheld` or `DisputeDismissed`.
		///
		/// # Errors
		/// `UnknownDispute`, `UnknownRecord`.
		///
		/// O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::resolve_dispute().saturating_add(
			T::WeightInfo::prune_inference(T::MaxAttributionsPerInference::get())
		))]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			dispute: DisputeId,
			uphold: bool,
		) -> DispatchResult {
			T::DisputeOrigin::ensure_origin(origin)?;
			Self::do_resolve_dispute(dispute, uphold)
		}

		/// Return a record's deposit to its submitter once its dispute period is over and no
		/// dispute is open. For an inference record this archives it now, as `on_idle` would
		/// (the fallback when full blocks leave `on_idle` no weight).
		///
		/// - Origin: signed, by anyone (it only returns the submitter's own deposit).
		///
		/// Emits `RecordDepositReleased` (training) or `InferenceArchived` (inference).
		///
		/// # Errors
		/// `UnknownRecord` (also for an inference record already archived), `NoDeposit`
		/// (training), `DisputePeriodNotOver`, `DisputeAlreadyOpen`.
		///
		/// O(`MaxAttributionsPerInference`): charged as the costlier of its benchmark and
		/// archiving the longest record.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::release_record_deposit().max(
			T::WeightInfo::prune_inference(T::MaxAttributionsPerInference::get())
		))]
		pub fn release_record_deposit(
			origin: OriginFor<T>,
			target: DisputeTarget,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release_record_deposit(target)
		}

		/// Bond as an attestor: holds `AttestorBond` from the caller, which `AttestorOrigin`
		/// must have approved (`add_attestor`), and uses up the approval.
		///
		/// - Origin: signed, by the approved account.
		///
		/// Emits `AttestorAdded`.
		///
		/// # Errors
		/// `NotApproved`, `AlreadyAttestor`, and the currency's when the bond cannot be held.
		///
		/// O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::bond_attestor())]
		pub fn bond_attestor(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_attestor(who)
		}

		/// Leave the attestors: the caller stops signing at once; its bond stays held until it
		/// is accountable for nothing (see `withdraw_attestor_bond`).
		///
		/// - Origin: signed, by a bonded attestor.
		///
		/// Emits `AttestorUnbonding`.
		///
		/// # Errors
		/// `NotAttestor`, `AlreadyUnbonding`.
		///
		/// O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::unbond_attestor())]
		pub fn unbond_attestor(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who)
		}

		/// Withdraw what is left of the caller's attestor bond and give up its seat: allowed
		/// once it is unbonding, the current block is after `accountable_until` (no record it
		/// signed can be challenged any more) and no dispute against its records is open.
		///
		/// - Origin: signed, by the unbonding attestor.
		///
		/// Emits `AttestorBondWithdrawn`.
		///
		/// # Errors
		/// `NotAttestor`, `NotUnbonding`, `StillAccountable`, `DisputesOpen`.
		///
		/// O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::withdraw_attestor_bond())]
		pub fn withdraw_attestor_bond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_attestor_bond(who)
		}

		/// Name `attestor` to write the training records of `model`'s versions (besides the
		/// owner). At most `MaxModelAttestors` per model. A naming belongs to the owner who
		/// made it: when the model changes hands, the previous owner's attestors can write
		/// nothing more, and the new owner's first naming starts a fresh list.
		///
		/// - Origin: signed, by the model owner.
		///
		/// Emits `AttestorNamed`.
		///
		/// # Errors
		/// `UnknownModel`, `NotModelOwner`, `NotBondedAttestor`, `AlreadyNamed`,
		/// `TooManyModelAttestors`.
		///
		/// O(N) in the (bounded) named attestors.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::name_attestor())]
		pub fn name_attestor(
			origin: OriginFor<T>,
			model: ModelId,
			attestor: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_name_attestor(who, model, attestor)
		}

		/// Withdraw `attestor`'s naming for `model`: it can no longer write the model's
		/// training records (records it already wrote stay).
		///
		/// - Origin: signed, by the model owner.
		///
		/// Emits `AttestorUnnamed`.
		///
		/// # Errors
		/// `UnknownModel`, `NotModelOwner`, `NotNamed`.
		///
		/// O(N) in the (bounded) named attestors.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::unname_attestor())]
		pub fn unname_attestor(
			origin: OriginFor<T>,
			model: ModelId,
			attestor: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unname_attestor(who, model, attestor)
		}
	}
}
