//! Who a lab belongs to: the workdir that made it. The owner is recorded twice — machine-wide
//! in `/var/lib/cwh/labs/<name>.json` (beside cwh's engine directory, the same for every user
//! and every `HOME`) and as the label `cwh.lab.owner=<workdir>` on the lab's network,
//! containers and volumes — and a command acts on a lab only when every record it finds
//! names its own workdir:
//!
//! - a run (`--lab`, `repl --lab`, `vcc serve --lab`) claims a free name for its workdir and
//!   is refused, before anything is created, when the lab is another workdir's;
//! - `lab status` and `lab down` from another workdir are refused, saying whose it is;
//! - a lab whose owner no longer exists (a deleted temp dir) is an orphan: `status` shows it
//!   with its former owner and `down` from any workdir removes it.
//!
//! The decision is a pure function of what was seen ([`decide`]), so every case is tested
//! without a Docker engine.
use crate::lab::LabOptions;
use crate::lab::docker::{Engine, LAB_LABEL, OWNER_LABEL};
use crate::lab::error::{LabError, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the machine-wide records live.
pub const DEFAULT_REGISTRY: &str = "/var/lib/cwh/labs";

/// The machine-wide records of lab owners: one JSON file per lab name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    /// The directory of the records.
    pub dir: PathBuf,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            dir: PathBuf::from(DEFAULT_REGISTRY),
        }
    }
}

/// One lab's record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// The lab's name.
    pub lab: String,
    /// The canonical path of the workdir that owns it.
    pub owner: PathBuf,
    /// When it was claimed (UTC, RFC 3339).
    #[serde(default)]
    pub since: String,
}

impl Registry {
    /// The record file of lab `name`.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// The record of lab `name`, if any. A damaged record is an error naming the file.
    pub fn read(&self, name: &str) -> Result<Option<Record>> {
        let f = self.file(name);
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(LabError::Io(crate::t!(
                    "lab-record-unreadable",
                    file = f.display().to_string(),
                    problem = e.to_string()
                )));
            }
        };
        serde_json::from_str(&text).map(Some).map_err(|e| {
            LabError::Io(crate::t!(
                "lab-record-damaged",
                file = f.display().to_string(),
                problem = e.to_string(),
                lab = name
            ))
        })
    }

    /// Every record (unreadable ones skipped), sorted by lab name.
    pub fn all(&self) -> Vec<Record> {
        let mut v: Vec<Record> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.strip_suffix(".json")?.to_string();
                self.read(&name).ok().flatten()
            })
            .collect();
        v.sort_by(|a, b| a.lab.cmp(&b.lab));
        v
    }

    /// Run `f` holding the registry's lock (one for every record: claims are rare and quick).
    fn locked<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        crate::files::locked(&self.dir.join("registry"), f).map_err(|e| self.unwritable(&e))?
    }

    fn unwritable(&self, e: &std::io::Error) -> LabError {
        let dir = self.dir.display().to_string();
        LabError::Setup {
            message: crate::t!(
                "lab-record-unwritable",
                dir = dir.as_str(),
                problem = e.to_string()
            ),
            help: crate::t!("lab-record-unwritable-help", dir = dir.as_str()),
        }
    }

    /// Record `owner` for lab `name` unless the record names another workdir that exists
    /// (then that record).
    fn claim(&self, name: &str, owner: &Path) -> Result<std::result::Result<(), Record>> {
        self.locked(|| {
            if let Some(r) = self.read(name)?
                && r.owner != owner
                && r.owner.is_dir()
            {
                return Ok(Err(r));
            }
            let rec = Record {
                lab: name.to_string(),
                owner: owner.to_path_buf(),
                since: time::OffsetDateTime::now_utc()
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
            };
            let text = serde_json::to_string_pretty(&rec).unwrap_or_default() + "\n";
            crate::files::replace(&self.file(name), text.as_bytes(), Some(0o644))
                .map_err(|e| self.unwritable(&e))?;
            Ok(Ok(()))
        })
    }

    /// Remove the record of lab `name` when it names `me` or an owner that no longer exists
    /// (never a record another live workdir holds).
    fn release(&self, name: &str, me: &Path) -> Result<()> {
        if self.read(name)?.is_none() {
            return Ok(());
        }
        self.locked(|| {
            if let Some(r) = self.read(name)?
                && (r.owner == me || !r.owner.is_dir())
            {
                std::fs::remove_file(self.file(name)).or_else(|e| {
                    if e.kind() == std::io::ErrorKind::NotFound {
                        Ok(())
                    } else {
                        Err(self.unwritable(&e))
                    }
                })?;
            }
            Ok(())
        })
    }
}

