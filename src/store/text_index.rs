//! The index of the words inside documents' files. For every character and every pair of
//! consecutive characters of a file's text it keeps the numbers of the files that hold it,
//! as a compressed bitmap (roaring), so a search reads a few bitmaps and then only the texts
//! that may hold its words, not every text.
//!
//! It lives on disk beside the database, in `<db>.text/words.redb`, and is never read whole
//! into memory (redb keeps a small cache of its pages). It is derived from the texts kept in
//! the same folder: a damaged or older index is removed and built again from them, so it is
//! never a reason to refuse a search (the caller falls back to reading the texts).
//!
//! Files are named by their fingerprint and their text never changes, so a file is added
//! once and never updated; a file no document uses any more only costs a few postings.

use super::StoreError;
use super::contain::contain;
use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use roaring::RoaringBitmap;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// Gram (a character or a pair of characters) → the numbers of the files holding it, as a
/// serialized roaring bitmap.
const POSTINGS: TableDefinition<u64, &[u8]> = TableDefinition::new("postings");
/// File key (its fingerprint) → its number in `POSTINGS`.
const FILES: TableDefinition<&[u8], u32> = TableDefinition::new("files");
/// File number → its key.
const NUMBERS: TableDefinition<u32, &[u8]> = TableDefinition::new("numbers");
/// `version`: the layout of this index; an index of another layout is built again.
/// `next`: the number the next file gets (numbers are never given twice).
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");

/// The layout of the index; bump it when the grams or tables change.
const VERSION: u64 = 1;

/// Pages of the index kept in memory: a query reads a few bitmaps, and the OS caches the
/// file's pages besides.
const CACHE_BYTES: usize = 2 * 1024 * 1024;

/// The folder beside the database `db` that holds its documents' texts: `<db>.text`.
pub fn text_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".text");
    db.with_file_name(name)
}

/// A text as it is searched: lower case, white space left out (so `2024 Q3` finds `2024Q3`).
pub fn fold_words(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The grams of a folded text: each character, and each pair of neighbours.
fn grams(folded: &str) -> BTreeSet<u64> {
    let mut out = BTreeSet::new();
    let mut before: Option<char> = None;
    for c in folded.chars() {
        out.insert(u64::from(c));
        if let Some(b) = before {
            out.insert(pair(b, c));
        }
        before = Some(c);
    }
    out
}

/// The gram of two neighbours; never equal to a single character's.
fn pair(a: char, b: char) -> u64 {
    (1 << 62) | (u64::from(a) << 32) | u64::from(b)
}

/// The grams a folded word needs: its pairs, or the character of a one-character word.
fn needed(word: &str) -> BTreeSet<u64> {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => BTreeSet::from([u64::from(c)]),
        _ => grams(word).into_iter().filter(|g| *g >= 1 << 62).collect(),
    }
}

/// The open index of one database's texts.
pub struct TextIndex {
    db: redb::Database,
    path: PathBuf,
    /// Whether the texts kept before the index was made are in it ([`TextIndex::complete_with`]).
    complete: Mutex<bool>,
}

impl std::fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextIndex")
            .field("path", &self.path)
            .finish()
    }
}

/// The indexes open in this process, by database: redb lets a file be opened once.
static OPEN: LazyLock<Mutex<HashMap<PathBuf, Arc<TextIndex>>>> = LazyLock::new(Default::default);

impl TextIndex {
    /// The index of the texts of the database `db`, opened (or made) on first use and kept
    /// open for the rest of the process. An error when another program holds it or its
    /// folder cannot be written.
    pub fn of(db: &Path) -> Result<Arc<TextIndex>, StoreError> {
        let mut open = OPEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(index) = open.get(db) {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(TextIndex::open(&text_dir(db).join("words.redb"))?);
        open.insert(db.to_path_buf(), Arc::clone(&index));
        Ok(index)
    }

    /// Closes the index of the database `db` once its last user lets go, so that another
    /// program (or the same folder under a new name) can open it.
    pub fn forget(db: &Path) {
        OPEN.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(db);
    }

    /// Opens the index at `path`; one that is damaged or of another layout is removed and
    /// made again empty.
    fn open(path: &Path) -> Result<TextIndex, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        match TextIndex::open_as_is(path) {
            Ok(index) if index.version().ok() == Some(VERSION) => return Ok(index),
            Ok(index) => drop(index),
            Err(e @ StoreError::AlreadyOpen { .. }) => return Err(e),
            Err(e) => log::warn!("the words' index {} is rebuilt: {e}", path.display()),
        }
        if path.exists() {
            std::fs::remove_file(path).map_err(|e| StoreError::io(path, e))?;
        }
        let index = TextIndex::open_as_is(path)?;
        index.guard(|| {
            let tx = index.db.begin_write()?;
            tx.open_table(META)?.insert("version", VERSION)?;
            tx.open_table(POSTINGS)?;
            tx.open_table(FILES)?;
            tx.open_table(NUMBERS)?;
            tx.commit()?;
            Ok(())
        })?;
        Ok(index)
    }

