//! OpenSSH-compatible known_hosts: read (plain, `[host]:port`, globs, negation, hashed `|1|`
//! entries, `@revoked`), verify a server key strictly, remove a host like `ssh-keygen -R`, and
//! append hashed entries. Keys are compared, not lines: a host whose keys are already recorded
//! keeps its entries as they are (hashed ones with their own salt), so a refresh that finds the
//! same keys leaves the file byte for byte. A change is an atomic rewrite (temp file + rename,
//! through a symlink to its target) with the file 0600 and a new directory 0700; the previous
//! contents are kept in `FILE.old` as ssh-keygen does.
use super::error::SshError;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, KeyInit, Mac};
use russh::keys::ssh_key::PublicKey;
use sha1::Sha1;
use std::os::unix::fs::DirBuilderExt;
#[cfg(test)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

/// Serialises read-modify-write cycles on known_hosts files within this process.
static WRITE_LOCK: Mutex<()> = Mutex::new(());

/// `~/.ssh/known_hosts`.
pub fn default_path() -> PathBuf {
    dirs::home_dir()
        .unwrap_or_else(|| PathBuf::from("/"))
        .join(".ssh")
        .join("known_hosts")
}

/// The name OpenSSH matches entries against: `host` on port 22, `[host]:port` otherwise.
pub fn host_port(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_string()
    } else {
        format!("[{host}]:{port}")
    }
}

/// A `@marker` in front of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `@revoked`: this key must never be accepted.
    Revoked,
    /// `@cert-authority`: a CA key (cwh does not use host certificates; such lines are skipped).
    CertAuthority,
}

/// One known_hosts entry that matches a host.
#[derive(Debug, Clone)]
pub struct Entry {
    /// 1-based line number in the file.
    pub line: usize,
    /// Marker, if any.
    pub marker: Option<Marker>,
    /// The recorded key.
    pub key: PublicKey,
}

/// Outcome of checking a server key against a known_hosts file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A matching entry exists.
    Known,
    /// No entry for the host.
    Unknown,
    /// Entries exist but none holds this key; `line` is the stale entry.
    Changed { line: usize },
    /// The key is marked `@revoked` at `line`.
    Revoked { line: usize },
}

struct Line<'a> {
    marker: Option<Marker>,
    hosts: &'a str,
    key: Option<PublicKey>,
}

fn parse_line(text: &str) -> Option<Line<'_>> {
    let t = text.trim();
    if t.is_empty() || t.starts_with('#') {
        return None;
    }
    let mut fields = t.split_whitespace();
    let mut first = fields.next()?;
    let marker = if let Some(m) = first.strip_prefix('@') {
        first = fields.next()?;
        match m {
            "revoked" => Some(Marker::Revoked),
            "cert-authority" => Some(Marker::CertAuthority),
            _ => return None,
        }
    } else {
        None
    };
    let key = match (fields.next(), fields.next()) {
        (Some(kt), Some(b64)) => PublicKey::from_openssh(&format!("{kt} {b64}")).ok(),
        _ => None,
    };
    Some(Line {
        marker,
        hosts: first,
        key,
    })
}

/// OpenSSH glob: `*` and `?`, case-insensitive.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        Some((b'?', rest)) => !text.is_empty() && glob(rest, &text[1..]),
        Some((c, rest)) => text
            .split_first()
            .is_some_and(|(t, tr)| t.eq_ignore_ascii_case(c) && glob(rest, tr)),
    }
}

