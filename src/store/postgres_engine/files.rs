//! Files in a team database (schema 3): each kept once per client, named by its SHA-256, as
//! rows of 1 MiB chunks under the same walls as the records (see `schema3.sql` for the
//! rules the server holds, and `docs/ARCHITECTURE.md` for why chunked rows and not large
//! objects). Streamed both ways with one chunk in memory at a time.

use super::super::files::{FileHash, FilesError, stream};
use super::PgEngine;
use super::columns::{db_id, pg};
use postgres::{IsolationLevel, Statement, Transaction};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The bytes of one chunk row (the last chunk of a file holds the rest).
pub(crate) const CHUNK_BYTES: usize = 1024 * 1024;

/// One file the team database holds, as the asking login sees the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServedFile {
    /// The client it belongs to (0: none).
    pub client: u64,
    /// Its fingerprint.
    pub hash: FileHash,
    /// Its length.
    pub size: u64,
    /// How many chunk rows it has.
    pub chunks: i32,
}

/// A server or connection error about the file `file`, as a sentence.
pub(super) fn server(file: &str) -> impl Fn(postgres::Error) -> FilesError + '_ {
    move |e| FilesError::Server {
        file: file.to_string(),
        detail: pg(e).to_string(),
    }
}

/// Reads into `buffer` until it is full or the reader ends; returns how much was read.
fn fill(reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buffer.len() {
        match reader.read(&mut buffer[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

impl PgEngine {
    /// Stores the file at `source` for `client`, unless the client has it already. The file
    /// is hashed first; then, in one transaction, its row and its chunks are written while
    /// it is hashed again, and a file that changed meanwhile is rolled back. With
    /// `expected`, a file whose content hashes to anything else is refused as damaged.
    /// Returns its fingerprint and size once committed.
    pub(in crate::store) fn store_file(
        &self,
        client: u64,
        source: &Path,
        expected: Option<FileHash>,
    ) -> Result<(FileHash, u64), FilesError> {
        let unreadable = |e| FilesError::Unreadable {
            path: source.to_path_buf(),
            source: e,
        };
        if std::fs::metadata(source).map_err(unreadable)?.is_dir() {
            return Err(FilesError::NotAFile {
                path: source.to_path_buf(),
            });
        }
        let first = File::open(source).map_err(unreadable)?;
        let (hash, size) = stream(first, source, &mut io::sink(), source)?;
        if let Some(want) = expected.filter(|want| *want != hash) {
            return Err(FilesError::Damaged {
                hash: want,
                name: None,
                path: source.to_path_buf(),
            });
        }
        let name = source.display().to_string();
        let too_large = || FilesError::Server {
            file: name.clone(),
            detail: format!("{size} bytes is more than a team database keeps in one file"),
        };
        let chunks = i32::try_from(size.div_ceil(CHUNK_BYTES as u64)).map_err(|_| too_large())?;
        let db_size = i64::try_from(size).map_err(|_| too_large())?;
        let changed = || FilesError::Changed {
            path: source.to_path_buf(),
        };
        let mut connection = self.pool.take().map_err(|e| FilesError::Server {
            file: name.clone(),
            detail: e.to_string(),
        })?;
        let done = (|| {
            let mut tx = connection.transaction().map_err(server(&name))?;
            // Waits while another upload of the same file for the same client is open,
            // then finds it stored (or not, if that one rolled back).
            let fresh = tx
                .execute(
                    "INSERT INTO account_desk.files (client, hash, size, chunks) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    &[&db_id(client), &hash.0.as_slice(), &db_size, &chunks],
                )
                .map_err(server(&name))?;
            if fresh == 0 {
                return Ok(());
            }
            let insert = tx
                .prepare(
                    "INSERT INTO account_desk.file_chunks (client, hash, n, bytes) \
                     VALUES ($1, $2, $3, $4)",
                )
                .map_err(server(&name))?;
            let mut file = File::open(source).map_err(unreadable)?;
            let mut buffer = vec![0u8; CHUNK_BYTES];
            let mut hasher = Sha256::new();
            for n in 0..chunks {
                let got = fill(&mut file, &mut buffer).map_err(unreadable)?;
                if got == 0 || (got < CHUNK_BYTES && n + 1 < chunks) {
                    return Err(changed());
                }
                let bytes = &buffer[..got];
                hasher.update(bytes);
                tx.execute(&insert, &[&db_id(client), &hash.0.as_slice(), &n, &bytes])
                    .map_err(server(&name))?;
            }
            let longer = fill(&mut file, &mut [0u8; 1]).map_err(unreadable)? > 0;
            if longer || FileHash(hasher.finalize().into()) != hash {
                return Err(changed());
            }
            tx.commit().map_err(server(&name))
        })();
        self.pool.give_back(connection);
        done.map(|()| (hash, size))
    }

    /// A stored file with fingerprint `hash` of any client this login may see (`None`: no
    /// such file, or only in a client hidden from it — the two look the same).
    pub(in crate::store) fn find_file(
        &self,
        hash: &FileHash,
    ) -> Result<Option<ServedFile>, FilesError> {
        let name = hash.short();
        let rows = self.listed(
            "SELECT client, hash, size, chunks FROM account_desk.files WHERE hash = $1 \
             ORDER BY client LIMIT 1",
            &[&hash.0.as_slice()],
            &name,
        )?;
        Ok(rows.into_iter().next())
    }

    /// The stored file `hash` of `client`, if this login may see it.
    pub(in crate::store) fn served_file(
        &self,
        client: u64,
        hash: &FileHash,
    ) -> Result<Option<ServedFile>, FilesError> {
        let rows = self.listed(
            "SELECT client, hash, size, chunks FROM account_desk.files \
             WHERE client = $1 AND hash = $2",
            &[&db_id(client), &hash.0.as_slice()],
            &hash.short(),
        )?;
        Ok(rows.into_iter().next())
    }

    /// The stored files written before `before_ms` (Unix milliseconds), by client and
    /// fingerprint: those an orphan clearing may look at.
    pub(in crate::store) fn files_written_before(
        &self,
        before_ms: i64,
    ) -> Result<Vec<ServedFile>, FilesError> {
        self.listed(
            "SELECT client, hash, size, chunks FROM account_desk.files \
             WHERE written_at_ms < $1 ORDER BY client, hash",
            &[&before_ms],
            "(the list of files)",
        )
    }

    /// Deletes the stored file `hash` of `client`, with its chunks, text and thumbnail, if it
    /// was written before `before_ms` (a file stored since may be one an import is about to
    /// name); returns its size if it went. The administrator's alone: the server refuses
    /// anyone else.
    pub(in crate::store) fn remove_file(
        &self,
        client: u64,
        hash: &FileHash,
        before_ms: i64,
    ) -> Result<Option<u64>, FilesError> {
        let name = hash.short();
        let mut connection = self.pool.take().map_err(|e| FilesError::Server {
            file: name.clone(),
            detail: e.to_string(),
        })?;
        let rows = connection
            .query(
                "DELETE FROM account_desk.files \
                 WHERE client = $1 AND hash = $2 AND written_at_ms < $3 RETURNING size",
                &[&db_id(client), &hash.0.as_slice(), &before_ms],
            )
            .map_err(server(&name));
        self.pool.give_back(connection);
        match rows?.first() {
            Some(row) => {
                let size: i64 = row.try_get(0).map_err(server(&name))?;
                Ok(Some(u64::try_from(size).unwrap_or(0)))
            }
            None => Ok(None),
        }
    }

    /// Every stored file this login may see, by client and fingerprint.
    pub(in crate::store) fn served_files(&self) -> Result<Vec<ServedFile>, FilesError> {
        self.listed(
            "SELECT client, hash, size, chunks FROM account_desk.files ORDER BY client, hash",
            &[],
            "(the list of files)",
        )
    }

    fn listed(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
        name: &str,
    ) -> Result<Vec<ServedFile>, FilesError> {
        let mut connection = self.pool.take().map_err(|e| FilesError::Server {
            file: name.to_string(),
            detail: e.to_string(),
        })?;
        let rows = connection.query(sql, params).map_err(server(name));
        self.pool.give_back(connection);
        rows?
            .iter()
            .map(|row| {
                let (client, hash, size, chunks): (i64, Vec<u8>, i64, i32) = (
                    row.try_get(0).map_err(server(name))?,
                    row.try_get(1).map_err(server(name))?,
                    row.try_get(2).map_err(server(name))?,
                    row.try_get(3).map_err(server(name))?,
                );
                let odd = || FilesError::Server {
                    file: name.to_string(),
                    detail: format!(
                        "a stored file of client {client} has a malformed fingerprint or size"
                    ),
                };
                Ok(ServedFile {
                    client: u64::try_from(client).map_err(|_| odd())?,
                    hash: FileHash(hash.try_into().map_err(|_| odd())?),
                    size: u64::try_from(size).map_err(|_| odd())?,
                    chunks,
                })
            })
            .collect()
    }

    /// Runs `f` on a reader of `file`'s content, its chunks read in order in one read-only
    /// snapshot, one at a time. A chunk missing is reported as damage of `file` at `label`,
    /// a server error as such (not as the reader's own error).
    pub(in crate::store) fn with_file_reader<R>(
        &self,
        file: &ServedFile,
        label: &Path,
        f: impl FnOnce(&mut dyn Read) -> Result<R, FilesError>,
    ) -> Result<R, FilesError> {
        let name = file.hash.short();
        let mut connection = self.pool.take().map_err(|e| FilesError::Server {
            file: name.clone(),
            detail: e.to_string(),
        })?;
        let done = (|| {
            let mut tx = connection
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .map_err(server(&name))?;
            let select = tx
                .prepare(
                    "SELECT bytes FROM account_desk.file_chunks \
                     WHERE client = $1 AND hash = $2 AND n = $3",
                )
                .map_err(server(&name))?;
            let mut reader = ChunkReader {
                tx: &mut tx,
                select,
                file,
                label,
                next: 0,
                chunk: Vec::new(),
                at: 0,
                failure: None,
            };
            let result = f(&mut reader);
            match reader.failure.take() {
                Some(failure) => Err(failure),
                None => result,
            }
        })();
        self.pool.give_back(connection);
        done
    }
}

/// A stored file's content, read chunk by chunk.
struct ChunkReader<'t, 'c> {
    tx: &'t mut Transaction<'c>,
    select: Statement,
    file: &'t ServedFile,
    label: &'t Path,
    /// The next chunk to fetch.
    next: i32,
    chunk: Vec<u8>,
    /// How much of `chunk` was handed out.
    at: usize,
    /// Why reading stopped, when it was not the reader's caller.
    failure: Option<FilesError>,
}

impl Read for ChunkReader<'_, '_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.at >= self.chunk.len() {
            if self.next >= self.file.chunks {
                return Ok(0);
            }
            let name = self.file.hash.short();
            let row = self.tx.query_opt(
                &self.select,
                &[
                    &db_id(self.file.client),
                    &self.file.hash.0.as_slice(),
                    &self.next,
                ],
            );
            let bytes = match row.and_then(|r| r.map(|r| r.try_get::<_, Vec<u8>>(0)).transpose()) {
                Ok(Some(bytes)) if !bytes.is_empty() => bytes,
                Ok(_) => {
                    self.failure = Some(FilesError::Damaged {
                        hash: self.file.hash,
                        name: None,
                        path: self.label.to_path_buf(),
                    });
                    return Err(io::Error::other(format!(
                        "chunk {} of {name} is missing",
                        self.next
                    )));
                }
                Err(e) => {
                    let failure = server(&name)(e);
                    let text = failure.to_string();
                    self.failure = Some(failure);
                    return Err(io::Error::other(text));
                }
            };
            self.chunk = bytes;
            self.at = 0;
            self.next += 1;
        }
        let n = out.len().min(self.chunk.len() - self.at);
        out[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}
