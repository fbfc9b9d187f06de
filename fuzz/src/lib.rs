//! What the fuzz targets check on every input. `tests/fuzz_regressions.rs` includes this file
//! (`#[path]`) and runs the same checks on the inputs kept under `tests/fuzz_inputs/`, so a
//! crash found here stays fixed under plain `cargo test`.
//!
//! Each check panics when LeadQ misbehaves on `data`; any other outcome (a value or an error
//! with a reason) is fine.

use std::sync::OnceLock;

use jiff::Timestamp;
use leadq::domain::{
    Classification, Field, Framework, LEAD_SCHEMA_VERSION, Lang, Lead, MAX_REVENUE_MEUR,
    RevenueError, Value, format_revenue, parse_revenue,
};
use leadq::exchange::{Naming, apply_row, parse_csv, write_csv};
use leadq::store::{lead_from_ron, lead_to_ron};
use uuid::Uuid;

/// Every way an export can be written: both separators, by ids and in both languages' words.
fn namings() -> Vec<(bool, Naming)> {
    let mut all = Vec::new();
    for semicolon in [false, true] {
        for naming in [
            Naming::Ids,
            Naming::Words(Lang::De),
            Naming::Words(Lang::En),
        ] {
            all.push((semicolon, naming));
        }
    }
    all
}

fn setup() -> &'static (Framework, Classification) {
    static SETUP: OnceLock<(Framework, Classification)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        (fw, rules)
    })
}

/// The RON lead loader: any bytes give a lead or an error. A lead that loads has a version this
/// LeadQ reads; it can be scored, shown, exported and saved; the saved text loads back to the
/// same text; and its CSV export imports again to the same values when they are ones an import
/// accepts (revenue 0 to the maximum, the framework's answers).
pub fn lead_file(data: &[u8]) {
    let Ok(lead) = lead_from_ron(data) else {
        return;
    };
    assert!(
        (1..=LEAD_SCHEMA_VERSION).contains(&lead.version),
        "loaded a lead of version {}",
        lead.version
    );
    if let Some(r) = lead.revenue_meur {
        assert!(r.is_finite() && r >= 0.0, "loaded a lead with revenue {r}");
    }
    let (fw, rules) = setup();
    let _ = lead.evaluate(fw, rules);
    let _ = lead.display_name();
    if let Some(r) = lead.revenue_meur {
        let _ = format_revenue(r, true);
    }
    for (semicolon, naming) in namings() {
        let mut csv = Vec::new();
        write_csv(
            &mut csv,
            std::slice::from_ref(&lead),
            fw,
            rules,
            semicolon,
            naming,
        )
        .expect("a loaded lead exports");
        if importable(&lead, fw) {
            reimports(&lead, &csv, fw);
        }
    }
    // Save → load → save writes the same text (NaN-safe, unlike comparing leads).
    let text = lead_to_ron(&lead).expect("a loaded lead can be written");
    let again = lead_from_ron(text.as_bytes()).expect("a written lead loads");
    assert_eq!(lead_to_ron(&again).unwrap(), text);
}

/// Values an import accepts; a hand-edited file may hold others, which an export then carries
/// as they are.
fn importable(lead: &Lead, fw: &Framework) -> bool {
    lead.revenue_meur
        .is_none_or(|r| (0.0..=MAX_REVENUE_MEUR).contains(&r))
        && fw
            .criteria
            .iter()
            .all(|c| c.option(lead.assessment.answer(&c.id)).is_some())
}

fn reimports(lead: &Lead, csv: &[u8], fw: &Framework) {
    let shown = || String::from_utf8_lossy(csv).into_owned();
    let parsed = parse_csv(csv, fw).unwrap_or_else(|e| panic!("{e}\n{}", shown()));
    assert!(parsed.errors.is_empty(), "{:?}\n{}", parsed.errors, shown());
    assert_eq!(parsed.rows.len(), 1, "{}", shown());
    let row = &parsed.rows[0];
    assert_eq!(row.id, Some(lead.id));
    for field in Field::ALL {
        let expected = match lead.get(field) {
            Value::Text(s) => Value::Text(s.trim().to_owned()),
            other => other,
        };
        assert_eq!(row.value(field), Some(&expected), "{field:?}");
    }
    for (criterion, answer) in &row.answers {
        assert_eq!(answer, lead.assessment.answer(criterion));
    }
}

