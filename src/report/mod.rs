//! The PDF report of one lead: an A4 document a rep can hand out, with real,
//! searchable text in the embedded DejaVu Sans; several of them in one document for the
//! printer; and the day's call sheet. printpdf stays behind this module; the window and the
//! CLI only see [`render_report`], [`render_reports`], [`render_call_sheet`] and the file-name
//! helpers.

mod bidi;
mod call_sheet;
mod document;
mod file_name;
mod fonts;
mod layout;
mod slim;
mod wrap;

use printpdf::{FontId, Mm, OffsetDateTime, Op, PdfDocument, PdfPage, PdfSaveOptions, PdfWarnMsg};

mod batch;
pub use batch::{BatchControl, BatchPaths, CANCELLED, batch_paths, is_report_for, write_reports};
pub use bidi::is_unjoined_letter;
pub use file_name::{default_file_name, sanitize_file_stem, unique_path, unique_path_by};

use crate::domain::{Classification, Evaluation, Framework, Lang, Lead};
use document::Input;
use layout::Layout;

/// How to render a report: its language, the date it is "as of", the version in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    pub lang: Lang,
    pub today: jiff::civil::Date,
    pub version: &'static str,
}

/// A rendered report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the PDF cannot show as written (reported, never a panic), in order of first
    /// appearance: those the embedded font lacks appear as "�"; Arabic letters
    /// ([`is_unjoined_letter`]) appear, but unjoined, since LeadQ does not shape text.
    pub missing_glyphs: Vec<char>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("the embedded PDF font could not be read: {0}")]
    Font(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Renders the report of `lead` as PDF bytes.
pub fn render_report(
    lead: &Lead,
    framework: &Framework,
    rules: &Classification,
    opts: &ReportOptions,
) -> Result<Report, ReportError> {
    guarded(|| render(&[lead], framework, rules, opts)).map(|(report, _)| report)
}

/// The reports of several leads in one document, one after the other, each with its own pages
/// and page numbers: what `leadq print` and the window's Print send to the printer as one job.
pub fn render_reports(
    leads: &[&Lead],
    framework: &Framework,
    rules: &Classification,
    opts: &ReportOptions,
) -> Result<Report, ReportError> {
    guarded(|| render(leads, framework, rules, opts)).map(|(report, _)| report)
}

/// The day's call sheet (`opts.today` is its day) of the leads `domain::call_sheet` picked, in
/// their order: see [`call_sheet`].
pub fn render_call_sheet(
    due: &[(&Lead, Evaluation)],
    framework: &Framework,
    rules: &Classification,
    opts: &ReportOptions,
) -> Result<Report, ReportError> {
    guarded(|| {
        let title = call_sheet::title(opts);
        save(&title, opts, None, |fonts, regular, bold, missing| {
            let mut layout = Layout::new(fonts, regular, bold);
            call_sheet::draw(&mut layout, due, framework, rules, opts, missing);
            layout.finish(|l, page, count| call_sheet::footer(l, page, count, opts))
        })
    })
    .map(|(report, _)| report)
}

/// printpdf is not ours to audit: should it ever panic on some input, the rep gets an error for
/// this one document instead of losing the window or the rest of a batch.
fn guarded<T>(render: impl FnOnce() -> Result<T, ReportError>) -> Result<T, ReportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(render)).unwrap_or_else(|_| {
        Err(ReportError::Pdf(
            "the PDF library failed on this lead's text".to_owned(),
        ))
    })
}

fn render(
    leads: &[&Lead],
    framework: &Framework,
    rules: &Classification,
    opts: &ReportOptions,
) -> Result<(Report, Vec<PdfWarnMsg>), ReportError> {
    let name = match leads {
        [lead] => {
            let (title, name) = document::title(lead, opts.lang);
            format!("{title} – {name}")
        }
        _ => crate::i18n::texts(opts.lang).report_title.to_owned(),
    };
    // One lead's file carries its id, so a later batch replaces this report instead of adding
    // a copy.
    let id = match leads {
        [lead] => Some(lead.id),
        _ => None,
    };
    save(&name, opts, id, |fonts, regular, bold, missing| {
        let mut pages = Vec::new();
        for lead in leads {
            let input = Input {
                lead,
                fw: framework,
                rules,
                opts,
                eval: lead.evaluate(framework, rules),
            };
            let mut layout = Layout::new(fonts, regular.clone(), bold.clone());
            document::draw(&mut layout, &input, missing);
            pages.extend(layout.finish(|l, page, count| document::footer(l, page, count, opts)));
        }
        pages
    })
}

