//! A test runtime: system, balances and revenue, over mock dataset and model registries
//! and mock training influence.

use crate as pallet_revenue;
use codec::{Decode, Encode};
use frame_support::{derive_impl, parameter_types, PalletId};
use sp_runtime::{BuildStorage, Perbill};
use std::collections::BTreeMap;
use tributary_primitives::*;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub use tributary_primitives::Balance;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Revenue: pallet_revenue,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

/// A contribution in the mock dataset registry: in versions `first ..= last`, or
/// `first ..= latest` while `last` is open.
#[derive(Clone, Debug, PartialEq, Encode, Decode)]
pub struct MockContribution {
	pub datanet: DatanetId,
	pub owner: AccountId,
	pub weight: u64,
	pub status: ContributionStatus,
	pub first: DatanetVersion,
	pub last: Option<DatanetVersion>,
}

/// The mock registries. They live in storage (one SCALE value), so they roll back with a
/// failed call and are wiped with the rest of the state between benchmark runs.
#[derive(Default, PartialEq, Encode, Decode)]
pub struct World {
	pub contributions: BTreeMap<ContributionId, MockContribution>,
	pub versions: BTreeMap<(DatanetId, DatanetVersion), VersionView>,
	pub models: BTreeMap<(ModelId, ModelVersion), ModelPaymentView<AccountId, Balance>>,
	pub influence: BTreeMap<(ModelId, ModelVersion), Vec<(DatanetId, Perbill)>>,
	/// Datanets created through the benchmark helper (which have no version yet count too).
	#[cfg_attr(not(feature = "runtime-benchmarks"), allow(dead_code))]
	pub datanets: u32,
}

impl World {
	/// The newest version of `datanet` (0 when none).
	pub fn latest(&self, datanet: DatanetId) -> DatanetVersion {
		self.versions.keys().filter(|(d, _)| *d == datanet).map(|(_, v)| *v).max().unwrap_or(0)
	}

	/// The next free contribution id.
	pub fn next_contribution(&self) -> ContributionId {
		self.contributions.keys().next_back().map_or(0, |id| id + 1)
	}

	/// The next free datanet id.
	#[cfg_attr(not(feature = "runtime-benchmarks"), allow(dead_code))]
	pub fn next_datanet(&self) -> DatanetId {
		let used = self.versions.keys().map(|(d, _)| d + 1).max().unwrap_or(0);
		used.max(self.datanets)
	}
}

/// Where the mock registries are stored.
const WORLD_KEY: &[u8] = b"mock/revenue/world";

/// Reads or changes the mock registries (written back only when changed).
pub fn world<R>(f: impl FnOnce(&mut World) -> R) -> R {
	let before = frame_support::storage::unhashed::get_raw(WORLD_KEY);
	let mut w = match &before {
		Some(raw) => World::decode(&mut &raw[..]).expect("the mock world decodes"),
		None => World::default(),
	};
	let result = f(&mut w);
	let after = w.encode();
	let unchanged = match &before {
		Some(raw) => *raw == after,
		None => w == World::default(),
	};
	if !unchanged {
		frame_support::storage::unhashed::put_raw(WORLD_KEY, &after);
	}
	result
}

/// Adds an accepted contribution in versions `first ..= last` of `datanet`, and counts it
/// in the totals of those versions.
pub fn add_contribution(
	id: ContributionId,
	datanet: DatanetId,
	owner: AccountId,
	weight: u64,
	versions: (DatanetVersion, DatanetVersion),
) {
	world(|w| {
		w.contributions.insert(
			id,
			MockContribution {
				datanet,
				owner,
				weight,
				status: ContributionStatus::Accepted,
				first: versions.0,
				last: Some(versions.1),
			},
		);
		for v in versions.0..=versions.1 {
			let entry = w.versions.entry((datanet, v)).or_insert(VersionView {
				contribution_count: 0,
				total_weight: 0,
				root: Default::default(),
			});
			entry.contribution_count += 1;
			entry.total_weight += weight as u128;
		}
	});
}

