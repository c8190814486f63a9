//! Reading in worker processes, so that no workbook can take a run down.
//!
//! A reader fed a crafted file can do what no `catch_unwind` catches: abort on a failed
//! allocation, eat memory until the machine swaps, or loop for ever. So the dvk binary reads
//! untrusted workbooks in copies of itself started with the hidden `read-worker` subcommand: a
//! small pool, one per core, each reading one file at a time. On Linux each worker's address
//! space is capped (RLIMIT_AS) so that it never holds more than [`MAX_READER_BYTES`], and every
//! file has [`MAX_READ_SECONDS`] of processor time (RLIMIT_CPU), the parent's clock backing it
//! at ten times that for a worker that hangs without working. A worker that dies or
//! runs out of time is killed and replaced; the file it held is reported
//! ([`ReadError::TooLarge`] for memory and time, [`ReadError::Unreadable`] for a crash) and the
//! run goes on with the files it had queued.
//!
//! The parent writes each path to the worker's stdin (a little-endian `u32` length, then the
//! path's bytes); the worker answers each path in order on its stdout, in frames of a `u32`
//! length and postcard's compact binary encoding: the [`Result<Workbook, ReadError>`] with
//! the sheets' rows taken out, then each sheet's rows in chunks, each written as soon as it is
//! encoded and decoded as soon as it arrives, so that encoding and decoding a large sheet
//! overlap. The worker's stderr goes to an unnamed temporary file, read only when the worker
//! dies, to tell an allocation failure from another crash.
//!
//! On Windows each worker puts itself in a Job Object whose per-process memory limit
//! (`JOB_OBJECT_LIMIT_PROCESS_MEMORY`) is what it has committed at start plus
//! [`MAX_READER_BYTES`]: past it an allocation fails and the worker ends, reported as on Linux.
//! Windows has no processor-time limit a process can set on itself, so there the parent's clock
//! gives each file [`MAX_READ_SECONDS`]; crashes are handled as on Linux.
//!
//! The library reads in process unless [`isolate_with`] was called (the `dvk` binary calls it
//! at start), so unit tests and doctests need no binary; `DVK_READ_IN_PROCESS=1` makes the
//! binary read in process too, for benchmarking the isolation's cost.

use std::collections::VecDeque;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{read_workbook, ReadError, Workbook};
use crate::sheet::CellValue;

/// The memory a worker may take for one workbook, above what it holds at start.
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::isolated::MAX_READER_BYTES, 1024 * 1024 * 1024);
/// ```
pub const MAX_READER_BYTES: u64 = 1024 * 1024 * 1024;

/// The time a worker may take for one workbook, in seconds.
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::isolated::MAX_READ_SECONDS, 30);
/// ```
pub const MAX_READ_SECONDS: u64 = 30;

/// The hidden subcommand a worker is started with.
pub const WORKER_COMMAND: &str = "read-worker";

/// Paths sent ahead to a worker, so that it never waits for the parent between two files;
/// they are sent half a queue at a time (one write, one read for several files), and the
/// worker answers several at a time ([`ANSWERS_PER_WRITE`]).
const QUEUE_DEPTH: usize = 32;

/// The largest answer the parent accepts from a worker (a worker's memory is capped below it).
const MAX_REPLY_BYTES: u32 = 2 * 1024 * 1024 * 1024 - 1;

static WORKER_PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Reads workbooks in worker processes from now on: `program` is the dvk binary, started as
/// `program read-worker` ([`serve`]).
///
/// # Example
///
/// ```no_run
/// dvk::ingest::read::isolated::isolate_with(std::env::current_exe().unwrap());
/// ```
pub fn isolate_with(program: PathBuf) {
    let _ = WORKER_PROGRAM.set(program);
}

fn worker_program() -> Option<&'static Path> {
    if std::env::var_os("DVK_READ_IN_PROCESS").is_some_and(|v| v == "1") {
        return None;
    }
    WORKER_PROGRAM.get().map(PathBuf::as_path)
}

