//! Fault injection: a share of requests answers 502/503/504 before doing anything, or does its
//! work and then drops the connection (the worst case for a client: applied but unconfirmed);
//! optional latency on every request. A seed makes the sequence reproducible.
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Duration;

/// Fault settings.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FaultOptions {
    /// Share of requests that fail (0.0–1.0).
    pub rate: f64,
    /// Seed for a reproducible sequence (None = random).
    pub seed: Option<u64>,
    /// Delay added to every request.
    pub latency: Duration,
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// Served normally.
    None,
    /// Answered with this status without being processed.
    Status(u16),
    /// Processed, then the connection is dropped before the body.
    Drop,
}

/// The fault generator.
#[derive(Debug)]
pub struct Faults {
    opts: FaultOptions,
    rng: StdRng,
    injected: u64,
}

impl Faults {
    /// A generator for these options.
    pub fn new(opts: FaultOptions) -> Self {
        let rng = match opts.seed {
            Some(s) => StdRng::seed_from_u64(s),
            None => StdRng::from_os_rng(),
        };
        Faults {
            opts,
            rng,
            injected: 0,
        }
    }
    /// How many faults were injected so far.
    pub fn injected(&self) -> u64 {
        self.injected
    }
    /// Latency to add.
    pub fn latency(&self) -> Duration {
        self.opts.latency
    }
    /// Decide the next request's fate.
    pub fn decide(&mut self) -> Fault {
        if self.opts.rate <= 0.0 || self.rng.random::<f64>() >= self.opts.rate {
            return Fault::None;
        }
        self.injected += 1;
        match self.rng.random_range(0..4) {
            0 => Fault::Status(502),
            1 => Fault::Status(503),
            2 => Fault::Status(504),
            _ => Fault::Drop,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_sequence_is_reproducible_and_near_the_rate() {
        let o = FaultOptions {
            rate: 0.3,
            seed: Some(7),
            latency: Duration::ZERO,
        };
        let a: Vec<Fault> = (0..200)
            .map({
                let mut f = Faults::new(o);
                move |_| f.decide()
            })
            .collect();
        let b: Vec<Fault> = (0..200)
            .map({
                let mut f = Faults::new(o);
                move |_| f.decide()
            })
            .collect();
        assert_eq!(a, b);
        let n = a.iter().filter(|f| **f != Fault::None).count();
        assert!((30..=90).contains(&n), "{n}");
        let mut none = Faults::new(FaultOptions::default());
        assert!((0..100).all(|_| none.decide() == Fault::None));
    }
}
