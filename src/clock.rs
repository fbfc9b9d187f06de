//! The wall clock, read in one place so the core stays free of it.

use std::sync::OnceLock;

use jiff::civil::Date;
use jiff::{Timestamp, TimestampRound, Unit, ZonedDateTime};

/// Now, to the second: lead files are read by people, nanoseconds only add noise.
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    now.round(TimestampRound::new().smallest(Unit::Second))
        .unwrap_or(now)
}

/// A day that [`today`] gives instead of the calendar's, set once per process by
/// [`fix_today`].
static FIXED_TODAY: OnceLock<Date> = OnceLock::new();

/// Today in the system's time zone, for follow-up dates.
pub fn today() -> Date {
    FIXED_TODAY
        .get()
        .copied()
        .unwrap_or_else(|| ZonedDateTime::now().date())
}

/// Makes [`today`] give `date` for the rest of this process (the first call wins): for tests
/// and screenshots of the window that must look the same on every day they run — due
/// follow-ups, the overview's "overdue" and "today" depend on the day. Never called by LeadQ
/// itself.
pub fn fix_today(date: Date) {
    let _ = FIXED_TODAY.set(date);
}

/// A fresh lead id: random, so any few leading characters tell leads apart on the command line.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::new_v4()
}
