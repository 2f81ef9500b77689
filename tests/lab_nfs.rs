//! The lab runs today's suite's NFS for real (issue 21, item 6, the lab side): the stand-ins of
//! `coursewarehub:base-nfsd` (nfs-ganesha, the exportfs and systemctl stand-ins, dnsmasq) and of
//! `coursewarehub:base` with `NFS_SERVER` (the NFS mounts through FUSE over libnfs), chosen at
//! boot from the spec's image and env, and `spec.dns` honoured with no lookup leaving the lab.
//! One lab, built by a small script as notebook 021 starts its nodes; every check goes over
//! SSH as the notebooks' cells do.
use crate::support::labrun::LabRun;
use crate::support::{Cmd, Run};
use std::path::{Path, PathBuf};

/// An NFS node (with a VC disk, so NFS_MKFS=yes), a hub node that mounts it and uses it as its
/// DNS server, a `base` node the exports will not list and whose spec names no DNS server, and
/// a plain base container with NFS_SERVER (the 2020 flow's worker): it must stay as before.
const BUILD: &str = r#"
let pubkey = param("ssh_public_key_path");
let image = "harbor.vcloud.nii.ac.jp/vcp/coursewarehub";
let vcp = vcc::connect();

let ug_disk = vcp.create_ugroup("HubA_disk", "storage");
let dspec = vcp.get_spec("aws_disk", "small");
dspec.size = 1;
ug_disk.create_unit("nfs", dspec);

let ug = vcp.create_ugroup("HubA");
let s = vcp.get_spec("aws", "small");
s.image = `${image}:base-nfsd`;
s.params_v = ["/sys/fs/cgroup:/sys/fs/cgroup:rw", "/lib/modules:/lib/modules:rw"];
s.set_ssh_pubkey(pubkey);
s.params_e += ["UGROUP_NAME=HubA", "NFS_MKFS=yes", "EXTRA_MOUNT_POINTS=/share"];
s.disks = ug_disk.find_nodes();
s.dns = ["127.10.0.53"];
let nfs_ip = ug.create_unit("nfs", s).find_ip_addresses()[0];
print(`nfs ${nfs_ip}`);

fn client(vcp, image, pubkey, nfs_ip) {
    let c = vcp.get_spec("aws", "small");
    c.image = image;
    c.set_ssh_pubkey(pubkey);
    c.params_e += [`NFS_SERVER=${nfs_ip}`, "EXTRA_MOUNT_POINTS=/share"];
    c
}
let m = client(vcp, `${image}:base`, pubkey, nfs_ip);
m.dns = [nfs_ip];
print(`manager ${ug.create_unit("manager", m).find_ip_addresses()[0]}`);
let w = client(vcp, `${image}:base`, pubkey, nfs_ip);
print(`worker ${ug.create_unit("worker", w).find_ip_addresses()[0]}`);
let p = client(vcp, `${image}:worker`, pubkey, nfs_ip);
print(`plain ${ug.create_unit("plain", p).find_ip_addresses()[0]}`);
"#;

/// Power the NFS node off and on (the notebooks' exports must survive it).
const CYCLE: &str = r#"
let nfs = vcc::connect().get_ugroup("HubA").get_unit("nfs");
nfs.power_off_nodes();
nfs.power_on_nodes();
print("cycled");
"#;

struct Nodes {
    nfs: String,
    manager: String,
    worker: String,
    plain: String,
}

fn key_pair(dir: &Path) -> PathBuf {
    let key = dir.join("id_lab");
    let st = std::process::Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "cwh-lab-nfs-test",
            "-f",
        ])
        .arg(&key)
        .status()
        .expect("ssh-keygen (apt-get install openssh-client)");
    assert!(st.success());
    key
}

/// `ssh vcp@ip cmd` with the test's key.
fn ssh(key: &Path, ip: &str, cmd: &str) -> Run {
    Cmd::new("ssh")
        .arg("-i")
        .arg(key)
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=10",
        ])
        .arg(format!("vcp@{ip}"))
        .arg(cmd)
        .run()
}

/// `cmd` on `ip` until it succeeds (a mount made in the background at boot), at most a minute.
fn ssh_until(key: &Path, ip: &str, cmd: &str) -> Run {
    ssh(
        key,
        ip,
        &format!("for i in $(seq 1 60); do ( {cmd} ) && exit 0; sleep 1; done; ( {cmd} )"),
    )
}

