//! The journal writer: one background thread that writes every session's journal
//! (`crate::journal`), so that the UI thread never waits on a disk sync.
//!
//! A session holds a [`SessionJournal`]: the first change after a load or a save begins a
//! journal (with the document as it was before that change); every applied change, undo and
//! redo is appended and synced at once; a save that leaves nothing unsaved retires it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::clock::SystemClock;
use crate::edit::Edit;
use crate::format::FileIdentity;
use crate::journal::{Header, Journal};
use crate::model::{Clock as _, Document};

enum Message {
    Begin {
        id: u64,
        dir: PathBuf,
        header: Box<Header>,
        base: Box<Document>,
    },
    Resume {
        id: u64,
        dir: PathBuf,
    },
    Append {
        id: u64,
        edits: Vec<Edit>,
    },
    Retire {
        id: u64,
    },
    /// Remove a journal no session has (its work was discarded).
    Remove {
        dir: PathBuf,
    },
    Shutdown,
}

/// The writer thread and the folder it writes in.
pub struct JournalWriter {
    root: PathBuf,
    sender: Sender<Message>,
    errors: Receiver<String>,
    thread: Option<JoinHandle<()>>,
    next_id: u64,
}

impl JournalWriter {
    /// Starts the writer for journals under `root` (created when first needed).
    pub fn start(root: PathBuf) -> Self {
        let (sender, receiver) = channel();
        let (error_sender, errors) = channel();
        let thread = std::thread::Builder::new()
            .name("factmark-journal".to_owned())
            .spawn(move || write_journals(&receiver, &error_sender))
            .ok();
        Self {
            root,
            sender,
            errors,
            thread,
            next_id: 0,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A journal for a new session (nothing is written until its first change).
    pub fn session(&mut self) -> SessionJournal {
        self.next_id += 1;
        SessionJournal {
            id: self.next_id,
            root: self.root.clone(),
            sender: self.sender.clone(),
            dir: None,
        }
    }

    /// Removes the journal in `dir`, which no session has.
    pub fn remove(&self, dir: PathBuf) {
        self.sender.send(Message::Remove { dir }).ok();
    }

    /// Problems the writer met since the last call.
    pub fn errors(&self) -> Vec<String> {
        self.errors.try_iter().collect()
    }
}

/// Waits for everything sent to be written: the app is closing.
impl Drop for JournalWriter {
    fn drop(&mut self) {
        self.sender.send(Message::Shutdown).ok();
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

/// One session's journal.
pub struct SessionJournal {
    id: u64,
    root: PathBuf,
    sender: Sender<Message>,
    /// The journal's folder once it has begun.
    dir: Option<PathBuf>,
}

impl SessionJournal {
    /// The folder of the journal, once the first change began it.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Records `edits`, just applied. `before` is asked for only when this is the first
    /// change since the load or the last save: the document before it, with where it saves
    /// and what that file held.
    pub fn record(
        &mut self,
        edits: Vec<Edit>,
        before: impl FnOnce() -> (Document, Option<PathBuf>, Option<FileIdentity>),
    ) {
        if self.dir.is_none() {
            let (base, file, loaded) = before();
            let dir = crate::journal::new_dir(&self.root, file.as_deref());
            let header = Header::new(file, loaded.as_ref(), SystemClock.now());
            self.sender
                .send(Message::Begin {
                    id: self.id,
                    dir: dir.clone(),
                    header: Box::new(header),
                    base: Box::new(base),
                })
                .ok();
            self.dir = Some(dir);
        }
        self.sender
            .send(Message::Append { id: self.id, edits })
            .ok();
    }

    /// Goes on writing the journal in `dir` (its work was just restored).
    pub fn resume(&mut self, dir: PathBuf) {
        self.sender
            .send(Message::Resume {
                id: self.id,
                dir: dir.clone(),
            })
            .ok();
        self.dir = Some(dir);
    }

    /// The work is saved or discarded: the journal goes; the next change begins a new one.
    pub fn retire(&mut self) {
        if self.dir.take().is_some() {
            self.sender.send(Message::Retire { id: self.id }).ok();
        }
    }
}

fn write_journals(receiver: &Receiver<Message>, errors: &Sender<String>) {
    let mut journals: std::collections::HashMap<u64, Journal> = std::collections::HashMap::new();
    let report = |what: &str, dir: &Path, e: &std::io::Error| {
        errors
            .send(format!(
                "Unsaved work is not being kept safe: cannot {what} the journal in {}: {e}",
                dir.display()
            ))
            .ok();
    };
    while let Ok(message) = receiver.recv() {
        match message {
            Message::Begin {
                id,
                dir,
                header,
                base,
            } => match Journal::create(dir.clone(), &header, &base) {
                Ok(journal) => {
                    journals.insert(id, journal);
                }
                Err(e) => report("begin", &dir, &e),
            },
            Message::Resume { id, dir } => match Journal::resume(dir.clone()) {
                Ok(journal) => {
                    journals.insert(id, journal);
                }
                Err(e) => report("go on with", &dir, &e),
            },
            Message::Append { id, edits } => {
                if let Some(journal) = journals.get_mut(&id)
                    && let Err(e) = journal.append(&edits, SystemClock.now())
                {
                    report("write to", journal.dir(), &e);
                }
            }
            Message::Retire { id } => {
                if let Some(journal) = journals.remove(&id) {
                    let dir = journal.dir().to_owned();
                    if let Err(e) = journal.retire() {
                        report("remove", &dir, &e);
                    }
                }
            }
            Message::Remove { dir } => {
                if let Err(e) = crate::journal::remove(&dir)
                    && e.kind() != std::io::ErrorKind::NotFound
                {
                    report("remove", &dir, &e);
                }
            }
            Message::Shutdown => break,
        }
    }
}
