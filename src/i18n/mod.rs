//! Every text LeadQ shows, in German and English. The domain hands out structured results;
//! this module turns them into sentences, so the window, the PDF and the CLI say the same thing.

mod de;
mod describe;
mod en;
mod frameworks;
mod messages;
mod printing;
mod summary;
mod ui;

pub use describe::{
    answer_label, class_meaning, class_text, contact_line, criterion_name, describe_reason,
    describe_rule, describe_what_if, field_text, quoted, revenue_error, revenue_text, score_text,
    source_label, stage_label, value_text,
};

pub use frameworks::{
    FrameworkMessages, class_moves, framework_messages, framework_problem, rules_text,
};
pub use messages::{
    Localized, Messages, Plural, csv_error, export_error, file_action, find_error, io_failure,
    io_reason, lock_error, mapping_problem, messages, pending_batch, personal_problem,
    problem_reason, recovered, report_error, row_error, row_problem, store_error, target_label,
    team_problem, unknown_id, workbook_error, workspace_error, write_failure,
};
pub use printing::{PrintTexts, no_printer, print_error, print_texts, printed_text};
pub use summary::{lead_summary, pipeline_text};
pub use ui::{UiTexts, fill, ui_texts};

use crate::domain::{Class, Field, Lang, Source, Stage};

/// The sentences that explain a result; `{}` are filled in order by [`fill`]. The plain
/// sentence a rep and a manager read (`describe_reason`) comes from `class_with_points` to
/// `instead`; the exact rule for whoever set the rules (`describe_rule`) from `needs_score`,
/// `needs_answer` and `knockout`.
pub struct Reasons {
    /// `{}` = class letter, its score in points ([`Reasons::points`]): "B-Lead mit 65 Punkten".
    pub class_with_points: &'static str,
    /// Points after "mit"/"with": singular and plural ("1 Punkt", "{} Punkten").
    pub points: (&'static str, &'static str),
    /// Points still missing: singular and plural ("1 Punkt mehr", "{} Punkte mehr").
    pub more_points: (&'static str, &'static str),
    /// `{}` = what the top class also asked for and got: " und Zeitrahmen „in 3–6 Monaten“".
    pub with_answers: &'static str,
    /// `{}` = criterion, its answer: why a knockout decided ("Budget ist „kein Budget“ …").
    pub knocked_out: &'static str,
    /// Before what a better class lacks: "Für einen A-Lead fehlt: " (the article per class).
    pub for_class: fn(Class) -> &'static str,
    /// `{}` = criterion, the answers it needs: an unknown criterion to find out.
    pub clarify: &'static str,
    /// `{}` = criterion, the answers it needs, its answer now.
    pub instead: &'static str,
    /// A lead of that class, for the what-if: "ein A-Lead" / "an A lead".
    pub a_lead: fn(Class) -> &'static str,
    /// `{}` = class, minimum score.
    pub needs_score: &'static str,
    /// `{}` = criterion, its answer, class, the answers it needs.
    pub needs_answer: &'static str,
    /// Between the answers a class accepts.
    pub or: &'static str,
    /// After a knockout answer in a reason.
    pub knockout: &'static str,
    /// `{}` = criterion, answer, [`Reasons::a_lead`], points ([`Reasons::points`]).
    pub what_if: &'static str,
    /// The language's quotation marks.
    pub quotes: (&'static str, &'static str),
    /// `{}` = the character that does not belong in a number.
    pub revenue_invalid: &'static str,
    pub revenue_negative: &'static str,
    pub revenue_malformed: &'static str,
    pub revenue_too_large: &'static str,
    /// `{}`: the currency found.
    pub revenue_currency: &'static str,
}

/// The fixed texts of the app in one language.
pub struct Texts {
    /// The language's own name ("Deutsch"), as the settings offer it.
    pub language_name: &'static str,
    /// The label of every lead field (see [`field_label`]).
    pub field: fn(Field) -> &'static str,
    pub source_label: fn(Source) -> &'static str,
    pub stage_label: fn(Stage) -> &'static str,
    /// What a class means, in a few words.
    pub class_meaning: fn(Class) -> &'static str,
    pub app_name: &'static str,
    pub company: &'static str,
    pub contact: &'static str,
    pub role: &'static str,
    pub industry: &'static str,
    pub revenue: &'static str,
    pub source: &'static str,
    pub stage: &'static str,
    pub follow_up: &'static str,
    pub notes: &'static str,
    pub score: &'static str,
    pub class: &'static str,
    pub provisional: &'static str,
    /// In place of a class while every criterion is unknown ("noch nicht bewertet").
    pub not_rated: &'static str,
    /// The reason of a lead not rated yet: what makes a class appear ([`describe_reason`]).
    pub not_rated_hint: &'static str,
    /// A yes/no cell in an export for people ("ja"/"nein").
    pub yes: &'static str,
    pub no: &'static str,
    pub reason: &'static str,
    pub overview: &'static str,
    /// The overview's heading in the PDF and `leadq show`, naming the framework: `{}` = its name.
    pub overview_by: &'static str,
    pub open_questions: &'static str,
    pub no_open_questions: &'static str,
    pub what_if: &'static str,
    pub no_what_if: &'static str,
    pub points: &'static str,
    pub answer: &'static str,
    pub question: &'static str,
    pub note: &'static str,
    pub updated: &'static str,
    pub created: &'static str,
    pub million_eur: &'static str,
    pub not_given: &'static str,
    pub unnamed_lead: &'static str,
    pub knockout: &'static str,
    pub report_title: &'static str,
    pub report_date: &'static str,
    pub page: &'static str,
    pub general_info: &'static str,
    pub result: &'static str,
    pub history: &'static str,
    /// The report's column of criteria, its total row, "page 1 of 2", and an overdue date.
    pub criterion: &'static str,
    pub total: &'static str,
    pub page_of: &'static str,
    pub overdue: &'static str,
    pub reasons: Reasons,
    pub decimal_comma: bool,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &de::TEXTS,
        Lang::En => &en::TEXTS,
    }
}

/// A lead field's label in the form, the PDF and the CLI ("Firma", "E-Mail").
pub fn field_label(lang: Lang, field: Field) -> &'static str {
    (texts(lang).field)(field)
}

/// A language by its own name, whatever the window's language.
pub fn language_name(lang: Lang) -> &'static str {
    texts(lang).language_name
}

/// The language of the system, or German (the product's home market) when it is neither.
pub fn system_lang() -> Lang {
    sys_locale::get_locale()
        .as_deref()
        .and_then(Lang::from_locale)
        .unwrap_or(Lang::De)
}

/// A date as the rep reads it: 27.11.2026 in German, 2026-11-27 in English. Files, CSV and
/// JSON keep ISO whatever the language.
pub fn format_date(lang: Lang, date: jiff::civil::Date) -> String {
    match lang {
        Lang::De => date.strftime("%d.%m.%Y").to_string(),
        Lang::En => date.to_string(),
    }
}
