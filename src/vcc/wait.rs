//! Waiting for units: poll while transitional, with progress on stderr (an indicatif spinner
//! when stderr is a terminal, tracing info lines otherwise), a time-out, and the SDK's settle
//! delay after a real VCC reports a unit applied.
use crate::vcc::{Result, VccError};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How to wait.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WaitOptions {
    /// Time between polls.
    pub interval: Duration,
    /// Extra sleep after a unit settled (the SDK's 6 s; not after ERROR).
    pub settle: Duration,
    /// Give up after this long (`vcc.wait_timeout_sec`).
    pub timeout: Duration,
}

impl WaitOptions {
    /// The SDK's pace against a real VCC: poll every 5 s, settle 6 s.
    pub fn real_vcc(timeout_sec: u64) -> Self {
        WaitOptions {
            interval: Duration::from_secs(5),
            settle: Duration::from_secs(6),
            timeout: Duration::from_secs(timeout_sec),
        }
    }
    /// Against the simulator or the lab: poll every 200 ms, no settle.
    pub fn simulator(timeout_sec: u64) -> Self {
        WaitOptions {
            interval: Duration::from_millis(200),
            settle: Duration::ZERO,
            timeout: Duration::from_secs(timeout_sec),
        }
    }
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions::real_vcc(1000)
    }
}

/// One progress report.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// What is waited for (`unit manager`, `cleanup CoursewareHub`).
    pub label: String,
    /// Its current state.
    pub state: String,
    /// Time since the wait began.
    pub elapsed: Duration,
    /// True on the final report.
    pub done: bool,
}

type Callback = Arc<dyn Fn(&Tick) + Send + Sync>;

/// Where waiting reports go.
#[derive(Clone, Default)]
pub struct Progress {
    cb: Option<Callback>,
    silent: bool,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("silent", &self.silent)
            .finish()
    }
}

impl Progress {
    /// Spinner on stderr when it is a terminal, else `tracing` info lines (the default).
    pub fn stderr() -> Self {
        Progress::default()
    }
    /// No output at all.
    pub fn silent() -> Self {
        Progress {
            cb: None,
            silent: true,
        }
    }
    /// Send every tick to `f` (and nothing to stderr).
    pub fn callback(f: impl Fn(&Tick) + Send + Sync + 'static) -> Self {
        Progress {
            cb: Some(Arc::new(f)),
            silent: true,
        }
    }

    fn start(&self, label: &str) -> Reporter {
        let bar = if !self.silent && std::io::stderr().is_terminal() {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(Duration::from_millis(120));
            Some(b)
        } else {
            None
        };
        Reporter {
            p: self.clone(),
            label: label.to_string(),
            bar,
            last_state: String::new(),
            last_log: None,
        }
    }
}

/// Per-wait reporter; clears its spinner when dropped (so a cancelled wait leaves no debris).
struct Reporter {
    p: Progress,
    label: String,
    bar: Option<indicatif::ProgressBar>,
    last_state: String,
    last_log: Option<Instant>,
}

