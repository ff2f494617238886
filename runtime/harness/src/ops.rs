//! What the harness can do to the chain: one [`Op`] is one signed extrinsic (or a short,
//! fixed sequence of them), decoded from fuzzer bytes with `arbitrary`.
//!
//! Fields never carry raw ids or raw accounts: they are *selectors* resolved against the live
//! state when the op runs (an index into the existing datanets, contributions, models or
//! inferences; an account index modulo the harness's accounts; an amount relative to the
//! signer's balance or to the existential deposit). So almost every decoded op is about
//! something that exists, and a few are deliberately about nothing (`Unknown` selectors).

use arbitrary::{Arbitrary, Result, Unstructured};

/// One of the harness's signing accounts (index modulo their number).
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who(pub u8);

/// Who signs a call that has a rightful signer (the curator, the owner, the submitter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
	/// The account entitled to make the call (four times in five).
	Rightful,
	/// Any account, most likely a stranger to the item.
	Stranger(Who),
}

impl<'a> Arbitrary<'a> for Actor {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(if u.ratio(4u8, 5)? { Actor::Rightful } else { Actor::Stranger(u.arbitrary()?) })
	}
}

/// The recipient of something: a transfer, an ownership or curatorship offer, an operator
/// role, an attestor seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
	/// One of the harness's accounts (most of the time).
	Account(Who),
	/// An account already holding the role in question (an operator to remove), else as
	/// `Account`.
	Existing(u8),
	/// An account that has never existed and has no key the harness signs with.
	Fresh(u8),
	/// The revenue pallet's account (`PalletId(*b"trb/rvnu")`).
	RevenuePallet,
	/// The treasury (`PalletId(*b"trb/trsy")`).
	Treasury,
	/// Another `PalletId`-derived account (`modl` prefix).
	OtherPallet,
}

impl<'a> Arbitrary<'a> for Target {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=99)? {
			0..=74 => Target::Account(u.arbitrary()?),
			75..=84 => Target::Existing(u.arbitrary()?),
			85..=88 => Target::Fresh(u.arbitrary()?),
			89..=92 => Target::RevenuePallet,
			93..=96 => Target::Treasury,
			_ => Target::OtherPallet,
		})
	}
}

/// An amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
	/// A few plancks.
	Tiny(u8),
	/// Up to ~4.3 milli-TRIB.
	Small(u32),
	/// Exactly the existential deposit.
	Ed,
	/// One planck below the existential deposit.
	EdMinusOne,
	/// One planck above the existential deposit.
	EdPlusOne,
	/// Whole TRIB.
	Trib(u16),
	/// `n / 256` of the signer's free balance.
	FractionOfFree(u8),
	/// The signer's whole free balance.
	AllFree,
	/// The signer's free balance minus the existential deposit (the most it can keep alive).
	AllButEd,
	/// `u128::MAX`.
	Max,
}

impl<'a> Arbitrary<'a> for Amount {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=99)? {
			0..=29 => Amount::Small(u.arbitrary()?),
			30..=59 => Amount::Trib(u.arbitrary()?),
			60..=64 => Amount::Tiny(u.arbitrary()?),
			65..=69 => Amount::Ed,
			70..=74 => Amount::EdMinusOne,
			75..=79 => Amount::EdPlusOne,
			80..=89 => Amount::FractionOfFree(u.arbitrary()?),
			90..=92 => Amount::AllFree,
			93..=96 => Amount::AllButEd,
			_ => Amount::Max,
		})
	}
}

/// The length of a bounded byte field.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Len {
	/// No bytes.
	Empty,
	/// Up to 255 bytes (capped at the field's bound).
	Short(u8),
	/// Exactly the field's bound.
	Max,
}

/// An index into a list of live items, or an id that names nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
	/// The `n`-th item (modulo the list's length), preferring items in the state the op needs.
	Live(u16),
	/// The newest item.
	Newest,
	/// An id past every existing one (one time in twenty).
	Unknown,
}

impl<'a> Arbitrary<'a> for Pick {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0 => Pick::Unknown,
			1..=4 => Pick::Newest,
			_ => Pick::Live(u.arbitrary()?),
		})
	}
}