/// HostConfig.Dns of the lab's container for unit `unit`.
fn container_dns(lab: &LabRun, unit: &str) -> String {
    let names = lab.docker_ps("{{.Names}} {{.Label \"cwh.unit\"}}");
    let name = names
        .iter()
        .find_map(|l| l.strip_suffix(&format!(" {unit}")))
        .unwrap_or_else(|| panic!("no container of unit {unit} in {names:?}"));
    let o = std::process::Command::new("docker")
        .args(["inspect", "-f", "{{json .HostConfig.Dns}}", name])
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn build(lab: &LabRun, key: &Path) -> Nodes {
    let script = lab.dir.write("nfs.rhai", BUILD);
    let pubkey = format!("ssh_public_key_path={}.pub", key.display());
    let r = lab
        .run(script.to_str().unwrap(), &["--set", &pubkey])
        .success();
    let ip = |p: &str| {
        r.stdout()
            .lines()
            .find_map(|l| l.strip_prefix(p))
            .unwrap_or_else(|| panic!("no `{p}` line in:\n{r}"))
            .trim()
            .to_string()
    };
    Nodes {
        nfs: ip("nfs "),
        manager: ip("manager "),
        worker: ip("worker "),
        plain: ip("plain "),
    }
}

#[test]
fn lab_nfs_node_serves_by_client_ip_and_dnsmasq_answers_only_inside_the_lab() {
    let lab = LabRun::new("i-nfs", 110);
    let key = key_pair(lab.dir.path());
    let n = build(&lab, &key);
    let k = key.as_path();

    // ## the NFS node, as notebook 021's "NFSサーバの確認" cells see it
    ssh(k, &n.nfs, "sudo systemctl status nfs-server")
        .success()
        .stdout_has("Active: active (running)");
    ssh(k, &n.nfs, "sudo exportfs -v")
        .success()
        .stdout_has("/exported/HubA")
        .stdout_has("*(rw,fsid=0,no_root_squash");
    ssh(
        k,
        &n.nfs,
        "stat -c '%n %a' /exported/HubA/jupyter /exported/HubA/exchange /jupyter /exchange && test -d /exported/HubA/share",
    )
    .success()
    .stdout_has("/exported/HubA/jupyter 777")
    .stdout_has("/exported/HubA/exchange 777")
    .stdout_has("/jupyter 777");
    // NFS_MKFS=yes: /exported is the VC disk (the lab's disk volume)
    ssh(k, &n.nfs, "findmnt -n -o SOURCE /exported")
        .success()
        .stdout_has("cwh-t-i-nfs-disk-");

    // ## exports restricted to the hub's address (021 "NFSの設定"), then a file on the server
    let line = format!(
        "/exported/HubA {}(rw,fsid=0,no_root_squash,no_subtree_check,sync,crossmnt)",
        n.manager
    );
    ssh(
        k,
        &n.nfs,
        &format!(
            "echo '{line}' | sudo tee /etc/exports.d/HubA.exports >/dev/null && sudo exportfs -r -v"
        ),
    )
    .success()
    .stdout_has(&format!("exporting {}:/exported/HubA", n.manager));
    ssh(k, &n.nfs, "echo from-the-nfs-node > /jupyter/probe.txt").success();

    // the hub reads it through its mount (FUSE over NFS) and without a mount (libnfs)
    ssh_until(
        k,
        &n.manager,
        "findmnt -n -o FSTYPE,SOURCE /mnt/nfs && findmnt -n /jupyter",
    )
    .success()
    .stdout_has(&format!("fuse.nfs4 {}:/", n.nfs));
    ssh(k, &n.manager, "cat /jupyter/probe.txt")
        .success()
        .stdout_has("from-the-nfs-node");
    ssh(
        k,
        &n.manager,
        &format!("nfs-cat nfs://{}/exported/HubA/jupyter/probe.txt", n.nfs),
    )
    .success()
    .stdout_has("from-the-nfs-node");
    // and writes through it, as its own user
    ssh(k, &n.manager, "echo from-the-hub > /exchange/hub.txt").success();
    ssh(
        k,
        &n.nfs,
        "stat -c '%U' /exported/HubA/exchange/hub.txt && cat /exported/HubA/exchange/hub.txt",
    )
    .success()
    .stdout_has("vcp")
    .stdout_has("from-the-hub");

    // ## notebook 021's mount check ([194] on the manager, [222] on the workers): `mount -t
    // nfs4` must list /jupyter and /exchange. The lab's client is FUSE over libnfs (type
    // `fuse.nfs4` to the kernel): the image's `mount` stand-in lists those mounts as `nfs4`,
    // and anything that is not a listing goes to the real mount(8)
    let mut listed = ssh(k, &n.manager, "mount -t nfs4").success();
    for dir in ["/jupyter", "/exchange", "/share"] {
        listed = listed.stdout_has(&format!(" on {dir} type nfs4 ("));
    }
    ssh(k, &n.manager, "mount -t ext4; mount -t tmpfs")
        .success()
        .stdout_lacks(" on /jupyter ");
    ssh(k, &n.manager, "findmnt -n -o FSTYPE /jupyter")
        .success()
        .stdout_has("fuse.nfs4");
    ssh(
        k,
        &n.manager,
        &format!("d=$(mktemp -d) && sudo mount -t nfs4 {}:/ $d && findmnt -n -o FSTYPE $d && test -d $d/jupyter && sudo umount $d && rmdir $d", n.nfs),
    )
    .success()
    .stdout_has("fuse.nfs4");
    let on_server = ssh(k, &n.nfs, "mount -t nfs4").success();
    assert!(on_server.stdout().trim().is_empty(), "{on_server}");

    // ## an address not in the exports is refused, with and without a mount
    ssh(
        k,
        &n.worker,
        &format!("nfs-cat nfs://{}/exported/HubA/jupyter/probe.txt", n.nfs),
    )
    .failure()
    .stderr_has("MNT3ERR_ACCES");
    ssh(k, &n.worker, "cat /jupyter/probe.txt")
        .failure()
        .stdout_lacks("from-the-nfs-node");
    ssh(
        k,
        &n.worker,
        &format!("sudo mount -t nfs4 {}:/ /mnt", n.nfs),
    )
    .failure()
    .stderr_has("access denied by server");

    // ## master_fqdn through dnsmasq on the NFS node (021 "managerノードのホスト名")
    ssh(
        k,
        &n.nfs,
        &format!(
            "echo '{} hub-a.example.org' | sudo tee -a /etc/hosts-dnsmasq >/dev/null && sudo systemctl restart dnsmasq",
            n.manager
        ),
    )
    .success();
    for ip in [&n.manager, &n.nfs] {
        ssh(k, ip, "getent hosts hub-a.example.org")
            .success()
            .stdout_has(&n.manager);
    }
    // no lookup leaves the lab: a name outside is not found, through dnsmasq (no upstream)
    // or through the lab's resolver of a node whose spec names no DNS server
    for ip in [&n.manager, &n.nfs, &n.worker, &n.plain] {
        ssh(k, ip, "getent hosts deb.debian.org").code(2);
    }
    ssh(k, &n.worker, "getent hosts hub-a.example.org").code(2);
    // the same for the containers a node's own dockerd runs (an image made on the node)
    let inner = "tar -ch /usr/bin/getent /lib/x86_64-linux-gnu/libc.so.6 /lib64/ld-linux-x86-64.so.2 \
                 /etc/nsswitch.conf 2>/dev/null | docker import - lab-getent >/dev/null && \
                 docker run --rm lab-getent /usr/bin/getent hosts";
    ssh(k, &n.manager, &format!("{inner} hub-a.example.org"))
        .success()
        .stdout_has(&n.manager);
    for ip in [&n.manager, &n.worker] {
        ssh(k, ip, &format!("{inner} deb.debian.org")).code(2);
    }
    assert_eq!(container_dns(&lab, "nfs"), r#"["127.10.0.53"]"#);
    assert_eq!(container_dns(&lab, "manager"), format!(r#"["{}"]"#, n.nfs));
    assert_eq!(container_dns(&lab, "worker"), r#"["127.0.0.1"]"#);
    assert_eq!(container_dns(&lab, "plain"), r#"["127.0.0.1"]"#);

    // ## a node of another image (the 2020 flow's worker, NFS_SERVER set) stays as it was
    ssh(
        k,
        &n.plain,
        "test ! -e /etc/cwh-lab/role && test ! -e /jupyter && test -z \"$(findmnt -n -t fuse.nfs4)\" \
         && ! pgrep -x ganesha.nfsd && ! grep -v '^#' /etc/fstab && echo as-before",
    )
    .success()
    .stdout_has("as-before");
    ssh(k, &n.plain, "systemctl status nfs-server")
        .code(4)
        .stderr_has("could not be found");

    // ## a power cycle of the NFS node keeps the notebook's exports; the hub reads again
    let cycle = lab.dir.write("cycle.rhai", CYCLE);
    lab.run(cycle.to_str().unwrap(), &[]).success();
    ssh(k, &n.nfs, "sudo exportfs -v")
        .success()
        .stdout_has(&n.manager)
        .stdout_lacks("*(");
    ssh_until(k, &n.manager, "cat /jupyter/probe.txt")
        .success()
        .stdout_has("from-the-nfs-node");
    ssh(
        k,
        &n.worker,
        &format!("nfs-cat nfs://{}/exported/HubA/jupyter/probe.txt", n.nfs),
    )
    .failure()
    .stderr_has("MNT3ERR_ACCES");
}
