//! A lead without a single answer is not judged (issue 27): "noch nicht bewertet" / "not rated
//! yet" wherever a class would be, on the command line, in exports and counts. (The window's
//! blank state: `ui.rs`, `accessibility.rs`; the PDF's: `report.rs`.)

use std::fs;

use serde_json::Value;

use crate::support::Folder;

/// A lead without a single answer is not judged (issue 27): no class, no reason and no what-if
/// in `show`, "–" in the table and the export, `null` in JSON, in no class's filter or count.
#[test]
fn a_lead_without_answers_is_not_rated_yet_everywhere() {
    let f = Folder::new();
    let csv = f.write(
        "leads.csv",
        b"company,budget\nBewertet GmbH,planned\nLeer AG,\n",
    );
    f.ok("de", &["import", csv.to_str().unwrap()]);
    let list: Value = serde_json::from_str(&f.ok("de", &["list", "--json"])).unwrap();
    let blank = list
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["company"] == "Leer AG")
        .unwrap();
    assert_eq!(blank["class"], Value::Null, "{blank:#}");
    let id = blank["id"].as_str().unwrap().to_owned();
    let show = f.ok("de", &["show", &id]);
    assert!(show.contains("Klasse: – (noch nicht bewertet)"), "{show}");
    assert!(
        show.contains(
            "Begründung: Noch keine Frage beantwortet: Klasse und Begründung folgen, sobald ein \
             Kriterium geklärt ist."
        ),
        "{show}"
    );
    for absent in ["C-Lead", "vorläufig", "Was wäre wenn", "Mit "] {
        assert!(!show.contains(absent), "{absent}: {show}");
    }
    let json: Value = serde_json::from_str(&f.ok("en", &["show", &id, "--json"])).unwrap();
    assert_eq!(json["what_if"], Value::Null);
    assert_eq!(json["rule"], Value::Null);
    let table = f.ok("de", &["list"]);
    let row = table.lines().find(|l| l.contains("Leer AG")).unwrap();
    assert!(row.contains(" – "), "{row}");
    let c_only = f.ok("de", &["list", "--class", "C"]);
    assert!(
        c_only.contains("Bewertet GmbH") && !c_only.contains("Leer AG"),
        "{c_only}"
    );
    let summary: Value = serde_json::from_str(&f.ok("en", &["summary", "--json"])).unwrap();
    assert_eq!(summary["by_class"]["C"], 1, "{summary:#}");
    assert_eq!(summary["not_rated"], 1, "{summary:#}");
    assert_eq!(summary["total"], 2, "{summary:#}");
    let text = f.ok("en", &["summary"]);
    assert!(text.contains("not rated yet"), "{text}");
    let out = f.path("out.csv");
    f.ok("en", &["export", out.to_str().unwrap()]);
    let exported = fs::read_to_string(&out).unwrap();
    let line = exported.lines().find(|l| l.contains("Leer AG")).unwrap();
    assert!(
        line.ends_with(",0,,yes"),
        "score 0, no class, provisional: {line}"
    );
}