/// `owner` contributes `count` accepted contributions of weight `weight` to `datanet`: they
/// join every version published from now on, until flagged or withdrawn.
pub fn contribute(
	owner: AccountId,
	datanet: DatanetId,
	count: u32,
	weight: u64,
) -> Vec<ContributionId> {
	world(|w| {
		let first = w.latest(datanet) + 1;
		(0..count)
			.map(|_| {
				let id = w.next_contribution();
				w.contributions.insert(
					id,
					MockContribution {
						datanet,
						owner,
						weight,
						status: ContributionStatus::Accepted,
						first,
						last: None,
					},
				);
				id
			})
			.collect()
	})
}

/// Publishes the next version of `datanet`: every contribution in it, by weight.
pub fn publish(datanet: DatanetId) -> DatanetVersion {
	world(|w| {
		let version = w.latest(datanet) + 1;
		let members: Vec<u64> = w
			.contributions
			.values()
			.filter(|c| {
				c.datanet == datanet && c.first <= version && c.last.is_none_or(|l| l >= version)
			})
			.map(|c| c.weight)
			.collect();
		w.versions.insert(
			(datanet, version),
			VersionView {
				contribution_count: members.len() as u64,
				total_weight: members.iter().map(|w| *w as u128).sum(),
				root: Default::default(),
			},
		);
		version
	})
}

/// Flags contribution `id` malicious as the dataset registry does: tells the revenue pallet
/// first, then takes it out of every future version.
pub fn flag(id: ContributionId) {
	let owner = world(|w| w.contributions[&id].owner);
	<Revenue as OnContributionFlagged<AccountId>>::contribution_flagged(id, &owner);
	world(|w| {
		let latest = w.latest(w.contributions[&id].datanet);
		let c = w.contributions.get_mut(&id).unwrap();
		c.status = ContributionStatus::Flagged;
		c.last = Some(c.last.unwrap_or(latest).min(latest));
	});
}

/// Withdraws contribution `id` as its owner does in the dataset registry: tells the revenue
/// pallet first, then takes it out of every future version.
pub fn withdraw(id: ContributionId) {
	let owner = world(|w| w.contributions[&id].owner);
	<Revenue as OnContributionFlagged<AccountId>>::contribution_flagged(id, &owner);
	world(|w| {
		let latest = w.latest(w.contributions[&id].datanet);
		let c = w.contributions.get_mut(&id).unwrap();
		c.status = ContributionStatus::Withdrawn;
		c.last = Some(c.last.unwrap_or(latest).min(latest));
	});
}

pub struct MockDatanets;
impl DatanetsInspect<AccountId, u64> for MockDatanets {
	fn contribution(id: ContributionId) -> Option<ContributionView<AccountId>> {
		world(|w| {
			let c = w.contributions.get(&id)?;
			let last = c.last.unwrap_or_else(|| w.latest(c.datanet));
			Some(ContributionView {
				datanet: c.datanet,
				owner: c.owner,
				weight: c.weight,
				status: c.status,
				versions: (c.first >= 1 && c.first <= last).then_some((c.first, last)),
			})
		})
	}
	fn version(datanet: DatanetId, version: DatanetVersion) -> Option<VersionView> {
		world(|w| w.versions.get(&(datanet, version)).cloned())
	}
	fn latest_version(datanet: DatanetId) -> DatanetVersion {
		world(|w| w.latest(datanet))
	}
	fn license(_: DatanetId) -> Option<LicenseTerms<u64>> {
		None
	}
	fn contributions_of(
		owner: &AccountId,
		after: Option<ContributionId>,
		limit: u32,
	) -> Vec<ContributionId> {
		world(|w| {
			w.contributions
				.iter()
				.filter(|(id, c)| c.owner == *owner && after.is_none_or(|a| **id > a))
				.map(|(id, _)| *id)
				.take(limit as usize)
				.collect()
		})
	}
}

