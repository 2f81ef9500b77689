//! Swarm commands over an SSH host.
use super::{Output, Runner};
use crate::ssh::{ExecOptions, Host};
use futures::future::BoxFuture;

impl Runner for Host {
    fn host(&self) -> String {
        self.name().to_string()
    }
    fn run<'a>(&'a self, cmd: &'a str) -> BoxFuture<'a, Result<Output, String>> {
        Box::pin(exec(self, cmd, ExecOptions::default()))
    }
    fn query<'a>(&'a self, cmd: &'a str) -> BoxFuture<'a, Result<Output, String>> {
        Box::pin(exec(self, cmd, ExecOptions::query()))
    }
}

async fn exec(h: &Host, cmd: &str, eo: ExecOptions) -> Result<Output, String> {
    let r = h.exec(cmd, &eo).await.map_err(|e| e.full_message())?;
    if let Some(e) = r.error {
        return Err(e);
    }
    Ok(Output {
        rc: r.rc,
        stdout: r.stdout,
        stderr: r.stderr,
    })
}
