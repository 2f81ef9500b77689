//! SSH key files as a run's parameters name them: the public key file must hold OpenSSH public
//! keys only, the private key file a private key, and the two must match. Private key material
//! is recognised wherever it appears — raw, or base64-encoded as in a CCI's `AUTHORIZED_KEYS=` —
//! so that it is never put into anything sent to the VCC or written to a log.
use base64::Engine as _;
use std::path::{Path, PathBuf};

/// Texts that only private key files hold (OpenSSH, PEM/PKCS#1/PKCS#8, PuTTY, SSH.com).
const MARKERS: &[&[u8]] = &[
    b"PRIVATE KEY-----",
    b"openssh-key-v1",
    b"PuTTY-User-Key-File",
    b"SSH2 ENCRYPTED PRIVATE KEY",
];

fn raw_marker(bytes: &[u8]) -> bool {
    MARKERS
        .iter()
        .any(|m| bytes.windows(m.len()).any(|w| w == *m))
}

/// Base64 runs of `text` decoded (standard or URL-safe alphabet, padding and trailing bits
/// ignored); runs shorter than 16 characters are skipped.
fn decoded_runs(text: &[u8]) -> Vec<Vec<u8>> {
    let cfg = base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let std = base64::engine::GeneralPurpose::new(&base64::alphabet::STANDARD, cfg);
    let url = base64::engine::GeneralPurpose::new(&base64::alphabet::URL_SAFE, cfg);
    let mut out = Vec::new();
    // wrapped base64 (PEM bodies, `base64` output) is joined across line breaks
    let joined: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| *b != b'\n' && *b != b'\r')
        .collect();
    for run in
        joined.split(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')))
    {
        if run.len() < 16 {
            continue;
        }
        // try each alignment: a marker may start anywhere in the run
        for skip in 0..4.min(run.len()) {
            let r = &run[skip..];
            let r = &r[..r.len() - r.len() % 4];
            if let Ok(d) = std.decode(r).or_else(|_| url.decode(r)) {
                out.push(d);
            }
        }
    }
    out
}

/// Whether `text` holds private key material: a private key file's markers, raw or inside
/// base64 (up to two levels of encoding).
pub fn holds_private_key(text: &str) -> bool {
    fn scan(bytes: &[u8], depth: u8) -> bool {
        if raw_marker(bytes) {
            return true;
        }
        depth > 0 && decoded_runs(bytes).iter().any(|d| scan(d, depth - 1))
    }
    scan(text.as_bytes(), 2)
}

/// What a key file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    /// OpenSSH public key lines (`type base64 [comment]`), as in a `.pub` or authorized_keys.
    Public,
    /// A private key; `encrypted` when it needs a passphrase to be used.
    Private { encrypted: bool },
}

/// A key file, inspected without any passphrase.
#[derive(Debug, Clone)]
pub struct KeyFile {
    pub path: PathBuf,
    pub kind: KeyKind,
    /// `type base64` of its (first) public key; `None` for a legacy encrypted PEM key, whose
    /// public part is encrypted too.
    pub public: Option<String>,
}

/// Why a key file cannot be used. The text never includes the file's content.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum KeyFileError {
    #[error("cannot read key file {}: {message}", path.display())]
    #[diagnostic(
        code = "cwh::ssh::keyfile",
        help("check the path (create a pair with ssh-keygen -t ed25519 -f FILE)")
    )]
    Read { path: PathBuf, message: String },
    #[error("{} is not an SSH key file: {reason}", path.display())]
    #[diagnostic(
        code = "cwh::ssh::keyfile",
        help(
            "give an OpenSSH public key file (.pub) or private key file, as ssh-keygen writes them"
        )
    )]
    Garbage { path: PathBuf, reason: String },
    #[error("{} holds a PRIVATE key, where a public key is needed; it is never sent to the VCC", path.display())]
    #[diagnostic(
        code = "cwh::ssh::private_key",
        help("give the public key file (usually the same name with .pub)")
    )]
    PrivateNotPublic { path: PathBuf },
}

