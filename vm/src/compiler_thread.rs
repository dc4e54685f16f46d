//! The background compiler: LLVM runs on a thread of its own while the
//! interpreter goes on (as HotSpot's and V8's compiler threads do), and a
//! loop switches to native code at a back-edge once its code is ready.
//! Recording stays on the interpreter's thread (it reads live objects);
//! only the trace, plain data, crosses over, and only the native entry's
//! address comes back. With `sync` the interpreter waits for each result
//! (`--jit-sync`: what the tests use for a deterministic `--jit-log`).

use pyjit_ir::{RuntimeTable, Trace};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// A trace to compile, by job number; `quick` where it is largely calls
/// through the VM (`Compiler::compile_at`).
struct Job {
    id: u64,
    trace: Trace,
    quick: bool,
}

/// What came of a job: the native entry's address and, with
/// `PYJIT_DUMP_LLVM=1`, the optimized LLVM IR; or why it failed.
pub(crate) struct Done {
    pub id: u64,
    pub result: Result<(usize, Option<String>), String>,
    /// How long the compiler thread worked on it.
    pub took: std::time::Duration,
}

pub(crate) struct CompilerThread {
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    /// Set at shutdown: jobs still queued are dropped, not compiled.
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl CompilerThread {
    /// Starts the thread; its compiler defines `table`'s runtime functions
    /// as symbols (made there, on first use).
    pub(crate) fn start(table: RuntimeTable) -> Result<CompilerThread, String> {
        let (jobs, job_rx) = channel::<Job>();
        let (done_tx, done) = channel::<Done>();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::Builder::new()
            .name("pyjit-compiler".into())
            .spawn(move || {
                let mut compiler: Option<Result<crate::codegen_library::Compiler, String>> = None;
                for job in job_rx {
                    if stopped.load(Ordering::Acquire) {
                        break;
                    }
                    let t0 = std::time::Instant::now();
                    // Loaded here, for the first job: the interpreter's
                    // thread goes on meanwhile. A bug in the code generator
                    // (a panic, which stops in the library) must not take
                    // the program down: the loop stays interpreted.
                    let c = compiler.get_or_insert_with(|| crate::codegen_library::Compiler::load(&table));
                    let result = match c {
                        Ok(c) => c.compile_at(&job.trace, job.quick),
                        Err(e) => Err(e.clone()),
                    };
                    if done_tx.send(Done { id: job.id, result, took: t0.elapsed() }).is_err() {
                        break;
                    }
                }
                // Its code stays mapped: another thread may still be
                // running it while the process exits.
                std::mem::forget(compiler);
            })
            .map_err(|e| format!("no compiler thread: {e}"))?;
        Ok(CompilerThread { jobs: Some(jobs), done, stop, thread: Some(thread) })
    }

    /// Queues `trace` as job `id`.
    pub(crate) fn submit(&self, id: u64, trace: Trace, quick: bool) -> Result<(), String> {
        let jobs = self.jobs.as_ref().ok_or("the compiler thread has stopped")?;
        jobs.send(Job { id, trace, quick }).map_err(|_| "the compiler thread has stopped".to_string())
    }

    /// The jobs done since the last call, without waiting.
    pub(crate) fn finished(&self) -> Vec<Done> {
        let mut out = Vec::new();
        loop {
            match self.done.try_recv() {
                Ok(d) => out.push(d),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return out,
            }
        }
    }

    /// Waits for the next job to be done.
    pub(crate) fn wait(&self) -> Option<Done> {
        self.done.recv().ok()
    }
}

impl Drop for CompilerThread {
    /// Lets the job being compiled finish and drops the others: LLVM must
    /// not be running on this thread while the process exits and its
    /// globals are torn down.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