impl Reporter {
    fn report(&mut self, state: &str, elapsed: Duration, done: bool) {
        if let Some(cb) = &self.p.cb {
            cb(&Tick {
                label: self.label.clone(),
                state: state.into(),
                elapsed,
                done,
            });
        }
        if self.p.silent {
            return;
        }
        let secs = elapsed.as_secs();
        if let Some(b) = &self.bar {
            b.set_message(progress_line(&self.label, state, secs));
        } else if done {
            tracing::info!(
                "{}",
                crate::t!(
                    "vcc-wait-done",
                    what = shown(&self.label),
                    state = state_shown(state)
                )
            );
        } else if state != self.last_state
            || self
                .last_log
                .is_none_or(|t| t.elapsed() >= Duration::from_secs(5))
        {
            tracing::info!("{}", progress_line(&self.label, state, secs));
            self.last_log = Some(Instant::now());
        }
        self.last_state = state.into();
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

/// How one of several units waited for together stands (see [`Progress::start_many`]).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitStatus {
    /// Its state (`BOOTING`, `RUNNING`, `ERROR`, `gone`).
    pub state: String,
    /// Nodes (or disks) RUNNING.
    pub up: usize,
    /// Nodes (or disks) in all.
    pub total: usize,
    /// Settled (it is not polled any more).
    pub done: bool,
}

impl UnitStatus {
    fn line(&self, label: &str, secs: u64) -> String {
        crate::t!(
            "vcc-wait-progress-nodes",
            what = shown(label),
            state = state_shown(&self.state),
            seconds = secs,
            up = self.up,
            total = self.total
        )
    }
}

/// Reports for several units waited for together: one live line per unit on a terminal
/// (collapsed to one summary line when the wait ends), plain log lines otherwise. Clears its
/// lines when dropped (a cancelled wait leaves no debris).
pub struct ManyReporter {
    p: Progress,
    labels: Vec<String>,
    multi: Option<indicatif::MultiProgress>,
    bars: Vec<indicatif::ProgressBar>,
    last: Vec<Option<UnitStatus>>,
    last_log: Vec<Option<Instant>>,
    start: Instant,
}

impl Progress {
    /// A reporter for the units `labels` waited for together.
    pub fn start_many(&self, labels: &[String]) -> ManyReporter {
        let (multi, bars) = if !self.silent && std::io::stderr().is_terminal() {
            let m = indicatif::MultiProgress::new();
            let bars = labels
                .iter()
                .map(|l| {
                    let b = m.add(indicatif::ProgressBar::new_spinner());
                    b.enable_steady_tick(Duration::from_millis(120));
                    b.set_message(crate::t!("vcc-wait-starting", what = shown(l)));
                    b
                })
                .collect();
            (Some(m), bars)
        } else {
            (None, Vec::new())
        };
        ManyReporter {
            p: self.clone(),
            labels: labels.to_vec(),
            multi,
            bars,
            last: vec![None; labels.len()],
            last_log: vec![None; labels.len()],
            start: Instant::now(),
        }
    }
}

impl ManyReporter {
    /// Time since the wait began.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// What unit `i` looks like now.
    pub fn report(&mut self, i: usize, st: &UnitStatus) {
        let elapsed = self.start.elapsed();
        let label = &self.labels[i];
        if let Some(cb) = &self.p.cb {
            cb(&Tick {
                label: label.clone(),
                state: st.state.clone(),
                elapsed,
                done: st.done,
            });
        }
        let changed = self.last[i].as_ref() != Some(st);
        if self.p.silent {
            self.last[i] = Some(st.clone());
            return;
        }
        let secs = elapsed.as_secs();
        if let Some(b) = self.bars.get(i) {
            b.set_message(st.line(label, secs));
            if st.done {
                b.disable_steady_tick();
                b.tick();
            }
        } else if st.done {
            if changed {
                tracing::info!(
                    "{}",
                    crate::t!(
                        "vcc-wait-done-nodes",
                        what = shown(label),
                        state = state_shown(&st.state),
                        up = st.up,
                        total = st.total,
                        seconds = secs
                    )
                );
            }
        } else if changed || self.last_log[i].is_none_or(|t| t.elapsed() >= Duration::from_secs(5))
        {
            tracing::info!("{}", st.line(label, secs));
            self.last_log[i] = Some(Instant::now());
        }
        self.last[i] = Some(st.clone());
    }

    /// The wait is over: the live lines give way to one summary line.
    pub fn finish(&mut self) {
        self.clear();
        if self.p.silent {
            return;
        }
        let parts: Vec<String> = self
            .labels
            .iter()
            .zip(&self.last)
            .map(|(l, s)| match s {
                Some(s) => crate::t!(
                    "vcc-wait-summary-unit",
                    unit = l.trim_start_matches("unit "),
                    state = state_shown(&s.state),
                    up = s.up,
                    total = s.total
                ),
                None => crate::t!(
                    "vcc-wait-summary-unknown",
                    unit = l.trim_start_matches("unit ")
                ),
            })
            .collect();
        tracing::info!(
            "{}",
            crate::t!(
                "vcc-wait-summary",
                count = self.labels.len(),
                seconds = self.start.elapsed().as_secs(),
                units = crate::i18n::words::list(&parts)
            )
        );
    }