fn public_text(k: &russh::keys::PublicKey) -> Option<String> {
    let t = k.to_openssh().ok()?;
    Some(t.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
}

/// Inspect a key file without asking for a passphrase.
pub fn inspect(path: &Path) -> Result<KeyFile, KeyFileError> {
    let bytes = std::fs::read(path).map_err(|e| KeyFileError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let garbage = |reason: &str| KeyFileError::Garbage {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(garbage("it is binary, not text"));
    };
    let file = |kind, public| KeyFile {
        path: path.to_path_buf(),
        kind,
        public,
    };
    if holds_private_key(&text) {
        if let Ok(k) = russh::keys::PrivateKey::from_openssh(text.trim()) {
            let encrypted = k.is_encrypted();
            return Ok(file(
                KeyKind::Private { encrypted },
                public_text(k.public_key()),
            ));
        }
        return match russh::keys::decode_secret_key(&text, None) {
            Ok(k) => Ok(file(
                KeyKind::Private { encrypted: false },
                public_text(k.public_key()),
            )),
            Err(russh::keys::Error::KeyIsEncrypted) => {
                Ok(file(KeyKind::Private { encrypted: true }, None))
            }
            Err(e) => Err(garbage(&format!("a private key cwh cannot read ({e})"))),
        };
    }
    let mut first = None;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match russh::keys::PublicKey::from_openssh(l) {
            Ok(k) => {
                if first.is_none() {
                    first = public_text(&k);
                }
            }
            Err(_) => {
                return Err(garbage(&format!(
                    "line {} is not an OpenSSH public key (`type base64 [comment]`)",
                    i + 1
                )));
            }
        }
    }
    match first {
        Some(p) => Ok(file(KeyKind::Public, Some(p))),
        None => Err(garbage("it is empty")),
    }
}

/// The text of a public key file, for `AUTHORIZED_KEYS`: refused unless every line is an
/// OpenSSH public key and nothing in it is private key material.
pub fn read_public(path: &Path) -> Result<String, KeyFileError> {
    let text = std::fs::read(path).map_err(|e| KeyFileError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    if holds_private_key(&String::from_utf8_lossy(&text)) {
        return Err(KeyFileError::PrivateNotPublic {
            path: path.to_path_buf(),
        });
    }
    if inspect(path)?.kind != KeyKind::Public {
        return Err(KeyFileError::PrivateNotPublic {
            path: path.to_path_buf(),
        });
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// Why [`public_key`] cannot give a file's public key. The text never includes the file's
/// content.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(
    code = "cwh::ssh::key",
    help("give the path of an OpenSSH public (.pub) or private key file")
)]
pub struct PublicKeyError {
    pub message: String,
}

/// The public key (`type base64`, no comment) of an OpenSSH public or private key file.
/// `passphrase` is asked only for a legacy PEM key that is encrypted (its public half is
/// encrypted too).
pub fn public_key(
    path: &Path,
    passphrase: &dyn Fn() -> Option<String>,
) -> Result<String, PublicKeyError> {
    let err = |e: &dyn std::fmt::Display| PublicKeyError {
        message: e.to_string(),
    };
    let k = inspect(path).map_err(|e| err(&e))?;
    if let Some(public) = k.public {
        return Ok(public);
    }
    let Some(pass) = passphrase() else {
        return Err(err(&encrypted_without_passphrase("key", path)));
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(&e))?;
    let key = russh::keys::decode_secret_key(&text, Some(&pass))
        .map_err(|_| err(&format!("wrong passphrase for {}", path.display())))?;
    let t = key.public_key().to_openssh().map_err(|e| err(&e))?;
    Ok(t.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
}

/// One side of a pair: the parameter's name and its path.
#[derive(Clone, Copy)]
pub struct Named<'a> {
    pub name: &'a str,
    pub path: &'a Path,
}

/// The outcome of [`check_pair`].
#[derive(Debug, Clone)]
pub struct Pair {
    /// `type base64` of the public key.
    pub public: String,
    /// The private key needs a passphrase.
    pub encrypted: bool,
}

/// Check that `public` holds a public key, `private` a private key, and that they match.
/// `passphrase` is asked only for a legacy PEM key whose public half is encrypted too. Every
/// problem is returned, each naming its parameter and the fix.
pub fn check_pair(
    public: Named,
    private: Named,
    passphrase: &dyn Fn() -> Option<String>,
) -> Result<Pair, Vec<String>> {
    let mut problems = Vec::new();
    let pb = inspect(public.path);
    let pv = inspect(private.path);
    let swapped = matches!(
        (&pb, &pv),
        (
            Ok(KeyFile {
                kind: KeyKind::Private { .. },
                ..
            }),
            Ok(KeyFile {
                kind: KeyKind::Public,
                ..
            })
        )
    );
    if swapped {
        problems.push(format!(
            "parameters {} and {} are swapped: {} holds the private key and {} the public one; pass {}={} and {}={}",
            public.name,
            private.name,
            public.path.display(),
            private.path.display(),
            public.name,
            private.path.display(),
            private.name,
            public.path.display()
        ));
        return Err(problems);
    }
    // private key material in any form, where only public keys belong
    let private_in_public =
        std::fs::read(public.path).is_ok_and(|b| holds_private_key(&String::from_utf8_lossy(&b)));
    let pb = match pb {
        Ok(k) if k.kind == KeyKind::Public && !private_in_public => Some(k),
        Err(e) if !private_in_public => {
            problems.push(format!("parameter {}: {e}", public.name));
            None
        }
        _ => {
            problems.push(format!(
                "parameter {}: {} holds a PRIVATE key, not a public one (it is never sent to the VCC); give the public key file, e.g. {}.pub",
                public.name,
                public.path.display(),
                private.path.display()
            ));
            None
        }
    };
    let pv = match pv {
        Ok(k) if k.kind != KeyKind::Public => Some(k),
        Ok(_) => {
            let stem = private.path.display().to_string();
            problems.push(format!(
                "parameter {}: {} is a public key; give the private key file, e.g. {}",
                private.name,
                stem,
                stem.strip_suffix(".pub").unwrap_or("~/.ssh/id_ed25519")
            ));
            None
        }
        Err(e) => {
            problems.push(format!("parameter {}: {e}", private.name));
            None
        }
    };
    let (Some(pb), Some(pv)) = (pb, pv) else {
        return Err(problems);
    };
    let encrypted = matches!(pv.kind, KeyKind::Private { encrypted: true });
    let derived = match pv.public.clone() {
        Some(p) => p,
        None => {
            // legacy encrypted PEM: only the passphrase reveals the public half
            let Some(pass) = passphrase() else {
                return Err(vec![encrypted_without_passphrase(
                    private.name,
                    private.path,
                )]);
            };
            let text = std::fs::read_to_string(private.path).unwrap_or_default();
            match russh::keys::decode_secret_key(&text, Some(&pass)) {
                Ok(k) => public_text(k.public_key()).unwrap_or_default(),
                Err(_) => {
                    return Err(vec![format!(
                        "parameter {}: wrong passphrase for {} (CWH_PARAM_SSH_KEY_PASSPHRASE or the prompt)",
                        private.name,
                        private.path.display()
                    )]);
                }
            }
        }
    };
    let public_key = pb.public.unwrap_or_default();
    if derived != public_key {
        return Err(vec![format!(
            "parameters {}/{}: {} does not match {}; give the two halves of one pair (`ssh-keygen -y -f {}` prints the private key's public key)",
            private.name,
            public.name,
            private.path.display(),
            public.path.display(),
            private.path.display()
        )]);
    }
    Ok(Pair {
        public: public_key,
        encrypted,
    })
}

/// Every problem with a key pair given as parameters (`[]`: fine): those of [`check_pair`],
/// then, for an encrypted private key, whether it is usable now (see [`encrypted_problems`];
/// ssh-agent counts when `SSH_AUTH_SOCK` is set).
pub fn pair_problems(
    public: Named,
    private: Named,
    passphrase: &dyn Fn() -> Option<String>,
) -> Vec<String> {
    match check_pair(public, private, passphrase) {
        Err(p) => p,
        Ok(pair) if pair.encrypted => encrypted_problems(
            private.name,
            private.path,
            passphrase(),
            std::env::var_os("SSH_AUTH_SOCK").is_some(),
        ),
        Ok(_) => vec![],
    }
}

/// An encrypted private key is usable with its passphrase (checked now, so a wrong one stops
/// the run before anything is created) or through ssh-agent (`agent`).
pub fn encrypted_problems(
    name: &str,
    path: &Path,
    passphrase: Option<String>,
    agent: bool,
) -> Vec<String> {
    match passphrase {
        Some(pass) => {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            match russh::keys::decode_secret_key(&text, Some(&pass)) {
                Ok(_) => vec![],
                Err(_) => vec![format!(
                    "parameter {name}: the passphrase given (CWH_PARAM_SSH_KEY_PASSPHRASE or the prompt) does not decrypt {}",
                    path.display()
                )],
            }
        }
        None if agent => vec![],
        None => vec![encrypted_without_passphrase(name, path)],
    }
}

/// The message for an encrypted private key and no way to decrypt it.
pub fn encrypted_without_passphrase(name: &str, path: &Path) -> String {
    format!(
        "parameter {name}: {} is encrypted and no passphrase is available: set CWH_PARAM_SSH_KEY_PASSPHRASE in the environment, load the key into ssh-agent (ssh-add {0}, with SSH_AUTH_SOCK set), or run in a terminal to be prompted",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keygen(dir: &Path, name: &str, pass: &str) -> PathBuf {
        let p = dir.join(name);
        let st = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", pass, "-C", "t", "-f"])
            .arg(&p)
            .status()
            .expect("ssh-keygen");
        assert!(st.success());
        p
    }

    #[test]
    fn markers_raw_and_base64() {
        let pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
        assert!(holds_private_key(pem));
        let b = base64::engine::general_purpose::STANDARD.encode(pem);
        assert!(holds_private_key(&format!("AUTHORIZED_KEYS={b}")));
        // twice encoded, and wrapped
        let b2 = base64::engine::general_purpose::STANDARD.encode(&b);
        assert!(holds_private_key(&b2));
        let wrapped: String = b
            .as_bytes()
            .chunks(64)
            .map(|c| format!("{}\n", String::from_utf8_lossy(c)))
            .collect();
        assert!(holds_private_key(&wrapped));
        assert!(holds_private_key("-----BEGIN RSA PRIVATE KEY-----"));
        assert!(holds_private_key("PuTTY-User-Key-File-3: ssh-ed25519"));
        let public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd1yDvQZ8X2ssm9W1mI8U2qL0Qp6v4DzAjsx2v9k9Yf me@host";
        assert!(!holds_private_key(public));
        let pb = base64::engine::general_purpose::STANDARD.encode(public);
        assert!(!holds_private_key(&format!("AUTHORIZED_KEYS={pb}")));
    }

    #[test]
    fn pairs_swapped_mismatched_garbage_encrypted() {
        let d = tempfile::tempdir().unwrap();
        let a = keygen(d.path(), "a", "");
        let b = keygen(d.path(), "b", "");
        let e = keygen(d.path(), "e", "secret pass");
        let pubf = |p: &Path| p.with_extension("pub");
        fn n<'a>(name: &'a str, path: &'a Path) -> Named<'a> {
            Named { name, path }
        }
        let none = || None;
        // the pair
        let ok = check_pair(n("pub", &pubf(&a)), n("priv", &a), &none).unwrap();
        assert!(!ok.encrypted && ok.public.starts_with("ssh-ed25519 "));
        // swapped
        let err = check_pair(n("pub", &a), n("priv", &pubf(&a)), &none).unwrap_err();
        assert!(err[0].contains("swapped"), "{err:?}");
        // mismatched
        let err = check_pair(n("pub", &pubf(&b)), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("does not match"), "{err:?}");
        // a private key as both
        let err = check_pair(n("pub", &a), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("holds a PRIVATE key"), "{err:?}");
        // garbage
        let g = d.path().join("g");
        std::fs::write(&g, "hello\n").unwrap();
        let err = check_pair(n("pub", &g), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("not an SSH key file"), "{err:?}");
        let err = check_pair(n("pub", &pubf(&a)), n("priv", &g), &none).unwrap_err();
        assert!(err[0].contains("parameter priv"), "{err:?}");
        // encrypted OpenSSH keys match without their passphrase, and say they are encrypted
        let asked = std::cell::Cell::new(false);
        let ask = || {
            asked.set(true);
            None
        };
        let ok = check_pair(n("pub", &pubf(&e)), n("priv", &e), &ask).unwrap();
        assert!(ok.encrypted);
        assert!(!asked.get(), "asked for a passphrase it did not need");
        // a public key file with private material is refused by read_public
        assert!(read_public(&pubf(&a)).is_ok());
        assert!(matches!(
            read_public(&a),
            Err(KeyFileError::PrivateNotPublic { .. })
        ));
        // missing
        let err =
            check_pair(n("pub", &d.path().join("nope.pub")), n("priv", &a), &none).unwrap_err();
        assert!(err[0].contains("cannot read key file"), "{err:?}");
    }

    #[test]
    fn public_key_of_public_private_and_encrypted_files() {
        let d = tempfile::tempdir().unwrap();
        let a = keygen(d.path(), "a", "");
        let e = keygen(d.path(), "e", "secret pass");
        let never = || -> Option<String> { panic!("asked for a passphrase it did not need") };
        let public = public_key(&a.with_extension("pub"), &never).unwrap();
        assert!(public.starts_with("ssh-ed25519 ") && !public.ends_with(" t"));
        assert_eq!(public_key(&a, &never).unwrap(), public);
        // an encrypted OpenSSH key shows its public half without the passphrase
        let pe = public_key(&e, &never).unwrap();
        assert_eq!(pe, public_key(&e.with_extension("pub"), &never).unwrap());
        let g = d.path().join("g");
        std::fs::write(&g, "hello\n").unwrap();
        let err = public_key(&g, &never).unwrap_err();
        assert!(err.message.contains("not an SSH key file"), "{err}");
        let err = public_key(&d.path().join("nope"), &never).unwrap_err();
        assert!(err.message.contains("cannot read key file"), "{err}");
        use miette::Diagnostic;
        assert_eq!(err.code().unwrap().to_string(), "cwh::ssh::key");
    }

    #[test]
    fn an_encrypted_key_is_usable_with_its_passphrase_or_an_agent() {
        let d = tempfile::tempdir().unwrap();
        let e = keygen(d.path(), "e", "secret pass");
        let p = |pass: Option<&str>, agent| {
            encrypted_problems("priv", &e, pass.map(str::to_string), agent)
        };
        assert!(p(Some("secret pass"), false).is_empty());
        let wrong = p(Some("wrong"), true);
        assert!(
            wrong[0].starts_with("parameter priv: the passphrase given"),
            "{wrong:?}"
        );
        assert!(wrong[0].contains("does not decrypt"), "{wrong:?}");
        assert!(p(None, true).is_empty());
        let none = p(None, false);
        assert_eq!(none, vec![encrypted_without_passphrase("priv", &e)]);
        // a plain pair has no problem, and no passphrase is asked for
        let a = keygen(d.path(), "a", "");
        let named = |name, path| Named { name, path };
        let never = || -> Option<String> { panic!("asked for a passphrase it did not need") };
        let pb = a.with_extension("pub");
        assert!(pair_problems(named("pub", &pb), named("priv", &a), &never).is_empty());
        let swapped = pair_problems(named("pub", &a), named("priv", &pb), &never);
        assert!(swapped[0].contains("swapped"), "{swapped:?}");
    }
}