/// The time budget per file: [`MAX_READ_SECONDS`], or fewer for the tests of the budget itself
/// (`DVK_TEST_READ_SECONDS`).
fn read_budget() -> Duration {
    static BUDGET: OnceLock<Duration> = OnceLock::new();
    *BUDGET.get_or_init(|| {
        let seconds = std::env::var("DVK_TEST_READ_SECONDS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(MAX_READ_SECONDS);
        Duration::from_secs(seconds.clamp(1, MAX_READ_SECONDS))
    })
}

/// Reads every path and hands each result to `each` with the path's index, from several
/// threads at once, in no particular order: in worker processes when isolated (see the module
/// documentation), else in process on rayon's threads.
///
/// # Example
///
/// ```
/// use std::sync::Mutex;
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("rong.xlsx");
/// std::fs::write(&path, b"").unwrap();
/// let seen = Mutex::new(Vec::new());
/// dvk::ingest::read::isolated::read_all(&[path.as_path()], |i, result| {
///     seen.lock().unwrap().push((i, result.is_err()));
/// });
/// assert_eq!(*seen.lock().unwrap(), [(0, true)]);
/// ```
pub fn read_all<F>(paths: &[&Path], each: F)
where
    F: Fn(usize, Result<Workbook, ReadError>) + Sync,
{
    match worker_program() {
        Some(program) if !paths.is_empty() => pool(program, paths, &each),
        _ => paths
            .par_iter()
            .enumerate()
            .for_each(|(i, path)| each(i, read_workbook(path))),
    }
}

/// Reads one workbook the way [`read_all`] does (in a worker when isolated).
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("rong.xlsx");
/// std::fs::write(&path, b"").unwrap();
/// assert!(dvk::ingest::read::isolated::read_one(&path).is_err());
/// ```
pub fn read_one(path: &Path) -> Result<Workbook, ReadError> {
    let slot = Mutex::new(None);
    read_all(&[path], |_, result| {
        if let Ok(mut slot) = slot.lock() {
            *slot = Some(result);
        }
    });
    slot.into_inner()
        .ok()
        .flatten()
        .unwrap_or_else(|| Err(ReadError::Unreadable(died("không có kết quả"))))
}

// ---------------------------------------------------------------------------
// The parent's side
// ---------------------------------------------------------------------------

/// What the watchdog knows of one worker.
#[derive(Default)]
struct Watch {
    /// When the file the worker is on runs out of time, in nanoseconds from the pool's start;
    /// 0 while it holds no file.
    deadline: AtomicU64,
    /// The worker, for the watchdog to kill.
    child: Mutex<Option<Child>>,
    /// Set when the watchdog killed the worker for time.
    timed_out: AtomicBool,
}

fn pool<F>(program: &Path, paths: &[&Path], each: &F)
where
    F: Fn(usize, Result<Workbook, ReadError>) + Sync,
{
    let workers = rayon::current_num_threads().clamp(1, paths.len());
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    let budget = wall_budget();
    let watches: Vec<Watch> = (0..workers).map(|_| Watch::default()).collect();
    let (alive, finished) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        for watch in &watches {
            let alive = alive.clone();
            let next = &next;
            scope.spawn(move || {
                let mut handler = Handler {
                    program,
                    paths,
                    workers,
                    next,
                    watch,
                    start,
                    budget,
                };
                handler.run(each);
                drop(alive);
            });
        }
        drop(alive);
        let watches = &watches;
        scope.spawn(move || watchdog(watches, start, &finished));
    });
}

/// Kills every worker past its file's deadline; returns when every handler has finished.
fn watchdog(watches: &[Watch], start: Instant, finished: &mpsc::Receiver<()>) {
    const TICK: Duration = Duration::from_millis(100);
    while let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(TICK) {
        let now = nanos_since(start);
        for watch in watches {
            let deadline = watch.deadline.load(Ordering::Acquire);
            if deadline != 0 && now > deadline {
                if let Ok(mut child) = watch.child.lock() {
                    if let Some(child) = child.as_mut() {
                        watch.timed_out.store(true, Ordering::Release);
                        let _ = child.kill();
                    }
                }
            }
        }
    }
}

fn nanos_since(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_nanos())
        .unwrap_or(u64::MAX)
        .max(1)
}

/// One worker's pipes.
struct Worker {
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
    stderr: std::fs::File,
}