    fn open_as_is(path: &Path) -> Result<TextIndex, StoreError> {
        let db = contain(|| {
            match redb::Builder::new()
                .set_cache_size(CACHE_BYTES)
                .create(path)
            {
                Ok(db) => Ok(db),
                Err(redb::DatabaseError::DatabaseAlreadyOpen) => Err(StoreError::AlreadyOpen {
                    path: path.to_path_buf(),
                }),
                Err(e) => Err(e.into()),
            }
        })
        .map_err(|e| e.at(path))?;
        Ok(TextIndex {
            db,
            path: path.to_path_buf(),
            complete: Mutex::new(false),
        })
    }

    /// Runs `f` with redb's panics on a damaged file contained; errors name the index.
    fn guard<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        contain(f).map_err(|e| e.at(&self.path))
    }

    fn version(&self) -> Result<u64, StoreError> {
        self.guard(|| {
            let tx = self.db.begin_read()?;
            let meta = tx.open_table(META)?;
            Ok(meta.get("version")?.map_or(0, |v| v.value()))
        })
    }

    /// Runs `catch_up` unless it once succeeded on this index; one caller at a time, so two
    /// threads never add the same texts.
    pub fn complete_with(
        &self,
        catch_up: impl FnOnce(&TextIndex) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut complete = self
            .complete
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !*complete {
            catch_up(self)?;
            *complete = true;
        }
        Ok(())
    }

    /// Whether the file `key` is in the index.
    pub fn has(&self, key: &[u8]) -> Result<bool, StoreError> {
        self.guard(|| {
            let tx = self.db.begin_read()?;
            Ok(tx.open_table(FILES)?.get(key)?.is_some())
        })
    }

    /// Adds files (key, text) not in the index yet, all in one transaction.
    pub fn add(&self, files: &[(&[u8], &str)]) -> Result<(), StoreError> {
        self.guard(|| {
            let tx = self.db.begin_write()?;
            {
                let mut known = tx.open_table(FILES)?;
                let mut numbers = tx.open_table(NUMBERS)?;
                let mut postings = tx.open_table(POSTINGS)?;
                let mut meta = tx.open_table(META)?;
                let last = numbers
                    .last()?
                    .map_or(0, |(n, _)| u64::from(n.value()).saturating_add(1));
                let kept = meta.get("next")?.map_or(0, |n| n.value());
                let mut next = u32::try_from(last.max(kept))
                    .map_err(|_| StoreError::Engine("the words' index is full".to_string()))?;
                // The new files of each gram, merged into its bitmap once per transaction.
                let mut added: HashMap<u64, RoaringBitmap> = HashMap::new();
                for (key, text) in files {
                    if known.get(*key)?.is_some() {
                        continue;
                    }
                    known.insert(*key, next)?;
                    numbers.insert(next, *key)?;
                    for gram in grams(&fold_words(text)) {
                        added.entry(gram).or_default().insert(next);
                    }
                    next = next.checked_add(1).ok_or_else(|| {
                        StoreError::Engine("the words' index is full".to_string())
                    })?;
                }
                let mut bytes = Vec::new();
                for (gram, new) in added {
                    let mut holding = match postings.get(gram)? {
                        Some(old) => bitmap(old.value())?,
                        None => RoaringBitmap::new(),
                    };
                    holding |= new;
                    bytes.clear();
                    holding
                        .serialize_into(&mut bytes)
                        .map_err(|e| StoreError::Engine(e.to_string()))?;
                    postings.insert(gram, bytes.as_slice())?;
                }
                meta.insert("next", u64::from(next))?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Takes files (key, the text they were added with) out of the index, all in one
    /// transaction: their keys and their numbers in the bitmaps of their grams. A file not
    /// in the index is passed over.
    pub fn remove(&self, files: &[(&[u8], &str)]) -> Result<(), StoreError> {
        self.guard(|| {
            let tx = self.db.begin_write()?;
            {
                let mut known = tx.open_table(FILES)?;
                let mut numbers = tx.open_table(NUMBERS)?;
                let mut postings = tx.open_table(POSTINGS)?;
                let mut gone: HashMap<u64, RoaringBitmap> = HashMap::new();
                for (key, text) in files {
                    let Some(n) = known.remove(*key)?.map(|n| n.value()) else {
                        continue;
                    };
                    numbers.remove(n)?;
                    for gram in grams(&fold_words(text)) {
                        gone.entry(gram).or_default().insert(n);
                    }
                }
                let mut bytes = Vec::new();
                for (gram, out) in gone {
                    let Some(old) = postings.get(gram)?.map(|b| bitmap(b.value())) else {
                        continue;
                    };
                    let holding = old? - out;
                    if holding.is_empty() {
                        postings.remove(gram)?;
                        continue;
                    }
                    bytes.clear();
                    holding
                        .serialize_into(&mut bytes)
                        .map_err(|e| StoreError::Engine(e.to_string()))?;
                    postings.insert(gram, bytes.as_slice())?;
                }
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// The keys of the files that may hold every one of `words` (each folded with
    /// [`fold_words`]): those holding all their characters' pairs. `None` when the words
    /// need no gram (all blank): every file may hold them. The caller reads the texts to
    /// be sure.
    pub fn candidates(&self, words: &[String]) -> Result<Option<Vec<Vec<u8>>>, StoreError> {
        let mut wanted: BTreeSet<u64> = BTreeSet::new();
        for word in words {
            wanted.extend(needed(word));
        }
        if wanted.is_empty() {
            return Ok(None);
        }
        self.guard(|| {
            let tx = self.db.begin_read()?;
            let postings = tx.open_table(POSTINGS)?;
            let mut found: Option<RoaringBitmap> = None;
            for gram in wanted {
                let holding = match postings.get(gram)? {
                    Some(b) => bitmap(b.value())?,
                    None => return Ok(Some(Vec::new())),
                };
                let both = match found {
                    Some(f) => f & holding,
                    None => holding,
                };
                if both.is_empty() {
                    return Ok(Some(Vec::new()));
                }
                found = Some(both);
            }
            let numbers = tx.open_table(NUMBERS)?;
            let mut keys = Vec::new();
            for n in found.unwrap_or_default() {
                if let Some(key) = numbers.get(n)? {
                    keys.push(key.value().to_vec());
                }
            }
            Ok(Some(keys))
        })
    }
}

/// A stored bitmap; one that does not read is damage to the index.
fn bitmap(bytes: &[u8]) -> Result<RoaringBitmap, StoreError> {
    RoaringBitmap::deserialize_from(bytes)
        .map_err(|e| StoreError::Damage(format!("a bitmap of the words' index: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(fold_words).collect()
    }

    #[test]
    fn finds_the_files_that_may_hold_every_word() {
        let dir = tempfile::tempdir().unwrap();
        let index = TextIndex::open(&dir.path().join("words.redb")).unwrap();
        index
            .add(&[
                (b"a", "宝马 2024 Q3 户外媒体发票"),
                (b"b", "可口可乐 春节 TVC 报价单"),
                (b"c", "宝马 新车 发布会"),
            ])
            .unwrap();
        let found = |q: &str| index.candidates(&words(q)).unwrap();
        assert_eq!(found("宝马"), Some(vec![b"a".to_vec(), b"c".to_vec()]));
        assert_eq!(found("宝马 发票"), Some(vec![b"a".to_vec()]));
        assert_eq!(found("2024q3"), Some(vec![b"a".to_vec()]));
        assert_eq!(found("TVC"), Some(vec![b"b".to_vec()]));
        assert_eq!(found("车"), Some(vec![b"c".to_vec()]));
        assert_eq!(found("百事"), Some(vec![]));
        assert_eq!(found(""), None);
        // Pairs are a filter: "马宝" has neither pair of 宝马 in any text.
        assert_eq!(found("马宝"), Some(vec![]));
        assert!(index.has(b"a").unwrap());
        assert!(!index.has(b"z").unwrap());
        // A file is added once; adding it again changes nothing.
        index.add(&[(b"a", "别的")]).unwrap();
        assert_eq!(found("别的"), Some(vec![]));
        // Taken out (a file no longer stored), it is no longer proposed, and the file added
        // next does not inherit its number.
        index.remove(&[(b"c", "宝马 新车 发布会")]).unwrap();
        assert!(!index.has(b"c").unwrap());
        assert_eq!(found("宝马"), Some(vec![b"a".to_vec()]));
        assert_eq!(found("车"), Some(vec![]));
        index.add(&[(b"d", "春节 晚会")]).unwrap();
        assert_eq!(found("发布会"), Some(vec![]));
        assert_eq!(found("晚会"), Some(vec![b"d".to_vec()]));
        index.remove(&[(b"z", "不在")]).unwrap();
    }

    #[test]
    fn a_damaged_or_older_index_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.redb");
        std::fs::write(&path, b"not a database at all").unwrap();
        let index = TextIndex::open(&path).unwrap();
        index.add(&[(b"a", "春节")]).unwrap();
        assert_eq!(
            index.candidates(&words("春节")).unwrap(),
            Some(vec![b"a".to_vec()])
        );
        index
            .guard(|| {
                let tx = index.db.begin_write()?;
                tx.open_table(META)?.insert("version", VERSION + 1)?;
                tx.commit()?;
                Ok(())
            })
            .unwrap();
        drop(index);
        let index = TextIndex::open(&path).unwrap();
        assert!(!index.has(b"a").unwrap(), "an older layout starts empty");
    }

    #[test]
    fn one_index_per_database_in_a_process() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.redb");
        let a = TextIndex::of(&db).unwrap();
        let b = TextIndex::of(&db).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(text_dir(&db).join("words.redb").exists());
        drop((a, b));
        TextIndex::forget(&db);
        let c = TextIndex::open(&text_dir(&db).join("words.redb"));
        assert!(c.is_ok(), "closed once forgotten: {c:?}");
    }
}