/// A document titled `title`, its pages drawn by `draw` with the embedded faces (what the fonts
/// cannot show is noted in `missing`), saved as PDF bytes.
fn save(
    title: &str,
    opts: &ReportOptions,
    lead_id: Option<uuid::Uuid>,
    draw: impl FnOnce(&'static fonts::Fonts, FontId, FontId, &mut Vec<char>) -> Vec<Vec<Op>>,
) -> Result<(Report, Vec<PdfWarnMsg>), ReportError> {
    let fonts = fonts::fonts()?;
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.creator = format!("LeadQ {}", opts.version);
    doc.metadata.info.producer = format!("LeadQ {}", opts.version);
    if let Some(date) = pdf_date(opts.today) {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    let regular = doc.add_font(&fonts.regular);
    let bold = doc.add_font(&fonts.bold);

    let mut missing = Vec::new();
    let pages: Vec<PdfPage> = draw(fonts, regular, bold, &mut missing)
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let count = pages.len();
    doc.with_pages(pages);

    let mut warnings = Vec::new();
    let save = PdfSaveOptions::default();
    let mut pdf = doc.to_lopdf_document(&save, &mut warnings);
    // printpdf hands out a document of its own lopdf version, whose type cannot be named here;
    // so this is done inline, where the compiler knows it.
    if let Ok(info_id) = pdf.trailer.get(b"Info").and_then(|o| o.as_reference())
        && let Ok(info) = pdf.get_object_mut(info_id).and_then(|o| o.as_dict_mut())
    {
        if let Some(id) = lead_id {
            info.set(batch::LEAD_KEY, id.to_string());
        }
        for key in EMPTY_INFO_KEYS {
            // Text strings are UTF-16BE with a byte order mark, so "" may be just the mark.
            let empty = info
                .get(key)
                .and_then(|o| o.as_str())
                .is_ok_and(|b| b.is_empty() || b == [0xFE, 0xFF]);
            if empty {
                info.remove(key);
            }
        }
    }
    if save.optimize {
        pdf.compress();
    }
    let mut bytes = Vec::new();
    let written = pdf.save_to(&mut bytes);
    if written.is_err() || bytes.is_empty() {
        let mut detail: Vec<String> = warnings.iter().map(|w| format!("{w:?}")).collect();
        if let Err(e) = written {
            detail.push(e.to_string());
        }
        return Err(ReportError::Pdf(detail.join("; ")));
    }
    let report = Report {
        bytes,
        pages: count,
        missing_glyphs: missing,
    };
    Ok((report, warnings))
}

/// Keys of the document information that printpdf always writes, empty when unset. An empty
/// `GTS_PDFXVersion` makes readers (`pdfinfo`) call the report PDF/X, which it is not; an empty
/// `Author` and friends only say nothing. LeadQ has no setting for the rep's name, so no
/// author is written.
const EMPTY_INFO_KEYS: [&[u8]; 5] = [
    b"GTS_PDFXVersion",
    b"Author",
    b"Subject",
    b"Keywords",
    b"Identifier",
];

/// Midnight UTC of `date`, for the PDF's creation date: the report is "as of" that day.
fn pdf_date(date: jiff::civil::Date) -> Option<OffsetDateTime> {
    let seconds = date
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp();
    OffsetDateTime::from_unix_timestamp(seconds.as_second()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lead;

    #[test]
    fn printpdf_has_no_complaints() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let mut lead = Lead::new(uuid::Uuid::nil(), jiff::Timestamp::UNIX_EPOCH);
        lead.company = "Müller & Söhne – Ωмега 😀🚀".into();
        lead.notes = "Notiz\nmit Zeilen".into();
        let opts = ReportOptions {
            lang: Lang::De,
            today: jiff::civil::date(2026, 11, 27),
            version: "test",
        };
        let (report, warnings) = render(&[&lead], &fw, &rules, &opts).unwrap();
        assert!(warnings.is_empty(), "{warnings:#?}");
        assert_eq!(report.missing_glyphs, vec!['🚀']);
        assert!(report.bytes.starts_with(b"%PDF-"));
    }
}
