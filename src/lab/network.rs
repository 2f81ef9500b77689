//! The lab's network: a bridge `cwh-lab-<name>` on a /24 whose .100–.200 are the simulator's
//! node pool (so the VPN catalog's private_network_ipmask is the network itself).
use crate::lab::LabOptions;
use crate::lab::docker::{Engine, LAB_LABEL};
use crate::lab::error::{LabError, Result};
use std::collections::HashMap;
use std::net::Ipv4Addr;

/// The default lab's subnet.
pub const DEFAULT_SUBNET: Ipv4Addr = Ipv4Addr::new(172, 30, 2, 0);

/// `A.B.C.0/24` (or `A.B.C.D/24`) → the network address.
pub fn parse_subnet(s: &str) -> Result<Ipv4Addr> {
    let bad = || LabError::Usage(format!("`{s}` is not an IPv4 /24 subnet"));
    let (a, p) = s.trim().split_once('/').ok_or_else(bad)?;
    if p != "24" {
        return Err(bad());
    }
    let ip: Ipv4Addr = a.parse().map_err(|_| bad())?;
    Ok(Ipv4Addr::from(u32::from(ip) & 0xffff_ff00))
}

/// Candidates for a new lab's subnet, in order.
fn candidates(opts: &LabOptions) -> Vec<Ipv4Addr> {
    if let Some(s) = opts.subnet {
        return vec![s];
    }
    let mut v = Vec::new();
    if opts.name == crate::lab::DEFAULT_NAME {
        v.push(DEFAULT_SUBNET);
    }
    v.extend((3..=254).map(|n| Ipv4Addr::new(172, 30, n, 0)));
    v
}

/// Make sure the lab network exists; its subnet's network address.
pub async fn ensure(engine: &Engine, opts: &LabOptions) -> Result<Ipv4Addr> {
    let name = opts.network();
    if let Some(s) = engine.network_subnet(&name).await? {
        return parse_subnet(&s);
    }
    let used = engine.subnets_in_use().await?;
    let labels = HashMap::from([(LAB_LABEL.to_string(), opts.name.clone())]);
    let mut last = None;
    for net in candidates(opts)
        .into_iter()
        .filter(|n| !used.contains(&format!("{n}/24")))
        .take(5)
    {
        let gw = Ipv4Addr::from(u32::from(net) + 1);
        match engine
            .create_network(&name, &format!("{net}/24"), &gw.to_string(), labels.clone())
            .await
        {
            Ok(()) => return Ok(net),
            // A parallel lab took it, or it overlaps an address already on the host.
            Err(e) => {
                if let Some(s) = engine.network_subnet(&name).await? {
                    return parse_subnet(&s);
                }
                last = Some(e);
            }
        }
    }
    Err(last.unwrap_or_else(|| LabError::Usage("no free 172.30.N.0/24 subnet for the lab".into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnets_parse_and_the_default_lab_gets_the_default() {
        assert_eq!(
            parse_subnet("172.30.2.0/24").unwrap(),
            Ipv4Addr::new(172, 30, 2, 0)
        );
        assert!(parse_subnet("172.30.2.0/16").is_err());
        let o = LabOptions::new("cwh", std::path::Path::new(".")).unwrap();
        assert_eq!(candidates(&o)[0], DEFAULT_SUBNET);
        let o = LabOptions::new("t1", std::path::Path::new(".")).unwrap();
        assert_eq!(candidates(&o)[0], Ipv4Addr::new(172, 30, 3, 0));
        assert!(LabOptions::new("Bad Name", std::path::Path::new(".")).is_err());
    }
}
