//! The lead's general fields as one table: what each is called in files, how it is entered and
//! how it is read and written on a [`Lead`]. CSV, JSON, search, the undo keys, the merge, the
//! form, the CLI and the PDF iterate [`Field::ALL`], so a new field is added here, on the
//! [`Lead`] struct and in the two language files (`i18n/de.rs`, `i18n/en.rs`).

use jiff::civil::Date;

use super::lead::{Lead, Source, Stage};

/// One general field of a lead (the criteria's answers are not fields: they come from the
/// framework).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Company,
    Contact,
    Role,
    Email,
    Phone,
    Website,
    Industry,
    Revenue,
    Source,
    Stage,
    /// The lead's record id in the CRM it was imported from (HubSpot's "Record ID",
    /// Salesforce's "Lead ID"…): importing the same export again finds the lead by it.
    CrmId,
    Notes,
    FollowUp,
}

/// How a field is entered, stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of free text.
    Line,
    /// Free text over several lines.
    Paragraph,
    /// An e-mail address: free text, with a gentle hint when it does not look like one.
    Email,
    /// A web address, opened in the browser.
    Url,
    /// Annual revenue in million euros (see `revenue.rs`).
    Revenue,
    Source,
    Stage,
    /// A calendar day.
    Date,
}

/// A field's value, typed by its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Revenue(Option<f64>),
    Source(Source),
    Stage(Stage),
    Date(Option<Date>),
}

impl Field {
    /// Every field, in the order the form, the CSV and the PDF show them (the criteria come
    /// between `Stage` and `Notes` in a CSV file).
    pub const ALL: [Field; 13] = [
        Field::Company,
        Field::Contact,
        Field::Role,
        Field::Email,
        Field::Phone,
        Field::Website,
        Field::Industry,
        Field::Revenue,
        Field::Source,
        Field::Stage,
        Field::CrmId,
        Field::Notes,
        Field::FollowUp,
    ];

    /// The field's name in files: the CSV column, the JSON key, the lead file's key.
    pub fn id(self) -> &'static str {
        match self {
            Field::Company => "company",
            Field::Contact => "contact",
            Field::Role => "role",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Website => "website",
            Field::Industry => "industry",
            Field::Revenue => "revenue_meur",
            Field::Source => "source",
            Field::Stage => "stage",
            Field::CrmId => "crm_id",
            Field::Notes => "notes",
            Field::FollowUp => "follow_up",
        }
    }

    pub fn from_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.id() == id)
    }

    pub fn kind(self) -> FieldKind {
        match self {
            Field::Company
            | Field::Contact
            | Field::Role
            | Field::Phone
            | Field::Industry
            | Field::CrmId => FieldKind::Line,
            Field::Email => FieldKind::Email,
            Field::Website => FieldKind::Url,
            Field::Notes => FieldKind::Paragraph,
            Field::Revenue => FieldKind::Revenue,
            Field::Source => FieldKind::Source,
            Field::Stage => FieldKind::Stage,
            Field::FollowUp => FieldKind::Date,
        }
    }

    /// Whether the field holds free text (searched, merged as typed, undone per field).
    pub fn is_text(self) -> bool {
        matches!(
            self.kind(),
            FieldKind::Line | FieldKind::Paragraph | FieldKind::Email | FieldKind::Url
        )
    }

    /// Whether a CSV file has this column after the criteria (`notes`, `follow_up`), as LeadQ
    /// has always written them.
    pub fn after_criteria(self) -> bool {
        matches!(self, Field::Notes | Field::FollowUp)
    }

    /// The field's value when it is empty: what a new lead and an empty CSV cell have.
    pub fn empty(self) -> Value {
        match self.kind() {
            FieldKind::Revenue => Value::Revenue(None),
            FieldKind::Source => Value::Source(Source::default()),
            FieldKind::Stage => Value::Stage(Stage::default()),
            FieldKind::Date => Value::Date(None),
            _ => Value::Text(String::new()),
        }
    }
}

