//! The lab's network: a bridge `cwh-lab-<name>` on a /24 whose .100–.200 are the simulator's
//! node pool (so the VPN catalog's private_network_ipmask is the network itself).
use crate::lab::LabOptions;
use crate::lab::docker::{Engine, LAB_LABEL, NetInfo, OWNER_LABEL};
use crate::lab::error::{LabError, Result};
use std::collections::HashMap;
use std::net::Ipv4Addr;

/// The default lab's subnet.
pub const DEFAULT_SUBNET: Ipv4Addr = Ipv4Addr::new(172, 30, 2, 0);

/// `A.B.C.0/24` (or `A.B.C.D/24`) → the network address.
pub fn parse_subnet(s: &str) -> Result<Ipv4Addr> {
    let bad = || LabError::Usage(crate::t!("lab-subnet-invalid", subnet = s));
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
    v.extend(spare());
    v
}

/// The subnets a lab gets when none is asked for (the default lab's aside): 172.30.N.0/24,
/// N ≥ 3.
fn spare() -> impl Iterator<Item = Ipv4Addr> {
    (3..=254).map(|n| Ipv4Addr::new(172, 30, n, 0))
}

/// Does `net` (a /24) overlap subnet `cidr` (`A.B.C.D/N`) of another network?
fn overlaps(net: Ipv4Addr, cidr: &str) -> bool {
    let Some((a, p)) = cidr.split_once('/') else {
        return false;
    };
    let (Ok(a), Ok(p)) = (a.parse::<Ipv4Addr>(), p.parse::<u32>()) else {
        return false;
    };
    // the shorter prefix decides
    let p = p.min(24);
    let mask = if p == 0 { 0 } else { u32::MAX << (32 - p) };
    u32::from(a) & mask == u32::from(net) & mask
}

/// The first spare /24 that no network of `nets` overlaps (for a suggestion in a message).
pub fn first_free(nets: &[NetInfo]) -> Option<Ipv4Addr> {
    spare().find(|n| {
        !nets
            .iter()
            .any(|x| x.subnet.as_deref().is_some_and(|s| overlaps(*n, s)))
    })
}

/// Who holds `net`, in words: a lab's network (its name and owner) or another network.
fn holder(net: Ipv4Addr, nets: &[NetInfo]) -> Option<String> {
    let n = nets
        .iter()
        .find(|x| x.subnet.as_deref().is_some_and(|s| overlaps(net, s)))?;
    let network = n.name.as_str();
    Some(match n.labels.get(LAB_LABEL) {
        Some(lab) => match n.labels.get(OWNER_LABEL) {
            Some(o) => crate::t!(
                "lab-net-of-lab-owner",
                network = network,
                lab = lab,
                owner = o
            ),
            None => crate::t!("lab-net-of-lab", network = network, lab = lab),
        },
        None => crate::t!("lab-net-docker", network = network),
    })
}

/// Make sure the lab network exists (labelled with the lab and its owner); its subnet's
/// network address. A subnet asked for that another network holds is refused, naming it.
pub async fn ensure(engine: &Engine, opts: &LabOptions) -> Result<Ipv4Addr> {
    let name = opts.network();
    if let Some(s) = engine.network_subnet(&name).await? {
        return parse_subnet(&s);
    }
    let nets = engine.networks().await?;
    if let Some(asked) = opts.subnet
        && let Some(who) = holder(asked, &nets)
    {
        let help = match first_free(&nets) {
            Some(n) => crate::t!("lab-subnet-taken-help-free", free = format!("{n}/24")),
            None => crate::t!("lab-subnet-taken-help"),
        };
        return Err(LabError::Taken {
            message: crate::t!(
                "lab-subnet-taken",
                subnet = format!("{asked}/24"),
                lab = opts.name.as_str(),
                holder = who
            ),
            help,
        });
    }
    let labels = HashMap::from([
        (LAB_LABEL.to_string(), opts.name.clone()),
        (OWNER_LABEL.to_string(), opts.owner_text()),
    ]);
    let mut last = None;
    for net in candidates(opts)
        .into_iter()
        .filter(|n| holder(*n, &nets).is_none())
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
    Err(last.unwrap_or_else(|| LabError::Usage(crate::t!("lab-subnet-none-free"))))
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

    #[test]
    fn a_taken_subnet_is_named_with_its_lab_and_owner_and_a_free_one_found() {
        let net = |name: &str, subnet: &str, lab: Option<(&str, &str)>| NetInfo {
            name: name.into(),
            subnet: Some(subnet.into()),
            labels: lab
                .map(|(l, o)| {
                    HashMap::from([
                        (LAB_LABEL.to_string(), l.to_string()),
                        (OWNER_LABEL.to_string(), o.to_string()),
                    ])
                })
                .unwrap_or_default(),
        };
        let nets = vec![
            net("bridge", "172.17.0.0/16", None),
            net("cwh-lab-a", "172.30.3.0/24", Some(("a", "/srv/site-a"))),
            net("wide", "172.30.4.0/23", None),
        ];
        let who = holder(Ipv4Addr::new(172, 30, 3, 0), &nets).unwrap();
        assert_eq!(
            who,
            "the network cwh-lab-a of lab `a` (workdir /srv/site-a)"
        );
        assert_eq!(
            holder(Ipv4Addr::new(172, 30, 5, 0), &nets).unwrap(),
            "the Docker network wide"
        );
        assert!(holder(Ipv4Addr::new(172, 30, 2, 0), &nets).is_none());
        assert_eq!(first_free(&nets), Some(Ipv4Addr::new(172, 30, 6, 0)));
    }
}