pub struct MockModels;
impl ModelsInspect<AccountId, Balance> for MockModels {
	fn payment_view(
		model: ModelId,
		version: ModelVersion,
	) -> Option<ModelPaymentView<AccountId, Balance>> {
		world(|w| w.models.get(&(model, version)).cloned())
	}
	fn is_operator(_: ModelId, _: &AccountId) -> bool {
		true
	}
	fn owner(model: ModelId) -> Option<AccountId> {
		world(|w| w.models.iter().find(|((m, _), _)| *m == model).map(|(_, v)| v.owner))
	}
	fn ensure_licensed(
		_: ModelId,
		_: ModelVersion,
		_: LicensedUse,
	) -> Result<(), sp_runtime::DispatchError> {
		Ok(())
	}
	fn check_licences(_: &[DatanetId], _: LicensedUse) -> Result<(), sp_runtime::DispatchError> {
		Ok(())
	}
}

pub struct MockInfluence;
impl TrainingInfluence for MockInfluence {
	fn training_influence(
		model: ModelId,
		version: ModelVersion,
	) -> Option<Vec<(DatanetId, Perbill)>> {
		world(|w| w.influence.get(&(model, version)).cloned())
	}
}

/// Builds payable models in the mock registries for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl RevenueBenchmarkHelper<AccountId> for BenchmarkHelper {
	fn payable_model(contributions: u32, training_datanets: u32) -> PayableModel<AccountId> {
		let mut training_data = Vec::new();
		let mut owned = Vec::new();
		for n in 0..training_datanets.max(1) {
			let curator = 10_000 + u64::from(n);
			let count = if n == 0 { contributions } else { 1 };
			let (datanet, version, ids) = MockDatanets::published_datanet(&curator, count);
			if n == 0 {
				owned = ids;
			}
			training_data.push((datanet, version));
		}
		let model = world(|w| w.models.keys().map(|(m, _)| m + 1).max().unwrap_or(0));
		set_model(model, 1, ALICE, 0, &training_data);
		PayableModel {
			model,
			version: 1,
			developer: ALICE,
			operator: FERDIE,
			contributions: owned,
			training_data,
		}
	}

	fn record_training_influence(
		model: ModelId,
		version: ModelVersion,
		influence: Vec<(DatanetId, Perbill)>,
	) -> Result<(), sp_runtime::DispatchError> {
		world(|w| w.influence.insert((model, version), influence));
		Ok(())
	}

	fn flag_contribution(
		_: &AccountId,
		id: ContributionId,
	) -> Result<(), sp_runtime::DispatchError> {
		flag(id);
		Ok(())
	}
}

/// Registers `model` at `version` in the mock registry with the worked-example split
/// (developer 40%, operators 15%, data 40%; half the data share to attributions).
pub fn set_model(
	model: ModelId,
	version: ModelVersion,
	owner: AccountId,
	price: Balance,
	training: &[(DatanetId, DatanetVersion)],
) {
	world(|w| {
		w.models.insert(
			(model, version),
			ModelPaymentView {
				owner,
				status: ModelStatus::Active,
				price,
				split: RevenueSplit {
					developer: Perbill::from_percent(40),
					operators: Perbill::from_percent(15),
					data: Perbill::from_percent(40),
					inference_data: Perbill::from_percent(50),
				},
				training_data: training.to_vec(),
				lineage_datanets: training.iter().map(|(d, _)| *d).collect(),
				operators: vec![FERDIE],
			},
		)
	});
}

/// Pays for an inference as the attribution pallet does after its validation: builds the
/// checked payment from the mock model registry (refusing, as the validation would, an
/// unknown model version or an attribution of a contribution that is not accepted) and
/// hands it to the revenue pallet. Returns the breakdown.
pub fn pay(
	inference: InferenceId,
	payer: &AccountId,
	model: ModelId,
	version: ModelVersion,
	operator: &AccountId,
	fee: Balance,
	attributions: &[(ContributionId, Perbill)],
) -> Result<FeeBreakdown<Balance>, sp_runtime::DispatchError> {
	let payment = checked_payment(model, version, fee, attributions)?;
	Revenue::pay(inference, payer, operator, &payment).map(|receipt| receipt.breakdown)
}

