//! `findings-register.csv`: one row per finding, written with the `csv`
//! crate, every cell that a spreadsheet would read as a formula neutralised.

use super::model::Row;

/// The header, in column order.
pub const HEADER: [&str; 20] = [
    "id",
    "rule",
    "title",
    "family",
    "severity",
    "likelihood",
    "impact",
    "risk_score",
    "context",
    "controls",
    "cwe",
    "path",
    "line",
    "owner",
    "status",
    "remediation",
    "first_seen",
    "due_date",
    "acceptance",
    "message",
];

/// A cell a spreadsheet cannot run: text starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading `'`, the quote spreadsheets
/// read as "this is text".
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Undoes [`neutralise`] when reading a register back.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

/// The register's bytes.
pub fn render(rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for r in rows {
        let cells = [
            r.id.clone(),
            r.rule.clone(),
            r.title.clone(),
            r.family.clone(),
            r.severity.clone(),
            r.likelihood.to_string(),
            r.impact.to_string(),
            r.risk_score.to_string(),
            r.context.clone(),
            r.controls.join("; "),
            r.cwe.join("; "),
            r.path.clone(),
            r.line.to_string(),
            r.owner.clone(),
            r.status.clone(),
            r.remediation.clone(),
            r.first_seen.clone(),
            r.due.clone(),
            r.acceptance.clone(),
            r.message.clone(),
        ];
        writer.write_record(cells.iter().map(|c| neutralise(c)))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// Reads a register back: one map from column name to (restored) cell per row.
pub fn read(bytes: &[u8]) -> Result<Vec<std::collections::BTreeMap<String, String>>, csv::Error> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    reader
        .records()
        .map(|record| {
            let record = record?;
            Ok(header
                .iter()
                .zip(record.iter())
                .map(|(k, v)| (k.clone(), restore(v).to_string()))
                .collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_restored() {
        for evil in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let n = neutralise(evil);
            assert!(n.starts_with('\''), "{n}");
            assert_eq!(restore(&n), evil);
        }
        assert_eq!(neutralise("src/app.js"), "src/app.js");
        assert_eq!(restore("'quoted"), "'quoted");
    }
}
