//! Import and export: the way leads come from and go to spreadsheets and CRMs. A file is read
//! into a [`Table`] of text cells (`table.rs`: CSV; workbooks), each column is given a
//! [`Target`] (`mapping.rs`, rules in `assets/columns.ron`), the rows are read as leads through
//! it (`rows.rs`), and a plan says which lead each row creates or updates (`plan.rs`: LeadQ's
//! id, duplicates by CRM id, e-mail or name). Works on bytes and writers only; the CLI and the
//! window do the file handling.

mod formula;
mod mapping;
mod plan;
mod rows;
mod sheet;
mod table;

pub use mapping::{MappingProblem, Target, column_key, header_key};
pub use plan::{
    Existing, ImportPlan, LeadIndex, Match, MatchedBy, OnDuplicate, apply_row, find_matches,
    plan_import,
};
pub use rows::parse_date;
pub use sheet::Naming;
pub use table::{Table, TableFormat, TableRow, decode};

pub mod export;
pub mod workbook;
pub mod xlsx;

use std::io::Write;

use thiserror::Error;
use uuid::Uuid;

use crate::domain::{Classification, Field, Framework, Lead, RevenueError, Text, Value};
/// Derived columns an export adds; an import ignores them, so export → import round-trips.
pub(crate) const DERIVED: [&str; 3] = ["score", "class", "provisional"];

#[derive(Debug, Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    /// Bytes that are not text in any encoding LeadQ reads (or not in the one asked for).
    #[error("the file is not text in {0}; save it from your spreadsheet as \"CSV UTF-8\"")]
    NotText(&'static str),
    /// An Excel or OpenDocument workbook (a ZIP file), not a CSV file.
    #[error("the file is a spreadsheet workbook (.xlsx/.ods), not CSV; save it as \"CSV UTF-8\"")]
    Workbook,
    /// A workbook (.xlsx, .ods, .xls) that cannot be read, or has no such sheet.
    #[error(transparent)]
    Book(#[from] workbook::WorkbookError),
    /// `--map` names a column the file does not have.
    #[error("the file has no column \"{0}\"")]
    UnknownColumn(String),
    #[error("line {line}: {message}")]
    Syntax { line: u64, message: String },
    /// A quote that is still open at the end of the file: the rest of the file after it would
    /// become one field (and usually one lead).
    #[error("line {line}: a quote (\") opens here and is never closed")]
    UnclosedQuote { line: u64 },
    /// A company or contact spanning lines: almost always a quote closed too late.
    #[error(
        "line {line}: the {column} has a line break; a quote (\") opened here is closed too late"
    )]
    LineBreakInName { line: u64, column: &'static str },
    #[error("could not write CSV: {0}")]
    Write(String),
}

/// One row that failed validation, with the line number a spreadsheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: u64,
    pub problems: Vec<RowProblem>,
}

/// What is wrong with a row; `crate::i18n::row_problem` says it in the rep's language.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// The CSV reader could not read the row.
    Unreadable(String),
    /// More (non-empty) fields than the header has columns: the extra ones have no column.
    TooManyFields {
        fields: usize,
        header: usize,
    },
    BadId(String),
    CompanyEmpty,
    Revenue(RevenueError),
    Stage(String),
    /// A criterion's cell that is none of its answers: the criterion's name, the cell, and the
    /// answers it takes (by their labels; their ids and other spellings are taken too).
    Answer {
        criterion: Text,
        answer: String,
        known: Vec<Text>,
    },
    FollowUp(String),
    DuplicateId(Uuid),
    /// A control character in a cell (a NUL, a vertical tab …): the column's number (from 1)
    /// and name, and the character.
    ControlCharacter {
        column: usize,
        name: String,
        character: char,
    },
}

/// A validated row, ready to be applied to a new or existing lead.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: u64,
    pub id: Option<Uuid>,
    /// The fields the file has a column for, in [`Field::ALL`] order (an empty cell gives
    /// the empty value).
    pub values: Vec<(Field, Value)>,
    /// The fields among `values` whose cell was empty: an update of a duplicate leaves them.
    pub empty: Vec<Field>,
    /// (criterion id, answer id) in framework order.
    pub answers: Vec<(String, String)>,
}

