//! The lead record: its fields, source and stage, the BANT assessment with a note per criterion,
//! and the history of assessment changes.

use litemap::LiteMap;

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::framework::UNKNOWN;

/// The schema version this build writes. Files carry it so that later versions can migrate them.
pub const LEAD_SCHEMA_VERSION: u32 = 1;

/// Where a lead came from (README, "CSV columns").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    WebForm,
    ContentDownload,
    Newsletter,
    Event,
    Referral,
    ColdOutreach,
    #[default]
    Other,
}

impl Source {
    pub const ALL: [Source; 7] = [
        Source::WebForm,
        Source::ContentDownload,
        Source::Newsletter,
        Source::Event,
        Source::Referral,
        Source::ColdOutreach,
        Source::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Source::WebForm => "web_form",
            Source::ContentDownload => "content_download",
            Source::Newsletter => "newsletter",
            Source::Event => "event",
            Source::Referral => "referral",
            Source::ColdOutreach => "cold_outreach",
            Source::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// The lifecycle stage of a lead, set by the rep (docs/scoring.md, "Stages").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Mql,
    Sal,
    Sql,
    Disqualified,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Mql, Stage::Sal, Stage::Sql, Stage::Disqualified];

    pub fn id(self) -> &'static str {
        match self {
            Stage::Mql => "mql",
            Stage::Sal => "sal",
            Stage::Sql => "sql",
            Stage::Disqualified => "disqualified",
        }
    }

    pub fn from_id(id: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// The answer to one criterion plus the rep's note on it. The answer is a short id, stored
/// inline ([`CompactString`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CriterionAnswer {
    pub answer: CompactString,
    #[serde(default)]
    pub note: String,
}

/// One answer per criterion id (stored inline, [`CompactString`]), in the ids' order; a
/// criterion that is missing is unknown. A sorted `Vec` ([`LiteMap`]): a lead has a handful of
/// answers, and a folder 100,000 leads.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(transparent)]
pub struct Assessment(pub LiteMap<CompactString, CriterionAnswer>);

impl Serialize for Assessment {
    /// Always a map, `{}` when empty, as lead files have always had it (`LiteMap`'s own writes
    /// an empty map as a list in text formats, which older LeadQs would not read).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

impl Assessment {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Assessment(
            pairs
                .into_iter()
                .map(|(c, a)| {
                    (
                        c.into(),
                        CriterionAnswer {
                            answer: a.into(),
                            note: String::new(),
                        },
                    )
                })
                .collect(),
        )
    }

    pub fn answer(&self, criterion: &str) -> &str {
        self.0.get(criterion).map_or(UNKNOWN, |a| a.answer.as_str())
    }

    pub fn note(&self, criterion: &str) -> &str {
        self.0.get(criterion).map_or("", |a| a.note.as_str())
    }

    pub fn set_answer(&mut self, criterion: &str, answer: &str) {
        self.0.entry(criterion.into()).or_default().answer = answer.into();
    }

    pub fn set_note(&mut self, criterion: &str, note: &str) {
        let entry = self.0.entry(criterion.into()).or_default();
        if entry.answer.is_empty() {
            entry.answer = UNKNOWN.into();
        }
        entry.note = note.to_owned();
    }
}

/// One change of the assessment, so a rep can see how a lead developed. Its ids are short and
/// stored inline ([`CompactString`]): a lead has a handful of these, a folder millions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: Timestamp,
    pub criterion: CompactString,
    pub from: CompactString,
    pub to: CompactString,
    pub score_after: u8,
}

/// A lead as the rep enters it; its file format is in the README ("Your data").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub version: u32,
    pub id: Uuid,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub revenue_meur: Option<f64>,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub stage: Stage,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub crm_id: String,
    #[serde(default)]
    pub assessment: Assessment,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub follow_up: Option<Date>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

impl Lead {
    /// A blank lead; ids come from the caller so the core stays free of clocks and randomness.
    pub fn new(id: Uuid, now: Timestamp) -> Lead {
        Lead {
            version: LEAD_SCHEMA_VERSION,
            id,
            company: String::new(),
            contact: String::new(),
            role: String::new(),
            email: String::new(),
            phone: String::new(),
            website: String::new(),
            industry: String::new(),
            revenue_meur: None,
            source: Source::default(),
            stage: Stage::default(),
            crm_id: String::new(),
            assessment: Assessment::default(),
            notes: String::new(),
            follow_up: None,
            created: now,
            updated: now,
            history: Vec::new(),
        }
    }

    /// Whether a follow-up date lies before `today`.
    pub fn follow_up_overdue(&self, today: Date) -> bool {
        self.follow_up.is_some_and(|d| d < today)
    }

    /// A name to show for the lead even before the rep typed one.
    pub fn display_name(&self) -> &str {
        let company = self.company.trim();
        if company.is_empty() {
            self.contact.trim()
        } else {
            company
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Classification, Framework};

    #[test]
    fn set_answer_records_history_with_score() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let t0: Timestamp = "2026-01-01T10:00:00Z".parse().unwrap();
        let t1: Timestamp = "2026-01-02T10:00:00Z".parse().unwrap();
        let mut lead = Lead::new(Uuid::nil(), t0);
        assert!(lead.set_answer(&fw, &rules, "budget", "approved", t1));
        assert!(!lead.set_answer(&fw, &rules, "budget", "approved", t1));
        assert_eq!(lead.history.len(), 1);
        let h = &lead.history[0];
        assert_eq!(
            (h.from.as_str(), h.to.as_str(), h.score_after),
            ("unknown", "approved", 25)
        );
        assert_eq!(lead.updated, t1);
    }

    #[test]
    fn ids_round_trip() {
        for s in Source::ALL {
            assert_eq!(Source::from_id(s.id()), Some(s));
        }
        for s in Stage::ALL {
            assert_eq!(Stage::from_id(s.id()), Some(s));
        }
    }
}