/// The thread that feeds one worker, one worker after another when they die.
struct Handler<'a> {
    program: &'a Path,
    paths: &'a [&'a Path],
    /// How many handlers share the paths.
    workers: usize,
    next: &'a AtomicUsize,
    watch: &'a Watch,
    start: Instant,
    budget: Duration,
}

impl Handler<'_> {
    fn run<F>(&mut self, each: &F)
    where
        F: Fn(usize, Result<Workbook, ReadError>) + Sync,
    {
        // Files sent to a worker that died holding an earlier one: sent again first.
        let mut again: VecDeque<usize> = VecDeque::new();
        let mut queued: VecDeque<usize> = VecDeque::new();
        let mut worker: Option<Worker> = None;
        let mut reply = Vec::new();
        loop {
            if worker.is_none() {
                match self.spawn() {
                    Ok(spawned) => worker = Some(spawned),
                    Err(_) => {
                        // No worker can be started (the binary gone?): read in process.
                        for i in again.drain(..).chain(std::iter::from_fn(|| self.claim())) {
                            each(i, read_workbook(self.paths[i]));
                        }
                        return;
                    }
                }
            }
            let Some(current) = worker.as_mut() else {
                return;
            };
            let depth = self.depth();
            if queued.len() <= depth / 2 {
                while queued.len() < depth {
                    let Some(i) = again.pop_front().or_else(|| self.claim()) else {
                        break;
                    };
                    // A worker that died meanwhile fails the read below, not this write.
                    let _ = send_path(&mut current.input, self.paths[i]);
                    queued.push_back(i);
                }
            }
            let Some(&head) = queued.front() else {
                break;
            };
            let _ = current.input.flush();
            if self.watch.deadline.load(Ordering::Acquire) == 0 {
                self.arm();
            }
            match receive(&mut current.output, &mut reply) {
                Some(result) => {
                    queued.pop_front();
                    if queued.is_empty() {
                        self.watch.deadline.store(0, Ordering::Release);
                    } else {
                        self.arm();
                    }
                    each(head, result);
                }
                None => {
                    queued.pop_front();
                    let error = self.bury(worker.take());
                    again.extend(queued.drain(..));
                    each(head, Err(error));
                }
            }
        }
        if let Some(worker) = worker {
            // End of input: the worker returns.
            drop(worker);
            if let Ok(mut child) = self.watch.child.lock() {
                if let Some(mut child) = child.take() {
                    let _ = child.wait();
                }
            }
        }
    }

    /// How many files to keep sent ahead: a full queue while many files are left, one at a
    /// time near the end, so that the last few (maybe large) files are shared among the
    /// workers instead of queued behind one of them.
    fn depth(&self) -> usize {
        let left = self
            .paths
            .len()
            .saturating_sub(self.next.load(Ordering::Relaxed));
        if left >= self.workers * QUEUE_DEPTH * 2 {
            QUEUE_DEPTH
        } else {
            1
        }
    }

    /// The next file no handler has taken yet.
    fn claim(&self) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        (i < self.paths.len()).then_some(i)
    }

    /// Starts the clock of the file at the head of the worker's queue.
    fn arm(&self) {
        let deadline = nanos_since(self.start)
            .saturating_add(u64::try_from(self.budget.as_nanos()).unwrap_or(u64::MAX));
        self.watch.deadline.store(deadline, Ordering::Release);
    }

    fn spawn(&self) -> std::io::Result<Worker> {
        let stderr = tempfile::tempfile()?;
        let mut child = Command::new(self.program)
            .arg(WORKER_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr.try_clone()?))
            .spawn()?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("worker without pipes"));
        };
        widen_pipe(&output);
        self.watch.timed_out.store(false, Ordering::Release);
        if let Ok(mut slot) = self.watch.child.lock() {
            *slot = Some(child);
        }
        Ok(Worker {
            input: BufWriter::new(input),
            output: BufReader::with_capacity(256 * 1024, output),
            stderr,
        })
    }

    /// Ends a worker that stopped answering and says why, in words.
    fn bury(&self, worker: Option<Worker>) -> ReadError {
        self.watch.deadline.store(0, Ordering::Release);
        let child = self.watch.child.lock().ok().and_then(|mut c| c.take());
        let status = child.and_then(|mut child| {
            let _ = child.kill();
            child.wait().ok()
        });
        let timed_out = self.watch.timed_out.swap(false, Ordering::AcqRel);
        let said = worker.map(|w| last_words(w.stderr)).unwrap_or_default();
        let signal = status.as_ref().and_then(signal_of);
        if timed_out || (cfg!(target_os = "linux") && signal == Some(CPU_LIMIT_SIGNAL)) {
            return ReadError::TooLarge(died(&format!("quá {} giây", read_budget().as_secs())));
        }
        if said.contains("memory allocation of") || said.contains("out of memory") {
            return ReadError::TooLarge(died(&format!(
                "vượt quá {} GB bộ nhớ",
                MAX_READER_BYTES / (1024 * 1024 * 1024)
            )));
        }
        ReadError::Unreadable(match signal {
            Some(signal) => format!("bộ đọc dừng lại đột ngột (tín hiệu {signal}): tệp hỏng"),
            None => "bộ đọc dừng lại đột ngột: tệp hỏng".to_string(),
        })
    }
}