impl ImportRow {
    pub fn value(&self, field: Field) -> Option<&Value> {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v)
    }

    /// The text of a free-text field; `""` for the others.
    pub fn text(&self, field: Field) -> &str {
        match self.value(field) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }
}

/// The header an export writes and an import understands, for `framework`.
pub fn header(framework: &Framework) -> Vec<String> {
    let fields = |after: bool| {
        Field::ALL
            .into_iter()
            .filter(move |f| f.after_criteria() == after)
            .map(|f| f.id().to_owned())
    };
    std::iter::once("id".to_owned())
        .chain(fields(false))
        .chain(framework.criteria.iter().map(|c| c.id.clone()))
        .chain(fields(true))
        .collect()
}

/// How to read a file for an import: all optional.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The encoding of a CSV file, instead of detecting it (`leadq import --encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The sheet of a workbook, instead of the first one.
    pub sheet: Option<String>,
    /// The row that names the columns, as the spreadsheet numbers it, when a title or notes
    /// stand above the table (`leadq import --header-row N`, the preview's choice).
    pub header_row: Option<u64>,
    /// Columns mapped by hand, by the column's name (`--map "Spalte=field"`): these win over
    /// the names' rules.
    pub map: Vec<(String, Target)>,
    /// Mappings the rep made before, by the header they were made for ([`header_key`] → a
    /// target id per column; the window's personal settings). A file with that header starts
    /// with it; one naming a target this framework lacks is not used.
    pub remembered: std::collections::BTreeMap<String, Vec<String>>,
}

/// A file read for an import: the table, what each column fills, and the rows as leads.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub table: Table,
    /// One per column of `table.header`.
    pub targets: Vec<Target>,
    /// Why the mapping cannot be imported (then `rows` is empty).
    pub problems: Vec<MappingProblem>,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    /// Source values no rule knows, read as `other`, with how many rows had each.
    pub other_sources: std::collections::BTreeMap<String, usize>,
}

impl Parsed {
    /// Named columns that fill nothing: ignored, and named to the rep.
    pub fn ignored(&self) -> Vec<&str> {
        self.table
            .header
            .iter()
            .zip(&self.targets)
            .filter(|(name, t)| **t == Target::Ignore && !name.is_empty())
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// The fields the file fills, in [`Field::ALL`] order.
    pub fn fields(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| self.targets.iter().any(|t| t.fills(*f)))
            .collect()
    }

    /// The first of the next rows whose names would give the lead a name, as a header.
    fn header_below(&self, framework: &Framework) -> Option<u64> {
        self.table
            .first_rows
            .iter()
            .find(|row| {
                mapping::auto_map(&row.cells, framework)
                    .iter()
                    .any(Target::names_the_lead)
            })
            .map(|row| row.line)
    }

    /// Gives `column` a new target and reads the rows again.
    pub fn remap(
        &mut self,
        column: usize,
        target: Target,
        framework: &Framework,
    ) -> Result<(), CsvError> {
        if let Some(t) = self.targets.get_mut(column) {
            *t = target;
        }
        self.read(framework)
    }

    /// Reads the rows through the current targets.
    fn read(&mut self, framework: &Framework) -> Result<(), CsvError> {
        self.problems = mapping::problems(&self.table.header, &self.targets);
        // No column names the lead: a title above the table was read as its header. Say which
        // row looks like the real one.
        if let Some(i) = self
            .problems
            .iter()
            .position(|p| *p == MappingProblem::NoName)
            && let Some(found) = self.header_below(framework)
        {
            self.problems[i] = MappingProblem::HeaderBelow {
                read: self.table.header_line,
                found,
            };
        }
        let read = if self.problems.is_empty() {
            rows::read_rows(&self.table, &self.targets, framework)?
        } else {
            rows::Rows {
                errors: self.table.errors.clone(),
                ..rows::Rows::default()
            }
        };
        self.rows = read.rows;
        self.errors = read.errors;
        self.other_sources = read.other_sources;
        Ok(())
    }
}

/// Parses and validates every row of a CSV file; nothing is applied here, so a caller can
/// refuse the whole file when any row is bad. The encoding is found as [`decode`] says.
pub fn parse_csv(bytes: &[u8], framework: &Framework) -> Result<Parsed, CsvError> {
    parse(bytes, &ImportOptions::default(), framework)
}

