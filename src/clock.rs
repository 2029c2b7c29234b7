//! The system clock: the one place outside tests that reads the time. Everything that
//! stamps a change takes a [`crate::model::Clock`], so the model and the edits can be
//! replayed and tested at fixed times.

use chrono::{DateTime, Utc};

use crate::model::Clock;

/// The computer's clock, in UTC.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