impl Lead {
    /// The text of a free-text field; `""` for the typed ones.
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Company => &self.company,
            Field::Contact => &self.contact,
            Field::Role => &self.role,
            Field::Email => &self.email,
            Field::Phone => &self.phone,
            Field::Website => &self.website,
            Field::Industry => &self.industry,
            Field::CrmId => &self.crm_id,
            Field::Notes => &self.notes,
            Field::Revenue | Field::Source | Field::Stage | Field::FollowUp => "",
        }
    }

    pub fn get(&self, field: Field) -> Value {
        match field {
            Field::Revenue => Value::Revenue(self.revenue_meur),
            Field::Source => Value::Source(self.source),
            Field::Stage => Value::Stage(self.stage),
            Field::FollowUp => Value::Date(self.follow_up),
            _ => Value::Text(self.text(field).to_owned()),
        }
    }

    /// Sets one field; a value of another kind than the field's is refused (returns false).
    pub fn set(&mut self, field: Field, value: Value) -> bool {
        let text = match field {
            Field::Company => &mut self.company,
            Field::Contact => &mut self.contact,
            Field::Role => &mut self.role,
            Field::Email => &mut self.email,
            Field::Phone => &mut self.phone,
            Field::Website => &mut self.website,
            Field::Industry => &mut self.industry,
            Field::CrmId => &mut self.crm_id,
            Field::Notes => &mut self.notes,
            Field::Revenue | Field::Source | Field::Stage | Field::FollowUp => {
                return self.set_typed(field, value);
            }
        };
        match value {
            Value::Text(s) => {
                *text = s;
                true
            }
            _ => false,
        }
    }

    fn set_typed(&mut self, field: Field, value: Value) -> bool {
        match (field, value) {
            (Field::Revenue, Value::Revenue(r)) => self.revenue_meur = r,
            (Field::Source, Value::Source(s)) => self.source = s,
            (Field::Stage, Value::Stage(s)) => self.stage = s,
            (Field::FollowUp, Value::Date(d)) => self.follow_up = d,
            _ => return false,
        }
        true
    }
}

/// Whether `text` looks like an e-mail address (`name@domain.tld`, no spaces). Only a hint for
/// the rep: addresses are never refused.
pub fn plausible_email(text: &str) -> bool {
    let text = text.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

/// The address a browser opens for a website field: as typed when it has a scheme, else
/// `https://` in front. `None` for an empty field or one with spaces (not an address).
pub fn website_url(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().any(char::is_whitespace) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(text.to_owned())
    } else {
        Some(format!("https://{text}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn every_field_round_trips_through_its_id_and_value() {
        let mut lead = Lead::new(Uuid::nil(), jiff::Timestamp::UNIX_EPOCH);
        for field in Field::ALL {
            assert_eq!(Field::from_id(field.id()), Some(field));
            assert_eq!(lead.get(field), field.empty(), "{field:?}");
            let value = match field.kind() {
                FieldKind::Revenue => Value::Revenue(Some(4.5)),
                FieldKind::Source => Value::Source(Source::Event),
                FieldKind::Stage => Value::Stage(Stage::Sql),
                FieldKind::Date => Value::Date(Some(Date::constant(2026, 12, 1))),
                _ => Value::Text(format!("{field:?} text")),
            };
            assert!(lead.set(field, value.clone()));
            assert_eq!(lead.get(field), value);
            assert_eq!(field.is_text(), matches!(value, Value::Text(_)));
        }
        // A value of the wrong kind changes nothing.
        assert!(!lead.set(Field::Company, Value::Revenue(None)));
        assert!(!lead.set(Field::Stage, Value::Text("sql".into())));
        assert_eq!(lead.company, "Company text");
    }

    #[test]
    fn email_hint_and_website_address() {
        for ok in ["erika@muster.de", " a.b@c.co.uk "] {
            assert!(plausible_email(ok), "{ok}");
        }
        for bad in [
            "",
            "erika",
            "erika@",
            "@muster.de",
            "erika@muster",
            "e r@x.de",
            "a@b@c.de",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
        assert_eq!(
            website_url("muster.de").as_deref(),
            Some("https://muster.de")
        );
        assert_eq!(
            website_url("HTTP://muster.de/x").as_deref(),
            Some("HTTP://muster.de/x")
        );
        assert_eq!(website_url(" "), None);
        assert_eq!(website_url("not a url"), None);
    }
}