/// The CSV importer: any bytes give rows, row errors or a file error. Every row it accepts has
/// a valid revenue and applied to a lead saves and loads back unchanged; exporting the imported
/// leads and importing that file again gives the same rows, with either separator.
pub fn csv_import(data: &[u8]) {
    let (fw, rules) = setup();
    let Ok(parsed) = parse_csv(data, fw) else {
        return;
    };
    let created: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let now: Timestamp = "2026-02-01T00:00:00Z".parse().unwrap();
    let mut leads = Vec::new();
    for (i, row) in parsed.rows.iter().enumerate() {
        if let Some(Value::Revenue(Some(r))) = row.value(Field::Revenue) {
            assert!((0.0..=MAX_REVENUE_MEUR).contains(r), "revenue {r}");
        }
        let mut lead = Lead::new(Uuid::from_u128(i as u128 + 1), created);
        apply_row(row, &mut lead, true, fw, rules, now);
        let text = lead_to_ron(&lead).expect("an imported lead can be written");
        let loaded = lead_from_ron(text.as_bytes()).expect("an imported lead loads");
        assert_eq!(loaded, lead);
        leads.push(lead);
    }
    if leads.is_empty() {
        return;
    }
    for (semicolon, naming) in namings() {
        let mut out = Vec::new();
        write_csv(&mut out, &leads, fw, rules, semicolon, naming).expect("imported leads export");
        let again = parse_csv(&out, fw).expect("an export can be imported");
        let shown = || String::from_utf8_lossy(&out).into_owned();
        assert!(again.errors.is_empty(), "{:?}\n{}", again.errors, shown());
        assert_eq!(again.rows.len(), leads.len(), "{}", shown());
        // The exported rows, applied to blank leads, give the imported leads again.
        for (row, lead) in again.rows.iter().zip(&leads) {
            let mut copy = Lead::new(lead.id, created);
            apply_row(row, &mut copy, true, fw, rules, now);
            assert_eq!(&copy, lead, "semicolon: {semicolon}\n{}", shown());
        }
    }
}

/// The revenue parser: any text gives a revenue, "not given" or a reason. A revenue it accepts
/// is finite, 0 ≤ r ≤ the maximum, and what an export writes for it (either decimal mark) reads
/// back exactly; plain numbers read as Rust's own float parser reads them.
pub fn revenue(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let result = parse_revenue(input);
    let text = input.trim();
    match result {
        Ok(None) => assert!(text.is_empty(), "{input:?} is not empty"),
        Ok(Some(r)) => {
            assert!((0.0..=MAX_REVENUE_MEUR).contains(&r), "revenue {r}");
            assert!(r.is_sign_positive(), "revenue {r}");
            let plain = r.to_string();
            assert_eq!(parse_revenue(&plain), Ok(Some(r)), "{plain}");
            let comma = plain.replace('.', ",");
            assert_eq!(parse_revenue(&comma), Ok(Some(r)), "{comma}");
            let _ = format_revenue(r, true);
            let _ = format_revenue(r, false);
        }
        Err(_) => {}
    }
    let plain_number = text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.matches('.').count() <= 1
        && text.bytes().any(|b| b.is_ascii_digit())
        && !text.ends_with('.');
    if plain_number {
        let want: f64 = text.parse().unwrap();
        let expected = if want > MAX_REVENUE_MEUR {
            Err(RevenueError::TooLarge)
        } else {
            Ok(Some(want))
        };
        assert_eq!(result, expected, "{text}");
        let comma = text.replace('.', ",");
        assert_eq!(parse_revenue(&comma), expected, "{comma}");
    }
}
