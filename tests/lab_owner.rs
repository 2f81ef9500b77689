//! A lab belongs to the workdir that made it (issue 24): two workdirs with a lab each at once,
//! on the real lab. Neither sees nor removes the other's nodes, a run from the wrong workdir is
//! refused before anything is created (the default lab's behaviour: a second workdir is told
//! whose the lab is and given a free name and subnet), an address another container holds is
//! named with its holder, and a lab whose workdir is gone is an orphan any workdir removes.
//! One build per lab, both at once, shared by every check (lab tests are slow on 2 cores).
use crate::support::Cmd;
use crate::support::labrun::{LabRun, owner_in};
use std::path::{Path, PathBuf};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/coursewarehub.rhai");
const REGISTRY: &str = "/var/lib/cwh/labs";

/// scripts/coursewarehub.rhai with one node (a manager-only swarm) at 172.30.`net`.100, and
/// with `nfs` a storage unit (a Docker volume).
fn build(l: &LabRun, net: u8, nfs: bool) {
    let ip = format!("vc_ipaddress=172.30.{net}.100");
    let mut sets = vec![
        "--set",
        &ip,
        "--set",
        "vc_flavor=small",
        "--set",
        "vc_disk_size=16",
        "--set",
        "vc_nodes=1",
        "--set",
        "unit_group=Solo",
        "--set",
    ];
    sets.push(if nfs {
        "vc_nfs_disk_size=16"
    } else {
        "vc_nfs_disk_size=0"
    });
    l.run(SCRIPT, &sets)
        .success()
        .stdout_has(&format!("are ready: manager 172.30.{net}.100, 0 worker(s)"));
}

