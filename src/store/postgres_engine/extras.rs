//! What is read from a team database's files, kept beside them in the server (schema 7):
//! their words, folded for the search, and their thumbnails. Under the files' walls: a
//! login sees, keeps and searches these only for the clients it may see.

use super::super::files::{FileHash, FilesError};
use super::PgEngine;
use super::files::server;
use postgres::types::ToSql;
use std::collections::HashSet;

/// What reading one stored file gave, as kept in the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServedText {
    /// Its words, folded (lower case, no white space).
    Words {
        /// How many characters were read.
        chars: u32,
        /// The words, folded; empty when only the state was asked for.
        folded: String,
    },
    /// A scan without a text layer.
    Scanned,
    /// A kind of file whose words are not read.
    NotRead,
    /// Why reading it failed.
    Failed(String),
}

impl ServedText {
    fn columns(&self) -> (i16, i32, &str) {
        match self {
            ServedText::Words { chars, folded } => {
                (0, i32::try_from(*chars).unwrap_or(i32::MAX), folded)
            }
            ServedText::Scanned => (1, 0, ""),
            ServedText::NotRead => (2, 0, ""),
            ServedText::Failed(why) => (3, 0, why),
        }
    }
}

/// A file's thumbnail as kept in the server: the PNG, or why none can be made.
pub type ServedThumb = Result<Vec<u8>, String>;

impl PgEngine {
    fn run<T>(
        &self,
        name: &str,
        f: impl FnOnce(&mut postgres::Client) -> Result<T, postgres::Error>,
    ) -> Result<T, FilesError> {
        let mut connection = self.pool.take().map_err(|e| FilesError::Server {
            file: name.to_string(),
            detail: e.to_string(),
        })?;
        let done = f(&mut connection).map_err(server(name));
        self.pool.give_back(connection);
        done
    }

    /// Keeps what reading the file `hash` gave, for every client this login may see that
    /// holds it. Kept already (by another desk, meanwhile): nothing changes.
    pub(in crate::store) fn keep_text(
        &self,
        hash: &FileHash,
        text: &ServedText,
    ) -> Result<(), FilesError> {
        let (state, chars, body) = text.columns();
        self.run(&hash.short(), |c| {
            c.execute(
                "INSERT INTO account_desk.file_texts (client, hash, state, chars, body) \
                 SELECT f.client, f.hash, $2, $3, $4 FROM account_desk.files f \
                 WHERE f.hash = $1 ON CONFLICT DO NOTHING",
                &[&hash.0.as_slice(), &state, &chars, &body],
            )
        })
        .map(|_| ())
    }

    /// What reading the file `hash` gave, without the words themselves (`Words` has an
    /// empty text): `None` when it was not read yet, or only in a client hidden from this
    /// login.
    pub(in crate::store) fn text_state(
        &self,
        hash: &FileHash,
    ) -> Result<Option<ServedText>, FilesError> {
        let row = self.run(&hash.short(), |c| {
            c.query_opt(
                "SELECT state, chars, CASE WHEN state = 3 THEN body ELSE '' END \
                 FROM account_desk.file_texts WHERE hash = $1 ORDER BY client LIMIT 1",
                &[&hash.0.as_slice()],
            )
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        let name = hash.short();
        let (state, chars, body): (i16, i32, String) = (
            row.try_get(0).map_err(server(&name))?,
            row.try_get(1).map_err(server(&name))?,
            row.try_get(2).map_err(server(&name))?,
        );
        Ok(Some(match state {
            0 => ServedText::Words {
                chars: u32::try_from(chars).unwrap_or(0),
                folded: String::new(),
            },
            1 => ServedText::Scanned,
            2 => ServedText::NotRead,
            _ => ServedText::Failed(body),
        }))
    }

    /// The fingerprints of the files this login may see whose words were read (or tried).
    pub(in crate::store) fn texts_kept(&self) -> Result<HashSet<FileHash>, FilesError> {
        self.hashes("SELECT DISTINCT hash FROM account_desk.file_texts", &[])
    }

    /// The fingerprints of the files this login may see whose folded words hold every one
    /// of `folded` (each folded the same way), searched in the server.
    pub(in crate::store) fn files_with_words(
        &self,
        folded: &[String],
    ) -> Result<HashSet<FileHash>, FilesError> {
        self.hashes(
            "SELECT DISTINCT t.hash FROM account_desk.file_texts t WHERE t.state = 0 \
             AND NOT EXISTS (SELECT 1 FROM unnest($1::text[]) w WHERE strpos(t.body, w) = 0)",
            &[&folded],
        )
    }

    /// Keeps the thumbnail of the file `hash` (or why it has none), for every client this
    /// login may see that holds it.
    pub(in crate::store) fn keep_thumb(
        &self,
        hash: &FileHash,
        thumb: &ServedThumb,
    ) -> Result<(), FilesError> {
        let (png, failed): (&[u8], &str) = match thumb {
            Ok(png) => (png, ""),
            Err(why) => (&[], why),
        };
        self.run(&hash.short(), |c| {
            c.execute(
                "INSERT INTO account_desk.file_thumbs (client, hash, png, failed) \
                 SELECT f.client, f.hash, $2, $3 FROM account_desk.files f \
                 WHERE f.hash = $1 ON CONFLICT DO NOTHING",
                &[&hash.0.as_slice(), &png, &failed],
            )
        })
        .map(|_| ())
    }

    /// The thumbnail of the file `hash`, if one was kept (or why none can be made).
    pub(in crate::store) fn thumb(
        &self,
        hash: &FileHash,
    ) -> Result<Option<ServedThumb>, FilesError> {
        let row = self.run(&hash.short(), |c| {
            c.query_opt(
                "SELECT png, failed FROM account_desk.file_thumbs WHERE hash = $1 \
                 ORDER BY client LIMIT 1",
                &[&hash.0.as_slice()],
            )
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        let name = hash.short();
        let (png, failed): (Vec<u8>, String) = (
            row.try_get(0).map_err(server(&name))?,
            row.try_get(1).map_err(server(&name))?,
        );
        Ok(Some(if png.is_empty() { Err(failed) } else { Ok(png) }))
    }

    /// The fingerprints of the files this login may see with a thumbnail kept (or refused).
    pub(in crate::store) fn thumbs_kept(&self) -> Result<HashSet<FileHash>, FilesError> {
        self.hashes("SELECT DISTINCT hash FROM account_desk.file_thumbs", &[])
    }

    fn hashes(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<HashSet<FileHash>, FilesError> {
        let name = "(what was read from the files)";
        let rows = self.run(name, |c| c.query(sql, params))?;
        rows.iter()
            .map(|row| {
                let hash: Vec<u8> = row.try_get(0).map_err(server(name))?;
                hash.try_into()
                    .map(FileHash)
                    .map_err(|_| FilesError::Server {
                        file: name.to_string(),
                        detail: "a malformed fingerprint".into(),
                    })
            })
            .collect()
    }
}
