//! What an import does with each row: update the lead it is (LeadQ's id), update the lead it
//! duplicates (same CRM record id, e-mail, or company + contact) — or import it as new, or skip
//! it, as the rep chooses — or create a new lead. Nothing is written here: the caller saves the
//! plan's leads as one batch (command line) or one undo step (window).

use std::collections::HashMap;

use jiff::Timestamp;
use uuid::Uuid;

use super::ImportRow;
use crate::domain::{Classification, Field, Framework, Lead, UNKNOWN, fold};

/// Why a row is taken for an existing lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchedBy {
    /// LeadQ's own id (a LeadQ export): the same lead, always updated.
    Id,
    /// The same CRM record id: the same export imported again.
    CrmId,
    Email,
    /// The same company and contact (compared folded: case and accents aside).
    Name,
}

/// The lead a row matches: one in the folder, or one an earlier row of the same file creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Lead(Uuid),
    /// The index (in the rows) of the earlier row.
    Row(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub existing: Existing,
    pub by: MatchedBy,
}

/// What to do with a row that duplicates a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Write the row's filled cells into the lead (empty cells leave the lead's value).
    #[default]
    Update,
    /// Import the row as a lead of its own.
    New,
    /// Leave the lead as it is and the row out.
    Skip,
}

impl OnDuplicate {
    pub const ALL: [OnDuplicate; 3] = [OnDuplicate::Update, OnDuplicate::New, OnDuplicate::Skip];

    pub fn id(self) -> &'static str {
        match self {
            OnDuplicate::Update => "update",
            OnDuplicate::New => "new",
            OnDuplicate::Skip => "skip",
        }
    }

    pub fn from_id(id: &str) -> Option<OnDuplicate> {
        OnDuplicate::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// The keys a lead is found by, folded. A name is a key only with both company and contact:
/// a company alone is no person (a firm has many leads).
fn keys(
    crm_id: &str,
    email: &str,
    company: &str,
    contact: &str,
) -> [Option<(MatchedBy, String)>; 3] {
    let crm = crm_id.trim();
    let email = email.trim().to_lowercase();
    let (company, contact) = (fold(company.trim()), fold(contact.trim()));
    [
        (!crm.is_empty()).then(|| (MatchedBy::CrmId, crm.to_owned())),
        (!email.is_empty()).then_some((MatchedBy::Email, email)),
        (!company.is_empty() && !contact.is_empty())
            .then(|| (MatchedBy::Name, format!("{company}\u{1f}{contact}"))),
    ]
}

fn lead_keys(lead: &Lead) -> [Option<(MatchedBy, String)>; 3] {
    keys(&lead.crm_id, &lead.email, &lead.company, &lead.contact)
}

fn row_keys(row: &ImportRow) -> [Option<(MatchedBy, String)>; 3] {
    keys(
        row.text(Field::CrmId),
        row.text(Field::Email),
        row.text(Field::Company),
        row.text(Field::Contact),
    )
}

/// The folder's leads by the keys duplicates are found by.
#[derive(Debug, Default)]
pub struct LeadIndex {
    ids: std::collections::HashSet<Uuid>,
    keys: HashMap<(MatchedBy, String), Uuid>,
}

impl LeadIndex {
    pub fn new<'a>(leads: impl IntoIterator<Item = &'a Lead>) -> LeadIndex {
        let mut index = LeadIndex::default();
        for lead in leads {
            index.ids.insert(lead.id);
            for key in lead_keys(lead).into_iter().flatten() {
                // The oldest lead with a key keeps it (leads come in a stable order).
                index.keys.entry(key).or_insert(lead.id);
            }
        }
        index
    }
}

