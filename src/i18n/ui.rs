//! Which texts the window has (`UiTexts`; the words are in `de.rs` and `en.rs`), and `fill` for
//! their `{}` placeholders.

use crate::domain::Lang;

/// The window's texts in one language. Parameterised texts take their values with `{}`
/// replaced in order by [`fill`].
pub struct UiTexts {
    /// The language these texts are in, for texts built elsewhere (`crate::i18n::messages`).
    pub lang: Lang,
    pub menu_file: &'static str,
    pub cmd_import: &'static str,
    /// Under the welcome buttons: what Import takes.
    pub welcome_import: &'static str,
    /// The import preview: its title; `{}` = file, encoding, rows.
    pub import_title: &'static str,
    pub import_read: &'static str,
    /// The columns the file has and no field matches.
    pub import_ignored: &'static str,
    /// `{}` = how many rows; one and many.
    pub import_go_one: &'static str,
    pub import_go_many: &'static str,
    /// How many bad rows an import leaves out: one, and `{}` = many.
    pub import_skip_bad_one: &'static str,
    pub import_skip_bad: &'static str,
    pub import_bad_rows: &'static str,
    pub import_more: &'static str,
    pub import_nothing: &'static str,
    /// After the import: `{}` = new, updated.
    pub import_done: &'static str,
    /// `{}` = leads from a newer LeadQ that were left alone.
    pub import_skipped_newer: &'static str,
    /// `{}` = the file, the reason.
    pub import_failed: &'static str,
    pub import_no_dialog: &'static str,
    /// `{}` = file, sheet, rows: how a workbook was read.
    pub import_read_sheet: &'static str,
    /// The preview's choice of the row that names the columns.
    pub import_header_row: &'static str,
    /// `{}` = the row read as the header, the row that looks like it.
    pub import_header_below: &'static str,
    /// The button that reads the file again with `{}` as the header row.
    pub import_take_header: &'static str,
    /// While the file is read and parsed.
    pub import_reading: &'static str,
    /// Above the drop-downs: what they do.
    pub import_mapping_hint: &'static str,
    /// The accessible name of a column's drop-down; `{}` = the column's name.
    pub import_column: &'static str,
    /// `{}` = values and counts.
    pub import_other_sources: &'static str,
    /// `{}` = how many rows match leads already here.
    pub import_duplicates: &'static str,
    pub import_duplicates_one: &'static str,
    /// The drop-down for every duplicate at once.
    pub import_all_duplicates: &'static str,
    pub dup_update: &'static str,
    pub dup_new: &'static str,
    pub dup_skip: &'static str,
    /// Why a row is a duplicate; `{}` = the lead's name or the earlier line.
    pub same_crm_id: &'static str,
    pub same_email: &'static str,
    pub same_name: &'static str,
    pub same_as_line: &'static str,
    /// `{}` = line: the accessible name of a duplicate row's drop-down.
    pub import_row_choice: &'static str,
    pub line: &'static str,
    /// The button beside an e-mail address.
    pub write_email: &'static str,
    /// The button beside a website.
    pub open_website: &'static str,
    /// Under an e-mail address that does not look like one (a hint, never a block).
    pub email_hint: &'static str,
    pub menu_edit: &'static str,
    pub menu_view: &'static str,
    pub menu_help: &'static str,
    pub cmd_new_lead: &'static str,
    pub cmd_example_lead: &'static str,
    pub cmd_find: &'static str,
    pub cmd_save_pdf: &'static str,
    pub cmd_delete: &'static str,
    pub cmd_undo: &'static str,
    pub cmd_redo: &'static str,
    pub cmd_duplicate: &'static str,
    pub cmd_trash: &'static str,
    pub cmd_history: &'static str,
    pub cmd_settings: &'static str,
    pub cmd_about: &'static str,
    pub cmd_quit: &'static str,
    pub cmd_toggle_list: &'static str,
    pub cmd_next_lead: &'static str,
    pub cmd_previous_lead: &'static str,
    pub details: &'static str,
    pub cmd_page_down: &'static str,
    pub cmd_page_up: &'static str,
    pub cmd_first_lead: &'static str,
    pub cmd_last_lead: &'static str,
    pub cmd_focus_list: &'static str,
    pub calendar_follow_up: &'static str,
    pub calendar_file_name: &'static str,
    pub cmd_export_calendar: &'static str,
    pub calendar_saved: &'static str,
    pub calendar_none: &'static str,
    pub cmd_export_leads: &'static str,
    /// `{}` = how many leads ("3 leads"), then the file.
    pub leads_exported: &'static str,
    /// The Save-as dialog's file types for an export of leads.
    pub filter_excel: &'static str,
    pub filter_csv: &'static str,
    pub save_failed: &'static str,
    pub picked_count: &'static str,
    pub cmd_export_selected: &'static str,
    pub cmd_extend_down: &'static str,
    pub cmd_extend_up: &'static str,
    pub batch_stage: &'static str,
    pub batch_follow_up: &'static str,
    pub deleted_many_toast: &'static str,
    pub cmd_overview: &'static str,
    pub cmd_show_form: &'static str,
    pub cmd_copy_summary: &'static str,
    pub overview_whole_folder: &'static str,
    pub overview_counted: &'static str,
    pub overview_counted_cli: &'static str,
    pub overview_matrix: &'static str,
    pub overview_provisional: &'static str,
    pub overview_follow_ups: &'static str,
    pub due_today: &'static str,
    pub due_next_week: &'static str,
    pub due_filter: &'static str,
    /// A criterion's fold of open questions: `{}` = criterion (singular), criterion and count.
    pub open_questions_of: (&'static str, &'static str),
    pub overview_funnel: &'static str,
    pub overview_moved_on: &'static str,
    pub overview_unknown: &'static str,
    pub overview_unknown_hint: &'static str,
    pub overview_unknown_line: &'static str,
    pub overview_scores: &'static str,
    pub leads_word: &'static str,
    pub filter_unknown: &'static str,
    pub filter_clear: &'static str,
    pub follow_ups_due_one: &'static str,
    pub follow_ups_due_many: &'static str,
    pub show: &'static str,
    pub summary_copied: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub filter_class: &'static str,
    pub filter_stage: &'static str,
    pub all: &'static str,
    pub sort_by: &'static str,
    pub sort_score: &'static str,
    pub sort_company: &'static str,
    pub sort_follow_up: &'static str,
    pub sort_updated: &'static str,
    pub leads_count: &'static str,
    pub no_matches: &'static str,
    pub overdue: &'static str,
    pub step_general: &'static str,
    /// `{}` = the framework's name.
    pub step_bant: &'static str,
    /// Settings → Framework.
    pub settings_framework: &'static str,
    /// The framework editor.
    pub editor_open: &'static str,
    pub editor_title: &'static str,
    pub editor_name: &'static str,
    pub editor_question: &'static str,
    pub editor_id: &'static str,
    pub editor_points: &'static str,
    pub editor_knockout: &'static str,
    pub editor_up: &'static str,
    pub editor_down: &'static str,
    pub editor_remove: &'static str,
    pub editor_add_criterion: &'static str,
    pub editor_add_answer: &'static str,
    pub editor_open_questions: &'static str,
    pub editor_open_question: &'static str,
    pub editor_add_question: &'static str,
    pub editor_a_needs: &'static str,
    pub editor_no_requirement: &'static str,
    pub editor_save: &'static str,
    /// `{}` = how many leads change class, `{}` = per class "A 3 → 1".
    pub editor_effect: &'static str,
    pub editor_no_effect: &'static str,
    pub editor_export: &'static str,
    pub editor_export_hint: &'static str,
    pub editor_import: &'static str,
    pub editor_import_hint: &'static str,
    /// The Save/Open dialogs' filter for framework files.
    pub filter_framework: &'static str,
    /// `{}` = the framework's name, `{}` = the file.
    pub framework_exported: &'static str,
    /// `{}` = the file and what is wrong with it.
    pub framework_import_failed: &'static str,
    pub framework_no_dialog: &'static str,

