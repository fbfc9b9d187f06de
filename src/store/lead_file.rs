//! The lead file format: pretty RON with a schema version; reading it names what is wrong with
//! a file that does not load (broken, empty, from a newer LeadQ) instead of panicking.

use thiserror::Error;

use crate::domain::{LEAD_SCHEMA_VERSION, Lead};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LeadFileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not valid UTF-8 text")]
    NotText,
    #[error("the file is not a readable lead: {0}")]
    Syntax(String),
    #[error(
        "the file was written by a newer LeadQ (format version {0}, this LeadQ reads up to {LEAD_SCHEMA_VERSION}); update LeadQ to open it"
    )]
    NewerVersion(u32),
    #[error("the file has format version 0, which no LeadQ ever wrote")]
    BadVersion,
}

/// The lead as pretty, human-readable RON, the way it is stored.
pub fn lead_to_ron(lead: &Lead) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned());
    let mut text = ron::ser::to_string_pretty(lead, config)?;
    text.push('\n');
    Ok(text)
}

/// Reads a lead file's bytes; every way a file can be broken gives an error, never a panic.
pub fn lead_from_ron(bytes: &[u8]) -> Result<Lead, LeadFileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| LeadFileError::NotText)?;
    if text.trim().is_empty() {
        return Err(LeadFileError::Empty);
    }
    // Parse once: almost every file is a lead of this version. Only when the full parse
    // fails, look at the version alone, so a newer file is reported as such and not as
    // "wrong shape". (A newer file that still parses is caught by its version field.)
    let parsed = ron::from_str::<Lead>(text);
    let version = match &parsed {
        Ok(lead) => Some(lead.version),
        Err(_) => {
            // Named like the real struct: RON refuses `Lead(...)` for a struct of another name.
            #[derive(serde::Deserialize)]
            #[serde(rename = "Lead")]
            struct VersionOnly {
                version: u32,
            }
            ron::from_str::<VersionOnly>(text).ok().map(|v| v.version)
        }
    };
    match version {
        Some(v) if v > LEAD_SCHEMA_VERSION => return Err(LeadFileError::NewerVersion(v)),
        Some(0) => return Err(LeadFileError::BadVersion),
        _ => {}
    }
    let lead = parsed.map_err(|e| LeadFileError::Syntax(e.to_string()))?;
    // RON reads `-5.0`, `NaN` and `inf` as floats; no lead has such a revenue (only a hand edit
    // can write one), and an export of it could never be imported again.
    if let Some(r) = lead.revenue_meur
        && !(r.is_finite() && r >= 0.0)
    {
        return Err(LeadFileError::Syntax(format!(
            "revenue_meur is {r}, but a revenue is a number of 0 or more"
        )));
    }
    Ok(lead)
}

/// Reads a lead from a newer LeadQ as far as this version understands it (unknown fields are
/// ignored), for showing it read-only. Never used to write.
pub fn lead_from_newer_ron(bytes: &[u8]) -> Option<Lead> {
    let text = std::str::from_utf8(bytes).ok()?;
    ron::from_str::<Lead>(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Classification, Framework};

    #[test]
    fn round_trips_and_reads_like_text() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let now = "2026-11-27T09:00:00Z".parse().unwrap();
        let mut lead = Lead::new(uuid::Uuid::nil(), now);
        lead.company = "Müller & Söhne „Präzision“ GmbH".into();
        lead.revenue_meur = Some(5.5);
        lead.follow_up = Some("2026-12-01".parse().unwrap());
        lead.set_answer(&fw, &rules, "budget", "approved", now);
        let text = lead_to_ron(&lead).unwrap();
        assert!(text.starts_with("Lead("), "{text}");
        assert!(
            text.contains("company: \"Müller & Söhne „Präzision“ GmbH\""),
            "{text}"
        );
        assert!(text.contains("follow_up: Some(\"2026-12-01\")"), "{text}");
        assert_eq!(lead_from_ron(text.as_bytes()).unwrap(), lead);
    }

    /// Answers edited by hand: out of order, or one criterion twice (the last one counts, as it
    /// always did), are read into the sorted answers and written back in order.
    #[test]
    fn answers_out_of_order_or_twice_read_as_written_last() {
        let now = "2026-11-27T09:00:00Z".parse().unwrap();
        let text = lead_to_ron(&Lead::new(uuid::Uuid::nil(), now)).unwrap();
        let edited = text.replace(
            "assessment: {}",
            "assessment: {\n\"time\": CriterionAnswer(answer: \"months_3_6\"),\n\
             \"budget\": CriterionAnswer(answer: \"none\", note: \"first\"),\n\
             \"authority\": CriterionAnswer(answer: \"influencer\"),\n\
             \"budget\": CriterionAnswer(answer: \"approved\", note: \"second\"),\n}",
        );
        assert_ne!(edited, text, "{text}");
        let lead = lead_from_ron(edited.as_bytes()).unwrap();
        let answers: Vec<(&str, &str, &str)> = lead
            .assessment
            .0
            .iter()
            .map(|(c, a)| (c.as_str(), a.answer.as_str(), a.note.as_str()))
            .collect();
        assert_eq!(
            answers,
            [
                ("authority", "influencer", ""),
                ("budget", "approved", "second"),
                ("time", "months_3_6", ""),
            ]
        );
        let again = lead_to_ron(&lead).unwrap();
        assert_eq!(lead_from_ron(again.as_bytes()).unwrap(), lead);
    }

    #[test]
    fn broken_files_give_reasons() {
        assert!(matches!(lead_from_ron(b""), Err(LeadFileError::Empty)));
        assert!(matches!(
            lead_from_ron(&[0xff, 0xfe, 0]),
            Err(LeadFileError::NotText)
        ));
        assert!(matches!(
            lead_from_ron(b"Lead(version: 1, id: "),
            Err(LeadFileError::Syntax(_))
        ));
        assert!(matches!(
            lead_from_ron(b"Lead(version: 3, id: \"x\", company: \"y\")"),
            Err(LeadFileError::NewerVersion(3))
        ));
        assert!(matches!(
            lead_from_ron(b"(version: 99, id: \"x\")"),
            Err(LeadFileError::NewerVersion(99))
        ));
        assert!(matches!(
            lead_from_ron(b"[1, 2, 3]"),
            Err(LeadFileError::Syntax(_))
        ));
        for revenue in ["-5.0", "NaN", "inf", "-inf", "1e400"] {
            let text = format!(
                "Lead(version: 1, id: \"00000000-0000-0000-0000-000000000001\", \
                 revenue_meur: Some({revenue}), created: \"2026-01-01T00:00:00Z\", \
                 updated: \"2026-01-01T00:00:00Z\")"
            );
            assert!(
                matches!(
                    lead_from_ron(text.as_bytes()),
                    Err(LeadFileError::Syntax(_))
                ),
                "{revenue}"
            );
        }
    }
}
