//! Which column of a file holds what: header names matched in Swedish and English, or an
//! explicit mapping, shared by every importer.

use std::collections::HashMap;
use std::hash::Hash;

use lots_i18n::Message;

use crate::text::fold;

/// The fields an importer reads.
pub trait Column: Copy + Eq + Hash + 'static {
    fn all() -> &'static [Self];
    /// Fields a file must have a column for.
    fn required() -> &'static [Self];
    /// The name used in an explicit mapping.
    fn code(self) -> &'static str;
    /// The message id of the field's name.
    fn label(self) -> &'static str;
    /// Header names the field is recognised by, folded (lower case, no å/ä/ö).
    fn aliases(self) -> &'static [&'static str];
}

fn normalise_header(h: &str) -> String {
    fold(h).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("no column holds {0}; name it with --map \"COLUMN={1}\"")]
    Missing(&'static str, &'static str),
    #[error("the mapping names column {0:?}, which the file does not have")]
    UnknownColumn(String),
    #[error("two columns hold {0}: {1:?} and {2:?}")]
    Twice(&'static str, String, String),
}

impl MappingError {
    pub fn message(&self) -> Message {
        match self {
            MappingError::Missing(field, code) => Message::new("no-column-holds-the-field")
                .with_message("field", field)
                .with("code", code),
            MappingError::UnknownColumn(column) => {
                Message::new("the-file-has-no-column-named").with("column", column)
            }
            MappingError::Twice(field, a, b) => Message::new("two-columns-hold-the-field")
                .with_message("field", field)
                .with("first", a)
                .with("second", b),
        }
    }
}

/// Which field each column holds. Explicit mappings (column header → field) win; other
/// columns are matched by their header; unknown columns are ignored.
pub fn map_columns<F: Column>(
    headers: &[String],
    explicit: &[(String, F)],
) -> Result<Vec<Option<F>>, MappingError> {
    for (column, _) in explicit {
        if !headers.iter().any(|h| h.trim() == column.trim()) {
            return Err(MappingError::UnknownColumn(column.clone()));
        }
    }
    let mut fields: Vec<Option<F>> = headers
        .iter()
        .map(|h| {
            explicit
                .iter()
                .find(|(c, _)| c.trim() == h.trim())
                .map(|(_, f)| *f)
                .or_else(|| {
                    let n = normalise_header(h);
                    F::all()
                        .iter()
                        .copied()
                        .find(|f| f.aliases().contains(&n.as_str()))
                })
        })
        .collect();
    let mut seen: HashMap<F, usize> = HashMap::new();
    for (i, f) in fields.iter_mut().enumerate() {
        if let Some(field) = *f {
            if let Some(first) = seen.get(&field) {
                let explicit_here = explicit.iter().any(|(c, _)| c.trim() == headers[i].trim());
                if !explicit_here {
                    // A second column the header guess matched is left out, not an error…
                    *f = None;
                    continue;
                }
                return Err(MappingError::Twice(
                    field.label(),
                    headers[*first].clone(),
                    headers[i].clone(),
                ));
            }
            seen.insert(field, i);
        }
    }
    for &required in F::required() {
        if !seen.contains_key(&required) {
            return Err(MappingError::Missing(required.label(), required.code()));
        }
    }
    Ok(fields)
}

/// The header and value of the column that holds `field` in one row; empty when the file
/// has no such column or the row is short.
pub fn cell<'a, F: Column>(
    headers: &'a [String],
    fields: &[Option<F>],
    cells: &'a [String],
    field: F,
) -> (&'a str, &'a str) {
    fields
        .iter()
        .position(|x| *x == Some(field))
        .map(|i| (headers[i].as_str(), cells.get(i).map_or("", String::as_str)))
        .unwrap_or_default()
}
