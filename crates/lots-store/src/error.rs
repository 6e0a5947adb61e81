use std::fmt;

/// What can go wrong in the data layer, in terms a caller can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or opened.
    #[error("cannot open database {url}: {reason}")]
    Connect { url: String, reason: String },
    /// The database URL names no database Lots runs on.
    #[error("cannot open database {0}: the URL must start with sqlite:// or postgres://")]
    UnknownDatabaseUrl(String),
    /// A migration failed; the database was left as it was before it.
    #[error("migration {version} ({name}) failed and was rolled back: {reason}")]
    Migration {
        version: i64,
        name: String,
        reason: String,
    },
    /// A migration was edited after this database applied it: the start stops rather than
    /// run a schema that differs from what the files say.
    #[error(
        "migration {version} ({name}) was changed after this database applied it (checksum \
         {now}, applied as {applied}): restore migrations/{version:04}_{name}.* as it was and \
         put the change in a new migration"
    )]
    MigrationChanged {
        version: i64,
        name: String,
        applied: String,
        now: String,
    },
    /// A row the caller named does not exist in the caller's municipality.
    #[error("not found")]
    NotFound,
    /// The request conflicts with what is stored (a duplicate e-mail, a used link).
    #[error("{0}")]
    Conflict(Conflict),
    /// A field of the input is wrong: the field's name and what to say, as a catalog
    /// message.
    #[error("{0}: {1}")]
    Field(String, lots_i18n::Message),
    /// Several fields of the input are wrong, each with its message, so that a form can
    /// name them all at once.
    #[error("{}", .0.iter().map(|(f, m)| format!("{f}: {m}")).collect::<Vec<_>>().join("; "))]
    Fields(Vec<(String, lots_i18n::Message)>),
    /// The request as a whole cannot be done, with what to tell the person: a file that
    /// cannot be read, a campaign that no plan fits.
    #[error("refused: {0}")]
    Refused(lots_i18n::Message),
    /// The input breaks a rule of the data layer.
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// What to tell the person running Lots (the command line, a start that stops), as a
    /// catalog message; `None` for errors that are the code's, not theirs.
    pub fn message(&self) -> Option<lots_i18n::Message> {
        use lots_i18n::Message;
        Some(match self {
            StoreError::Connect { url, reason } => Message::new("store-cannot-open-database")
                .with("url", url)
                .with("reason", reason),
            StoreError::UnknownDatabaseUrl(url) => {
                Message::new("store-unknown-database-url").with("url", url)
            }
            StoreError::Migration {
                version,
                name,
                reason,
            } => Message::new("store-migration-failed")
                .with_number("version", *version)
                .with("name", name)
                .with("reason", reason),
            StoreError::MigrationChanged { version, name, .. } => {
                Message::new("store-migration-changed")
                    .with("file", format!("migrations/{version:04}_{name}.*"))
            }
            StoreError::Field(_, m) | StoreError::Refused(m) => m.clone(),
            _ => return None,
        })
    }

    /// The wrong fields this error names, or `None` when it is not about fields.
    pub fn into_fields(self) -> Option<Vec<(String, lots_i18n::Message)>> {
        match self {
            StoreError::Field(name, message) => Some(vec![(name, message)]),
            StoreError::Fields(all) => Some(all),
            _ => None,
        }
    }
}

/// A field's error, with the catalog message that says what is wrong.
pub(crate) fn field(name: &str, message: impl Into<lots_i18n::Message>) -> StoreError {
    StoreError::Field(name.into(), message.into())
}

/// The wrong fields of one input, gathered so that its form names them all at once rather
/// than one per try.
#[derive(Debug, Default)]
pub(crate) struct Refusals(Vec<(String, lots_i18n::Message)>);

impl Refusals {
    pub(crate) fn refuse(&mut self, name: &str, message: impl Into<lots_i18n::Message>) {
        self.0.push((name.into(), message.into()));
    }

    /// Refuses `name` unless `ok`; says whether it was ok, for checks that build on it.
    pub(crate) fn check(
        &mut self,
        ok: bool,
        name: &str,
        message: impl Into<lots_i18n::Message>,
    ) -> bool {
        if !ok {
            self.refuse(name, message);
        }
        ok
    }

    /// Refuses `name` when `value` is missing; hands the value on.
    pub(crate) fn require<T>(
        &mut self,
        value: Option<T>,
        name: &str,
        message: impl Into<lots_i18n::Message>,
    ) -> Option<T> {
        self.check(value.is_some(), name, message);
        value
    }

    /// The checked values when nothing was refused. `values` is what the required fields
    /// make together; each missing one was refused, so it is there whenever this is `Ok`.
    pub(crate) fn done_with<T>(self, values: Option<T>) -> Result<T, StoreError> {
        self.done()?;
        values.ok_or_else(|| StoreError::Invalid("a missing field was not refused".into()))
    }

    /// `Ok` when nothing was refused; one refusal is a [`StoreError::Field`].
    pub(crate) fn done(mut self) -> Result<(), StoreError> {
        match self.0.len() {
            0 => Ok(()),
            1 => {
                let (name, message) = self.0.remove(0);
                Err(StoreError::Field(name, message))
            }
            _ => Err(StoreError::Fields(self.0)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    EmailTaken,
    UnitNameTaken,
    OrganiserNameTaken,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Conflict::EmailTaken => "the e-mail address is already used by another account",
            Conflict::UnitNameTaken => "a unit with that name already exists under the same parent",
            Conflict::OrganiserNameTaken => "an organiser with that name already exists",
        })
    }
}

/// Maps a unique-constraint violation to a [`Conflict`], passing other errors through.
pub(crate) fn conflict_on_unique(err: sqlx::Error, conflict: Conflict) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(conflict),
        _ => StoreError::Database(err),
    }
}