/// Everything of lab `name` on the engine: container ids, volume names, network id — and the
/// `cwh.lab.owner` label of each.
fn objects(name: &str) -> (Vec<String>, Vec<String>) {
    let lines = |args: &[&str]| -> Vec<String> {
        Cmd::new("docker")
            .args(args)
            .run()
            .success()
            .stdout()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let filter = format!("label=cwh.lab={name}");
    let fmt = "{{.ID}} {{.Label \"cwh.lab.owner\"}}";
    let mut ids = lines(&[
        "ps",
        "-a",
        "--no-trunc",
        "--format",
        fmt,
        "--filter",
        &filter,
    ]);
    let vols = lines(&[
        "volume",
        "ls",
        "--format",
        "{{.Name}} {{.Label \"cwh.lab.owner\"}}",
        "--filter",
        &filter,
    ]);
    ids.extend(vols.iter().cloned());
    let net = lines(&[
        "network",
        "ls",
        "--no-trunc",
        "--format",
        "{{.ID}} {{.Name}} {{.Label \"cwh.lab.owner\"}}",
        "--filter",
        &filter,
    ]);
    ids.extend(net);
    ids.sort();
    (ids, vols)
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap()
}

fn status_ips(l: &LabRun) -> Vec<String> {
    let rows = l
        .cwh()
        .args(["lab", "status", "--output", "json"])
        .run()
        .success()
        .stdout_json();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["ip"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn two_workdirs_own_their_labs_and_an_orphan_is_anyones_to_remove() {
    let a = LabRun::new("a-one", 40);
    let b = LabRun::new("a-two", 41);
    // both build at once, each in its own lab
    std::thread::scope(|s| {
        s.spawn(|| build(&a, 40, true));
        s.spawn(|| build(&b, 41, false));
    });
    let (wa, wb) = (canonical(a.dir.path()), canonical(b.dir.path()));

    // the owner is on every object and in the machine-wide record
    let (before, vols) = objects(&a.name);
    assert_eq!(before.len(), 3, "container, volume, network: {before:?}");
    assert_eq!(vols.len(), 1, "{vols:?}");
    for o in &before {
        assert!(o.ends_with(&format!(" {}", wa.display())), "{o}");
    }
    let record = || std::fs::read_to_string(format!("{REGISTRY}/{}.json", a.name)).unwrap();
    let rec = record();
    assert!(
        rec.contains(&format!("\"owner\": \"{}\"", wa.display())),
        "{rec}"
    );

    // each workdir sees only its own lab's nodes
    assert_eq!(status_ips(&a), ["172.30.40.100"]);
    assert_eq!(status_ips(&b), ["172.30.41.100"]);

    // from the wrong workdir: status, down and a run are refused, naming the owner and the
    // way to a lab of one's own, and change nothing
    let in_b = || {
        let mut c = b.dir.cwh();
        c.env("CWH_LAB", &a.name);
        c
    };
    let owner = format!("belongs to the workdir {}, not to this one", wa.display());
    in_b()
        .args(["lab", "status"])
        .run()
        .code(2)
        .stderr_has(&owner)
        .stderr_has(&format!("This workdir's own lab is `{}`", b.name))
        .stdout_lacks("172.30.40.100");
    let down = in_b()
        .args(["lab", "down"])
        .run()
        .code(2)
        .stderr_has(&owner)
        .stderr_has("nothing was removed")
        .stderr_has(&format!("cd {} && cwh lab down", wa.display()));
    assert_eq!(owner_in(down.stderr()), Some(wa.clone()));
    // the default-lab case: a second workdir asking for a lab that is taken is refused before
    // anything is created, and told a name and a subnet that are free now
    let script = b
        .dir
        .write("nodes.rhai", "print(vcc::connect().ugroups());");
    let run = in_b()
        .args(["run", script.to_str().unwrap(), "--lab"])
        .run()
        .code(2)
        .stderr_has(&owner)
        .stderr_has("nothing of the lab was created or changed")
        .stderr_has("--lab-name ")
        .stderr_has("--lab-subnet ");
    let hint = run.stderr().split("--lab-subnet ").nth(1).unwrap();
    let subnet = hint.split('`').next().unwrap().trim();
    assert!(subnet.ends_with(".0/24"), "{subnet}");
    let used = Cmd::new("sh")
        .args([
            "-c",
            "docker network inspect $(docker network ls -q) --format '{{range .IPAM.Config}}{{.Subnet}} {{end}}'",
        ])
        .run()
        .success();
    assert!(
        !used.stdout().contains(subnet),
        "suggested a used subnet {subnet}"
    );
    assert!(
        !b.dir
            .path()
            .join(format!(".cwh/lab-{}.json", a.name))
            .exists()
    );
    assert_eq!(
        objects(&a.name).0,
        before,
        "a refused command changed lab {}",
        a.name
    );
    assert_eq!(record(), rec, "a refused command rewrote the owner record");
    assert_eq!(status_ips(&a), ["172.30.40.100"]);
    assert_eq!(status_ips(&b), ["172.30.41.100"]);

    // a new node's address held by a container the lab's state does not know: the error
    // names the address and the container holding it
    std::fs::remove_file(a.dir.path().join(format!(".cwh/lab-{}.json", a.name))).unwrap();
    let again = a.dir.write(
        "again.rhai",
        r#"
let vcp = vcc::connect();
let spec = vcp.get_spec("aws", "small");
spec.set_ssh_pubkey(param("ssh_public_key_path"));
spec.ip_addresses = ["172.30.40.100"];
vcp.create_ugroup("Again").create_unit("m", spec);
"#,
    );
    a.run(again.to_str().unwrap(), &[])
        .code(1)
        .stderr_has(&format!(
            "the address 172.30.40.100 is taken on the lab network cwh-lab-{} by the container cwh-{}-solo-manager-1-",
            a.name, a.name
        ))
        .stderr_has("that the workdir's lab state does not know");

    // B's workdir is deleted: its lab is an orphan, shown to A with its former owner, not
    // usable by a run, and removed by A's `lab down`
    std::fs::remove_dir_all(b.dir.path()).unwrap();
    let orphan = format!(
        "lab `{}` is an orphan: the workdir that made it ({}) no longer exists",
        b.name,
        wb.display()
    );
    let in_a = || {
        let mut c = a.dir.cwh();
        c.env("CWH_LAB", &b.name);
        c
    };
    in_a()
        .args(["lab", "status"])
        .run()
        .success()
        .stdout_has(&orphan)
        .stdout_has("172.30.41.100");
    in_a()
        .args(["run", again.to_str().unwrap(), "--lab"])
        .run()
        .code(2)
        .stderr_has(&orphan)
        .stderr_has(&format!("cwh lab down --lab-name {}", b.name));
    assert_eq!(objects(&b.name).0.len(), 2, "container and network");
    in_a()
        .args(["lab", "down"])
        .run()
        .success()
        .stderr_has(&format!(
            "lab `{}` (an orphan: its workdir {} no longer exists): removed 1 container(s)",
            b.name,
            wb.display()
        ));
    assert!(objects(&b.name).0.is_empty());
    assert!(!Path::new(&format!("{REGISTRY}/{}.json", b.name)).exists());
    // A's lab is untouched by all of it, and its own `down` removes it with its record
    assert_eq!(objects(&a.name).0, before);
    a.cwh().args(["lab", "down"]).run().success();
    assert!(objects(&a.name).0.is_empty());
    assert!(!Path::new(&format!("{REGISTRY}/{}.json", a.name)).exists());
}

// `cwh vcc serve --lab` takes `--lab-subnet` as `run` does, and like `repl --lab` is refused a
// lab of another workdir; `LabRun::new` clears what a killed run of the test left.
#[test]
fn vcc_serve_lab_takes_a_subnet_and_is_refused_another_workdirs_lab() {
    // a lab a killed test run left in its temp dir (still there): the next run of the test
    // removes it from that workdir before it starts
    let killed = crate::support::Dir::new();
    let script = killed.write("s.rhai", "vcc::connect();");
    killed
        .cwh()
        .env("CWH_LAB", "t-a-serve")
        .args(["run", script.to_str().unwrap(), "--lab"])
        .args(["--lab-subnet", "172.30.44.0/24"])
        .run()
        .success();
    let l = LabRun::new("a-serve", 44);
    assert!(killed.path().is_dir());
    let served = crate::support::serve::Served::start(
        l.dir.path(),
        "s.owner-token",
        &["--lab", "--lab-subnet", &l.subnet],
        &[("CWH_LAB", &l.name)],
    );
    let net = Cmd::new("docker")
        .args([
            "network",
            "inspect",
            &format!("cwh-lab-{}", l.name),
            "--format",
            "{{range .IPAM.Config}}{{.Subnet}}{{end}} {{index .Labels \"cwh.lab.owner\"}}",
        ])
        .run()
        .success();
    let owner = canonical(l.dir.path());
    assert_eq!(
        net.stdout().trim(),
        format!("172.30.44.0/24 {}", owner.display())
    );
    let other = crate::support::Dir::new();
    let whose = format!(
        "belongs to the workdir {}, not to this one",
        owner.display()
    );
    other
        .cwh()
        .env("CWH_LAB", &l.name)
        .env("CWH_SIM_TOKEN", "s.other-token")
        .args(["vcc", "serve", "--lab", "--listen", "127.0.0.1:0"])
        .run()
        .code(2)
        .stderr_has(&whose);
    other
        .cwh()
        .env("CWH_LAB", &l.name)
        .args(["repl", "--lab"])
        .run()
        .code(2)
        .stderr_has(&whose);
    assert!(
        !other
            .path()
            .join(format!(".cwh/lab-{}.json", l.name))
            .exists()
    );
    drop(served);
}
