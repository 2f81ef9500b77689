//! VCC client core (no Rhai): configuration, the REST client, CCI documents, the object model,
//! specs and waiting. See vcc-rest.md for the protocol.
pub mod cci;
pub mod client;
pub mod config;
pub mod error;
pub mod filter;
pub mod handle;
pub mod http;
pub mod model;
pub mod names;
pub mod spec;
pub mod table;
pub mod target;
pub mod wait;

pub use client::Client;
pub use config::{Config, ConfigSource};
pub use error::{Result, VccError};
pub use filter::{
    AddNodesOptions, DeleteNodesOptions, NodeFilterOptions, PowerOffNodesOptions,
    PowerOnNodesOptions, UgroupFilter,
};
pub use handle::{UgroupHandle, UnitHandle};
pub use http::{ConnectOptions, RetryPolicy, override_url};
pub use model::{
    AddNodes, Disk, Node, NodeFilter, NodeOp, NodeSelector, State, UgroupId, UgroupKind, Unit,
    UnitGroup, UnitId, VcNode, VersionInfo,
};
pub use spec::Spec;
pub use target::Target;
pub use wait::{Progress, Tick, UnitStatus, WaitOptions};
