//! The lab's node driver: the simulator's nodes as containers. Work arrives from the
//! simulator's handlers through [`NodeDriver::submit`] and runs on the runtime, one operation at
//! a time per node; the outcome of a node's latest operation is what the simulator reads back.
use crate::lab::docker::{Engine, Holder, LAB_LABEL, NodeContainer, OWNER_LABEL};
use crate::lab::error::{LabError, Result};
use crate::lab::node;
pub use crate::lab::node::LabTarget;
use crate::sim::driver::{Effect, NodeDriver, NodeInfo, Outcome};
use crate::sim::state::Next;
use crate::vcc::model::{State, UgroupKind};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

struct Inner {
    engine: Engine,
    target: LabTarget,
    rt: tokio::runtime::Handle,
    seq: AtomicU64,
    /// node id → (sequence of its latest operation, outcome once finished).
    outcomes: Mutex<HashMap<String, (u64, Option<Outcome>)>>,
    /// node id → lock serialising its operations.
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// Containers behind the simulator's nodes (cheap to clone).
#[derive(Clone)]
pub struct LabDriver(Arc<Inner>);

impl LabDriver {
    /// A driver for `target`, running its work on `rt`.
    pub fn new(engine: Engine, target: LabTarget, rt: tokio::runtime::Handle) -> Self {
        LabDriver(Arc::new(Inner {
            engine,
            target,
            rt,
            seq: AtomicU64::new(0),
            outcomes: Mutex::new(HashMap::new()),
            locks: Mutex::new(HashMap::new()),
        }))
    }
}

impl Inner {
    fn lock_for(&self, id: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut l = self.locks.lock().unwrap_or_else(|e| e.into_inner());
        l.entry(id.to_string()).or_default().clone()
    }

    async fn container_of(&self, id: &str) -> Result<Option<String>> {
        let cs = self
            .engine
            .containers(&[(LAB_LABEL, &self.target.lab), ("cwh.node", id)])
            .await?;
        Ok(cs.into_iter().find_map(|c| c.id))
    }

    /// Create-or-start the node's container and wait until it answers. An address another
    /// container holds is refused naming that container and whose it is.
    async fn up(&self, n: &NodeInfo) -> Result<()> {
        if n.kind == UgroupKind::Storage {
            let labels = node::labels(&self.target, n, None);
            return self
                .engine
                .create_volume(&node::volume_name(&self.target.lab, &n.id), labels)
                .await;
        }
        let spec = node::container(&self.target, n)?;
        self.address_free(&spec).await?;
        let id = match self.container_of(&n.id).await? {
            Some(id) => id,
            None => self.engine.create_node(&spec).await?,
        };
        if let Err(e) = self.engine.start(&id).await {
            // Docker says only "Address already in use": say who holds it
            self.address_free(&spec).await?;
            return Err(e);
        }
        node::wait_ready(&self.engine, &id, &spec.ip).await
    }

    /// An error when a container other than `spec`'s holds its address on the lab network.
    async fn address_free(&self, spec: &NodeContainer) -> Result<()> {
        match self.engine.address_holder(&spec.network, &spec.ip).await? {
            Some(h) if h.name != spec.name => Err(taken(&self.target, spec, &h)),
            _ => Ok(()),
        }
    }

    async fn off(&self, n: &NodeInfo) -> Result<()> {
        if let Some(id) = self.container_of(&n.id).await? {
            self.engine.stop(&id, 2).await?;
        }
        Ok(())
    }

    async fn gone(&self, n: &NodeInfo) -> Result<()> {
        if n.kind == UgroupKind::Storage {
            return self
                .engine
                .remove_volume(&node::volume_name(&self.target.lab, &n.id))
                .await;
        }
        if let Some(id) = self.container_of(&n.id).await? {
            self.engine.remove(&id).await?;
        }
        Ok(())
    }

    async fn run(&self, effect: &Effect) -> Outcome {
        let n = effect.node();
        let lock = self.lock_for(&n.id);
        let _g = lock.lock().await;
        let (r, target) = match effect {
            Effect::Create(n) | Effect::PowerOn(n) => (self.up(n).await, Next::To(State::Running)),
            Effect::PowerOff(n) => (self.off(n).await, Next::To(State::PowerOff)),
            Effect::Delete(n) => (self.gone(n).await, Next::Gone),
        };
        match r {
            Ok(()) => Outcome::Reached(target),
            Err(e) => {
                tracing::warn!("lab: {}/{} ({}): {e}", n.unit, n.no, n.id);
                Outcome::Failed(e.to_string())
            }
        }
    }
}

/// "address A is taken on network N by container C, …" with whose C is and what to do.
fn taken(t: &LabTarget, spec: &NodeContainer, h: &Holder) -> LabError {
    let l = |k: &str| h.labels.get(k).map(String::as_str);
    let whose = match (l(LAB_LABEL), l(OWNER_LABEL)) {
        (Some(lab), _) if lab == t.lab => crate::t!(
            "lab-address-unknown-node",
            unit = l("cwh.unit").unwrap_or("?"),
            no = l("cwh.node_no").unwrap_or("?"),
            lab = lab
        ),
        (Some(lab), Some(owner)) => {
            crate::t!("lab-address-other-lab-owner", lab = lab, owner = owner)
        }
        (Some(lab), None) => crate::t!("lab-address-other-lab", lab = lab),
        _ => crate::t!(
            "lab-address-not-lab",
            network = spec.network.as_str(),
            container = h.name.as_str()
        ),
    };
    LabError::Taken {
        message: crate::t!(
            "lab-address-taken",
            ip = spec.ip.as_str(),
            network = spec.network.as_str(),
            container = h.name.as_str(),
            whose = whose
        ),
        help: String::new(),
    }
}

impl NodeDriver for LabDriver {
    fn submit(&self, effect: Effect) {
        let seq = self.0.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let id = effect.node().id.clone();
        self.0
            .outcomes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.clone(), (seq, None));
        let inner = self.0.clone();
        self.0.rt.spawn(async move {
            let out = inner.run(&effect).await;
            let mut o = inner.outcomes.lock().unwrap_or_else(|e| e.into_inner());
            if o.get(&id).is_some_and(|(s, _)| *s == seq) {
                o.insert(id, (seq, Some(out)));
            }
        });
    }

    fn outcome(&self, id: &str) -> Option<Outcome> {
        self.0
            .outcomes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .and_then(|(_, o)| o.clone())
    }
}