    fn clear(&mut self) {
        for b in self.bars.drain(..) {
            b.finish_and_clear();
        }
        if let Some(m) = self.multi.take() {
            let _ = m.clear();
        }
    }
}

impl Drop for ManyReporter {
    fn drop(&mut self) {
        self.clear();
    }
}

/// What is waited for, in the reader's language: the labels are `unit NAME`, `unit group NAME`
/// and `cleanup NAME` (callbacks get them as they are).
fn shown(label: &str) -> String {
    if let Some(n) = label.strip_prefix("unit group ") {
        crate::t!("vcc-wait-what-ugroup", name = n)
    } else if let Some(n) = label.strip_prefix("unit ") {
        crate::t!("vcc-wait-what-unit", name = n)
    } else if let Some(n) = label.strip_prefix("cleanup ") {
        crate::t!("vcc-wait-what-cleanup", name = n)
    } else {
        label.to_string()
    }
}

/// A state as shown: the VCC's states as they are (BOOTING, RUNNING…), cwh's own words in the
/// reader's language.
fn state_shown(state: &str) -> String {
    match state {
        "settled" => crate::t!("vcc-wait-state-settled"),
        "gone" => crate::t!("vcc-wait-state-gone"),
        "created" => crate::t!("vcc-wait-state-created"),
        other => other.to_string(),
    }
}

/// `unit manager: BOOTING ... 3 sec`.
fn progress_line(label: &str, state: &str, secs: u64) -> String {
    crate::t!(
        "vcc-wait-progress",
        what = shown(label),
        state = state_shown(state),
        seconds = secs
    )
}

/// What one poll saw.
#[derive(Debug, Clone, PartialEq)]
pub enum Poll {
    /// Still transitional, in this state.
    Pending(String),
    /// Settled, in this state (None = gone).
    Done(Option<String>),
}

/// Poll until `poll` reports [`Poll::Done`], or time out with an error that says the nodes
/// may still come up. Returns the final state. Drop-safe: cancelling just stops polling.
pub async fn poll_until(
    opts: &WaitOptions,
    progress: &Progress,
    label: &str,
    mut poll: impl AsyncFnMut() -> Result<Poll>,
) -> Result<Option<String>> {
    let start = Instant::now();
    let mut rep = progress.start(label);
    loop {
        match poll().await? {
            Poll::Done(state) => {
                rep.report(state.as_deref().unwrap_or("gone"), start.elapsed(), true);
                return Ok(state);
            }
            Poll::Pending(state) => {
                if start.elapsed() >= opts.timeout {
                    return Err(VccError::WaitTimeout {
                        unit: label.trim_start_matches("unit ").to_string(),
                        state,
                        waited_sec: start.elapsed().as_secs(),
                    });
                }
                rep.report(&state, start.elapsed(), false);
                tokio::time::sleep(opts.interval).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vcc::model::State;
    use std::sync::Mutex;

    #[test]
    fn polls_until_done_and_reports() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let ticks = Arc::new(Mutex::new(Vec::new()));
        let t2 = ticks.clone();
        let p = Progress::callback(move |t| t2.lock().unwrap().push((t.state.clone(), t.done)));
        let opts = WaitOptions {
            interval: Duration::from_millis(1),
            settle: Duration::ZERO,
            timeout: Duration::from_secs(60),
        };
        let mut n = 0;
        let r = rt.block_on(poll_until(&opts, &p, "unit u", || {
            n += 1;
            let v = if n < 3 {
                Poll::Pending(State::Booting.to_string())
            } else {
                Poll::Done(Some(State::Running.to_string()))
            };
            async move { Ok(v) }
        }));
        assert_eq!(r.unwrap().as_deref(), Some(State::Running.as_str()));
        let t = ticks.lock().unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[2], (State::Running.to_string(), true));
    }

    #[test]
    fn times_out_with_recheck_advice() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let opts = WaitOptions {
            interval: Duration::from_millis(1),
            settle: Duration::ZERO,
            timeout: Duration::ZERO,
        };
        let e = rt
            .block_on(poll_until(&opts, &Progress::silent(), "unit w", || async {
                Ok(Poll::Pending(State::Booting.to_string()))
            }))
            .unwrap_err();
        assert!(
            matches!(&e, VccError::WaitTimeout { unit, state, .. } if unit == "w" && *state == State::Booting.as_str())
        );
        let help = miette::Diagnostic::help(&e).unwrap().to_string();
        assert!(help.contains("may still come up"));
    }
}