/// Gives a worker's answers a pipe of [`PIPE_BYTES`] where the system allows it: a large
/// sheet's answer, tens of megabytes, then crosses in a sixteenth of the reads and wake-ups of
/// the default 64 KB. Left as it is where it cannot be widened.
#[cfg(target_os = "linux")]
fn widen_pipe(output: &ChildStdout) {
    let _ = nix::fcntl::fcntl(output, nix::fcntl::FcntlArg::F_SETPIPE_SZ(PIPE_BYTES));
}

#[cfg(not(target_os = "linux"))]
fn widen_pipe(_output: &ChildStdout) {}

/// The size asked for a worker's answer pipe: Linux's default ceiling for a process without
/// privileges (`/proc/sys/fs/pipe-max-size`).
#[cfg(target_os = "linux")]
const PIPE_BYTES: i32 = 1024 * 1024;

fn died(why: &str) -> String {
    format!("bộ đọc dừng lại: {why}")
}

#[cfg(unix)]
fn signal_of(status: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

#[cfg(not(unix))]
fn signal_of(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// The end of what a dead worker wrote on stderr.
fn last_words(mut file: std::fs::File) -> String {
    const TAIL: u64 = 4096;
    let length = file.metadata().map(|m| m.len()).unwrap_or(0);
    let _ = file.seek(std::io::SeekFrom::Start(length.saturating_sub(TAIL)));
    let mut tail = Vec::new();
    let _ = file.take(TAIL).read_to_end(&mut tail);
    String::from_utf8_lossy(&tail).into_owned()
}

fn send_path(input: &mut impl Write, path: &Path) -> std::io::Result<()> {
    let bytes = path_bytes(path);
    let length = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
    input.write_all(&length.to_le_bytes())?;
    input.write_all(&bytes)
}

/// One answer of a worker; `None` when the worker is gone or spoke nonsense.
///
/// An answer is the result with every sheet's rows taken out, then each sheet's rows in
/// chunks of [`ROWS_PER_CHUNK`] (see [`send`]): the chunks of a large sheet are decoded on
/// rayon's threads while the next are read, so that a 100,000-row workbook waits neither for
/// its whole answer nor for one thread to decode it.
fn receive(output: &mut impl Read, buffer: &mut Vec<u8>) -> Option<Result<Workbook, ReadError>> {
    let mut total = 0u64;
    read_frame(output, buffer, &mut total)?;
    let mut result: Result<Workbook, ReadError> = postcard::from_bytes(buffer).ok()?;
    if let Ok(book) = &mut result {
        for sheet in &mut book.sheets {
            read_frame(output, buffer, &mut total)?;
            let chunks: u32 = postcard::from_bytes(buffer).ok()?;
            sheet.rows = if chunks == 1 {
                read_frame(output, buffer, &mut total)?;
                decode_rows(buffer)?
            } else {
                receive_chunks(output, chunks, &mut total)?
            };
        }
    }
    Some(result)
}

/// A sheet's rows from one frame.
fn decode_rows(frame: &[u8]) -> Option<Vec<Vec<CellValue>>> {
    postcard::from_bytes(frame).ok()
}

/// A large sheet's rows, `chunks` frames of them, each decoded on rayon's threads while the
/// next is read (the worker encodes the next meanwhile, see [`send`]).
fn receive_chunks(
    output: &mut impl Read,
    chunks: u32,
    total: &mut u64,
) -> Option<Vec<Vec<CellValue>>> {
    // More chunks than a sheet within the limits has: an answer no worker writes.
    let chunks = usize::try_from(chunks)
        .ok()
        .filter(|&chunks| chunks <= super::MAX_ROWS.div_ceil(ROWS_PER_CHUNK))?;
    let slots: Vec<OnceLock<Option<Vec<Vec<CellValue>>>>> =
        (0..chunks).map(|_| OnceLock::new()).collect();
    rayon::in_place_scope(|scope| {
        for slot in &slots {
            let mut frame = Vec::new();
            read_frame(output, &mut frame, total)?;
            scope.spawn(move |_| {
                let _ = slot.set(decode_rows(&frame));
            });
        }
        Some(())
    })?;
    let mut rows = Vec::new();
    for slot in slots {
        rows.extend(slot.into_inner().flatten()?);
    }
    Some(rows)
}

/// Reads one length-prefixed frame into `buffer`; `None` when the worker is gone or its
/// answer, all frames together, is larger than it can be.
fn read_frame(output: &mut impl Read, buffer: &mut Vec<u8>, total: &mut u64) -> Option<()> {
    let mut length = [0u8; 4];
    output.read_exact(&mut length).ok()?;
    let length = u32::from_le_bytes(length);
    *total += u64::from(length);
    if *total > u64::from(MAX_REPLY_BYTES) {
        return None;
    }
    buffer.clear();
    // Room for the whole frame at once (a frame of a large sheet is megabytes, grown from
    // nothing it was copied at each doubling), within what one answer may be.
    buffer.reserve(length.min(MAX_FRAME_RESERVE) as usize);
    output
        .take(u64::from(length))
        .read_to_end(buffer)
        .ok()
        .filter(|&n| n == length as usize)?;
    Some(())
}

/// The most room made for a frame before its bytes arrive: a frame's length is the worker's
/// word, and memory is taken as the bytes come past this.
const MAX_FRAME_RESERVE: u32 = 64 * 1024 * 1024;

/// Rows per chunk of a sheet's answer: a form is one chunk; a consolidated sheet's chunks are
/// decoded while the next are encoded.
const ROWS_PER_CHUNK: usize = 8192;

/// Writes one answer (see [`receive`]).
fn send(output: &mut impl Write, mut result: Result<Workbook, ReadError>) -> std::io::Result<()> {
    let grids: Vec<Vec<Vec<CellValue>>> = match &mut result {
        Ok(book) => book
            .sheets
            .iter_mut()
            .map(|sheet| std::mem::take(&mut sheet.rows))
            .collect(),
        Err(_) => Vec::new(),
    };
    write_frame(
        output,
        &postcard::to_allocvec(&result).map_err(std::io::Error::other)?,
    )?;
    for rows in &grids {
        let count =
            u32::try_from(rows.len().div_ceil(ROWS_PER_CHUNK)).map_err(std::io::Error::other)?;
        write_frame(
            output,
            &postcard::to_allocvec(&count).map_err(std::io::Error::other)?,
        )?;
        // Each chunk is written as soon as it is encoded: the parent decodes one while this
        // thread encodes the next, instead of both processes waiting for the other's whole
        // sheet.
        for chunk in rows.chunks(ROWS_PER_CHUNK) {
            write_frame(
                output,
                &postcard::to_allocvec(chunk).map_err(std::io::Error::other)?,
            )?;
        }
    }
    Ok(())
}

fn write_frame(output: &mut impl Write, frame: &[u8]) -> std::io::Result<()> {
    let length = u32::try_from(frame.len()).map_err(std::io::Error::other)?;
    output.write_all(&length.to_le_bytes())?;
    output.write_all(frame)
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes))
}