/// For each row, the lead it matches, if any: by LeadQ id first, then CRM record id, e-mail,
/// company + contact — in the folder, then among the rows before it. A row with a LeadQ id the
/// folder does not have is a lead of its own (LeadQ's export of another folder): it may match
/// a lead here that has no such id (the same customer, entered twice), never another row of
/// the file — two rows with two ids were two leads where they came from, even with one name.
pub fn find_matches(rows: &[ImportRow], index: &LeadIndex) -> Vec<Option<Match>> {
    let mut earlier: HashMap<(MatchedBy, String), usize> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if let Some(id) = row.id.filter(|id| index.ids.contains(id)) {
            out.push(Some(Match {
                existing: Existing::Lead(id),
                by: MatchedBy::Id,
            }));
            continue;
        }
        let keys = row_keys(row);
        let own_lead = row.id.is_some();
        let found = keys.iter().flatten().find_map(|key| {
            let existing = match index.keys.get(key) {
                Some(id) => Existing::Lead(*id),
                None if own_lead => return None,
                None => Existing::Row(*earlier.get(key)?),
            };
            Some(Match {
                existing,
                by: key.0,
            })
        });
        if found.is_none() {
            for key in keys.into_iter().flatten() {
                earlier.entry(key).or_insert(i);
            }
        }
        out.push(found);
    }
    out
}

/// What an import would write: one lead per row taken (new, or an existing one updated).
#[derive(Debug, Default)]
pub struct ImportPlan {
    /// Each lead once, in the order of the row that first touched it.
    pub leads: Vec<Lead>,
    /// The line of the row that first touched each lead.
    pub lines: Vec<u64>,
    pub created: usize,
    pub updated: usize,
    /// Rows left out because they duplicate a lead and the choice was to skip.
    pub skipped: usize,
}

/// Applies `rows` to copies of the leads they match (`existing` finds a folder's lead by id) or
/// to new leads with ids from `new_id`; `choice` says per row what a duplicate does. A row with
/// LeadQ's id updates its lead whatever the choice, and its empty cells empty the lead's fields
/// (it is LeadQ's own export, edited); a duplicate's empty cells leave the lead as it is.
#[allow(clippy::too_many_arguments)]
pub fn plan_import<'a>(
    existing: impl Fn(Uuid) -> Option<&'a Lead>,
    rows: &[ImportRow],
    matches: &[Option<Match>],
    choice: impl Fn(usize) -> OnDuplicate,
    framework: &Framework,
    rules: &Classification,
    now: Timestamp,
    mut new_id: impl FnMut() -> Uuid,
) -> ImportPlan {
    let mut plan = ImportPlan::default();
    // Where each row's lead sits in `plan.leads`, and where each folder lead does.
    let mut row_slot: Vec<Option<usize>> = vec![None; rows.len()];
    let mut lead_slot: HashMap<Uuid, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let m = matches.get(i).copied().flatten();
        let decision = match m {
            Some(Match {
                by: MatchedBy::Id, ..
            }) => OnDuplicate::Update,
            Some(_) => choice(i),
            None => OnDuplicate::New,
        };
        let slot = match (decision, m.map(|m| m.existing)) {
            (OnDuplicate::Skip, _) => {
                plan.skipped += 1;
                continue;
            }
            (OnDuplicate::Update, Some(Existing::Lead(id))) => match lead_slot.get(&id) {
                Some(&s) => Some(s),
                None => existing(id).map(|lead| {
                    plan.updated += 1;
                    lead_slot.insert(id, plan.leads.len());
                    plan.leads.push(lead.clone());
                    plan.lines.push(row.line);
                    plan.leads.len() - 1
                }),
            },
            (OnDuplicate::Update, Some(Existing::Row(j))) => row_slot.get(j).copied().flatten(),
            _ => None,
        };
        let slot = slot.unwrap_or_else(|| {
            plan.created += 1;
            // A row's LeadQ id names a lead this folder does not have (another folder's
            // export): it keeps the id unless a lead here has it already.
            let id = row
                .id
                .filter(|id| !lead_slot.contains_key(id) && existing(*id).is_none())
                .unwrap_or_else(&mut new_id);
            lead_slot.insert(id, plan.leads.len());
            plan.leads.push(Lead::new(id, now));
            plan.lines.push(row.line);
            plan.leads.len() - 1
        });
        row_slot[i] = Some(slot);
        let whole = row.id.is_some() && m.is_none_or(|m| m.by == MatchedBy::Id);
        if let Some(lead) = plan.leads.get_mut(slot) {
            apply_row(row, lead, whole, framework, rules, now);
        }
    }
    plan
}

