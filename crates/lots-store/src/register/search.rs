//! The name search index: per municipality, held in memory, rebuilt when the register's
//! version (bumped by every change, in the same transaction) differs from the one it was
//! built at. A query looks up typed words in the vocabulary, not in every company, so it
//! costs milliseconds where a scan of the register costs a read of every row.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lots_domain::text::{edit_distance, typo_budget};
use sqlx::Row;

use crate::{Result, StoreError, Tenant};

/// What a contact person's name adds to a score: companies matched by their own names rank
/// first.
const CONTACT_PENALTY: u32 = 10;

#[derive(Default)]
pub(crate) struct SearchCache(Mutex<HashMap<String, Arc<Index>>>);

/// How many companies a list filter matches, per municipality and filter, valid while the
/// register's version stays the one it was counted at: counting a million rows for every
/// page of a list would cost more than the page.
/// The second field lets one request count at a time: those that missed the cache together
/// wait for the first one's answer instead of each counting a million rows at once.
#[derive(Default)]
pub(crate) struct CountCache(
    Mutex<HashMap<String, (i64, usize)>>,
    pub(crate) tokio::sync::Mutex<()>,
);

pub(crate) struct Index {
    version: i64,
    /// Company ids in Swedish order: an entry's position is its rank among equals.
    ids: Vec<i64>,
    vocab: Vocabulary,
    /// Word ids in byte order of the word, for prefix ranges by binary search.
    sorted: Vec<u32>,
    /// Word ids without digits: the only ones a typo can match.
    letters: Vec<u32>,
    names: Postings,
    contacts: Postings,
}

/// The words of an index in one string, each found by its id: a million words are then
/// one allocation, not a million.
#[derive(Default)]
struct Vocabulary {
    text: String,
    ends: Vec<usize>,
}

impl Vocabulary {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, w: u32) -> &str {
        let w = w as usize;
        let start = if w == 0 { 0 } else { self.ends[w - 1] };
        &self.text[start..self.ends[w]]
    }

    fn push(&mut self, word: &str) -> u32 {
        self.text.push_str(word);
        self.ends.push(self.text.len());
        (self.ends.len() - 1) as u32
    }
}

/// Which entries each word occurs in, every word's list in one array, entries ascending.
struct Postings {
    /// Word w's entries are `entries[starts[w]..starts[w + 1]]`.
    starts: Vec<usize>,
    entries: Vec<u32>,
}

impl Postings {
    /// From (word, entry) pairs packed as `word << 32 | entry`, in any order.
    fn from_pairs(mut pairs: Vec<u64>, words: usize) -> Postings {
        pairs.sort_unstable();
        pairs.dedup();
        let mut starts = Vec::with_capacity(words + 1);
        let mut at = 0;
        for w in 0..words as u64 {
            starts.push(at);
            while at < pairs.len() && pairs[at] >> 32 == w {
                at += 1;
            }
        }
        starts.push(at);
        Postings {
            starts,
            entries: pairs.into_iter().map(|p| p as u32).collect(),
        }
    }

    fn of(&self, w: u32) -> &[u32] {
        &self.entries[self.starts[w as usize]..self.starts[w as usize + 1]]
    }
}

impl Index {
    fn build(version: i64, rows: &[(i64, &str)]) -> Index {
        // Sized for a register of unique names of a few words each up front: growing a
        // million-entry table step by step costs more than the rest of the build.
        let mut word_ids: HashMap<&str, u32> = HashMap::with_capacity(rows.len());
        let mut vocab = Vocabulary::default();
        let mut names = Vec::with_capacity(rows.len() * 4);
        let mut contacts = Vec::new();
        let mut ids = Vec::with_capacity(rows.len());
        for (entry, &(id, text)) in rows.iter().enumerate() {
            ids.push(id);
            let (own, people) = text.split_once('|').unwrap_or((text, ""));
            for (words, pairs) in [(own, &mut names), (people, &mut contacts)] {
                for w in words.split_whitespace() {
                    let wid = *word_ids.entry(w).or_insert_with(|| vocab.push(w));
                    pairs.push(u64::from(wid) << 32 | entry as u64);
                }
            }
        }
        let mut sorted: Vec<u32> = (0..vocab.len() as u32).collect();
        sorted.sort_unstable_by(|a, b| vocab.word(*a).cmp(vocab.word(*b)));
        let letters = (0..vocab.len() as u32)
            .filter(|w| !vocab.word(*w).bytes().any(|b| b.is_ascii_digit()))
            .collect();
        Index {
            version,
            ids,
            names: Postings::from_pairs(names, vocab.len()),
            contacts: Postings::from_pairs(contacts, vocab.len()),
            vocab,
            sorted,
            letters,
        }
    }

