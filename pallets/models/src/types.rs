//! SCALE types of the model registry.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use tributary_primitives::{
	DatanetId, DatanetVersion, DeclaredUses, ModelId, ModelStatus, ModelVersion, RevenueSplit,
};

use crate::Config;

/// A balance of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A model name.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLength>;
/// A URI.
pub type UriOf<T> = BoundedVec<u8, <T as Config>::MaxUriLength>;
/// The datanet versions a model version was trained on: one version per datanet.
pub type TrainingDataOf<T> =
	BoundedVec<(DatanetId, DatanetVersion), <T as Config>::MaxTrainingDatanets>;
/// Every datanet a model version draws on along its lineage: one entry per training entry
/// along it (own first, then inherited).
pub type LineageDatanetsOf<T> = BoundedVec<DatanetId, <T as Config>::MaxLineageDatanets>;
/// A model as stored.
pub type ModelOf<T> = Model<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxNameLength,
	<T as Config>::MaxUriLength,
	<T as Config>::MaxOperators,
>;
/// A model version as stored.
pub type ModelVersionOf<T> = ModelVersionInfo<
	BlockNumberFor<T>,
	<T as Config>::MaxTrainingDatanets,
	<T as Config>::MaxLineageDatanets,
>;

/// A registered model.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxName, MaxUri, MaxOperators))]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, BlockNumber: serde::Serialize"
		)
	)
)]
pub struct Model<AccountId, Balance, BlockNumber, MaxName, MaxUri, MaxOperators>
where
	MaxName: Get<u32>,
	MaxUri: Get<u32>,
	MaxOperators: Get<u32>,
{
	/// The developer: changes the model and receives the developer share.
	pub owner: AccountId,
	/// Human-readable name.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::text"))]
	pub name: BoundedVec<u8, MaxName>,
	/// Off-chain model card.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::text"))]
	pub metadata_uri: BoundedVec<u8, MaxUri>,
	/// The model this one derives from (a LoRA adapter's base, a merge's parent).
	pub base_model: Option<ModelId>,
	/// Number of ancestors through `base_model` (0 for a base model).
	pub lineage_depth: u32,
	/// What the model does with its training data, checked against every datanet license.
	pub uses: DeclaredUses,
	/// The minimum fee of one inference.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub price: Balance,
	/// How each fee splits.
	pub split: RevenueSplit,
	/// Active, paused or retired.
	pub status: ModelStatus,
	/// The accounts allowed to serve inferences and receive the operator share.
	pub operators: BoundedVec<AccountId, MaxOperators>,
	/// The newest version (versions count from 1).
	pub latest_version: ModelVersion,
	/// Everything held from the owner for this model and its versions.
	#[cfg_attr(feature = "std", serde(serialize_with = "tributary_primitives::json::balance"))]
	pub deposit: Balance,
	/// Block of registration.
	pub created_at: BlockNumber,
	/// How many existing models name this one as their base (it may be removed while they
	/// exist; they keep the lineage datanets they stored).
	pub derived_models: u32,
}

/// A model's ownership changes hands by the shared two-step transfer.
impl<AccountId, Balance, BlockNumber, MaxName, MaxUri, MaxOperators>
	tributary_primitives::transfer::Transferable<AccountId, Balance>
	for Model<AccountId, Balance, BlockNumber, MaxName, MaxUri, MaxOperators>
where
	Balance: Copy,
	MaxName: Get<u32>,
	MaxUri: Get<u32>,
	MaxOperators: Get<u32>,
{
	fn holder(&self) -> &AccountId {
		&self.owner
	}

	fn set_holder(&mut self, to: AccountId) -> AccountId {
		core::mem::replace(&mut self.owner, to)
	}

	fn deposit(&self) -> Balance {
		self.deposit
	}

	fn is_retired(&self) -> bool {
		self.status == ModelStatus::Retired
	}
}

/// One version of a model: what was trained on what.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxTraining, MaxLineage))]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(
	feature = "std",
	serde(rename_all = "camelCase", bound(serialize = "BlockNumber: serde::Serialize"))
)]
pub struct ModelVersionInfo<BlockNumber, MaxTraining: Get<u32>, MaxLineage: Get<u32>> {
	/// Hash of the model artifact (weights file, adapter, ...).
	pub artifact_hash: H256,
	/// The datanet versions it was trained on.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "tributary_primitives::json::datanet_versions")
	)]
	pub training_data: BoundedVec<(DatanetId, DatanetVersion), MaxTraining>,
	/// Block of registration.
	pub created_at: BlockNumber,
	/// Every datanet this version draws on: its own training data first (in
	/// `training_data` order), then the list of its base model's newest version at the time
	/// it was registered, as it is (which in turn holds their bases', along the whole
	/// lineage; a shared datanet appears once per entry). Computed once at registration so
	/// licence checks at payment time read one item; licence refusals name a position in
	/// this list; what the version inherited is the list after its own entries.
	pub lineage_datanets: BoundedVec<DatanetId, MaxLineage>,
}

/// One step of a model's lineage: the model, its newest version and that version's
/// training data.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct LineageStep {
	/// The model.
	pub model: ModelId,
	/// Its newest version.
	pub version: ModelVersion,
	/// The datanet versions that version was trained on.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "tributary_primitives::json::datanet_versions")
	)]
	pub training_data: alloc::vec::Vec<(DatanetId, DatanetVersion)>,
}
