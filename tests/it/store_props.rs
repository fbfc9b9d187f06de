//! Property tests of the lead files: save → load is the identity for any lead, whatever text,
//! numbers, dates and history it holds; both for the RON text alone and through the store on
//! disk.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use leadq::domain::{
    Assessment, CriterionAnswer, HistoryEntry, LEAD_SCHEMA_VERSION, Lead, Source, Stage,
};
use leadq::store::{LeadStore, lead_from_ron, lead_to_ron};
use proptest::prelude::*;
use uuid::Uuid;

/// Pieces of text that are special to RON, to Rust string escapes, to line handling or to
/// Unicode, so that they turn up far more often than uniformly random characters would bring them.
const SPECIAL: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\0",
    "\u{7f}",
    "\u{1b}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{200b}",
    "\u{fffd}",
    "\u{10ffff}",
    "\u{1f600}",
    "e\u{301}",
    "'",
    "r#\"",
    "\"#",
    "#",
    "/*",
    "*/",
    "//",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "Some(",
    "None",
    "Lead(",
    "version: 2",
    "\\u{41}",
    "\\x41",
    "ü",
    "ß",
    "„“",
    " ",
    "\u{a0}",
    "",
];

/// Any text: any Unicode scalar values (control characters included) mixed with `SPECIAL`.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => any::<char>().prop_map(String::from),
        1 => prop::sample::select(SPECIAL).prop_map(str::to_owned),
    ];
    prop_oneof![
        20 => prop::collection::vec(piece.clone(), 0..24).prop_map(|p| p.concat()),
        1 => (prop::collection::vec(piece, 1..8), 1_000..20_000usize)
            .prop_map(|(p, n)| p.concat().repeat(n).chars().take(100_000).collect()),
    ]
}

/// Any revenue a lead may hold: none, or any finite value ≥ 0, with the decimal fractions
/// binary floats cannot hold exactly turning up often.
fn revenue() -> impl Strategy<Value = Option<f64>> {
    use proptest::num::f64::{NORMAL, POSITIVE, SUBNORMAL, ZERO};
    prop_oneof![
        1 => Just(None),
        1 => prop::sample::select(vec![
            0.0, -0.0, 0.1, 0.2, 0.3, 1.1, 5.5, 1250.5, 1e-7, 9_999_999.99, 10_000_000.0,
            f64::MIN_POSITIVE, 5e-324, f64::MAX, f64::EPSILON,
        ])
        .prop_map(Some),
        2 => (0u64..100_000_000, 0u32..4).prop_map(|(n, d)| Some(n as f64 / 10f64.powi(d as i32))),
        2 => (POSITIVE | NORMAL | SUBNORMAL | ZERO).prop_map(Some),
    ]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    let min = Timestamp::MIN.as_second();
    let max = Timestamp::MAX.as_second();
    prop_oneof![
        1 => Just(Timestamp::MIN),
        1 => Just(Timestamp::MAX),
        1 => Just(Timestamp::UNIX_EPOCH),
        4 => (1_700_000_000i64..2_000_000_000).prop_map(|s| Timestamp::from_second(s).unwrap()),
        8 => (min..=max, 0i32..1_000_000_000)
            .prop_filter_map("in range", |(s, ns)| Timestamp::new(s, ns).ok()),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    prop_oneof![
        1 => Just(Date::MIN),
        1 => Just(Date::MAX),
        8 => (-9999i16..=9999, 1i8..=12, 1i8..=31)
            .prop_filter_map("a real day", |(y, m, d)| Date::new(y, m, d).ok()),
    ]
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let criterion = prop_oneof![
        prop::sample::select(vec!["budget", "authority", "need", "time"]).prop_map(str::to_owned),
        text(),
    ];
    let answer = (text(), text()).prop_map(|(answer, note)| CriterionAnswer {
        answer: answer.into(),
        note,
    });
    prop::collection::btree_map(criterion, answer, 0..6).prop_map(
        |m: BTreeMap<String, CriterionAnswer>| {
            Assessment(m.into_iter().map(|(c, a)| (c.into(), a)).collect())
        },
    )
}

fn history() -> impl Strategy<Value = Vec<HistoryEntry>> {
    let entry = (timestamp(), text(), text(), text(), any::<u8>()).prop_map(
        |(at, criterion, from, to, score_after)| HistoryEntry {
            at,
            criterion: criterion.into(),
            from: from.into(),
            to: to.into(),
            score_after,
        },
    );
    prop::collection::vec(entry, 0..5)
}

/// Any lead this LeadQ could write.
fn lead() -> impl Strategy<Value = Lead> {
    let names = (text(), text(), text(), text(), text());
    let contact = (text(), text(), text(), text());
    let kinds = (
        prop::sample::select(Source::ALL.to_vec()),
        prop::sample::select(Stage::ALL.to_vec()),
    );
    let times = (timestamp(), timestamp(), prop::option::of(date()));
    (
        any::<u128>(),
        names,
        contact,
        revenue(),
        kinds,
        assessment(),
        times,
        history(),
    )
        .prop_map(
            |(
                id,
                (company, contact, role, industry, notes),
                (email, phone, website, crm_id),
                revenue_meur,
                (source, stage),
                assessment,
                (created, updated, follow_up),
                history,
            )| Lead {
                version: LEAD_SCHEMA_VERSION,
                id: Uuid::from_u128(id),
                company,
                contact,
                role,
                email,
                phone,
                website,
                industry,
                revenue_meur,
                source,
                stage,
                crm_id,
                assessment,
                notes,
                follow_up,
                created,
                updated,
                history,
            },
        )
}

/// Leads with distinct ids, as a folder holds them.
fn leads() -> impl Strategy<Value = Vec<Lead>> {
    prop::collection::vec(lead(), 1..5).prop_map(|mut leads| {
        leads.sort_by_key(|l| l.id);
        leads.dedup_by_key(|l| l.id);
        leads
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ron_save_then_load_is_the_identity(lead in lead()) {
        let text = lead_to_ron(&lead).unwrap();
        let loaded = lead_from_ron(text.as_bytes());
        prop_assert!(loaded.is_ok(), "{:?}\n{text}", loaded.err());
        let loaded = loaded.unwrap();
        prop_assert_eq!(&loaded, &lead);
        // Bit for bit, so -0.0 stays -0.0 and no fraction is rounded.
        prop_assert_eq!(
            loaded.revenue_meur.map(f64::to_bits),
            lead.revenue_meur.map(f64::to_bits)
        );
        // Saving what was loaded writes the same bytes: the store tells its own writes from
        // changes made outside LeadQ by comparing them.
        prop_assert_eq!(lead_to_ron(&loaded).unwrap(), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn store_save_then_load_all_is_the_identity(leads in leads()) {
        let dir = tempfile::tempdir().unwrap();
        let store = LeadStore::open(dir.path()).unwrap();
        for lead in &leads {
            store.save(lead).unwrap();
        }
        // A fresh store, as after a restart.
        let report = LeadStore::open(dir.path()).unwrap().load_all().unwrap();
        prop_assert!(report.problems.is_empty(), "{:?}", report.problems);
        let mut loaded = report.leads;
        loaded.sort_by_key(|l| l.id);
        prop_assert_eq!(loaded, leads);
    }
}