// Windows paths that are not valid UTF-16 (unpaired surrogates) are sent lossily: such a file
// is reported unreadable ("không mở được tệp") instead of read.
#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

// ---------------------------------------------------------------------------
// The worker's side
// ---------------------------------------------------------------------------

/// The worker's loop (`dvk read-worker`): reads each path that comes on stdin and answers on
/// stdout, until stdin ends.
///
/// # Example
///
/// ```no_run
/// dvk::ingest::read::isolated::serve().unwrap();
/// ```
pub fn serve() -> std::io::Result<()> {
    cap_memory();
    let mut input = BufReader::new(std::io::stdin().lock());
    let output = Arc::new(Mutex::new(Answers {
        out: BufWriter::with_capacity(1024 * 1024, std::io::stdout()),
        held: 0,
        since: None,
    }));
    // Answers are sent several at a time (one write, one wake-up of the parent for several
    // files), but never held long: this thread sends what waits past `HOLD`, so that the
    // answers before a file that spins reach the parent, and the parent's clock blames that
    // file, not one already read.
    {
        let output = Arc::clone(&output);
        std::thread::spawn(move || loop {
            std::thread::sleep(HOLD);
            if let Ok(mut answers) = output.lock() {
                if answers.since.is_some_and(|since| since.elapsed() >= HOLD) {
                    let _ = answers.flush();
                }
            }
        });
    }
    loop {
        let mut length = [0u8; 4];
        if input.read_exact(&mut length).is_err() {
            return Ok(());
        }
        let length = u32::from_le_bytes(length) as usize;
        let mut bytes = vec![0u8; length];
        input.read_exact(&mut bytes)?;
        let path = path_from_bytes(bytes);
        start_clock();
        test_fault(&path);
        let result = read_workbook(&path);
        let mut answers = output
            .lock()
            .map_err(|_| std::io::Error::other("answers poisoned"))?;
        send(&mut answers.out, result)?;
        answers.held += 1;
        answers.since.get_or_insert_with(Instant::now);
        // Sent now when enough are waiting, or when the next path has not come yet (the
        // worker is about to wait for the parent, which may be waiting for these).
        if answers.held >= ANSWERS_PER_WRITE || !has_next_path(input.buffer()) {
            answers.flush()?;
        }
    }
}