    /// The welcome screen's framework choice, and what it means.
    pub welcome_framework: &'static str,
    pub welcome_framework_hint: &'static str,
    /// `{}` = the framework's name.
    pub framework_current: &'static str,
    /// `{}` = how many leads change class, `{}` = per class "A 3 → 1".
    pub framework_effect: &'static str,
    pub framework_no_effect: &'static str,
    /// `{}` = the framework's name.
    pub framework_use: &'static str,
    pub framework_hint: &'static str,
    /// The form's read-only section of answers kept from other frameworks.
    pub from_other_framework: &'static str,
    pub from_other_hint: &'static str,
    pub note_for: &'static str,
    pub date_hint: &'static str,
    pub date_error: &'static str,
    pub revenue_hint: &'static str,
    pub revenue_kept: &'static str,
    pub clear: &'static str,
    pub in_a_week: &'static str,
    pub in_a_month: &'static str,
    pub provisional_open: &'static str,
    pub no_lead_selected: &'static str,
    pub welcome_title: &'static str,
    /// A data folder named with `--data-dir` that does not exist: the question's title, its
    /// text (`{}` = the path), and the two answers.
    pub ask_folder_title: &'static str,
    pub ask_folder_text: &'static str,
    pub ask_folder_create: &'static str,
    pub ask_folder_quit: &'static str,
    pub welcome_text: &'static str,
    pub problems_files: &'static str,
    pub problems_left_in_place: &'static str,
    pub write_failed: &'static str,
    pub team_settings_problem: &'static str,
    pub dismiss: &'static str,
    pub deleted_toast: &'static str,
    pub settings_language: &'static str,
    pub settings_theme: &'static str,
    pub theme_system: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub settings_rules: &'static str,
    pub settings_a_min: &'static str,
    pub settings_b_min: &'static str,
    pub settings_soon: &'static str,
    pub settings_shared: &'static str,
    pub system_language: &'static str,
    pub trash_empty: &'static str,
    pub restore: &'static str,
    pub history_empty: &'static str,
    pub history_chart: &'static str,
    pub about_text: &'static str,
    /// Before what draws the window in the about box ("Vulkan · Intel UHD 620").
    pub about_graphics: &'static str,
    pub data_folder: &'static str,
    pub licences: &'static str,
    pub licences_intro: &'static str,
    pub close: &'static str,
    pub company_required: &'static str,
    pub pdf_saved: &'static str,
    pub open: &'static str,
    pub show_in_folder: &'static str,
    pub no_dialog: &'static str,
    pub save_there: &'static str,
    pub pdf_failed: &'static str,
    pub missing_glyphs: &'static str,
    pub dialog_open: &'static str,
    pub read_only_banner: &'static str,
    pub conflict_banner: &'static str,
    pub newer_lead_note: &'static str,
    pub cmd_export_pdfs: &'static str,
    pub batch_progress: &'static str,
    pub cancel: &'static str,
    pub batch_done: &'static str,
    pub batch_cancelled: &'static str,
    pub batch_failed: &'static str,
    pub batch_missing_glyphs: &'static str,
    pub open_folder: &'static str,
    pub sync_conflicts: &'static str,
    /// Leads live again after a delete on another machine; `{}` = their names, then `trash/`.
    pub deleted_elsewhere: &'static str,
    pub take_copy: &'static str,
    pub keep_current: &'static str,
    pub unknown_answers_banner: &'static str,
}

pub fn ui_texts(lang: Lang) -> &'static UiTexts {
    match lang {
        Lang::De => &super::de::UI,
        Lang::En => &super::en::UI,
    }
}

/// Replaces each `{}` in `template` by the next value.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(pos) = rest.find("{}") {
        out.push_str(&rest[..pos]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[pos + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("{} von {} Leads", &["3", "10"]), "3 von 10 Leads");
        assert_eq!(fill("no {}", &[]), "no ");
    }
}