/// A datanet version for training data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionPick {
	/// The newest published version.
	Latest,
	/// An older published version (or the latest when there is only one).
	Older(u8),
	/// The version after the newest (not published).
	Unpublished,
	/// Version 0 (never exists).
	Zero,
}

impl<'a> Arbitrary<'a> for VersionPick {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=39)? {
			0 => VersionPick::Unpublished,
			1 => VersionPick::Zero,
			2..=7 => VersionPick::Older(u.arbitrary()?),
			_ => VersionPick::Latest,
		})
	}
}

/// License terms for a datanet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Licence {
	/// `None`: every use allowed (most licences). `Some(bits)`: bit 0 forbids training,
	/// 1 fine-tuning, 2 retrieval, 3 commercial use, 4 derivatives.
	pub restrict: Option<u8>,
	/// When it expires.
	pub expiry: Expiry,
}

impl<'a> Arbitrary<'a> for Licence {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		let restrict = if u.ratio(1u8, 10)? { Some(u.arbitrary()?) } else { None };
		let expiry = match u.int_in_range(0u8..=39)? {
			0 => Expiry::Past,
			1 => Expiry::Soon(u.arbitrary()?),
			2..=3 => Expiry::Far,
			_ => Expiry::Never,
		};
		Ok(Licence { restrict, expiry })
	}
}

/// When a licence expires.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
	/// Never.
	Never,
	/// At a block already past.
	Past,
	/// In a few blocks.
	Soon(u8),
	/// At `u32::MAX`.
	Far,
}

/// What a model declares it does.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
	/// Fine-tune.
	pub fine_tune: bool,
	/// Retrieval.
	pub retrieval: bool,
	/// Commercial.
	pub commercial: bool,
}

/// A revenue split (the runtime's treasury cut is 5%).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitPick {
	/// 40 / 15 / 40 with half of the data share to the inference's attributions.
	Typical,
	/// Everything but the treasury cut to the developer.
	AllDeveloper,
	/// Everything but the treasury cut to data, `inference_data` in parts per 255.
	AllData(u8),
	/// Shares in parts per billion, normalised to make 95%.
	Parts(u32, u32, u8),
	/// Shares that do not make 100% with the treasury cut.
	Incomplete(u8),
}

impl<'a> Arbitrary<'a> for SplitPick {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0 => SplitPick::Incomplete(u.arbitrary()?),
			1..=2 => SplitPick::AllDeveloper,
			3..=5 => SplitPick::AllData(u.arbitrary()?),
			6..=11 => SplitPick::Parts(u.arbitrary()?, u.arbitrary()?, u.arbitrary()?),
			_ => SplitPick::Typical,
		})
	}
}

/// Training data of a model version: up to `MaxTrainingDatanets` entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Training {
	/// The datanets and versions.
	pub entries: Vec<(Pick, VersionPick)>,
	/// Use as many distinct published datanets as the runtime allows.
	pub max: bool,
}

impl<'a> Arbitrary<'a> for Training {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		let n = match u.int_in_range(0u8..=39)? {
			0 => 0,
			1..=24 => 1,
			25..=32 => 2,
			33..=36 => 3,
			_ => u.int_in_range(4..=17)?,
		};
		let entries =
			(0..n).map(|_| Ok((u.arbitrary()?, u.arbitrary()?))).collect::<Result<_>>()?;
		Ok(Training { entries, max: u.ratio(1u8, 12)? })
	}
}

/// A price or fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Price {
	/// Free (zero).
	Zero,
	/// A few plancks.
	Tiny(u8),
	/// Milli-TRIB.
	Milli(u16),
	/// Whole TRIB (0 to 7).
	Trib(u8),
	/// `u128::MAX`.
	Max,
}

impl<'a> Arbitrary<'a> for Price {
	/// Mostly prices the harness's accounts can pay; an unpayable `u128::MAX` now and then.
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0..=1 => Price::Zero,
			2..=4 => Price::Tiny(u.arbitrary()?),
			5..=15 => Price::Milli(u.arbitrary()?),
			16..=18 => Price::Trib(u.arbitrary()?),
			_ => Price::Max,
		})
	}
}