/// The checked payment the attribution pallet's validation would build, or its refusal.
pub fn checked_payment(
	model: ModelId,
	version: ModelVersion,
	fee: Balance,
	attributions: &[(ContributionId, Perbill)],
) -> Result<CheckedPayment<AccountId, Balance>, sp_runtime::DispatchError> {
	let view = MockModels::payment_view(model, version)
		.ok_or(crate::Error::<Test>::UnknownModelVersion)?;
	for (id, _) in attributions {
		let accepted = MockDatanets::contribution(*id)
			.is_some_and(|c| c.status == ContributionStatus::Accepted);
		if !accepted {
			return Err(sp_runtime::DispatchError::Other("attribution of a stopped contribution"));
		}
	}
	Ok(CheckedPayment { model, version, fee, view, attributions: attributions.to_vec() })
}

/// What the treasury holds plus what payments owe it and `on_idle` has not sent yet.
pub fn treasury_total() -> Balance {
	use frame_support::traits::fungible::Inspect;
	Balances::balance(&Treasury::get()) + crate::Flow::<Test>::get().treasury_due
}

parameter_types! {
	/// 1 unless a test sets another.
	pub static ExistentialDeposit: Balance = 1;
	pub const Treasury: AccountId = 999;
	pub const TreasuryCut: Perbill = Perbill::from_percent(5);
	pub const RevenuePalletId: PalletId = PalletId(*b"trb/rvnu");
	/// Contributions per claim: 3 unless a test sets another (e.g. the runtime's 64).
	pub static MaxClaimBatch: u32 = 3;
}

impl pallet_revenue::Config for Test {
	type Currency = Balances;
	type Datanets = MockDatanets;
	type Influence = MockInfluence;
	type TreasuryAccount = Treasury;
	type TreasuryCut = TreasuryCut;
	type PalletId = RevenuePalletId;
	type MaxVersions = frame_support::traits::ConstU32<16>;
	type MaxClaimBatch = MaxClaimBatch;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
pub const FERDIE: AccountId = 6;
pub const PAYER: AccountId = 7;
pub use tributary_primitives::TRIB;
/// What the payer starts with.
pub const PAYER_FUNDS: Balance = 1_000_000_000 * TRIB;

/// A fresh chain at block 1 with a funded payer, empty registries.
pub fn new_test_ext() -> sp_io::TestExternalities {
	MaxClaimBatch::set(3);
	ExistentialDeposit::set(1);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(PAYER, PAYER_FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_revenue::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_invariants();
	});
}

/// The pallet's `try_state`, and what only the mock can check (it sees every contribution):
/// each pool holds at least what its contributions could claim from it right now.
pub fn check_invariants() {
	Revenue::do_try_state().unwrap();
	let ids: Vec<ContributionId> = world(|w| w.contributions.keys().copied().collect());
	let mut owed: BTreeMap<DatanetId, Balance> = BTreeMap::new();
	for id in ids {
		if let Some(s) = Revenue::settlement(id) {
			*owed.entry(s.datanet).or_default() += s.amount;
			// Unsettled attributed shares are owed from the revenue account, not the pool.
		}
	}
	for (datanet, owed) in owed {
		let held = crate::Pools::<Test>::get(datanet).balance;
		assert!(held >= owed, "pool {datanet} holds {held} but owes {owed}");
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl DatanetsBenchmarkHelper<AccountId> for MockDatanets {
	fn published_datanet(
		_curator: &AccountId,
		contributions: u32,
	) -> (DatanetId, DatanetVersion, Vec<(ContributionId, AccountId)>) {
		let datanet = world(|w| {
			let d = w.next_datanet();
			w.datanets = d + 1;
			d
		});
		let owned: Vec<(ContributionId, AccountId)> = (0..contributions)
			.map(|_| {
				let owner = world(|w| 100_000 + w.next_contribution());
				(contribute(owner, datanet, 1, 1)[0], owner)
			})
			.collect();
		(datanet, publish(datanet), owned)
	}
	fn contribute(owner: &AccountId, datanet: DatanetId, count: u32) -> Vec<ContributionId> {
		contribute(*owner, datanet, count, 1)
	}
	fn publish(_curator: &AccountId, datanet: DatanetId) -> DatanetVersion {
		publish(datanet)
	}
	fn inflate_version(datanet: DatanetId, version: DatanetVersion, count: u64, weight: u128) {
		world(|w| {
			if let Some(v) = w.versions.get_mut(&(datanet, version)) {
				v.contribution_count = count;
				v.total_weight = weight;
			}
		});
	}
}