/// What was seen of one lab: its record and the owners its Docker objects name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// The owner in the machine-wide record.
    pub record: Option<PathBuf>,
    /// Owners named by the `cwh.lab.owner` label of its network, containers and volumes.
    pub labelled: Vec<PathBuf>,
    /// Whether any network, container or volume of the lab exists.
    pub objects: bool,
}

/// Whose a lab is, from one workdir's point of view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ownership {
    /// Nothing of it exists: no record, no network, container or volume.
    Free,
    /// This workdir's.
    Mine,
    /// Another workdir's, which exists.
    Other(PathBuf),
    /// Its owner no longer exists.
    Orphan(PathBuf),
    /// Its objects exist but name no owner (made by a cwh that did not record owners).
    Unrecorded,
}

/// Decide whose the lab is for workdir `me`: another existing owner anywhere wins (never act
/// on what someone else may still use), then `me`, then a gone owner (orphan).
pub fn decide(me: &Path, seen: &Seen, exists: impl Fn(&Path) -> bool) -> Ownership {
    let mut owners: Vec<&PathBuf> = seen.record.iter().chain(&seen.labelled).collect();
    owners.dedup();
    if let Some(o) = owners.iter().find(|o| o.as_path() != me && exists(o)) {
        return Ownership::Other((*o).clone());
    }
    if owners.iter().any(|o| o.as_path() == me) {
        return Ownership::Mine;
    }
    match owners.first() {
        Some(o) => Ownership::Orphan((*o).clone()),
        None if seen.objects => Ownership::Unrecorded,
        None => Ownership::Free,
    }
}

/// Look at the lab's record and its objects on the engine.
pub async fn observe(engine: &Engine, reg: &Registry, opts: &LabOptions) -> Result<Seen> {
    let mut seen = Seen {
        record: reg.read(&opts.name)?.map(|r| r.owner),
        ..Seen::default()
    };
    let mut labels: Vec<HashMap<String, String>> = Vec::new();
    if let Some(l) = engine.network_labels(&opts.network()).await? {
        labels.push(l);
    }
    let filter = [(LAB_LABEL, opts.name.as_str())];
    for c in engine.containers(&filter).await? {
        labels.push(c.labels.unwrap_or_default());
    }
    for v in engine.volumes(&filter).await? {
        labels.push(v.labels);
    }
    seen.objects = !labels.is_empty();
    for l in labels {
        if let Some(o) = l.get(OWNER_LABEL).map(PathBuf::from)
            && !seen.labelled.contains(&o)
        {
            seen.labelled.push(o);
        }
    }
    Ok(seen)
}

/// Whose lab `opts` is, as seen now.
pub async fn ownership(engine: &Engine, reg: &Registry, opts: &LabOptions) -> Result<Ownership> {
    let seen = observe(engine, reg, opts).await?;
    Ok(decide(&opts.owner, &seen, Path::is_dir))
}

/// A run's claim on its lab: a free lab becomes this workdir's (recorded before anything is
/// created; true then, so a failed start can [`release`] it); this workdir's own goes on.
/// Another workdir's lab, an orphan, or an unrecorded lab this workdir has no state of is
/// refused with what to do; nothing is changed then.
pub async fn claim(engine: &Engine, reg: &Registry, opts: &LabOptions) -> Result<bool> {
    let fresh = match ownership(engine, reg, opts).await? {
        Ownership::Free => true,
        Ownership::Mine => false,
        // made by an older cwh: the workdir that has its state adopts it
        Ownership::Unrecorded if opts.state_file().is_file() => false,
        Ownership::Unrecorded => {
            return Err(LabError::Taken {
                message: crate::t!(
                    "lab-unrecorded-no-state",
                    lab = opts.name.as_str(),
                    workdir = opts.owner.display().to_string()
                ),
                help: crate::t!(
                    "lab-unchanged-help",
                    lab = opts.name.as_str(),
                    another = another(engine, reg, opts).await
                ),
            });
        }
        Ownership::Other(o) => return Err(refusal(engine, reg, opts, &o, Act::Run).await),
        Ownership::Orphan(o) => {
            return Err(LabError::Taken {
                message: orphan_words(&opts.name, &o),
                help: crate::t!(
                    "lab-unchanged-help",
                    lab = opts.name.as_str(),
                    another = another(engine, reg, opts).await
                ),
            });
        }
    };
    match reg.claim(&opts.name, &opts.owner)? {
        Ok(()) => Ok(fresh),
        // another workdir claimed it meanwhile
        Err(r) => Err(refusal(engine, reg, opts, &r.owner, Act::Run).await),
    }
}