/// Writes a row's values into `lead`; answer changes go into the lead's history. Unless
/// `whole`, an empty cell leaves the lead's value (a CRM's empty cell must not erase what the
/// rep typed).
pub fn apply_row(
    row: &ImportRow,
    lead: &mut Lead,
    whole: bool,
    framework: &Framework,
    rules: &Classification,
    now: Timestamp,
) {
    for (field, value) in &row.values {
        if whole || !row.empty.contains(field) {
            lead.set(*field, value.clone());
        }
    }
    for (criterion, answer) in &row.answers {
        if whole || answer != UNKNOWN {
            lead.set_answer(framework, rules, criterion, answer, now);
        }
    }
    lead.updated = now;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::parse_csv;

    fn fw() -> (Framework, Classification) {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        (fw, rules)
    }

    fn now() -> Timestamp {
        "2026-11-30T10:00:00Z".parse().unwrap()
    }

    fn ids() -> impl FnMut() -> Uuid {
        let mut n = 0x1000;
        move || {
            n += 1;
            Uuid::from_u128(n)
        }
    }

    #[test]
    fn rows_of_one_file_that_are_the_same_lead_become_one() {
        let (fw, rules) = fw();
        let csv = "company,contact,email,phone,role\nAlpha GmbH,Anna,a@alpha.de,,CEO\nAlpha GmbH,Bert,A@ALPHA.DE,030 1,\nBeta KG,Bernd,,,\n";
        let parsed = parse_csv(csv.as_bytes(), &fw).unwrap();
        let matches = find_matches(&parsed.rows, &LeadIndex::default());
        assert_eq!(
            matches,
            [
                None,
                Some(Match {
                    existing: Existing::Row(0),
                    by: MatchedBy::Email
                }),
                None
            ]
        );
        let plan = plan_import(
            |_| None,
            &parsed.rows,
            &matches,
            |_| OnDuplicate::Update,
            &fw,
            &rules,
            now(),
            ids(),
        );
        assert_eq!((plan.created, plan.updated, plan.skipped), (2, 0, 0));
        let alpha = &plan.leads[0];
        // The second row's filled cells win, its empty role leaves the first row's.
        assert_eq!(
            (
                alpha.contact.as_str(),
                alpha.phone.as_str(),
                alpha.role.as_str()
            ),
            ("Bert", "030 1", "CEO")
        );
        assert_eq!(plan.lines, [2, 4]);
    }

    #[test]
    fn leadq_s_own_export_empties_what_was_emptied_and_a_crm_row_does_not() {
        let (fw, rules) = fw();
        let mut lead = Lead::new(Uuid::from_u128(7), now());
        lead.company = "Alpha GmbH".into();
        lead.role = "CEO".into();
        lead.crm_id = "hs-1".into();
        lead.set_answer(&fw, &rules, "budget", "approved", now());
        let existing = [lead];
        let find = |id| existing.iter().find(|l| l.id == id);
        let index = LeadIndex::new(&existing);
        let run = |csv: &str, choice: OnDuplicate| {
            let parsed = parse_csv(csv.as_bytes(), &fw).unwrap();
            let matches = find_matches(&parsed.rows, &index);
            plan_import(
                find,
                &parsed.rows,
                &matches,
                |_| choice,
                &fw,
                &rules,
                now(),
                ids(),
            )
        };
        // LeadQ's id always updates, whatever a duplicate would do; empty cells empty.
        let own = format!(
            "id,company,role,budget\n{},Alpha GmbH,,\n",
            Uuid::from_u128(7)
        );
        let plan = run(&own, OnDuplicate::New);
        assert_eq!((plan.created, plan.updated), (0, 1));
        assert_eq!(plan.leads[0].role, "");
        assert_eq!(plan.leads[0].assessment.answer("budget"), "unknown");
        // A CRM row matches by record id: "new" makes it a lead of its own …
        let crm = "Record ID,Company,Job Title\nhs-1,Alpha AG,\n";
        let plan = run(crm, OnDuplicate::New);
        assert_eq!((plan.created, plan.updated), (1, 0));
        assert_ne!(plan.leads[0].id, Uuid::from_u128(7));
        // … "update" fills what the row has and leaves what it leaves empty.
        let plan = run(crm, OnDuplicate::Update);
        let updated = &plan.leads[0];
        assert_eq!(updated.id, Uuid::from_u128(7));
        assert_eq!(updated.company, "Alpha AG");
        assert_eq!(updated.role, "CEO");
        assert_eq!(updated.assessment.answer("budget"), "approved");
    }
}
