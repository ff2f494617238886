//! How the set drives pallet-session: it plans each session's validators, decides when a
//! session ends, and takes GRANDPA's offences (through pallet-offences).

use crate::{
	Config, Error, Event, MinValidators, Pallet, SessionLength, SessionStart, Validators,
	WeightInfo, LOG_TARGET,
};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::{Get, Weight},
	traits::{EstimateNextSessionRotation, ValidatorRegistration},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Convert, Saturating, Zero},
	Perbill, Permill,
};
use sp_staking::{
	offence::{OffenceDetails, OffenceSeverity, OnOffenceHandler},
	SessionIndex,
};

impl<T: Config> Pallet<T> {
	/// The validators of session `session`: the governed set, less those without session keys.
	/// When fewer than the floor of them have keys, the active set goes on instead, less those
	/// without keys (pallet-session cannot keep a validator without keys). `None` when that is
	/// exactly what is queued already (accounts and keys), so an unchanged set, or a change
	/// reverted within a session, costs GRANDPA no authority-set change and keeps the disabled
	/// validators disabled; also `None` rather than an empty set.
	///
	/// The comparison is made every session, not only after governance acted: a validator whose
	/// keys are gone leaves the active set and one whose keys come back returns, with Aura's and
	/// GRANDPA's authorities changed alike (pallet-session itself, given `None`, drops a
	/// validator without keys but may not tell them), and a key rotation gets its own
	/// historical root, so an equivocation under the new keys stays provable.
	fn plan_session(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		SessionStart::<T>::put(frame_system::Pallet::<T>::block_number());
		pallet_session::historical::Pallet::<T>::prune_up_to(
			session.saturating_sub(<T as Config>::HistoryDepth::get()),
		);
		let planned = with_keys::<T>(Validators::<T>::get().into_inner());
		let count = u32::try_from(planned.len()).unwrap_or(u32::MAX);
		let governed = !planned.is_empty() && count >= MinValidators::<T>::get();
		let next = if governed {
			planned
		} else {
			log::warn!(
				target: LOG_TARGET,
				"session {session}: only {count} validators have keys; the active set goes on"
			);
			Self::deposit_event(Event::SetNotPlanned { session, with_keys: count });
			with_keys::<T>(pallet_session::Validators::<T>::get())
		};
		if next.is_empty() || next == pallet_session::QueuedKeys::<T>::get() {
			return None;
		}
		if governed {
			Self::deposit_event(Event::NewSetPlanned { session, validators: count });
		}
		Some(next.into_iter().map(|(validator, _)| validator).collect())
	}

	/// The genesis set, less the validators without keys in the session pallet's genesis
	/// (they join once they set keys); `None` (the session's genesis keys validate) if no set
	/// is configured. Were a keyless validator listed, pallet-session would name it in session
	/// 0 while Aura and GRANDPA leave it out, and their authority indices (disabling,
	/// authorship) would name the wrong validators.
	///
	/// # Panics
	///
	/// If none of the genesis validators has keys: Aura would have no authority and the chain
	/// could author no block. This runs only while a chain spec's genesis is built, so such a
	/// spec does not build.
	fn genesis_set() -> Option<Vec<T::AccountId>> {
		let set = Validators::<T>::get().into_inner();
		if set.is_empty() {
			return None;
		}
		let keyed: Vec<_> =
			set.into_iter().filter(pallet_session::Pallet::<T>::is_registered).collect();
		if keyed.is_empty() {
			panic!("none of the genesis validators has session keys: no block could be authored");
		}
		Some(keyed)
	}
}

/// `validators` that have session keys, with their keys, in order.
fn with_keys<T: Config>(
	validators: Vec<T::AccountId>,
) -> Vec<(T::AccountId, <T as pallet_session::Config>::Keys)> {
	validators
		.into_iter()
		.filter_map(|v| pallet_session::Pallet::<T>::load_keys(&v).map(|keys| (v, keys)))
		.collect()
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan_session(new_index)
	}

	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::genesis_set()
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(_start_index: SessionIndex) {}
}

/// Historical sessions identify a validator by its account alone.
impl<T: Config> pallet_session::historical::SessionManager<T::AccountId, ()> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		Self::plan_session(new_index).map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		Self::genesis_set().map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(_start_index: SessionIndex) {}
}

/// A session ends once it is `SessionLength` blocks old. A chain whose genesis configured no
/// set (length 0) keeps its genesis session for good.
impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		let length = SessionLength::<T>::get();
		!length.is_zero() && now.saturating_sub(SessionStart::<T>::get()) >= length
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let elapsed = now.saturating_sub(SessionStart::<T>::get());
		let length = SessionLength::<T>::get();
		let progress =
			(!length.is_zero()).then(|| Permill::from_rational(elapsed.min(length), length));
		(progress, <T as Config>::WeightInfo::session_check())
	}

	fn estimate_next_session_rotation(
		_now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		(Self::next_session_block(), <T as Config>::WeightInfo::session_check())
	}
}

/// An offender (GRANDPA equivocation, through pallet-offences) is disabled at once by the
/// session's disabling strategy and removed from the set, effective two sessions later; a
/// removal that would take the set below its floor is skipped (the offender stays disabled
/// for the session). A repeated report of a validator already removed changes nothing.
impl<T: Config> OnOffenceHandler<T::AccountId, (T::AccountId, ()), Weight> for Pallet<T> {
	fn on_offence(
		offenders: &[OffenceDetails<T::AccountId, (T::AccountId, ())>],
		slash_fraction: &[Perbill],
		_session: SessionIndex,
	) -> Weight {
		for (at, details) in offenders.iter().enumerate() {
			let (validator, ()) = &details.offender;
			let fraction = slash_fraction.get(at).copied().unwrap_or_default();
			pallet_session::Pallet::<T>::report_offence(
				validator.clone(),
				OffenceSeverity(fraction),
			);
			let event = match Self::remove_from_set(validator) {
				Ok(()) => Event::OffenderRemoved { validator: validator.clone() },
				// Removed already (a repeated report, or governance was first): nothing to do.
				Err(e) if e == Error::<T>::NotValidator.into() => continue,
				Err(_) => Event::OffenderKept { validator: validator.clone() },
			};
			Self::deposit_event(event);
		}
		<T as Config>::WeightInfo::on_offence(u32::try_from(offenders.len()).unwrap_or(u32::MAX))
	}
}

/// The full identification of a validator in historical sessions: nothing beyond its
/// account (a proof-of-authority chain has no exposure to record).
pub struct NoIdentification;

impl<AccountId> Convert<AccountId, Option<()>> for NoIdentification {
	fn convert(_validator: AccountId) -> Option<()> {
		Some(())
	}
}

/// pallet-session's weights, from this pallet's benchmarks of its calls on this runtime
/// (pallet-session's own benchmarks need pallet-staking): `set_keys` is charged the dearer of
/// a first registration and a rotation.
pub struct SessionWeights<T>(core::marker::PhantomData<T>);

impl<T: Config> pallet_session::WeightInfo for SessionWeights<T> {
	fn set_keys() -> Weight {
		<T as Config>::WeightInfo::session_set_keys_first()
			.max(<T as Config>::WeightInfo::session_set_keys_rotate())
	}

	fn purge_keys() -> Weight {
		<T as Config>::WeightInfo::session_purge_keys()
	}
}