fn hmac_sha1(salt: &[u8], name: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(salt).expect("HMAC takes any key size");
    mac.update(name.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Does the host field of an entry match `name` (already in `host_port` form)?
fn hosts_match(field: &str, name: &str) -> bool {
    if let Some(rest) = field.strip_prefix("|1|") {
        let Some((salt, hash)) = rest.split_once('|') else {
            return false;
        };
        let (Ok(salt), Ok(hash)) = (B64.decode(salt), B64.decode(hash)) else {
            return false;
        };
        return hmac_sha1(&salt, name) == hash;
    }
    let mut hit = false;
    for pat in field.split(',') {
        if let Some(neg) = pat.strip_prefix('!') {
            if glob(neg.as_bytes(), name.as_bytes()) {
                return false;
            }
        } else if glob(pat.as_bytes(), name.as_bytes()) {
            hit = true;
        }
    }
    hit
}

/// Hash a host name the way `ssh-keygen -H` / `HashKnownHosts yes` do: `|1|salt|hmac`.
pub fn hash_host(name: &str) -> String {
    let salt: [u8; 20] = rand::random();
    format!(
        "|1|{}|{}",
        B64.encode(salt),
        B64.encode(hmac_sha1(&salt, name))
    )
}

fn read(path: &Path) -> Result<String, SshError> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(SshError::KnownHostsIo {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// All entries of `path` that apply to `host:port` (a missing file has none).
pub fn lookup(path: &Path, host: &str, port: u16) -> Result<Vec<Entry>, SshError> {
    let name = host_port(host, port);
    let text = read(path)?;
    Ok(text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let line = parse_line(l)?;
            let key = line.key?;
            hosts_match(line.hosts, &name).then_some(Entry {
                line: i + 1,
                marker: line.marker,
                key,
            })
        })
        .collect())
}

/// Check `key` for `host:port` against `path`, as OpenSSH's strict checking does.
pub fn verify(path: &Path, host: &str, port: u16, key: &PublicKey) -> Result<Verdict, SshError> {
    let entries = lookup(path, host, port)?;
    if let Some(e) = entries
        .iter()
        .find(|e| e.marker == Some(Marker::Revoked) && e.key.key_data() == key.key_data())
    {
        return Ok(Verdict::Revoked { line: e.line });
    }
    let plain: Vec<&Entry> = entries.iter().filter(|e| e.marker.is_none()).collect();
    if plain.iter().any(|e| e.key.key_data() == key.key_data()) {
        return Ok(Verdict::Known);
    }
    match plain
        .iter()
        .find(|e| e.key.algorithm() == key.algorithm())
        .or(plain.first())
    {
        Some(e) => Ok(Verdict::Changed { line: e.line }),
        None => Ok(Verdict::Unknown),
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SshError + '_ {
    move |source| SshError::KnownHostsIo {
        path: path.to_path_buf(),
        source,
    }
}

/// Create the file's directory when it is missing, private (0700) as ssh wants `~/.ssh`.
fn private_parent(path: &Path) -> Result<(), SshError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
        && crate::interlock::may_write(path)
    {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io_err(dir))?;
    }
    Ok(())
}

/// Replace the file atomically through the one write helper, with `mode` (0600 when it
/// changes): the previous contents are kept in `FILE.old` as ssh-keygen does, unless the
/// contents are the same (then nothing is written). Returns whether the file was written.
fn write_file(path: &Path, text: &str, mode: Option<u32>) -> Result<bool, SshError> {
    private_parent(path)?;
    crate::files::write(path, text.as_bytes(), mode, Some(".old")).map_err(io_err(path))
}

/// Does the host field of an entry name `name` itself (a hashed entry of `name`, or `name`
/// among its comma-separated names), not only through a wildcard?
fn names_exactly(field: &str, name: &str) -> bool {
    if field.starts_with("|1|") {
        return hosts_match(field, name);
    }
    hosts_match(field, name) && field.split(',').any(|p| p.eq_ignore_ascii_case(name))
}

/// Remove the entries of `targets` (host, port) and append hashed entries for `add`, in one
/// atomic rewrite. Returns how many lines were removed.
pub fn update(
    path: &Path,
    targets: &[(String, u16)],
    add: &[(String, u16, Vec<PublicKey>)],
) -> Result<usize, SshError> {
    if let Some(p) = crate::interlock::plan()
        && !p.in_scratch(path)
    {
        // --plan, a file outside the scratch copy: worked out as the run would, without its
        // lock file; the write itself is recorded by the one write helper when it would change
        let removed = update_unlocked(path, targets, add, Instant::now())?;
        if add.is_empty() && removed > 0 {
            for (h, port) in targets {
                p.record("known_hosts remove", &host_port(h, *port), &p.shown(path));
            }
        }
        return Ok(removed);
    }
    let start = Instant::now();
    let _guard = WRITE_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // a new directory is private (0700), as ssh wants ~/.ssh; made before the lock file
    private_parent(path)?;
    // other processes (runs of other workdirs) may share this file: one rewrite at a time
    crate::files::locked(path, || update_unlocked(path, targets, add, start))
        .map_err(io_err(path))?
}

fn update_unlocked(
    path: &Path,
    targets: &[(String, u16)],
    add: &[(String, u16, Vec<PublicKey>)],
    start: Instant,
) -> Result<usize, SshError> {
    let old = read(path)?;
    let names: Vec<String> = targets.iter().map(|(h, p)| host_port(h, *p)).collect();
    // what to record: (name, key), compared by key (type and material), not by line, so an
    // entry already there — hashed with its own salt — is kept as it is
    let wanted: Vec<(String, &PublicKey)> = add
        .iter()
        .flat_map(|(h, p, keys)| keys.iter().map(move |k| (host_port(h, *p), k)))
        .collect();
    let mut present = vec![false; wanted.len()];
    let mut out = String::with_capacity(old.len() + 128 * wanted.len());
    let mut removed = 0;
    for raw in old.split_inclusive('\n') {
        let l = raw.trim_end_matches(['\n', '\r']);
        let Some(line) = parse_line(l).filter(|line| line.marker.is_none()) else {
            out.push_str(raw);
            continue;
        };
        // the wanted entries this line already holds: its key, for a host it names itself
        let holds: Vec<usize> = match &line.key {
            Some(k) => (0..wanted.len())
                .filter(|&i| {
                    wanted[i].1.key_data() == k.key_data()
                        && names_exactly(line.hosts, &wanted[i].0)
                })
                .collect(),
            None => Vec::new(),
        };
        let targeted: Vec<&String> = names
            .iter()
            .filter(|n| hosts_match(line.hosts, n))
            .collect();
        // a line of a refreshed host stays when it holds a key still wanted for every refreshed
        // host it names (and is not a duplicate); anything else of those hosts goes, as with
        // `ssh-keygen -R`
        let keep = targeted.is_empty()
            || (targeted
                .iter()
                .all(|n| holds.iter().any(|&i| wanted[i].0 == **n))
                && holds.iter().any(|&i| !present[i]));
        if keep {
            for i in holds {
                present[i] = true;
            }
            out.push_str(raw);
        } else {
            removed += 1;
        }
    }
    let mut added = 0;
    for ((name, key), _) in wanted.iter().zip(&present).filter(|(_, p)| !**p) {
        let mut k = (*key).clone();
        k.set_comment("");
        let enc = k.to_openssh().map_err(|e| SshError::KnownHostsIo {
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{} {}\n", hash_host(name), enc.trim()));
        added += 1;
    }
    if removed == 0 && added == 0 {
        // the same keys: the file stays byte for byte (counted as unchanged when it exists)
        if !old.is_empty() {
            write_file(path, &old, None)?;
        }
        return Ok(0);
    }
    let res = write_file(path, &out, Some(0o600));
    crate::journal::record(
        crate::journal::Event::new("ssh", "known_hosts write", path.display().to_string())
            .took(start.elapsed())
            .outcome_ok(res.is_ok())
            .detail(serde_json::json!({"removed": removed, "added": added, "hosts": names})),
    );
    res.map(|_| removed)
}

/// Remove every plain entry for `host:port`, like `ssh-keygen -R host -f path`.
/// Returns how many lines were removed.
pub fn remove(path: &Path, host: &str, port: u16) -> Result<usize, SshError> {
    update(path, &[(host.to_string(), port)], &[])
}

/// [`remove`] for a destination as scripts give it (`host`, `host:port`, `[host]:port`,
/// `user@host`; port 22 when none).
pub fn remove_destination(path: &Path, destination: &str) -> Result<usize, SshError> {
    let (_, host, port) = super::config::split_destination(destination);
    remove(path, &host, port.unwrap_or(22))
}

/// Append hashed entries for `host:port` (does not remove anything).
pub fn add(path: &Path, host: &str, port: u16, keys: &[PublicKey]) -> Result<(), SshError> {
    update(path, &[], &[(host.to_string(), port, keys.to_vec())]).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

    #[test]
    fn globs_negation_and_ports() {
        assert!(hosts_match("127.0.0.*", "127.0.0.5"));
        assert!(!hosts_match("127.0.0.*,!127.0.0.5", "127.0.0.5"));
        assert!(hosts_match("[10.0.0.1]:2222", &host_port("10.0.0.1", 2222)));
        assert!(!hosts_match("10.0.0.1", &host_port("10.0.0.1", 2222)));
        assert!(hosts_match("a,B.example", "b.EXAMPLE"));
    }

    #[test]
    fn hashed_round_trip() {
        let h = hash_host("[h]:2200");
        assert!(hosts_match(&h, "[h]:2200"));
        assert!(!hosts_match(&h, "h"));
    }

    #[test]
    fn verify_remove_add() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/known_hosts");
        let key = PublicKey::from_openssh(ED).unwrap();
        assert_eq!(verify(&p, "h", 22, &key).unwrap(), Verdict::Unknown);
        add(&p, "h", 22, std::slice::from_ref(&key)).unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = std::fs::metadata(p.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dmode, 0o700);
        assert_eq!(verify(&p, "h", 22, &key).unwrap(), Verdict::Known);
        assert_eq!(verify(&p, "h", 2222, &key).unwrap(), Verdict::Unknown);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("|1|"), "{text}");
        // a different ed25519 key on line 2 for the same host: changed
        std::fs::write(&p, format!("# c\nh\t{}\n", ED.replace("OMqq", "OMqr"))).unwrap();
        assert_eq!(
            verify(&p, "h", 22, &key).unwrap(),
            Verdict::Changed { line: 2 }
        );
        assert_eq!(remove(&p, "h", 22).unwrap(), 1);
        assert_eq!(verify(&p, "h", 22, &key).unwrap(), Verdict::Unknown);
        std::fs::write(&p, format!("@revoked * {ED}\nh {ED}\n")).unwrap();
        assert_eq!(
            verify(&p, "h", 22, &key).unwrap(),
            Verdict::Revoked { line: 1 }
        );
    }

    #[test]
    fn remove_a_destination_as_scripts_give_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("known_hosts");
        let key = PublicKey::from_openssh(ED).unwrap();
        for (h, port) in [("h", 22), ("h", 2222), ("g", 22)] {
            add(&p, h, port, std::slice::from_ref(&key)).unwrap();
        }
        assert_eq!(remove_destination(&p, "vcp@h").unwrap(), 1);
        assert_eq!(remove_destination(&p, "[h]:2222").unwrap(), 1);
        assert_eq!(remove_destination(&p, "h:2222").unwrap(), 0);
        assert_eq!(verify(&p, "g", 22, &key).unwrap(), Verdict::Known);
    }

    /// The public half of a fresh key pair made by the real `ssh-keygen -t kind`.
    fn keygen(dir: &Path, name: &str, kind: &str) -> PublicKey {
        let f = dir.join(name);
        let st = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", kind, "-N", "", "-C", "", "-f"])
            .arg(&f)
            .status()
            .expect("ssh-keygen runs");
        assert!(st.success());
        PublicKey::read_openssh_file(dir.join(format!("{name}.pub"))).unwrap()
    }

    /// What the real `ssh-keygen -F host -f file` finds: the entries' lines.
    fn ssh_keygen_find(file: &Path, host: &str) -> Vec<String> {
        let o = std::process::Command::new("ssh-keygen")
            .args(["-F", host, "-f"])
            .arg(file)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    }

    fn b64(k: &PublicKey) -> String {
        k.to_openssh()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .to_string()
    }

    fn old(p: &Path) -> PathBuf {
        let mut o = p.as_os_str().to_owned();
        o.push(".old");
        PathBuf::from(o)
    }

    #[test]
    fn the_same_keys_leave_the_file_byte_for_byte_and_a_changed_key_is_replaced() {
        let d = tempfile::tempdir().unwrap();
        let (a_ed, a_ec, b_ed, x) = (
            keygen(d.path(), "a_ed", "ed25519"),
            keygen(d.path(), "a_ec", "ecdsa"),
            keygen(d.path(), "b_ed", "ed25519"),
            keygen(d.path(), "x", "ed25519"),
        );
        let line = |h: &str, k: &PublicKey| format!("{h} {}\n", k.to_openssh().unwrap());
        let p = d.path().join("known_hosts");
        std::fs::write(
            &p,
            format!(
                "# kept\n{}{}{}{}",
                line("10.0.0.1", &a_ed),
                line("10.0.0.1", &a_ec),
                line("[10.0.0.2]:2222", &b_ed),
                line("other.example", &x)
            ),
        )
        .unwrap();
        // hashed by the real ssh-keygen -H, with its own salts
        let o = std::process::Command::new("ssh-keygen")
            .args(["-q", "-H", "-f"])
            .arg(&p)
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        std::fs::remove_file(old(&p)).unwrap();
        let hashed = std::fs::read(&p).unwrap();
        assert_eq!(String::from_utf8_lossy(&hashed).matches("|1|").count(), 4);

        // a refresh that finds the same keys, in any order: no write, no .old
        let targets = [("10.0.0.1".to_string(), 22), ("10.0.0.2".to_string(), 2222)];
        for keys in [
            vec![a_ed.clone(), a_ec.clone()],
            vec![a_ec.clone(), a_ed.clone()],
            vec![a_ed.clone(), a_ec.clone()],
        ] {
            let add = [
                ("10.0.0.1".to_string(), 22, keys),
                ("10.0.0.2".to_string(), 2222, vec![b_ed.clone()]),
            ];
            assert_eq!(update(&p, &targets, &add).unwrap(), 0);
            assert_eq!(std::fs::read(&p).unwrap(), hashed, "the file was rewritten");
            assert!(!old(&p).exists(), "an unchanged file got a .old");
        }
        // add() of keys already there changes nothing either
        add(&p, "10.0.0.2", 2222, std::slice::from_ref(&b_ed)).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), hashed);

        // a changed ed25519 key of 10.0.0.1: its old entry goes, the new one is added hashed,
        // the other entries stay as they were
        let a_ed2 = keygen(d.path(), "a_ed2", "ed25519");
        let add = [
            (
                "10.0.0.1".to_string(),
                22,
                vec![a_ed2.clone(), a_ec.clone()],
            ),
            ("10.0.0.2".to_string(), 2222, vec![b_ed.clone()]),
        ];
        assert_eq!(update(&p, &targets, &add).unwrap(), 1);
        assert_eq!(std::fs::read(old(&p)).unwrap(), hashed);
        let found = ssh_keygen_find(&p, "10.0.0.1");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|l| l.ends_with(&b64(&a_ed2))), "{found:?}");
        assert!(found.iter().any(|l| l.ends_with(&b64(&a_ec))), "{found:?}");
        assert!(!found.iter().any(|l| l.ends_with(&b64(&a_ed))), "{found:?}");
        let text = std::fs::read_to_string(&p).unwrap();
        let before = String::from_utf8_lossy(&hashed).into_owned();
        for kept in [&b_ed, &x, &a_ec] {
            let l = before.lines().find(|l| l.ends_with(&b64(kept))).unwrap();
            assert!(text.lines().any(|t| t == l), "{l} was rewritten");
        }
        assert!(text.starts_with("# kept\n"), "{text}");
        assert_eq!(ssh_keygen_find(&p, "[10.0.0.2]:2222").len(), 1);
        // and the next refresh with those keys leaves it alone
        let now = std::fs::read(&p).unwrap();
        std::fs::remove_file(old(&p)).unwrap();
        assert_eq!(update(&p, &targets, &add).unwrap(), 0);
        assert_eq!(std::fs::read(&p).unwrap(), now);
        assert!(!old(&p).exists());

        // a refreshed host that gave no key loses its entries
        assert_eq!(update(&p, &targets, &add[1..]).unwrap(), 2);
        assert!(ssh_keygen_find(&p, "10.0.0.1").is_empty());
        assert_eq!(ssh_keygen_find(&p, "other.example").len(), 1);
    }

    #[test]
    fn duplicates_go_and_a_plain_entry_with_the_same_key_stays() {
        let d = tempfile::tempdir().unwrap();
        let k = keygen(d.path(), "k", "ed25519");
        let enc = k.to_openssh().unwrap();
        let p = d.path().join("known_hosts");
        // a plain entry and a hashed one of the same key (no newline at the end)
        std::fs::write(&p, format!("h,g {enc}\n{} {enc}", hash_host("h"))).unwrap();
        let t = [("h".to_string(), 22)];
        let a = [("h".to_string(), 22, vec![k.clone()])];
        assert_eq!(update(&p, &t, &a).unwrap(), 1);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), format!("h,g {enc}\n"));
        assert_eq!(ssh_keygen_find(&p, "h").len(), 1);
        assert_eq!(ssh_keygen_find(&p, "g").len(), 1);
        // a pattern is not the host itself: replaced by a hashed entry of the host
        std::fs::write(&p, format!("h* {enc}\n")).unwrap();
        assert_eq!(update(&p, &t, &a).unwrap(), 1);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.starts_with("|1|") && text.lines().count() == 1,
            "{text}"
        );
    }

    #[test]
    fn a_symlinked_known_hosts_stays_a_link() {
        let d = tempfile::tempdir().unwrap();
        let k = keygen(d.path(), "k", "ed25519");
        let real = d.path().join("shared_known_hosts");
        std::fs::write(&real, "").unwrap();
        let link = d.path().join("ssh/known_hosts");
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        add(&link, "h", 22, std::slice::from_ref(&k)).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(ssh_keygen_find(&real, "h").len(), 1);
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
