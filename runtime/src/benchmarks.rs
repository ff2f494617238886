//! The pallets whose benchmarks the node's `benchmark pallet` command runs.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_sudo, Sudo]
	[pallet_datanets, Datanets]
	[pallet_models, Models]
	[pallet_revenue, Revenue]
	[pallet_attribution, Attribution]
);

/// Builds payable models from the real registries for the revenue and attribution
/// benchmarks.
pub struct PayableModelBuilder;

impl tributary_primitives::RevenueBenchmarkHelper<crate::AccountId> for PayableModelBuilder {
	fn payable_model(contributions: u32) -> tributary_primitives::PayableModel<crate::AccountId> {
		use frame_support::traits::fungible::Mutate;
		use tributary_primitives::DatanetsBenchmarkHelper;
		let account =
			|name: &'static str| -> crate::AccountId { frame_benchmarking::account(name, 0, 0) };
		let (developer, contributor, operator) =
			(account("developer"), account("contributor"), account("operator"));
		for who in [&developer, &operator] {
			let _ = crate::Balances::set_balance(who, 1_000_000_000 * crate::TRIB);
		}
		let (datanet, datanet_version, contributions) =
			crate::Datanets::published_datanet(&contributor, contributions);
		let model = pallet_models::NextModelId::<crate::Runtime>::get();
		let split = tributary_primitives::RevenueSplit {
			developer: sp_runtime::Perbill::from_percent(40),
			operators: sp_runtime::Perbill::from_percent(15),
			data: sp_runtime::Perbill::from_percent(40),
			inference_data: sp_runtime::Perbill::from_percent(50),
		};
		let _ = crate::Models::do_register_model(
			developer.clone(),
			Default::default(),
			Default::default(),
			Default::default(),
			None,
			frame_support::BoundedVec::truncate_from(alloc::vec![(datanet, datanet_version)]),
			Default::default(),
			1,
			split,
		);
		let _ = crate::Models::add_operator(
			crate::RuntimeOrigin::signed(developer),
			model,
			operator.clone(),
		);
		tributary_primitives::PayableModel {
			model,
			version: 1,
			operator,
			contributor,
			contributions,
			datanet,
			datanet_version,
		}
	}
}
