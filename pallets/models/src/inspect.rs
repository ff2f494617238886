//! What other pallets may read of the model registry, through
//! `tributary_primitives::ModelsInspect`.

use tributary_primitives::{ModelId, ModelPaymentView, ModelVersion, ModelsInspect};

use crate::{BalanceOf, Config, ModelVersions, Models, Pallet};

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
		})
	}

	fn is_operator(model: ModelId, who: &T::AccountId) -> bool {
		Models::<T>::get(model).is_some_and(|m| m.operators.contains(who))
	}

	fn owner(model: ModelId) -> Option<T::AccountId> {
		Models::<T>::get(model).map(|m| m.owner)
	}
}