    /// How well each vocabulary word matches a typed word: 0 for a prefix, 1 + the number of
    /// typos otherwise.
    fn candidates(&self, typed: &str) -> Vec<(u32, u32)> {
        let word = |w: &u32| self.vocab.word(*w);
        let from = self.sorted.partition_point(|w| word(w) < typed);
        let mut out: Vec<(u32, u32)> = self.sorted[from..]
            .iter()
            .take_while(|w| word(w).starts_with(typed))
            .map(|w| (*w, 0))
            .collect();
        let budget = typo_budget(typed);
        if budget == 0 {
            return out;
        }
        let first = typed.chars().next();
        let len = typed.chars().count();
        for &w in &self.letters {
            let text = word(&w);
            if text.starts_with(typed) {
                continue;
            }
            let whole = edit_distance(typed, text, budget);
            // A typo inside a prefix ("logsitik" for "logistikcenter") when the first
            // letter is right.
            let cut = || {
                if text.chars().next() != first {
                    return None;
                }
                let cut: String = text.chars().take(len + 1).collect();
                edit_distance(typed, &cut, budget)
            };
            if let Some(d) = whole.or_else(cut) {
                out.push((w, d as u32 + 1));
            }
        }
        out
    }

    /// Entries matching every typed word, best first, ties in Swedish order.
    fn search(&self, words: &[String]) -> Vec<i64> {
        let postings = |wid: u32| {
            [(&self.names, 0), (&self.contacts, CONTACT_PENALTY)]
                .into_iter()
                .map(move |(p, extra)| (p.of(wid), extra))
        };
        // The rarest word first: later words only look at the entries still in the running.
        let mut per_word: Vec<(usize, Vec<(u32, u32)>)> = words
            .iter()
            .map(|typed| {
                let c = self.candidates(typed);
                let size = c
                    .iter()
                    .flat_map(|(w, _)| postings(*w))
                    .map(|(p, _)| p.len())
                    .sum();
                (size, c)
            })
            .collect();
        per_word.sort_by_key(|(size, _)| *size);
        let mut total: Option<HashMap<u32, u32>> = None;
        for (_, candidates) in per_word {
            let mut best: HashMap<u32, u32> = HashMap::new();
            for (wid, score) in candidates {
                for (list, extra) in postings(wid) {
                    for &entry in list {
                        if total.as_ref().is_some_and(|t| !t.contains_key(&entry)) {
                            continue;
                        }
                        let s = score + extra;
                        best.entry(entry)
                            .and_modify(|b| *b = (*b).min(s))
                            .or_insert(s);
                    }
                }
            }
            total = Some(match total {
                None => best,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(entry, s)| best.get(&entry).map(|b| (entry, s + b)))
                    .collect(),
            });
        }
        let mut hits: Vec<(u32, u32)> = total
            .unwrap_or_default()
            .into_iter()
            .map(|(e, s)| (s, e))
            .collect();
        hits.sort_unstable();
        hits.into_iter()
            .map(|(_, e)| self.ids[e as usize])
            .collect()
    }
}

