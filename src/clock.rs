//! The wall clock, read in one place so the core stays free of it.

use jiff::civil::Date;
use jiff::{Timestamp, TimestampRound, Unit, ZonedDateTime};

/// Now, to the second: lead files are read by people, nanoseconds only add noise.
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    now.round(TimestampRound::new().smallest(Unit::Second))
        .unwrap_or(now)
}

/// Today in the system's time zone, for follow-up dates.
pub fn today() -> Date {
    ZonedDateTime::now().date()
}

/// A fresh lead id: random, so any few leading characters tell leads apart on the command line.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::new_v4()
}