/// Forget the record of a removed lab when it names `me` or a gone owner.
pub fn release(reg: &Registry, name: &str, me: &Path) -> Result<()> {
    reg.release(name, me)
}

/// What a refused command was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// `cwh run/repl/vcc serve --lab`.
    Run,
    /// `cwh lab status`.
    Status,
    /// `cwh lab down`.
    Down,
}

/// "lab `x` is an orphan: …".
pub fn orphan_words(name: &str, owner: &Path) -> String {
    crate::t!(
        "lab-orphan",
        lab = name,
        owner = owner.display().to_string()
    )
}

/// The refusal of `act` on lab `opts` that belongs to the workdir `owner`.
pub async fn refusal(
    engine: &Engine,
    reg: &Registry,
    opts: &LabOptions,
    owner: &Path,
    act: Act,
) -> LabError {
    let name = opts.name.as_str();
    let own: Vec<String> = reg
        .all()
        .into_iter()
        .filter(|r| r.owner == opts.owner)
        .map(|r| r.lab)
        .collect();
    let own = match own.as_slice() {
        [] => String::new(),
        [one] => crate::t!("lab-own-one", lab = one),
        many => crate::t!("lab-own-many", labs = many.join(", ")),
    };
    let owner = owner.display().to_string();
    let (o, another) = (owner.as_str(), another(engine, reg, opts).await);
    let help = match act {
        Act::Run => crate::t!(
            "lab-belongs-run-help",
            lab = name,
            owner = o,
            own = own,
            another = another
        ),
        Act::Status => crate::t!(
            "lab-belongs-status-help",
            lab = name,
            owner = o,
            own = own,
            another = another
        ),
        Act::Down => crate::t!(
            "lab-belongs-down-help",
            lab = name,
            owner = o,
            own = own,
            another = another
        ),
    };
    LabError::Taken {
        message: crate::t!(
            "lab-belongs",
            lab = name,
            owner = o,
            workdir = opts.owner.display().to_string()
        ),
        help,
    }
}

/// "choose another: `--lab-name N --lab-subnet S` (…)" with a name and a subnet free now.
async fn another(engine: &Engine, reg: &Registry, opts: &LabOptions) -> String {
    let nets = engine.networks().await.unwrap_or_default();
    let taken = |n: &str| {
        reg.file(n).exists()
            || nets.iter().any(|x| {
                x.name == format!("cwh-lab-{n}") || x.labels.get(LAB_LABEL) == Some(&n.to_string())
            })
    };
    let name = suggest_name(&opts.owner, &opts.name, taken);
    let subnet = crate::lab::network::first_free(&nets)
        .map(|s| format!("{s}/24"))
        .unwrap_or_else(|| "A.B.C.0/24".into());
    crate::t!("lab-choose-another", name = name, subnet = subnet)
}