/// The fee offered for an inference, relative to the model's price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fee {
	/// Exactly the price.
	Price,
	/// The price plus this many milli-TRIB.
	Above(u16),
	/// One planck below the price.
	Below,
	/// Zero.
	Zero,
	/// `u128::MAX`.
	Max,
}

impl<'a> Arbitrary<'a> for Fee {
	/// A payable fee four times in five; the refused ones are each still drawn often.
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0..=9 => Fee::Price,
			10..=15 => Fee::Above(u.arbitrary()?),
			16..=17 => Fee::Below,
			18 => Fee::Zero,
			_ => Fee::Max,
		})
	}
}

/// Who serves an inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
	/// One of the model's registered operators (most of the time).
	Registered,
	/// Any account, most likely not an operator of the model.
	Other(Target),
}

impl<'a> Arbitrary<'a> for Server {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(if u.ratio(17u8, 20)? { Server::Registered } else { Server::Other(u.arbitrary()?) })
	}
}

/// The attributions of an inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attributions {
	/// None (the whole data share goes to the pools).
	None,
	/// `n` (1 ..= 64) contributions of the trained versions, equal weights summing to 100%.
	Even(u8),
	/// `n` contributions, weights summing to 100% unevenly.
	Uneven(u8, u32),
	/// As many as allowed (64), from the trained versions.
	Max,
	/// Weights that do not sum to 100%.
	BadSum(u8),
	/// One contribution listed twice.
	Duplicate,
	/// A contribution with weight zero.
	ZeroWeight,
	/// Any contributions, trained on or not.
	Anything(u8),
}

impl<'a> Arbitrary<'a> for Attributions {
	/// Valid attributions three times in four; each kind of bad one is still drawn often.
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0..=3 => Attributions::None,
			4..=9 => Attributions::Even(u.arbitrary()?),
			10..=13 => Attributions::Uneven(u.arbitrary()?, u.arbitrary()?),
			14 => Attributions::Max,
			15 => Attributions::BadSum(u.arbitrary()?),
			16 => Attributions::Duplicate,
			17 => Attributions::ZeroWeight,
			_ => Attributions::Anything(u.arbitrary()?),
		})
	}
}

/// The training influences of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Influences {
	/// Equal influence of every training datanet.
	Even,
	/// All on the first training datanet.
	First,
	/// Weights that do not sum to 100%.
	BadSum,
	/// A datanet listed twice.
	Duplicate,
	/// A datanet the version was not trained on.
	Foreign,
	/// A zero weight beside the others.
	ZeroWeight,
}

impl<'a> Arbitrary<'a> for Influences {
	/// Valid influences three times in four.
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0..=8 => Influences::Even,
			9..=14 => Influences::First,
			15 => Influences::BadSum,
			16 => Influences::Duplicate,
			17..=18 => Influences::Foreign,
			_ => Influences::ZeroWeight,
		})
	}
}

/// A record that can be challenged.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
	/// A training record.
	Training(Pick),
	/// An inference record.
	Inference(Pick),
}

/// A contribution weight set by the curator.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualityWeight {
	/// Zero (invalid).
	Zero,
	/// One.
	One,
	/// A value in range, at most the declared weight.
	Some(u16),
	/// One more than the declared weight (refused: it would hold more from the contributor).
	AboveDeclared,
	/// `MaxContributionWeight`.
	Max,
	/// `MaxContributionWeight + 1` (invalid).
	MaxPlusOne,
	/// `u64::MAX` (invalid).
	U64Max,
}

/// A declared contribution size.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
	/// Zero (invalid).
	Zero,
	/// Kibibytes.
	KiB(u16),
	/// Mebibytes.
	MiB(u16),
	/// `u64::MAX`.
	Max,
}

/// Which content hash a contribution registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
	/// A hash never seen (most of the time).
	Fresh,
	/// The hash of an existing contribution (any status).
	Existing(Pick),
}

impl<'a> Arbitrary<'a> for Hash {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(if u.ratio(1u8, 6)? { Hash::Existing(u.arbitrary()?) } else { Hash::Fresh })
	}
}

