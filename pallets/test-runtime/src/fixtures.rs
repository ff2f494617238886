//! Set-up and reads in the terms of the dataset registry, the model registry and the revenue
//! pallet, for the tests of a pallet that works with them: they call these, not the other
//! pallets' calls or storage. Every set-up step asserts that it succeeded.

use crate::{
	AccountId, Balance, BlockNumber, Datanets, Models, Revenue, RuntimeEvent, RuntimeOrigin,
	System, Test,
};
use frame_support::{assert_ok, BoundedVec};
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill};
use tributary_primitives::{
	CheckedPayment, ContributionId, DatanetId, DatanetVersion, DatanetsInspect, FeeBreakdown,
	LicenseTerms, ModelId, ModelStatus, RevenueSplit,
};

// ---------------------------------------------------------------------------------------
// Datanets.
// ---------------------------------------------------------------------------------------

/// A new datanet of `curator`'s, licensed on `terms`, whose contributions are accepted as
/// they are submitted (weight 1). Returns its id.
pub fn open_datanet(curator: AccountId, terms: LicenseTerms<BlockNumber>) -> DatanetId {
	create_datanet(curator, pallet_datanets::ContributionPolicy::Open, terms)
}

/// A new datanet of `curator`'s, licensed on `terms`, whose contributions wait for the
/// curator's review. Returns its id.
pub fn reviewed_datanet(curator: AccountId, terms: LicenseTerms<BlockNumber>) -> DatanetId {
	create_datanet(curator, pallet_datanets::ContributionPolicy::CuratorReview, terms)
}

fn create_datanet(
	curator: AccountId,
	policy: pallet_datanets::ContributionPolicy,
	terms: LicenseTerms<BlockNumber>,
) -> DatanetId {
	let id = pallet_datanets::NextDatanetId::<Test>::get();
	assert_ok!(Datanets::create_datanet(
		RuntimeOrigin::signed(curator),
		Default::default(),
		Default::default(),
		policy,
		terms,
		Default::default()
	));
	id
}

/// `who` contributes `content` (weight 1) to `datanet`. Returns the contribution's id.
pub fn contribute(who: AccountId, datanet: DatanetId, content: H256) -> ContributionId {
	let id = pallet_datanets::NextContributionId::<Test>::get();
	assert_ok!(Datanets::contribute(
		RuntimeOrigin::signed(who),
		datanet,
		content,
		1,
		Default::default(),
		Default::default()
	));
	id
}

/// The curator accepts a pending contribution at its default weight.
pub fn accept(curator: AccountId, contribution: ContributionId) {
	assert_ok!(Datanets::accept_contribution(RuntimeOrigin::signed(curator), contribution, None));
}

/// The curator publishes the datanet's next version. Returns the version.
pub fn publish(curator: AccountId, datanet: DatanetId) -> DatanetVersion {
	assert_ok!(Datanets::publish_version(RuntimeOrigin::signed(curator), datanet));
	<Datanets as DatanetsInspect<AccountId, BlockNumber>>::latest_version(datanet)
}

/// Its owner withdraws a contribution.
pub fn withdraw(owner: AccountId, contribution: ContributionId) {
	assert_ok!(Datanets::withdraw_contribution(RuntimeOrigin::signed(owner), contribution));
}

/// The curator flags a contribution as malicious.
pub fn flag(curator: AccountId, contribution: ContributionId) {
	assert_ok!(Datanets::flag_malicious(RuntimeOrigin::signed(curator), contribution));
}

/// A datanet's curator, if the datanet exists.
pub fn curator_of(datanet: DatanetId) -> Option<AccountId> {
	pallet_datanets::Datanets::<Test>::get(datanet).map(|d| d.curator)
}

// ---------------------------------------------------------------------------------------
// Models.
// ---------------------------------------------------------------------------------------

/// The split of every fixture model's fees: 40% to the developer, 15% to the operators, 40%
/// to the data (half of it to the inference's attributions, half to the training pools).
pub fn split() -> RevenueSplit {
	RevenueSplit {
		developer: Perbill::from_percent(40),
		operators: Perbill::from_percent(15),
		data: Perbill::from_percent(40),
		inference_data: Perbill::from_percent(50),
	}
}

/// The id the next registered model gets.
pub fn next_model() -> ModelId {
	pallet_models::NextModelId::<Test>::get()
}

/// `owner` registers an active model (version 1, no base model) with artifact `artifact`,
/// trained on `training_data`, at `price` an inference, fees split by [`split`]. Returns
/// its id.
pub fn register_model(
	owner: AccountId,
	artifact: H256,
	training_data: &[(DatanetId, DatanetVersion)],
	price: Balance,
) -> ModelId {
	register_derived_model(owner, None, artifact, training_data, price)
}

/// As [`register_model`], derived from `base` if any.
pub fn register_derived_model(
	owner: AccountId,
	base: Option<ModelId>,
	artifact: H256,
	training_data: &[(DatanetId, DatanetVersion)],
	price: Balance,
) -> ModelId {
	let id = next_model();
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(owner),
		Default::default(),
		Default::default(),
		artifact,
		base,
		BoundedVec::truncate_from(training_data.to_vec()),
		Default::default(),
		price,
		split(),
	));
	id
}

/// The owner adds an inference operator to a model.
pub fn add_operator(owner: AccountId, model: ModelId, operator: AccountId) {
	assert_ok!(Models::add_operator(RuntimeOrigin::signed(owner), model, operator));
}

/// The owner sets a model's status.
pub fn set_model_status(owner: AccountId, model: ModelId, status: ModelStatus) {
	assert_ok!(Models::set_status(RuntimeOrigin::signed(owner), model, status));
}

/// The owner offers a model to `buyer`, who accepts it (paying its deposit).
pub fn transfer_model(owner: AccountId, model: ModelId, buyer: AccountId) {
	assert_ok!(Models::offer_ownership(RuntimeOrigin::signed(owner), model, buyer));
	assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(buyer), model, Balance::MAX));
}

// ---------------------------------------------------------------------------------------
// Revenue.
// ---------------------------------------------------------------------------------------

/// The revenue pallet's account, which holds what it owes.
pub fn revenue_account() -> AccountId {
	Revenue::account_id()
}

/// What `who` can claim from the revenue pallet now.
pub fn claimable(who: AccountId) -> Balance {
	Revenue::claimable(&who)
}

/// What a contribution has earned in all.
pub fn earned_by(contribution: ContributionId) -> Balance {
	pallet_revenue::ContributionAccounts::<Test>::get(contribution).earned
}

/// What a datanet's pool holds for its contributions.
pub fn pool_balance(datanet: DatanetId) -> Balance {
	pallet_revenue::Pools::<Test>::get(datanet).balance
}

/// What the revenue pallet owes the treasury and sends it at the block's end.
pub fn treasury_due() -> Balance {
	pallet_revenue::Flow::<Test>::get().treasury_due
}

/// How the revenue pallet would split a checked payment, without paying it.
pub fn preview_split(
	payment: &CheckedPayment<AccountId, Balance>,
) -> Result<FeeBreakdown<Balance>, DispatchError> {
	Revenue::preview(payment).map(|plan| plan.breakdown).map_err(Into::into)
}

/// The breakdown of the last fee the revenue pallet split, if any.
pub fn last_fee_split() -> Option<FeeBreakdown<Balance>> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Revenue(pallet_revenue::Event::FeeSplit { breakdown, .. }) => Some(breakdown),
		_ => None,
	})
}