/// A lab name for the workdir `dir`: its directory name made valid (a-z 0-9 _ -, at most 28
/// characters), else `lab`; with `-2`, `-3`… when `taken` (or equal to `not`).
pub fn suggest_name(dir: &Path, not: &str, taken: impl Fn(&str) -> bool) -> String {
    let base: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(28)
        .collect();
    let base = base.trim_matches(|c| c == '-' || c == '_').to_string();
    let base = if base.is_empty() { "lab".into() } else { base };
    std::iter::once(base.clone())
        .chain((2..).map(|i| format!("{base}-{i}")))
        .find(|n| n != not && !taken(n))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn another_existing_owner_wins_then_me_then_a_gone_owner() {
        let me = p("/srv/b");
        let live = |d: &Path| d != Path::new("/tmp/gone");
        let seen = |record: Option<&str>, labelled: &[&str], objects: bool| Seen {
            record: record.map(p),
            labelled: labelled.iter().map(|s| p(s)).collect(),
            objects,
        };
        assert_eq!(decide(&me, &seen(None, &[], false), live), Ownership::Free);
        assert_eq!(
            decide(&me, &seen(None, &[], true), live),
            Ownership::Unrecorded
        );
        assert_eq!(
            decide(&me, &seen(Some("/srv/b"), &[], false), live),
            Ownership::Mine
        );
        assert_eq!(
            decide(&me, &seen(None, &["/srv/b"], true), live),
            Ownership::Mine,
            "a lost record: the labels still say whose"
        );
        assert_eq!(
            decide(&me, &seen(Some("/srv/a"), &["/srv/a"], true), live),
            Ownership::Other(p("/srv/a"))
        );
        // the record says mine, a container says another live workdir: hands off
        assert_eq!(
            decide(&me, &seen(Some("/srv/b"), &["/srv/a"], true), live),
            Ownership::Other(p("/srv/a"))
        );
        assert_eq!(
            decide(&me, &seen(Some("/tmp/gone"), &["/tmp/gone"], true), live),
            Ownership::Orphan(p("/tmp/gone"))
        );
        // a gone owner's leftovers in my own lab do not make it an orphan
        assert_eq!(
            decide(&me, &seen(Some("/srv/b"), &["/tmp/gone"], true), live),
            Ownership::Mine
        );
    }

    #[test]
    fn records_are_claimed_once_listed_and_released_by_their_owner() {
        let d = tempfile::tempdir().unwrap();
        let reg = Registry {
            dir: d.path().join("labs"),
        };
        let (a, b) = (d.path().join("a"), d.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        assert_eq!(reg.read("x").unwrap(), None);
        assert!(reg.all().is_empty());
        assert_eq!(reg.claim("x", &a).unwrap(), Ok(()));
        assert_eq!(reg.claim("x", &a).unwrap(), Ok(()), "again: fine");
        let lost = reg.claim("x", &b).unwrap().unwrap_err();
        assert_eq!(lost.owner, a);
        assert_eq!(reg.read("x").unwrap().unwrap().owner, a);
        reg.claim("y", &b).unwrap().unwrap();
        let labs: Vec<String> = reg.all().into_iter().map(|r| r.lab).collect();
        assert_eq!(labs, ["x", "y"]);
        // only its owner releases the record of a live workdir
        reg.release("x", &b).unwrap();
        assert!(reg.read("x").unwrap().is_some(), "released by a stranger");
        reg.release("x", &a).unwrap();
        assert!(reg.read("x").unwrap().is_none());
        reg.release("x", &a).unwrap();
        // the record of a gone owner: anyone releases it, a claim replaces it
        reg.claim("g", &p("/nonexistent/gone")).unwrap().unwrap();
        reg.release("g", &b).unwrap();
        assert!(reg.read("g").unwrap().is_none());
        reg.claim("g", &p("/nonexistent/gone")).unwrap().unwrap();
        reg.claim("g", &b).unwrap().unwrap();
        assert_eq!(reg.read("g").unwrap().unwrap().owner, b);
        std::fs::write(reg.file("z"), "{not json").unwrap();
        let e = reg.read("z").unwrap_err().to_string();
        assert!(e.contains("z.json") && e.contains("damaged"), "{e}");
    }

    #[test]
    fn suggested_names_come_from_the_workdir_and_are_free() {
        let none = |_: &str| false;
        assert_eq!(suggest_name(&p("/srv/Site B"), "cwh", none), "site-b");
        assert_eq!(suggest_name(&p("/tmp/.tmpAb3"), "cwh", none), "tmpab3");
        assert_eq!(suggest_name(&p("/"), "cwh", none), "lab");
        assert_eq!(suggest_name(&p("/srv/cwh"), "cwh", none), "cwh-2");
        let taken = |n: &str| n == "site" || n == "site-2";
        assert_eq!(suggest_name(&p("/x/site"), "cwh", taken), "site-3");
        let long = suggest_name(&p(&format!("/x/{}", "a".repeat(60))), "cwh", none);
        assert!(crate::lab::LabOptions::new(&format!("{long}-99"), Path::new(".")).is_ok());
    }
}
