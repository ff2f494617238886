//! Payable models built from the real registries, for the revenue and attribution
//! benchmarks.

use crate::{
	fixtures, AccountId, Balances, Datanets, RuntimeOrigin, FUNDS, MAX_LINEAGE_DEPTH,
	MAX_TRAINING_DATANETS,
};
use frame_support::assert_ok;
use tributary_primitives::{
	ContributionId, DatanetId, DatanetVersion, DatanetsBenchmarkHelper, ModelId, PayableModel,
	RevenueBenchmarkHelper,
};

/// Builds payable models from the real registries for the benchmarks.
pub struct BenchmarkHelper;

impl BenchmarkHelper {
	/// A funded benchmark account.
	fn funded(name: &'static str, index: u32) -> AccountId {
		use frame_support::traits::fungible::Mutate;
		let who: AccountId = frame_benchmarking::account(name, index, 0);
		assert_ok!(Balances::mint_into(&who, FUNDS));
		who
	}

	/// `count` published datanets, each with a distinct funded curator (`first` contributions
	/// in the first, one in each other).
	fn datanets(
		count: u32,
		first: u32,
	) -> (Vec<(ContributionId, AccountId)>, Vec<(DatanetId, DatanetVersion)>) {
		let mut contributions = Vec::new();
		let mut training_data = Vec::new();
		for i in 0..count.max(1) {
			let curator =
				Self::funded("curator", pallet_datanets::NextDatanetId::<crate::Test>::get());
			let (datanet, version, ids) =
				Datanets::published_datanet(&curator, if i == 0 { first } else { 1 });
			if i == 0 {
				contributions = ids;
			}
			training_data.push((datanet, version));
		}
		(contributions, training_data)
	}

	/// Registers an active model of `developer` on `training_data`, derived from `base`.
	fn register(
		developer: AccountId,
		base: Option<ModelId>,
		training_data: &[(DatanetId, DatanetVersion)],
	) -> ModelId {
		fixtures::register_derived_model(developer, base, Default::default(), training_data, 1)
	}

	/// The model on top of `base`, with an operator.
	fn payable(
		base: Option<ModelId>,
		contributions: u32,
		training_datanets: u32,
	) -> PayableModel<AccountId> {
		let developer = Self::funded("developer", fixtures::next_model());
		let operator = Self::funded("operator", fixtures::next_model());
		let (contributions, training_data) = Self::datanets(training_datanets, contributions);
		let model = Self::register(developer, base, &training_data);
		assert_ok!(crate::Models::add_operator(RuntimeOrigin::signed(developer), model, operator));
		PayableModel { model, version: 1, developer, operator, contributions, training_data }
	}
}

impl RevenueBenchmarkHelper<AccountId> for BenchmarkHelper {
	fn payable_model(contributions: u32, training_datanets: u32) -> PayableModel<AccountId> {
		Self::payable(None, contributions, training_datanets)
	}

	fn payable_model_longest_lineage(
		contributions: u32,
		training_datanets: u32,
	) -> PayableModel<AccountId> {
		Self::payable_model_with_lineage(contributions, training_datanets, MAX_LINEAGE_DEPTH)
	}

	fn payable_model_with_lineage(
		contributions: u32,
		training_datanets: u32,
		depth: u32,
	) -> PayableModel<AccountId> {
		let mut base = None;
		for _ in 0..depth {
			let developer = Self::funded("base", fixtures::next_model());
			let (_, training_data) = Self::datanets(MAX_TRAINING_DATANETS, 1);
			base = Some(Self::register(developer, base, &training_data));
		}
		Self::payable(base, contributions, training_datanets)
	}
}
