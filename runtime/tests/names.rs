//! No error of a Tributary pallet shares its name with one of its events: wallets and
//! explorers show both by name alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scale_info::{TypeDef, TypeInfo};
use tributary_runtime::Runtime;

fn variants<T: TypeInfo>() -> Vec<&'static str> {
	match T::type_info().type_def {
		TypeDef::Variant(def) => def.variants.into_iter().map(|v| v.name).collect(),
		other => panic!("not an enum: {other:?}"),
	}
}

fn shared<E: TypeInfo, V: TypeInfo>() -> Vec<&'static str> {
	let events = variants::<V>();
	assert!(!events.is_empty());
	variants::<E>().into_iter().filter(|name| events.contains(name)).collect()
}

#[test]
fn no_error_shares_a_name_with_an_event() {
	let clashes = [
		("datanets", shared::<pallet_datanets::Error<Runtime>, pallet_datanets::Event<Runtime>>()),
		("models", shared::<pallet_models::Error<Runtime>, pallet_models::Event<Runtime>>()),
		(
			"attribution",
			shared::<pallet_attribution::Error<Runtime>, pallet_attribution::Event<Runtime>>(),
		),
		("revenue", shared::<pallet_revenue::Error<Runtime>, pallet_revenue::Event<Runtime>>()),
	];
	for (pallet, names) in clashes {
		assert!(names.is_empty(), "{pallet}: errors named as events: {names:?}");
	}
}