/// Answers written but not sent yet.
struct Answers {
    out: BufWriter<std::io::Stdout>,
    /// How many.
    held: usize,
    /// Since when the oldest has waited.
    since: Option<Instant>,
}

impl Answers {
    fn flush(&mut self) -> std::io::Result<()> {
        self.held = 0;
        self.since = None;
        self.out.flush()
    }
}

/// Answers sent in one write at most.
const ANSWERS_PER_WRITE: usize = 8;

/// The longest an answer waits to be sent.
const HOLD: Duration = Duration::from_millis(3);

/// True when `buffered` holds a whole path message: the next read does not wait.
fn has_next_path(buffered: &[u8]) -> bool {
    buffered.len() >= 4
        && buffered.len() - 4
            >= u32::from_le_bytes([buffered[0], buffered[1], buffered[2], buffered[3]]) as usize
}

/// Caps the worker's address space so that its resident memory stays under
/// [`MAX_READER_BYTES`]: what it has mapped now (the allocator reserves a large range up front,
/// untouched), plus [`MAX_READER_BYTES`] less what is already resident.
#[cfg(target_os = "linux")]
fn cap_memory() {
    use nix::sys::resource::{setrlimit, Resource};
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kilobytes = |key: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(key))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .unwrap_or(0)
            .saturating_mul(1024)
    };
    let cap = kilobytes("VmSize:")
        .saturating_add(MAX_READER_BYTES)
        .saturating_sub(kilobytes("VmRSS:"));
    let _ = setrlimit(Resource::RLIMIT_AS, cap, cap);
}

