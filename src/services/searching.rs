//! The search popup's queries answered on a thread of their own ([`Searcher`]), over the
//! index the window keeps up to date ([`SharedIndex`]).
//!
//! A query's first letter alone matches most of a decade's records (as pinyin, every name
//! with a syllable opening with it), and its search takes tens of milliseconds: in the
//! frame, the window stopped at each letter typed. On the searcher's thread the window
//! goes on drawing, the letters typed appear at once, and the hits follow.

use crate::search::{Hit, SearchIndex, SearchScope};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard, mpsc};
use std::time::{Duration, Instant};

/// The search index, shared by the window, which changes it record by record, and the
/// [`Searcher`], which reads it. A change waits for a search under way, and a search for a
/// change; a clone is the same index.
#[derive(Debug, Clone, Default)]
pub struct SharedIndex(Arc<RwLock<SearchIndex>>);

impl SharedIndex {
    /// Shares `index`.
    pub fn new(index: SearchIndex) -> SharedIndex {
        SharedIndex(Arc::new(RwLock::new(index)))
    }

    /// The index, to read. A change that panicked half-way leaves the index as it got: a
    /// record may be found by its old or its new text until it changes again.
    pub fn read(&self) -> RwLockReadGuard<'_, SearchIndex> {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The index, to change.
    pub fn write(&self) -> RwLockWriteGuard<'_, SearchIndex> {
        self.0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A query to answer.
struct Ask {
    index: SharedIndex,
    query: String,
    scope: SearchScope,
    limit: usize,
    round: u64,
}

/// Answers queries on a thread of its own, started with the first. Only the newest query
/// asked is answered: those asked while a search was under way and overtaken by a later
/// one are let go unanswered. Dropping the searcher ends the thread after the search under
/// way, without waiting for it.
pub struct Searcher {
    asks: Option<mpsc::Sender<Ask>>,
    answers: Option<mpsc::Receiver<(u64, Vec<Hit>)>>,
    /// The number of the last query asked.
    round: u64,
    /// The newest answer taken in, and its round.
    answer: Option<(u64, Vec<Hit>)>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("round", &self.round)
            .finish_non_exhaustive()
    }
}

impl Default for Searcher {
    fn default() -> Searcher {
        Searcher::new()
    }
}

impl Searcher {
    /// A searcher; its thread starts with the first query.
    pub fn new() -> Searcher {
        Searcher {
            asks: None,
            answers: None,
            round: 0,
            answer: None,
        }
    }

    /// Asks for the best `limit` records for `query` among those `scope` lets through;
    /// returns the query's round, by which [`Searcher::wait`] gives its answer. An earlier
    /// query's answer still to come is no longer waited for.
    pub fn ask(
        &mut self,
        index: &SharedIndex,
        query: &str,
        scope: SearchScope,
        limit: usize,
    ) -> u64 {
        self.round += 1;
        let round = self.round;
        let make = || Ask {
            index: index.clone(),
            query: query.to_string(),
            scope,
            limit,
            round,
        };
        if let Some(asks) = &self.asks
            && asks.send(make()).is_ok()
        {
            return round;
        }
        // No thread yet, or it is gone (a search panicked): a new one takes the query.
        let (asks, asked) = mpsc::channel::<Ask>();
        let (tell, answers) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || answer_queries(&asked, &tell));
        match spawned {
            Ok(_) if asks.send(make()).is_ok() => {
                self.asks = Some(asks);
                self.answers = Some(answers);
            }
            _ => {
                log::warn!("cannot start the search thread; searching in the window");
                self.asks = None;
                self.answers = None;
                let hits = index.read().search_within(query, limit, scope);
                self.answer = Some((round, hits));
            }
        }
        round
    }

    /// The hits of the query of `round`, waiting for them up to `within`; `None` if they
    /// have not come by then. A search that failed (logged) found nothing.
    pub fn wait(&mut self, round: u64, within: Duration) -> Option<Vec<Hit>> {
        let until = Instant::now() + within;
        loop {
            if let Some((r, _)) = &self.answer
                && *r == round
            {
                return self.answer.take().map(|(_, hits)| hits);
            }
            let answers = self.answers.as_ref()?;
            let left = until.saturating_duration_since(Instant::now());
            match answers.recv_timeout(left) {
                // An overtaken query's answer, if it came before the newer was asked.
                Ok(answer) => self.answer = Some(answer),
                Err(mpsc::RecvTimeoutError::Timeout) => return None,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    log::warn!("the search thread stopped before answering");
                    self.asks = None;
                    self.answers = None;
                    return Some(Vec::new());
                }
            }
        }
    }
}

