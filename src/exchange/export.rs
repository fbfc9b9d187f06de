//! Leads out to a file: which format a file name asks for, and its bytes. One place for this so
//! `leadq export FILE` and the window's File → Export leads… write the same files.

use std::path::Path;

use thiserror::Error;

use super::xlsx::{XlsxWriteError, write_xlsx};
use super::{CsvError, Naming, write_csv};
use crate::domain::{Classification, Framework, Lead};

/// The UTF-8 byte-order mark. Excel reads a CSV file without it in the system's legacy encoding
/// (Windows-1252 in Germany) and shows "MÃ¼ller" for "Müller"; with it, UTF-8. LeadQ's import
/// skips it.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What an export file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// An Excel workbook with typed cells.
    Xlsx,
    /// CSV with a byte-order mark; `semicolon`: `;` and decimal commas, as German Excel expects.
    Csv { semicolon: bool },
}

impl ExportFormat {
    /// By the file's extension (ignoring case): `.xlsx` is a workbook, anything else CSV, as
    /// `leadq export` always wrote.
    pub fn for_path(path: &Path, semicolon: bool) -> ExportFormat {
        let xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx {
            ExportFormat::Xlsx
        } else {
            ExportFormat::Csv { semicolon }
        }
    }
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error(transparent)]
    Xlsx(#[from] XlsxWriteError),
}

/// The file's bytes in `format`, leads in the given order, named as `naming` says.
pub fn export_bytes(
    format: ExportFormat,
    leads: &[Lead],
    framework: &Framework,
    rules: &Classification,
    naming: Naming,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Xlsx => Ok(write_xlsx(leads, framework, rules, naming)?),
        ExportFormat::Csv { semicolon } => {
            let mut bytes = UTF8_BOM.to_vec();
            write_csv(&mut bytes, leads, framework, rules, semicolon, naming)?;
            Ok(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format() {
        let csv = ExportFormat::Csv { semicolon: true };
        assert_eq!(
            ExportFormat::for_path(Path::new("a/leads.XLSX"), true),
            ExportFormat::Xlsx
        );
        assert_eq!(ExportFormat::for_path(Path::new("leads.csv"), true), csv);
        assert_eq!(ExportFormat::for_path(Path::new("leads"), true), csv);
        assert_eq!(ExportFormat::for_path(Path::new("xlsx"), true), csv);
    }

    #[test]
    fn csv_files_start_with_a_byte_order_mark_the_import_skips() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let mut lead = Lead::new(uuid::Uuid::nil(), jiff::Timestamp::UNIX_EPOCH);
        lead.company = "Müller & Söhne GmbH".into();
        let bytes = export_bytes(
            ExportFormat::Csv { semicolon: true },
            &[lead],
            &fw,
            &rules,
            Naming::Ids,
        )
        .unwrap();
        assert!(bytes.starts_with(UTF8_BOM));
        let parsed = super::super::parse_csv(&bytes, &fw).unwrap();
        assert!(matches!(
            parsed.table.format,
            super::super::TableFormat::Csv {
                encoding: "UTF-8",
                delimiter: ';'
            }
        ));
        assert_eq!(
            parsed.rows[0].text(crate::domain::Field::Company),
            "Müller & Söhne GmbH"
        );
    }
}