/// Reads a spreadsheet file for an import: the table, each column's target (by its name's
/// rules, then what `options` says), the rows.
pub fn parse(
    bytes: &[u8],
    options: &ImportOptions,
    framework: &Framework,
) -> Result<Parsed, CsvError> {
    let table = if workbook::is_workbook(bytes) {
        workbook::read_workbook(bytes, options.sheet.as_deref())?.into_table(options.header_row)
    } else {
        table::read_csv(bytes, options.encoding, options.header_row)?
    };
    let mut targets = mapping::auto_map(&table.header, framework);
    if let Some(ids) = options.remembered.get(&header_key(&table.header))
        && ids.len() == targets.len()
        && let Some(remembered) = ids
            .iter()
            .map(|id| Target::from_id(id, framework))
            .collect::<Option<Vec<Target>>>()
    {
        for (target, remembered) in targets.iter_mut().zip(remembered) {
            // A derived column (score, class) is remembered as ignored: it stays derived.
            if !(*target == Target::Derived && remembered == Target::Ignore) {
                *target = remembered;
            }
        }
    }
    for (name, target) in &options.map {
        let key = mapping::column_key(name);
        let column = table
            .header
            .iter()
            .position(|h| h == name)
            .or_else(|| {
                table
                    .header
                    .iter()
                    .position(|h| mapping::column_key(h) == key)
            })
            .ok_or_else(|| CsvError::UnknownColumn(name.clone()))?;
        targets[column] = target.clone();
    }
    let mut parsed = Parsed {
        table,
        targets,
        ..Parsed::default()
    };
    parsed.read(framework)?;
    Ok(parsed)
}