/// How many contributions a batch adds.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batch {
	/// Up to the next multiple of the claim batch (64) of the owner's contributions.
	ToMultiple,
	/// One short of it.
	OneShort,
	/// One past it.
	OnePast,
}

/// How far the chain moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
	/// To the next block.
	One,
	/// A few blocks.
	Few(u8),
	/// Past the dispute period: the chain's `DisputePeriod` plus one (eleven blocks on the
	/// `dev` chain the harness builds; one time in five).
	PastDisputePeriod,
}

impl<'a> Arbitrary<'a> for Skip {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0..=3 => Skip::PastDisputePeriod,
			4..=9 => Skip::Few(u.arbitrary()?),
			_ => Skip::One,
		})
	}
}

/// The most deposit the recipient of a transfer signs for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxDeposit {
	/// Exactly the deposit at the time of the call.
	Exact,
	/// `u128::MAX`: whatever it is.
	Any,
	/// One planck below the deposit (refused: `DepositAboveMax`).
	OneShort,
}

impl<'a> Arbitrary<'a> for MaxDeposit {
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=19)? {
			0..=9 => MaxDeposit::Exact,
			10..=16 => MaxDeposit::Any,
			_ => MaxDeposit::OneShort,
		})
	}
}

/// A model status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
	/// Active.
	Active,
	/// Paused.
	Paused,
	/// Retired (final).
	Retired,
}

impl<'a> Arbitrary<'a> for Status {
	/// Retiring is final, so it is drawn least.
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=9)? {
			0..=4 => Status::Active,
			5..=7 => Status::Paused,
			_ => Status::Retired,
		})
	}
}

/// What the sudo key (or someone pretending to hold it) asks root to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootOp {
	/// `Balances::force_transfer`.
	ForceTransfer { from: Who, to: Target, amount: Amount },
	/// `Balances::force_set_balance`.
	ForceSetBalance { who: Who, amount: Amount },
	/// `Attribution::add_attestor` (the seat is offered; see the pallet for the bond).
	AddAttestor { who: Target },
	/// `Attribution::remove_attestor`.
	RemoveAttestor { who: Who },
	/// `Attribution::resolve_dispute`.
	ResolveDispute { dispute: Pick, uphold: bool },
	/// `Grandpa::note_stalled`.
	NoteStalled { delay: u8 },
	/// `System::remark_with_event` as root.
	Remark,
}

impl<'a> Arbitrary<'a> for RootOp {
	/// Approving attestors most often: every attestor call needs one first.
	fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=11)? {
			0..=1 => RootOp::ForceTransfer {
				from: u.arbitrary()?,
				to: u.arbitrary()?,
				amount: u.arbitrary()?,
			},
			2 => RootOp::ForceSetBalance { who: u.arbitrary()?, amount: u.arbitrary()? },
			3..=6 => RootOp::AddAttestor { who: u.arbitrary()? },
			7 => RootOp::RemoveAttestor { who: u.arbitrary()? },
			8..=9 => RootOp::ResolveDispute { dispute: u.arbitrary()?, uphold: u.arbitrary()? },
			10 => RootOp::NoteStalled { delay: u.arbitrary()? },
			_ => RootOp::Remark,
		})
	}
}

