//! What other pallets may read of the model registry, through
//! `tributary_primitives::ModelsInspect`.

use sp_runtime::DispatchError;
use tributary_primitives::{
	DatanetId, LicensedUse, ModelId, ModelPaymentView, ModelVersion, ModelsInspect,
};

use crate::{BalanceOf, Config, Error, ModelVersions, Models, Pallet};

impl<T: Config> ModelsInspect<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn payment_view(
		model: ModelId,
		version: ModelVersion,
	) -> Option<ModelPaymentView<T::AccountId, BalanceOf<T>>> {
		let record = Models::<T>::get(model)?;
		let info = ModelVersions::<T>::get(model, version)?;
		Some(ModelPaymentView {
			owner: record.owner,
			status: record.status,
			price: record.price,
			split: record.split,
			training_data: info.training_data.into_inner(),
			lineage_datanets: info.lineage_datanets.into_inner(),
			operators: record.operators.into_inner(),
		})
	}

	fn is_operator(model: ModelId, who: &T::AccountId) -> bool {
		Models::<T>::get(model).is_some_and(|m| m.operators.contains(who))
	}

	fn owner(model: ModelId) -> Option<T::AccountId> {
		Models::<T>::get(model).map(|m| m.owner)
	}

	/// Reads the version (whose `lineage_datanets` hold its own and every inherited
	/// datanet) and one licence per datanet: O(L), at most `MaxLineageDatanets`.
	fn ensure_licensed(
		model: ModelId,
		version: ModelVersion,
		purpose: LicensedUse,
	) -> Result<(), DispatchError> {
		let info = ModelVersions::<T>::get(model, version).ok_or_else(|| {
			if Models::<T>::contains_key(model) {
				Error::<T>::UnknownVersion
			} else {
				Error::<T>::UnknownModel
			}
		})?;
		Pallet::<T>::check_licensed(&info.lineage_datanets, purpose)
	}

	/// One licence read per entry of `lineage`: O(L).
	fn check_licences(lineage: &[DatanetId], purpose: LicensedUse) -> Result<(), DispatchError> {
		Pallet::<T>::check_licensed(lineage, purpose)
	}
}
