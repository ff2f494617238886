//! A test runtime: system, balances and revenue, over mock dataset and model registries
//! and mock training influence.

use crate as pallet_revenue;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, PalletId};
use sp_runtime::{BuildStorage, Perbill};
use std::collections::BTreeMap;
use tributary_primitives::*;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub use crate::Balance;

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

#[derive(Default)]
pub struct World {
	pub contributions: BTreeMap<ContributionId, ContributionView<AccountId>>,
	pub versions: BTreeMap<(DatanetId, DatanetVersion), VersionView>,
	pub models: BTreeMap<(ModelId, ModelVersion), ModelPaymentView<AccountId, Balance>>,
	pub influence: BTreeMap<(ModelId, ModelVersion), Vec<(DatanetId, Perbill)>>,
}

thread_local! {
	pub static WORLD: RefCell<World> = RefCell::new(World::default());
}

/// Changes the mock registries.
pub fn world<R>(f: impl FnOnce(&mut World) -> R) -> R {
	WORLD.with(|w| f(&mut w.borrow_mut()))
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
			ContributionView {
				datanet,
				owner,
				weight,
				status: ContributionStatus::Accepted,
				versions: Some(versions),
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

pub struct MockDatanets;
impl DatanetsInspect<AccountId, u64> for MockDatanets {
	fn contribution(id: ContributionId) -> Option<ContributionView<AccountId>> {
		world(|w| w.contributions.get(&id).cloned())
	}
	fn version(datanet: DatanetId, version: DatanetVersion) -> Option<VersionView> {
		world(|w| w.versions.get(&(datanet, version)).cloned())
	}
	fn latest_version(datanet: DatanetId) -> DatanetVersion {
		world(|w| w.versions.keys().filter(|(d, _)| *d == datanet).map(|(_, v)| *v).max())
			.unwrap_or(0)
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

#[cfg(feature = "runtime-benchmarks")]
impl RevenueBenchmarkHelper<AccountId> for MockInfluence {
	fn payable_model(contributions: u32) -> PayableModel<AccountId> {
		let contributions: Vec<ContributionId> = (0..contributions as u64).collect();
		for id in &contributions {
			add_contribution(*id, 0, BOB, 1, (1, 1));
		}
		set_model(0, 1, ALICE, 0, &[(0, 1)]);
		PayableModel {
			model: 0,
			version: 1,
			operator: FERDIE,
			contributor: BOB,
			contributions,
			datanet: 0,
			datanet_version: 1,
		}
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
			},
		)
	});
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
	pub const Treasury: AccountId = 999;
	pub const TreasuryCut: Perbill = Perbill::from_percent(5);
	pub const RevenuePalletId: PalletId = PalletId(*b"trb/rvnu");
}

impl pallet_revenue::Config for Test {
	type Currency = Balances;
	type Models = MockModels;
	type Datanets = MockDatanets;
	type Influence = MockInfluence;
	type TreasuryAccount = Treasury;
	type TreasuryCut = TreasuryCut;
	type PalletId = RevenuePalletId;
	type MaxVersions = frame_support::traits::ConstU32<16>;
	type MaxClaimBatch = frame_support::traits::ConstU32<3>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockInfluence;
	type WeightInfo = ();
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
pub const FERDIE: AccountId = 6;
pub const PAYER: AccountId = 7;
/// One TRIB.
pub const TRIB: Balance = 1_000_000_000_000;
/// What the payer starts with.
pub const PAYER_FUNDS: Balance = 1_000_000_000 * TRIB;

/// A fresh chain at block 1 with a funded payer, empty registries.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(PAYER, PAYER_FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_revenue::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	world(|w| *w = World::default());
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on a fresh chain, then checks every invariant.
pub fn run_test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Revenue::do_try_state().unwrap();
	});
}

#[cfg(feature = "runtime-benchmarks")]
impl DatanetsBenchmarkHelper<AccountId> for MockDatanets {
	fn published_datanet(
		_: &AccountId,
		_: u32,
	) -> (DatanetId, DatanetVersion, Vec<ContributionId>) {
		(0, 1, Vec::new())
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