/// Writes leads as CSV: the columns of [`sheet::sheet`] (the import's columns plus score, class
/// and provisional), named as `naming` says, every text cell guarded against formulas
/// (`formula.rs`). `semicolon` writes `;` and decimal commas, as German Excel expects; an export
/// in German words writes decimal commas too.
pub fn write_csv<W: Write>(
    out: W,
    leads: &[Lead],
    framework: &Framework,
    rules: &Classification,
    semicolon: bool,
    naming: Naming,
) -> Result<(), CsvError> {
    let werr = |e: csv::Error| CsvError::Write(e.to_string());
    let decimal_comma = semicolon
        || matches!(naming, Naming::Words(lang) if crate::i18n::texts(lang).decimal_comma);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .from_writer(out);
    let sheet = sheet::sheet(leads, framework, rules, naming);
    let head: Vec<String> = sheet
        .header
        .iter()
        .map(|h| formula::escape(h).into_owned())
        .collect();
    writer.write_record(&head).map_err(werr)?;
    for row in &sheet.rows {
        let record = row
            .iter()
            .map(|cell| sheet::csv_cell(cell, naming, decimal_comma));
        writer.write_record(record).map_err(werr)?;
    }
    writer.flush().map_err(|e| CsvError::Write(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Field, Value};
    use jiff::civil::Date;

    fn fw() -> Framework {
        Framework::builtin().unwrap()
    }

    #[test]
    fn semicolon_csv_with_decimal_comma() {
        let csv = "company;contact;revenue_meur;budget;time\nMax Mustermann GmbH;Max Mustermann;5,5;approved;months_6_12\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(
            parsed.rows[0].value(Field::Revenue),
            Some(&Value::Revenue(Some(5.5)))
        );
        assert_eq!(
            parsed.rows[0].answers[0],
            ("budget".to_owned(), "approved".to_owned())
        );
        // Only the criteria the file has columns for: an update leaves the others.
        assert_eq!(
            parsed.rows[0].answers[1],
            ("time".to_owned(), "months_6_12".to_owned())
        );
        assert_eq!(parsed.rows[0].answers.len(), 2);
    }

    #[test]
    fn bad_rows_are_listed_with_line_numbers() {
        let csv = "company,revenue_meur,budget,stage,follow_up\nGood,5,,,\nBad,abc,rich,xyz,12/31/2026\n,,,,\nAlso good,1.250.000,none,sql,31.12.2026\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.errors.len(), 1);
        let e = &parsed.errors[0];
        assert_eq!(e.line, 3);
        let message = crate::i18n::row_error(crate::domain::Lang::En, e);
        for part in [
            "Revenue:",
            // The criterion and the stage by the names the rep knows.
            "Budget \"rich\"",
            "Stage \"xyz\"",
            "Next follow-up \"12/31/2026\"",
        ] {
            assert!(message.contains(part), "{part} in {message}");
        }
    }

    #[test]
    fn a_quote_never_closed_refuses_the_file_naming_its_line() {
        // The quote opens in line 3 and never closes: the csv reader would make the rest of the
        // file one field, i.e. one lead with the following rows inside its notes.
        let csv = "company,contact,notes\nA GmbH,Anna,ok\nB GmbH,\"Bernd,notes\nC GmbH,Carla,\nD GmbH,Dora,\n";
        match parse_csv(csv.as_bytes(), &fw()) {
            Err(CsvError::UnclosedQuote { line }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        // Quoted fields that close, with "" inside and a line break in the notes, are fine.
        let csv = "company,contact,notes\n\"A \"\"Q\"\" GmbH\",Anna,\"two\nlines\"\nB,Bob,x\"y\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.rows.len(), 2, "{:?}", parsed.errors);
        assert_eq!(parsed.rows[0].text(Field::Company), "A \"Q\" GmbH");
        assert_eq!(parsed.rows[0].text(Field::Notes), "two\nlines");
        assert_eq!(parsed.rows[1].line, 4);
    }

    #[test]
    fn a_company_or_contact_spanning_lines_refuses_the_file() {
        // The quote in line 2 closes only in line 4: the company swallowed line 3.
        let csv = "company;contact\n\"A GmbH;Anna\nB GmbH;Bernd\nC GmbH\";Carla\n";
        match parse_csv(csv.as_bytes(), &fw()) {
            Err(CsvError::LineBreakInName { line, column }) => {
                assert_eq!((line, column), (2, "company"));
            }
            other => panic!("{other:?}"),
        }
        let csv = "notes,contact,company\n\"x\ny\",\"Anna\nB\",C\n";
        match parse_csv(csv.as_bytes(), &fw()) {
            Err(CsvError::LineBreakInName { line, column }) => {
                assert_eq!((line, column), (3, "contact"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn extra_fields_are_a_bad_row_and_short_rows_are_named() {
        let csv = "company,contact,role,industry,notes\nA,Anna,CEO,IT,n,lost\nB,Bob,,,,,,\nC,Carla\nD,Dora,,,\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert_eq!(parsed.errors[0].line, 2);
        assert_eq!(
            crate::i18n::row_error(crate::domain::Lang::En, &parsed.errors[0]),
            "line 2 has 6 fields, the header has 5; the extra field belongs to no column"
        );
        // Trailing empty fields (Excel's `,,,`) are fine; a short row imports and is named.
        let companies: Vec<&str> = parsed.rows.iter().map(|r| r.text(Field::Company)).collect();
        assert_eq!(companies, ["B", "C", "D"]);
        assert_eq!(parsed.table.short_lines, vec![4]);
    }

    #[test]
    fn file_level_problems() {
        assert!(matches!(parse_csv(b"", &fw()), Err(CsvError::Empty)));
        let parsed = parse_csv(b"zip,x\na,b\n", &fw()).unwrap();
        assert_eq!(parsed.problems, [MappingProblem::NoName]);
        assert!(parsed.rows.is_empty());
        // A UTF-16 byte-order mark and nothing after it.
        assert!(matches!(
            parse_csv(&[0xff, 0xfe], &fw()),
            Err(CsvError::Empty)
        ));
        // A workbook cut off after its first bytes (read as one, whatever its name), and UTF-16
        // without a byte-order mark.
        assert!(matches!(
            parse_csv(b"PK\x03\x04\x14\x00", &fw()),
            Err(CsvError::Book(_))
        ));
        assert!(matches!(
            parse_csv(b"c\0o\0m\0p\0a\0n\0y\0\n\0", &fw()),
            Err(CsvError::NotText("UTF-8"))
        ));
    }

    fn windows_1252(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn german_excel_csv_in_windows_1252_with_its_own_column_names() {
        // What German Excel writes for "CSV (Trennzeichen-getrennt)": Windows-1252, `;`, CRLF,
        // the window's German labels as the header.
        let text = "Firma;Ansprechpartner;E-Mail;Umsatz in Mio. €;Nächster Kontakt;Budget;Zeitrahmen\r\nMüller & Söhne GmbH;Jörg Müller;jm@mueller.de;5,5;2026-12-03;approved;months_6_12\r\nGroß AG;Zoë Weiß;;;;;\r\n";
        let parsed = parse_csv(&windows_1252(text), &fw()).unwrap();
        // Lines as the spreadsheet numbers them, CRLF or not.
        let lines: Vec<u64> = parsed.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
        assert_eq!(
            parsed.fields(),
            [
                Field::Company,
                Field::Contact,
                Field::Email,
                Field::Revenue,
                Field::FollowUp
            ]
        );
        assert!(matches!(
            parsed.table.format,
            TableFormat::Csv {
                encoding: "windows-1252",
                delimiter: ';'
            }
        ));
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert!(parsed.ignored().is_empty(), "{:?}", parsed.ignored());
        let first = &parsed.rows[0];
        assert_eq!(first.text(Field::Company), "Müller & Söhne GmbH");
        assert_eq!(first.text(Field::Contact), "Jörg Müller");
        assert_eq!(first.text(Field::Email), "jm@mueller.de");
        assert_eq!(
            first.value(Field::Revenue),
            Some(&Value::Revenue(Some(5.5)))
        );
        assert_eq!(
            first.value(Field::FollowUp),
            Some(&Value::Date(Some(Date::constant(2026, 12, 3))))
        );
        assert_eq!(first.answers[0], ("budget".into(), "approved".into()));
        assert_eq!(first.answers[1], ("time".into(), "months_6_12".into()));
        assert_eq!(parsed.rows[1].text(Field::Contact), "Zoë Weiß");
    }

    #[test]
    fn excel_unicode_text_is_utf16_with_tabs() {
        let text = "\u{feff}company\tcontact\tphone\r\nΩμέγα Α.Ε.\tΕλένη Παπαδοπούλου\t+30 210 1234567\r\n";
        let mut bytes = Vec::new();
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let parsed = parse_csv(&bytes, &fw()).unwrap();
        assert!(matches!(
            parsed.table.format,
            TableFormat::Csv {
                encoding: "UTF-16LE",
                delimiter: '\t'
            }
        ));
        let row = &parsed.rows[0];
        assert_eq!(row.text(Field::Company), "Ωμέγα Α.Ε.");
        assert_eq!(row.text(Field::Contact), "Ελένη Παπαδοπούλου");
        assert_eq!(row.text(Field::Phone), "+30 210 1234567");
    }

    #[test]
    fn an_encoding_given_wins_and_bytes_that_do_not_fit_it_are_refused() {
        let bytes = windows_1252("company\nCafé Zoë\n");
        let latin = ImportOptions {
            encoding: encoding_rs::Encoding::for_label(b"iso-8859-1"),
            ..ImportOptions::default()
        };
        let parsed = parse(&bytes, &latin, &fw()).unwrap();
        assert_eq!(parsed.rows[0].text(Field::Company), "Café Zoë");
        // The same bytes read as UTF-8 are not text: refused, not turned into �.
        assert!(matches!(
            parse(
                &bytes,
                &ImportOptions {
                    encoding: Some(encoding_rs::UTF_8),
                    ..ImportOptions::default()
                },
                &fw()
            ),
            Err(CsvError::NotText("UTF-8"))
        ));
    }

    #[test]
    fn unknown_columns_are_ignored_and_named_and_a_field_twice_keeps_the_better_name() {
        let csv = "Company Name,Job Title,Email,Contact owner,Create Date\nNordlicht AG,CTO,a@b.de,Lisa,2026-01-01\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.ignored(), ["Contact owner", "Create Date"]);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let row = &parsed.rows[0];
        assert_eq!(row.text(Field::Company), "Nordlicht AG");
        assert_eq!(row.text(Field::Role), "CTO");
        assert_eq!(row.text(Field::Email), "a@b.de");
        // The id beats the label: "Firma" is ignored, and named.
        let parsed = parse_csv(b"Firma,company\nA,B\n", &fw()).unwrap();
        assert_eq!(parsed.ignored(), ["Firma"]);
        assert_eq!(parsed.rows[0].text(Field::Company), "B");
    }
}