/// Gives the file about to be read [`MAX_READ_SECONDS`] of processor time (RLIMIT_CPU, from
/// what the worker has used so far): past it the kernel ends the worker with SIGXCPU. Processor
/// time, not the clock: a busy machine slows a large workbook down without its reader being
/// stuck. The parent's clock watches too, at ten times the budget, for a worker that waits
/// for ever.
#[cfg(target_os = "linux")]
fn start_clock() {
    use nix::sys::resource::{getrusage, setrlimit, Resource, UsageWho, RLIM_INFINITY};
    let Ok(usage) = getrusage(UsageWho::RUSAGE_SELF) else {
        return;
    };
    let used = usage.user_time().tv_sec() + usage.system_time().tv_sec() + 1;
    let limit = u64::try_from(used).unwrap_or(0) + read_budget().as_secs();
    // Small files come hundreds a second, within the same second of processor time: the limit
    // set for the last one is this one's too.
    static SET: AtomicU64 = AtomicU64::new(0);
    if SET.swap(limit, Ordering::Relaxed) != limit {
        let _ = setrlimit(Resource::RLIMIT_CPU, limit, RLIM_INFINITY);
    }
}

/// Off Linux only the parent's clock watches, at the budget itself.
#[cfg(not(target_os = "linux"))]
fn start_clock() {}

/// How long the parent waits for a file, by the clock, before it kills the worker.
fn wall_budget() -> Duration {
    if cfg!(target_os = "linux") {
        read_budget() * 10
    } else {
        read_budget()
    }
}

/// SIGXCPU: the worker went past its processor time.
const CPU_LIMIT_SIGNAL: i32 = 24;

/// Caps the worker's committed memory at what it has committed now plus [`MAX_READER_BYTES`]:
/// a Job Object of its own with a per-process memory limit (the worker assigns itself to it, so
/// the parent needs no handle of the child's). The job also turns off the "stopped working"
/// dialog for the worker: a crash ends it at once instead of waiting for a click. Should any of
/// the calls fail the worker reads without a cap, as before the cap existed, and the parent's
/// clock still bounds it.
#[cfg(windows)]
fn cap_memory() {
    use std::mem::{size_of, zeroed};
    use windows_sys::Win32::Foundation::CloseHandle;
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
        SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION, JOB_OBJECT_LIMIT_PROCESS_MEMORY,
    };
    use windows_sys::Win32::System::ProcessStatus::{
        K32GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;

    // SAFETY: plain Win32 calls on the current process's pseudo-handle and a job handle this
    // function owns; every structure passed is a zeroed plain-data struct of the size given.
    unsafe {
        let mut counters: PROCESS_MEMORY_COUNTERS = zeroed();
        let size = size_of::<PROCESS_MEMORY_COUNTERS>() as u32;
        counters.cb = size;
        let committed = if K32GetProcessMemoryInfo(GetCurrentProcess(), &mut counters, size) != 0 {
            counters.PagefileUsage
        } else {
            0
        };
        let limit = usize::try_from(MAX_READER_BYTES)
            .unwrap_or(usize::MAX)
            .saturating_add(committed);
        let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
        if job.is_null() {
            return;
        }
        let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = zeroed();
        info.BasicLimitInformation.LimitFlags =
            JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
        info.ProcessMemoryLimit = limit;
        let set = SetInformationJobObject(
            job,
            JobObjectExtendedLimitInformation,
            std::ptr::from_ref(&info).cast(),
            size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
        );
        if set == 0 || AssignProcessToJobObject(job, GetCurrentProcess()) == 0 {
            CloseHandle(job);
        }
        // Otherwise the handle stays open for the worker's life: the job is the worker's.
    }
}

/// No memory cap elsewhere (see the module documentation).
#[cfg(not(any(target_os = "linux", windows)))]
fn cap_memory() {}

/// The test-only switch `DVK_TEST_READER_FAULT=abort:NAME` (or `spin:NAME`, `memory:NAME`):
/// the worker aborts, loops for ever, or allocates without end when it is given a file named
/// NAME, so that the tests can show the run survives it.
fn test_fault(path: &Path) {
    let Ok(fault) = std::env::var("DVK_TEST_READER_FAULT") else {
        return;
    };
    let Some((what, name)) = fault.split_once(':') else {
        return;
    };
    if path.file_name().and_then(|n| n.to_str()) != Some(name) {
        return;
    }
    match what {
        "abort" => std::process::abort(),
        "spin" => loop {
            std::hint::spin_loop();
        },
        "memory" => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![0u8; 64 * 1024 * 1024]);
                std::hint::black_box(&hoard);
            }
        }
        _ => {}
    }
}