/// How long the searcher waits after its last long search before giving memory back: not
/// while a person types, when each letter's frame would meet the allocator's pause.
const IDLE_BEFORE_RELEASE: Duration = Duration::from_secs(1);

/// The searcher's thread: answers the newest of the queries waiting, until the searcher
/// is dropped. The memory a long search freed (a first letter ranks tens of thousands of
/// hits) is given back once no query has come for [`IDLE_BEFORE_RELEASE`].
fn answer_queries(asked: &mpsc::Receiver<Ask>, tell: &mpsc::Sender<(u64, Vec<Hit>)>) {
    let mut owed = false;
    loop {
        let next = match owed {
            true => asked.recv_timeout(IDLE_BEFORE_RELEASE),
            false => asked
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        let mut ask = match next {
            Ok(ask) => ask,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                crate::memory::release();
                owed = false;
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        while let Ok(newer) = asked.try_recv() {
            ask = newer;
        }
        let started = Instant::now();
        let hits = ask
            .index
            .read()
            .search_within(&ask.query, ask.limit, ask.scope);
        // Not kept between queries: an index the window replaced goes when it lets go.
        drop(ask.index);
        owed |= started.elapsed() >= crate::memory::WORTH_RELEASING;
        if tell.send((ask.round, hits)).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Audit, Client, ClientId, Stamp, UserId};
    use crate::search::DocRef;

    fn client(id: u64, name: &str) -> Client {
        Client {
            id: ClientId(id),
            name: name.into(),
            short_name: String::new(),
            industry: String::new(),
            address: String::new(),
            phone: String::new(),
            since: None,
            notes: String::new(),
            archived: false,
            invoicing: Default::default(),
            audit: Audit::new(Stamp {
                by: UserId(1),
                at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
            }),
        }
    }

    fn found(hits: Option<Vec<Hit>>) -> Vec<DocRef> {
        hits.unwrap_or_default()
            .into_iter()
            .map(|h| h.doc)
            .collect()
    }

    const LONG: Duration = Duration::from_secs(20);

    #[test]
    fn queries_are_answered_on_the_thread_newest_first_and_changes_are_seen() {
        let mut index = SearchIndex::new();
        index.upsert_client(&client(1, "可口可乐"));
        index.upsert_client(&client(2, "百事可乐"));
        let shared = SharedIndex::new(index);
        let mut searcher = Searcher::new();
        let cola = DocRef::from(ClientId(1));
        let pepsi = DocRef::from(ClientId(2));

        let round = searcher.ask(&shared, "kkkl", SearchScope::default(), 10);
        assert_eq!(found(searcher.wait(round, LONG)), vec![cola]);
        // Answered once: asking for the same round again waits in vain.
        assert!(searcher.wait(round, Duration::ZERO).is_none());

        // Two queries in a row: the answer waited for is the second's, never the first's.
        let first = searcher.ask(&shared, "kkkl", SearchScope::default(), 10);
        let second = searcher.ask(&shared, "bskl", SearchScope::default(), 10);
        assert!(second > first);
        assert_eq!(found(searcher.wait(second, LONG)), vec![pepsi]);

        // A change made by the window is seen by the next query.
        shared.write().upsert_client(&client(3, "可口食品"));
        let round = searcher.ask(&shared, "kk", SearchScope::default(), 10);
        let mut hits = found(searcher.wait(round, LONG));
        hits.sort_by_key(|d| d.id);
        assert_eq!(hits, vec![cola, DocRef::from(ClientId(3))]);

        // Only the searcher's thread held the index with the window, and it let go.
        drop(searcher);
        let started = Instant::now();
        while Arc::strong_count(&shared.0) > 1 {
            assert!(started.elapsed() < LONG, "the thread still holds the index");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_search_under_way_makes_a_change_wait_but_never_fails_it() {
        let shared = SharedIndex::new(SearchIndex::new());
        let reading = shared.read();
        let writer = {
            let shared = shared.clone();
            std::thread::spawn(move || shared.write().upsert_client(&client(1, "可口可乐")))
        };
        std::thread::sleep(Duration::from_millis(20));
        assert!(!writer.is_finished(), "the change waits for the reader");
        drop(reading);
        assert!(writer.join().is_ok());
        assert_eq!(shared.read().search("kkkl", 5).len(), 1);
    }
}