impl Tenant<'_> {
    /// Bumps the register's version: call in the transaction of every change to companies'
    /// names, contact names or membership.
    pub(crate) fn bump_search_version_sql() -> &'static str {
        "INSERT INTO search_versions (municipality_code, version) VALUES ($1, 1)
         ON CONFLICT (municipality_code) DO UPDATE SET version = search_versions.version + 1"
    }

    pub(crate) async fn bump_search_version_in(
        &self,
        conn: &mut sqlx::AnyConnection,
    ) -> Result<()> {
        sqlx::query(Self::bump_search_version_sql())
            .bind(&self.code)
            .execute(conn)
            .await?;
        Ok(())
    }

    /// The register's version, bumped by every change to the municipality's companies.
    pub(crate) async fn register_version(&self) -> Result<i64> {
        Ok(
            sqlx::query("SELECT version FROM search_versions WHERE municipality_code = $1")
                .bind(&self.code)
                .fetch_optional(&self.db.pool)
                .await?
                .map(|r| r.try_get("version"))
                .transpose()?
                .unwrap_or(0),
        )
    }

    /// A count remembered for `filter` at this version of the register.
    pub(crate) fn cached_count(&self, filter: &str, version: i64) -> Option<usize> {
        let key = format!("{}|{filter}", self.code);
        let counts = self.db.counts.0.lock().ok()?;
        counts
            .get(&key)
            .filter(|(v, _)| *v == version)
            .map(|(_, n)| *n)
    }

    pub(crate) fn remember_count(&self, filter: &str, version: i64, n: usize) {
        if let Ok(mut counts) = self.db.counts.0.lock() {
            // Stale entries of older versions are dropped rather than left to grow.
            counts.retain(|_, (v, _)| *v >= version);
            counts.insert(format!("{}|{filter}", self.code), (version, n));
        }
    }

    /// Company ids whose names or contact people match the typed words, best first.
    pub(crate) async fn search_ids(&self, words: &[String]) -> Result<Vec<i64>> {
        let version = self.register_version().await?;
        let cached = self
            .db
            .search
            .0
            .lock()
            .ok()
            .and_then(|m| m.get(&self.code).cloned())
            .filter(|i| i.version == version);
        let index = match cached {
            Some(i) => i,
            None => {
                // One row holding every entry: handing a million rows one by one from
                // SQLite's thread costs more than reading them. Search texts are folded
                // words and '|', so ':' and ';' cannot occur in them.
                // Reading in Swedish order visits the table's pages at random: mapped, SQLite
                // reads them without a system call each (a million companies: the read takes
                // half the time). Only this read maps the file, so other work's memory stays
                // as it was.
                let mut conn = self.db.pool.acquire().await?;
                let sqlite = self.db.backend() == crate::Backend::Sqlite;
                if sqlite {
                    sqlx::query("PRAGMA mmap_size = 1073741824")
                        .execute(&mut *conn)
                        .await?;
                }
                let read = sqlx::query(
                    "SELECT string_agg(CAST(id AS TEXT) || ':' || search_text, ';' ORDER BY sort_key, id) AS entries
                     FROM companies WHERE municipality_code = $1",
                )
                .bind(&self.code)
                .fetch_one(&mut *conn)
                .await;
                // Unmapped again whether or not the read succeeded; a connection that cannot
                // be is closed rather than handed back to the pool mapped.
                if sqlite
                    && let Err(e) = sqlx::query("PRAGMA mmap_size = 0")
                        .execute(&mut *conn)
                        .await
                {
                    conn.close_on_drop();
                    return Err(e.into());
                }
                let entries: Option<String> = read?.try_get("entries")?;
                let rows = entries
                    .as_deref()
                    .unwrap_or_default()
                    .split(';')
                    .filter(|e| !e.is_empty())
                    .map(|e| {
                        e.split_once(':')
                            .and_then(|(id, text)| Some((id.parse().ok()?, text)))
                            .ok_or_else(|| StoreError::Invalid(format!("search entry {e:?}")))
                    })
                    .collect::<Result<Vec<_>>>()?;
                let built = Arc::new(Index::build(version, &rows));
                if let Ok(mut m) = self.db.search.0.lock() {
                    m.insert(self.code.clone(), built.clone());
                }
                built
            }
        };
        Ok(index.search(words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_typos_and_contacts_rank_as_promised() {
        let index = Index::build(
            1,
            &[
                (10, "brunna logistik | lars ekman"),
                (11, "brunna terminal |"),
                (12, "malar akeri | brunna bengtsson"),
            ],
        );
        let q = |s: &str| index.search(&lots_domain::text::name_words(s));
        assert_eq!(q("brunna logsitik"), [10]);
        assert_eq!(q("brunna"), [10, 11, 12], "own names before a contact's");
        assert_eq!(q("ekman"), [10]);
        assert_eq!(q("brun log"), [10], "prefixes of every word");
        assert_eq!(q("bruna logistik"), [10], "a letter missing");
        assert!(q("zzz").is_empty());
        let folded = Index::build(1, &[(20, "kungsangens bageri |")]);
        let words = lots_domain::text::name_words("Kungsängens");
        assert_eq!(
            folded.search(&words),
            [20],
            "å/ä/ö fold to a/o on both sides"
        );
        assert!(
            folded
                .search(&lots_domain::text::name_words("malmo"))
                .is_empty()
        );
    }
}