/// One thing the harness does.
#[derive(Arbitrary, Debug, Clone, PartialEq, Eq)]
pub enum Op {
	/// Finish the block and start another, maybe skipping block numbers.
	NextBlock(Skip),
	/// `Balances::transfer_keep_alive` or `transfer_allow_death`.
	Transfer { from: Who, to: Target, amount: Amount, keep_alive: bool },
	/// `Balances::transfer_all`.
	TransferAll { from: Who, to: Target, keep_alive: bool },
	/// `Balances::burn`.
	Burn { from: Who, amount: Amount, keep_alive: bool },
	/// `System::remark` with a payload of `len` KiB (up to 256 KiB).
	Remark { from: Who, kib: u8 },
	/// `Sudo::sudo`.
	Sudo { by: Actor, op: RootOp },
	/// `Datanets::create_datanet`.
	CreateDatanet { curator: Who, name: Len, uri: Len, review: bool, licence: Licence },
	/// `Datanets::update_datanet`.
	UpdateDatanet { by: Actor, datanet: Pick, uri: Option<Len>, licence: Option<Licence> },
	/// `Datanets::close_datanet`.
	CloseDatanet { by: Actor, datanet: Pick },
	/// `Datanets::contribute`.
	Contribute { from: Who, datanet: Pick, hash: Hash, size: Size, uri: Len, metadata: Len },
	/// Many `Datanets::contribute` from one owner, to bring its contribution count to an
	/// exact multiple of the claim batch (or one off it).
	ContributeBatch { from: Who, datanet: Pick, batch: Batch },
	/// `Datanets::accept_contribution`.
	Accept { by: Actor, contribution: Pick, weight: Option<QualityWeight> },
	/// `Datanets::reject_contribution`.
	Reject { by: Actor, contribution: Pick },
	/// `Datanets::flag_malicious`.
	Flag { by: Actor, contribution: Pick },
	/// `Datanets::withdraw_contribution`.
	Withdraw { by: Actor, contribution: Pick },
	/// `Datanets::publish_version`.
	Publish { by: Actor, datanet: Pick },
	/// `Models::register_model`.
	RegisterModel {
		owner: Who,
		base: Option<Pick>,
		training: Training,
		uses: Uses,
		price: Price,
		split: SplitPick,
		name: Len,
		uri: Len,
	},
	/// `Models::add_version`.
	AddVersion { by: Actor, model: Pick, training: Training },
	/// `Models::set_status`.
	SetStatus { by: Actor, model: Pick, status: Status },
	/// `Models::set_price`.
	SetPrice { by: Actor, model: Pick, price: Price },
	/// `Models::set_split`.
	SetSplit { by: Actor, model: Pick, split: SplitPick },
	/// `Models::update_metadata`.
	UpdateModelMetadata { by: Actor, model: Pick, uri: Len },
	/// `Models::add_operator`.
	AddOperator { by: Actor, model: Pick, operator: Target },
	/// `Models::remove_operator`.
	RemoveOperator { by: Actor, model: Pick, operator: Target },
	/// `Attribution::record_training_attribution`.
	RecordTraining { by: Actor, model: Pick, version: u8, influences: Influences },
	/// `Attribution::pay_inference`.
	PayInference {
		payer: Who,
		model: Pick,
		version: u8,
		operator: Server,
		fee: Fee,
		attributions: Attributions,
	},
	/// `Attribution::challenge`.
	Challenge { by: Who, record: Record },
	/// `Attribution::release_record_deposit`.
	ReleaseRecordDeposit { by: Who, record: Record },
	/// `Datanets::offer_curatorship`.
	OfferCuratorship { by: Actor, datanet: Pick, to: Target },
	/// `Datanets::accept_curatorship` (`Rightful`: the account offered the datanet).
	AcceptCuratorship { by: Actor, datanet: Pick, max: MaxDeposit },
	/// `Datanets::cancel_curatorship_offer`.
	CancelCuratorshipOffer { by: Actor, datanet: Pick },
	/// `Datanets::retire_datanet`.
	RetireDatanet { by: Actor, datanet: Pick },
	/// `Models::offer_ownership`.
	OfferOwnership { by: Actor, model: Pick, to: Target },
	/// `Models::accept_ownership` (`Rightful`: the account offered the model).
	AcceptOwnership { by: Actor, model: Pick, max: MaxDeposit },
	/// `Models::cancel_ownership_offer`.
	CancelOwnershipOffer { by: Actor, model: Pick },
	/// `Models::remove_model`.
	RemoveModel { by: Actor, model: Pick },
	/// `Attribution::bond_attestor`.
	BondAttestor { by: Who },
	/// `Attribution::unbond_attestor`.
	UnbondAttestor { by: Who },
	/// `Attribution::withdraw_attestor_bond`.
	WithdrawAttestorBond { by: Who },
	/// `Attribution::name_attestor` (or `unname_attestor` when `name` is false).
	NameAttestor { by: Actor, model: Pick, attestor: Who, name: bool },
	/// One `Revenue::claim`.
	Claim { by: Who },
	/// `Revenue::claim` again and again until nothing more is owed: all of it must be paid.
	ClaimAll { by: Who },
}

