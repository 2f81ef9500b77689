//! Notebook 021's NFS check on the lab: cells [194] and [222] run `mount -t nfs4` on the manager
//! and the workers and tell the reader 「/exchange, /jupyterのエントリが存在していることを確認して
//! ください」. The lab's NFS client is FUSE over libnfs (type `fuse.nfs4` to the kernel), so the
//! image's `mount` stand-in lists those mounts as `nfs4`; anything that is not a listing goes to
//! the real mount(8). The whole notebook, run cell by cell with the SDK, is bench/notebook-021
//! (it needs the SDK, which CI does not have).
use crate::lab_nfs::{key_pair, ssh, ssh_until};
use crate::support::labrun::LabRun;

/// An NFS node as notebook 021 starts it without a VC disk, and a manager that mounts it.
const BUILD: &str = r#"
let pubkey = param("ssh_public_key_path");
let image = "harbor.vcloud.nii.ac.jp/vcp/coursewarehub";
let vcp = vcc::connect();
let ug = vcp.create_ugroup("NbHub");
let s = vcp.get_spec("aws", "small");
s.image = `${image}:base-nfsd`;
s.params_v = ["/sys/fs/cgroup:/sys/fs/cgroup:rw", "/lib/modules:/lib/modules:rw", "/exported:/exported"];
s.set_ssh_pubkey(pubkey);
s.params_e += ["UGROUP_NAME=NbHub", "EXTRA_MOUNT_POINTS=/share"];
s.dns = ["127.10.0.53"];
let nfs_ip = ug.create_unit("nfs", s).find_ip_addresses()[0];
let m = vcp.get_spec("aws", "small");
m.image = `${image}:base`;
m.set_ssh_pubkey(pubkey);
m.params_e += [`NFS_SERVER=${nfs_ip}`, "EXTRA_MOUNT_POINTS=/share"];
m.dns = [nfs_ip];
print(`nfs ${nfs_ip}`);
print(`manager ${ug.create_unit("manager", m).find_ip_addresses()[0]}`);
"#;

#[test]
fn lab_mount_t_nfs4_lists_the_hub_mounts_as_notebook_021_expects() {
    let lab = LabRun::new("nb-mount", 182);
    let key = key_pair(lab.dir.path());
    let script = lab.dir.write("nb.rhai", BUILD);
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
    let (nfs, manager) = (ip("nfs "), ip("manager "));
    let k = key.as_path();

    // the notebook's cell, as user vcp (ansible's -a without -b); the mounts come up at boot
    let mut listed = ssh_until(
        k,
        &manager,
        "mount -t nfs4 | grep -q ' on /exchange type nfs4 ' && mount -t nfs4",
    )
    .success();
    for dir in ["/mnt/nfs", "/jupyter", "/exchange", "/share"] {
        listed = listed.stdout_has(&format!("{nfs}:/ on {dir} type nfs4 ("));
    }
    // only a listing is rewritten: other types list no NFS, findmnt keeps the true type
    ssh(k, &manager, "mount -t ext4; mount -t tmpfs")
        .success()
        .stdout_lacks(" on /jupyter ");
    ssh(k, &manager, "findmnt -n -o FSTYPE /jupyter")
        .success()
        .stdout_has("fuse.nfs4");
    // mounting goes through the real mount(8) and the mount.nfs stand-in
    ssh(
        k,
        &manager,
        &format!("d=$(mktemp -d) && sudo mount -t nfs4 {nfs}:/ $d && findmnt -n -o FSTYPE $d && test -d $d/jupyter && sudo umount $d && rmdir $d"),
    )
    .success()
    .stdout_has("fuse.nfs4");
    // the NFS node itself has no NFS mount: the listing stays empty there
    let on_server = ssh(k, &nfs, "mount -t nfs4").success();
    assert!(on_server.stdout().trim().is_empty(), "{on_server}");
}
