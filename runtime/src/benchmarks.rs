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
	[pallet_validator_set, ValidatorSet]
);

/// Builds payable models from the real registries for the revenue and attribution
/// benchmarks, records their training influence and flags contributions, each through the
/// call a user would make.
pub struct PayableModelBuilder;

impl tributary_primitives::RevenueBenchmarkHelper<crate::AccountId> for PayableModelBuilder {
	/// A model owned by a funded developer with a funded operator, trained on version 1 of
	/// `training_datanets` (at least one) fresh datanets, each with its own curator; the
	/// first holds `contributions` accepted contributions with distinct owners, the others one
	/// each.
	fn payable_model(
		contributions: u32,
		training_datanets: u32,
	) -> tributary_primitives::PayableModel<crate::AccountId> {
		PayableModelBuilder::payable_on(None, contributions, training_datanets)
	}

	/// As `payable_model`, at the end of the longest lineage the runtime allows:
	/// `MaxLineageDepth` base models, each with its own developer and trained on
	/// `MaxTrainingDatanets` fresh datanets of its own, so the version draws on
	/// `MaxLineageDatanets` datanets — the worst case of every licence check.
	fn payable_model_longest_lineage(
		contributions: u32,
		training_datanets: u32,
	) -> tributary_primitives::PayableModel<crate::AccountId> {
		use frame_support::traits::Get;
		let depth: u32 = <crate::Runtime as pallet_models::Config>::MaxLineageDepth::get();
		Self::payable_model_with_lineage(contributions, training_datanets, depth)
	}

	/// `depth` base models, each with its own developer and trained on `MaxTrainingDatanets`
	/// fresh datanets of its own.
	fn payable_model_with_lineage(
		contributions: u32,
		training_datanets: u32,
		depth: u32,
	) -> tributary_primitives::PayableModel<crate::AccountId> {
		use frame_support::traits::Get;
		let width: u32 = <crate::Runtime as pallet_models::Config>::MaxTrainingDatanets::get();
		let mut base = None;
		for _ in 0..depth {
			let bottom = PayableModelBuilder::payable_on(base, 1, width);
			base = Some(bottom.model);
		}
		let model = PayableModelBuilder::payable_on(base, contributions, training_datanets);
		let lineage = pallet_models::ModelVersions::<crate::Runtime>::get(model.model, 1)
			.map(|v| v.lineage_datanets.len() as u32);
		let most: u32 = <crate::Runtime as pallet_models::Config>::MaxLineageDatanets::get();
		let longest =
			most.min(depth.saturating_mul(width).saturating_add(training_datanets.max(1)));
		assert!(
			lineage == Some(longest),
			"benchmark set-up: lineage of {lineage:?} datanets, not the longest ({longest})"
		);
		model
	}

	/// Records `influence` as the model owner, through `record_training_attribution`.
	fn record_training_influence(
		model: tributary_primitives::ModelId,
		version: tributary_primitives::ModelVersion,
		influence: alloc::vec::Vec<(tributary_primitives::DatanetId, sp_runtime::Perbill)>,
	) -> Result<(), sp_runtime::DispatchError> {
		let owner = pallet_models::Models::<crate::Runtime>::get(model)
			.ok_or(sp_runtime::DispatchError::Other("no such model"))?
			.owner;
		let influences = frame_support::BoundedVec::try_from(influence)
			.map_err(|_| sp_runtime::DispatchError::Other("too many training datanets"))?;
		crate::Attribution::record_training_attribution(
			crate::RuntimeOrigin::signed(owner),
			model,
			version,
			influences,
			None,
			pallet_attribution::AttributionMethod::InfluenceFunctions,
		)
	}

	/// Flags `id` as its datanet's curator, through `flag_malicious`.
	fn flag_contribution(
		curator: &crate::AccountId,
		id: tributary_primitives::ContributionId,
	) -> Result<(), sp_runtime::DispatchError> {
		crate::Datanets::flag_malicious(crate::RuntimeOrigin::signed(curator.clone()), id)
	}
}

impl PayableModelBuilder {
	/// A model derived from `base` (if any), owned by a funded developer with a funded
	/// operator, trained on version 1 of
	/// `training_datanets` (at least one) fresh datanets, each with its own curator; the
	/// first holds `contributions` accepted contributions with distinct owners, the others one
	/// each.
	fn payable_on(
		base: Option<tributary_primitives::ModelId>,
		contributions: u32,
		training_datanets: u32,
	) -> tributary_primitives::PayableModel<crate::AccountId> {
		use frame_support::traits::fungible::Mutate;
		use tributary_primitives::DatanetsBenchmarkHelper;
		// Distinct accounts for every model of a lineage, and for every datanet's curator.
		let model = pallet_models::NextModelId::<crate::Runtime>::get();
		let developer: crate::AccountId = frame_benchmarking::account("developer", model, 0);
		let operator: crate::AccountId = frame_benchmarking::account("operator", model, 0);
		for who in [&developer, &operator] {
			crate::Balances::set_balance(who, 1_000_000_000 * crate::TRIB);
		}
		let mut owned = alloc::vec::Vec::new();
		let mut training_data = alloc::vec::Vec::new();
		for n in 0..training_datanets.max(1) {
			let curator: crate::AccountId = frame_benchmarking::account("curator", n, model);
			let count = if n == 0 { contributions } else { 1 };
			let (datanet, version, ids) = crate::Datanets::published_datanet(&curator, count);
			assert!(version > 0, "benchmark set-up: datanet {datanet} not published");
			if n == 0 {
				owned = ids;
			}
			training_data.push((datanet, version));
		}
		let split = tributary_primitives::RevenueSplit {
			developer: sp_runtime::Perbill::from_percent(40),
			operators: sp_runtime::Perbill::from_percent(15),
			data: sp_runtime::Perbill::from_percent(40),
			inference_data: sp_runtime::Perbill::from_percent(50),
		};
		let training = frame_support::BoundedVec::try_from(training_data.clone());
		assert!(training.is_ok(), "benchmark set-up: more training datanets than a model takes");
		let registered = crate::Models::do_register_model(
			developer.clone(),
			Default::default(),
			Default::default(),
			Default::default(),
			base,
			training.unwrap_or_default(),
			tributary_primitives::DeclaredUses {
				fine_tune: false,
				retrieval: false,
				commercial: true,
			},
			1,
			split,
		);
		assert!(registered == Ok(model), "benchmark set-up: model not registered: {registered:?}");
		let added = crate::Models::add_operator(
			crate::RuntimeOrigin::signed(developer.clone()),
			model,
			operator.clone(),
		);
		assert!(added.is_ok(), "benchmark set-up: operator not added: {added:?}");
		tributary_primitives::PayableModel {
			model,
			version: 1,
			developer,
			operator,
			contributions: owned,
			training_data,
		}
	}
}