/// How often each op is drawn, out of the sum of all (the fuzzer's bytes choose among them
/// by these weights, so a random byte string exercises every pallet).
const WEIGHTS: &[(u8, u32)] = &[
	(0, 2),   // NextBlock
	(1, 6),   // Transfer
	(2, 1),   // TransferAll
	(3, 1),   // Burn
	(4, 1),   // Remark
	(5, 4),   // Sudo
	(6, 4),   // CreateDatanet
	(7, 2),   // UpdateDatanet
	(8, 1),   // CloseDatanet
	(9, 14),  // Contribute
	(10, 1),  // ContributeBatch
	(11, 8),  // Accept
	(12, 2),  // Reject
	(13, 2),  // Flag
	(14, 2),  // Withdraw
	(15, 5),  // Publish
	(16, 6),  // RegisterModel
	(17, 2),  // AddVersion
	(18, 2),  // SetStatus
	(19, 1),  // SetPrice
	(20, 1),  // SetSplit
	(21, 1),  // UpdateModelMetadata
	(22, 4),  // AddOperator
	(23, 1),  // RemoveOperator
	(24, 4),  // RecordTraining
	(25, 20), // PayInference
	(26, 2),  // Challenge
	(27, 1),  // ReleaseRecordDeposit
	(28, 4),  // Claim
	(29, 3),  // ClaimAll
	(30, 3),  // OfferOwnership
	(31, 3),  // AcceptOwnership
	(32, 1),  // CancelOwnershipOffer
	(33, 1),  // RemoveModel
	(34, 2),  // BondAttestor
	(35, 1),  // UnbondAttestor
	(36, 1),  // WithdrawAttestorBond
	(37, 2),  // NameAttestor
	(38, 3),  // OfferCuratorship
	(39, 3),  // AcceptCuratorship
	(40, 1),  // CancelCuratorshipOffer
	(41, 1),  // RetireDatanet
];

impl Op {
	/// Draws one op, choosing its kind by [`WEIGHTS`] and its fields with `arbitrary`.
	pub fn draw(u: &mut Unstructured) -> Result<Op> {
		let total: u32 = WEIGHTS.iter().map(|(_, w)| w).sum();
		let mut roll = u.int_in_range(0..=total - 1)?;
		let mut kind = 0;
		for (k, w) in WEIGHTS {
			if roll < *w {
				kind = *k;
				break;
			}
			roll -= w;
		}
		Ok(match kind {
			0 => Op::NextBlock(u.arbitrary()?),
			1 => Op::Transfer {
				from: u.arbitrary()?,
				to: u.arbitrary()?,
				amount: u.arbitrary()?,
				keep_alive: u.arbitrary()?,
			},
			2 => Op::TransferAll {
				from: u.arbitrary()?,
				to: u.arbitrary()?,
				keep_alive: u.arbitrary()?,
			},
			3 => Op::Burn {
				from: u.arbitrary()?,
				amount: u.arbitrary()?,
				keep_alive: u.arbitrary()?,
			},
			4 => Op::Remark { from: u.arbitrary()?, kib: u.arbitrary()? },
			5 => Op::Sudo { by: u.arbitrary()?, op: u.arbitrary()? },
			6 => Op::CreateDatanet {
				curator: u.arbitrary()?,
				name: u.arbitrary()?,
				uri: u.arbitrary()?,
				review: u.arbitrary()?,
				licence: u.arbitrary()?,
			},
			7 => Op::UpdateDatanet {
				by: u.arbitrary()?,
				datanet: u.arbitrary()?,
				uri: u.arbitrary()?,
				licence: u.arbitrary()?,
			},
			8 => Op::CloseDatanet { by: u.arbitrary()?, datanet: u.arbitrary()? },
			9 => Op::Contribute {
				from: u.arbitrary()?,
				datanet: u.arbitrary()?,
				hash: u.arbitrary()?,
				size: u.arbitrary()?,
				uri: u.arbitrary()?,
				metadata: u.arbitrary()?,
			},
			10 => Op::ContributeBatch {
				from: u.arbitrary()?,
				datanet: u.arbitrary()?,
				batch: u.arbitrary()?,
			},
			11 => Op::Accept {
				by: u.arbitrary()?,
				contribution: u.arbitrary()?,
				weight: u.arbitrary()?,
			},
			12 => Op::Reject { by: u.arbitrary()?, contribution: u.arbitrary()? },
			13 => Op::Flag { by: u.arbitrary()?, contribution: u.arbitrary()? },
			14 => Op::Withdraw { by: u.arbitrary()?, contribution: u.arbitrary()? },
			15 => Op::Publish { by: u.arbitrary()?, datanet: u.arbitrary()? },
			16 => Op::RegisterModel {
				owner: u.arbitrary()?,
				base: u.arbitrary()?,
				training: u.arbitrary()?,
				uses: u.arbitrary()?,
				price: u.arbitrary()?,
				split: u.arbitrary()?,
				name: u.arbitrary()?,
				uri: u.arbitrary()?,
			},
			17 => Op::AddVersion {
				by: u.arbitrary()?,
				model: u.arbitrary()?,
				training: u.arbitrary()?,
			},
			18 => {
				Op::SetStatus { by: u.arbitrary()?, model: u.arbitrary()?, status: u.arbitrary()? }
			}
			19 => Op::SetPrice { by: u.arbitrary()?, model: u.arbitrary()?, price: u.arbitrary()? },
			20 => Op::SetSplit { by: u.arbitrary()?, model: u.arbitrary()?, split: u.arbitrary()? },
			21 => Op::UpdateModelMetadata {
				by: u.arbitrary()?,
				model: u.arbitrary()?,
				uri: u.arbitrary()?,
			},
			22 => Op::AddOperator {
				by: u.arbitrary()?,
				model: u.arbitrary()?,
				operator: u.arbitrary()?,
			},
			23 => Op::RemoveOperator {
				by: u.arbitrary()?,
				model: u.arbitrary()?,
				operator: u.arbitrary()?,
			},
			24 => Op::RecordTraining {
				by: u.arbitrary()?,
				model: u.arbitrary()?,
				version: u.arbitrary()?,
				influences: u.arbitrary()?,
			},
			25 => Op::PayInference {
				payer: u.arbitrary()?,
				model: u.arbitrary()?,
				version: u.arbitrary()?,
				operator: u.arbitrary()?,
				fee: u.arbitrary()?,
				attributions: u.arbitrary()?,
			},
			26 => Op::Challenge { by: u.arbitrary()?, record: u.arbitrary()? },
			27 => Op::ReleaseRecordDeposit { by: u.arbitrary()?, record: u.arbitrary()? },
			28 => Op::Claim { by: u.arbitrary()? },
			29 => Op::ClaimAll { by: u.arbitrary()? },
			30 => {
				Op::OfferOwnership { by: u.arbitrary()?, model: u.arbitrary()?, to: u.arbitrary()? }
			}
			31 => Op::AcceptOwnership {
				by: u.arbitrary()?,
				model: u.arbitrary()?,
				max: u.arbitrary()?,
			},
			32 => Op::CancelOwnershipOffer { by: u.arbitrary()?, model: u.arbitrary()? },
			33 => Op::RemoveModel { by: u.arbitrary()?, model: u.arbitrary()? },
			34 => Op::BondAttestor { by: u.arbitrary()? },
			35 => Op::UnbondAttestor { by: u.arbitrary()? },
			36 => Op::WithdrawAttestorBond { by: u.arbitrary()? },
			38 => Op::OfferCuratorship {
				by: u.arbitrary()?,
				datanet: u.arbitrary()?,
				to: u.arbitrary()?,
			},
			39 => Op::AcceptCuratorship {
				by: u.arbitrary()?,
				datanet: u.arbitrary()?,
				max: u.arbitrary()?,
			},
			40 => Op::CancelCuratorshipOffer { by: u.arbitrary()?, datanet: u.arbitrary()? },
			41 => Op::RetireDatanet { by: u.arbitrary()?, datanet: u.arbitrary()? },
			_ => Op::NameAttestor {
				by: u.arbitrary()?,
				model: u.arbitrary()?,
				attestor: u.arbitrary()?,
				name: u.arbitrary()?,
			},
		})
	}
}
